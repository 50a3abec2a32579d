//! The ways a boot can end early, as values: `BUG()`, `panic()`, an oops, an endless loop.

use crate::CallId;
use std::fmt;

/// Why a call did not return to its caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    /// `BUG()` or a failed `BUG_ON()` at a line of the release's source file.
    Bug {
        /// Source file, as the kernel's BUG message names it (`mm/bootmem.c`).
        file: &'static str,
        /// Line number in that release's file.
        line: u32,
    },
    /// `panic()` with its message.
    Panic {
        /// The formatted panic text.
        message: String,
    },
    /// A fault in kernel mode: a dereference of a NULL pointer, of an address the
    /// kernel does not map, or past the top of the address space.
    Oops {
        /// What was dereferenced, for the reader; the kernel would print registers.
        reason: String,
        /// The virtual address that faulted, when it is known and not NULL: the kernel
        /// then says "Unable to handle kernel paging request" instead of "NULL pointer
        /// dereference".
        address: Option<u64>,
        /// Which kind of address was dereferenced.
        fault: Fault,
    },
    /// An endless loop, found without running it forever.
    Hang {
        /// The C function that would never return.
        function: &'static str,
    },
    /// The release has no such call, or does not build it under this configuration.
    Unavailable {
        /// The call.
        call: CallId,
        /// Whether the release has the call but this configuration leaves it out
        /// (`CONFIG_DISCONTIGMEM`, an architecture's own definitions, an option the
        /// call needs). The kernel code reports the call missing; the run, which knows
        /// the release's list of calls, says which.
        configured: bool,
    },
    /// The simulator refuses to go on: the boot asks for more than it can hold.
    Limit {
        /// What limit was reached and why it exists.
        reason: String,
    },
}

/// What an oops dereferenced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// A NULL pointer (or a small offset from one).
    Null,
    /// An address that nothing maps: past the simulated memory's direct mapping, or
    /// past the end of a kernel array.
    Unmapped,
    /// An access that runs past the top of the virtual address space, where the
    /// addresses wrap to user space, unmapped during boot.
    PastTop,
}

/// The result of a simulated kernel function.
pub type KResult<T> = Result<T, Stop>;

impl Stop {
    /// `BUG()` at `line` of `mm/bootmem.c`.
    pub fn bug(line: u32) -> Stop {
        Stop::Bug {
            file: "mm/bootmem.c",
            line,
        }
    }

    /// `BUG()` at `line` of another file.
    pub fn bug_in(file: &'static str, line: u32) -> Stop {
        Stop::Bug { file, line }
    }

    /// `panic(message)`.
    pub fn panic(message: impl Into<String>) -> Stop {
        Stop::Panic {
            message: message.into(),
        }
    }

    /// A NULL dereference.
    pub fn oops(reason: impl Into<String>) -> Stop {
        Stop::Oops {
            reason: reason.into(),
            address: None,
            fault: Fault::Null,
        }
    }

    /// A fault on `address`, a kernel virtual address that nothing maps.
    pub fn paging_request(address: u64, reason: impl Into<String>) -> Stop {
        Stop::Oops {
            reason: reason.into(),
            address: Some(address),
            fault: Fault::Unmapped,
        }
    }

    /// A fault on an address that nothing maps, whose value the simulator does not
    /// model (memory past the end of a kernel array).
    pub fn unmapped(reason: impl Into<String>) -> Stop {
        Stop::Oops {
            reason: reason.into(),
            address: None,
            fault: Fault::Unmapped,
        }
    }

    /// A fault of an access that runs past the top of the address space.
    pub fn past_top(reason: impl Into<String>) -> Stop {
        Stop::Oops {
            reason: reason.into(),
            address: None,
            fault: Fault::PastTop,
        }
    }

    /// The call `name` does not exist here.
    pub fn unavailable(call: CallId) -> Stop {
        Stop::Unavailable {
            call,
            configured: false,
        }
    }

    /// The JSON `kind` of this stop.
    pub fn kind(&self) -> &'static str {
        match self {
            Stop::Bug { .. } => "bug",
            Stop::Panic { .. } => "panic",
            Stop::Oops { .. } => "oops",
            Stop::Hang { .. } => "hang",
            Stop::Unavailable { .. } => "unavailable",
            Stop::Limit { .. } => "limit",
        }
    }
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stop::Bug { file, line } => write!(f, "kernel BUG at {file}:{line}!"),
            Stop::Panic { message } => write!(f, "Kernel panic - not syncing: {message}"),
            Stop::Oops {
                reason,
                fault: Fault::Null,
                ..
            } => write!(f, "Oops: NULL pointer dereference ({reason})"),
            Stop::Oops {
                reason,
                address: Some(address),
                ..
            } => write!(
                f,
                "Oops: unable to handle kernel paging request at {address:#x} ({reason})"
            ),
            Stop::Oops {
                reason,
                fault: Fault::Unmapped,
                ..
            } => write!(
                f,
                "Oops: unable to handle kernel paging request at an address nothing maps \
                 ({reason})"
            ),
            Stop::Oops {
                reason,
                fault: Fault::PastTop,
                ..
            } => write!(
                f,
                "Oops: unable to handle kernel paging request past the top of the address \
                 space ({reason})"
            ),
            Stop::Hang { function } => write!(f, "endless loop in {function}()"),
            Stop::Unavailable {
                call,
                configured: false,
            } => write!(f, "{} does not exist in this release", call.name()),
            Stop::Unavailable {
                call,
                configured: true,
            } => write!(
                f,
                "{} is not built in this release with this configuration",
                call.name()
            ),
            Stop::Limit { reason } => write!(f, "not simulated: {reason}"),
        }
    }
}

/// Returns `Err(Stop::bug(line))` from the enclosing function when `cond` holds, as
/// `BUG_ON(cond)` does at that line of the release's `mm/bootmem.c`.
#[macro_export]
macro_rules! bug_on {
    ($cond:expr, $line:expr) => {
        if $cond {
            return Err($crate::Stop::bug($line));
        }
    };
}
