//! The library's one error type: every public fallible function returns [`Error`].
//!
//! Each variant carries its facts as data; `Display` writes them as a sentence without
//! an `error:` prefix, which the caller adds where it prints. Parse errors render as
//! located diagnostics, one per malformed line.

use crate::parse::ParseErrors;
use crate::versions::UnknownVersion;
use bootmem_core::MAX_NODE_PAGES;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// Why the library could not do what was asked.
#[derive(Clone, Debug)]
pub enum Error {
    /// The scenario text is malformed: every bad line, located.
    Parse(ParseErrors),
    /// The scenario asks for a machine larger than the simulator holds.
    TooLarge(TooLarge),
    /// No version crate answers to the release name.
    UnknownRelease(UnknownVersion),
    /// The line given to `explain` has no call that runs.
    NoCall(crate::explain::NoCall),
    /// A scenario file or folder could not be read.
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        error: Arc<std::io::Error>,
    },
}

/// A scenario whose nodes span more page frames than the simulator keeps state for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooLarge {
    /// The scenario file.
    pub file: String,
    /// The line of the node that passes the limit.
    pub line: usize,
    /// The column of the call on that line.
    pub column: usize,
    /// The frames all nodes up to that line span.
    pub total: u128,
    /// The frames that node spans.
    pub node: u64,
    /// `PAGE_SHIFT` of the machine, to say the limit in bytes.
    pub page_shift: u32,
    /// When the node's end pfn lies below its start pfn: (startpfn, endpfn) as the
    /// machine's `unsigned long`s, so that the message can say why the span is huge.
    pub reversed: Option<(u64, u64)>,
}

impl TooLarge {
    /// Why the scenario is refused, without its location.
    pub fn reason(&self) -> String {
        let limit = format!(
            "the {} ({} GiB of {} KiB pages) the simulator holds",
            MAX_NODE_PAGES,
            (MAX_NODE_PAGES << self.page_shift) >> 30,
            (1u64 << self.page_shift) >> 10
        );
        if let Some((start, end)) = self.reversed {
            return format!(
                "endpfn {end:#x} is below startpfn {start:#x}; the kernel computes the span \
                 endpfn - startpfn as an unsigned long, which wraps to {} page frames, more \
                 than {limit}",
                self.node
            );
        }
        format!(
            "the nodes would span {} page frames in all (this node {}), more than {limit}, \
             the largest machine it simulates",
            self.total, self.node
        )
    }
}

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file,
            self.line,
            self.column,
            self.reason()
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Parse(e) => e.fmt(f),
            Error::TooLarge(e) => e.fmt(f),
            Error::UnknownRelease(e) => e.fmt(f),
            Error::NoCall(e) => e.fmt(f),
            Error::Io { path, error } => write!(f, "cannot read {}: {error}", path.display()),
        }
    }
}

impl std::error::Error for Error {}

/// Two I/O errors are equal when they concern the same path and are of one kind.
impl PartialEq for Error {
    fn eq(&self, other: &Error) -> bool {
        match (self, other) {
            (Error::Parse(a), Error::Parse(b)) => a == b,
            (Error::TooLarge(a), Error::TooLarge(b)) => a == b,
            (Error::UnknownRelease(a), Error::UnknownRelease(b)) => a == b,
            (Error::NoCall(a), Error::NoCall(b)) => a == b,
            (Error::Io { path: p, error: e }, Error::Io { path: q, error: f }) => {
                p == q && e.kind() == f.kind()
            }
            _ => false,
        }
    }
}

impl Eq for Error {}

impl From<ParseErrors> for Error {
    fn from(e: ParseErrors) -> Error {
        Error::Parse(e)
    }
}

/// Reads and parses one scenario file; it is named in messages as `path` is written.
/// Bytes that are not UTF-8 are a located parse error, not an I/O error.
pub fn load(path: &std::path::Path) -> Result<crate::parse::Scenario, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        error: Arc::new(e),
    })?;
    crate::parse::parse_bytes(&path.display().to_string(), &bytes)
}
