//! The exit statuses, one meaning each, the same for every command.
//!
//! | status | meaning |
//! |---|---|
//! | 0 | done: every boot completed, the traces compared are identical, or a report (tour, bisection, list) was printed |
//! | 1 | `diff`: the two named releases differ |
//! | 2 | a usage or input error: a bad argument, an unknown release, a file that cannot be read or parsed, a machine too large to simulate |
//! | 3 | `run`: the boot stopped at a `BUG()` |
//! | 4 | `run`: the boot stopped at a `panic()` |
//! | 5 | `run`: the boot stopped at an oops |
//! | 6 | `run`: the boot hangs (an endless loop, found and reported) |
//! | 7 | `run`: the boot called something the release lacks |
//! | 8 | `run`: the boot reached a limit of the simulator |
//!
//! With several scenarios, `run` exits with the status of the first that stopped;
//! `explain` exits with the status of the call it steps through (3 to 8 when that call
//! stops the boot).

use bootmem_core::Stop;
use bootmem_history::run::Trace;
use std::process::ExitCode;

/// Everything went as asked.
pub const SUCCESS: u8 = 0;
/// `diff`: the releases differ.
pub const DIFFER: u8 = 1;
/// A usage or input error.
pub const USAGE: u8 = 2;
/// The boot stopped at a `BUG()`.
pub const BUG: u8 = 3;
/// The boot stopped at a `panic()`.
pub const PANIC: u8 = 4;
/// The boot stopped at an oops.
pub const OOPS: u8 = 5;
/// The boot hangs.
pub const HANG: u8 = 6;
/// The boot called something the release lacks.
pub const UNAVAILABLE: u8 = 7;
/// The boot reached a limit of the simulator.
pub const LIMIT: u8 = 8;

/// The status a trace ends with: [`SUCCESS`] when every call returned, else its stop's.
pub fn of_trace(t: &Trace) -> u8 {
    t.stop().map_or(SUCCESS, |(_, s)| of_stop(s))
}

/// The status a stop gives.
pub fn of_stop(stop: &Stop) -> u8 {
    match stop {
        Stop::Bug { .. } => BUG,
        Stop::Panic { .. } => PANIC,
        Stop::Oops { .. } => OOPS,
        Stop::Hang { .. } => HANG,
        Stop::Unavailable { .. } => UNAVAILABLE,
        Stop::Limit { .. } => LIMIT,
    }
}

/// As a process's exit code.
pub fn code(status: u8) -> ExitCode {
    ExitCode::from(status)
}
