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
    /// The frames all nodes up to that line span.
    pub total: u128,
    /// The frames that node spans.
    pub node: u64,
    /// `PAGE_SHIFT` of the machine, to say the limit in bytes.
    pub page_shift: u32,
}

impl TooLarge {
    /// Why the scenario is refused, without its location.
    pub fn reason(&self) -> String {
        format!(
            "the nodes would span {} page frames in all (this node {}), more than the \
             {} ({} GiB of {} KiB pages) the simulator holds: it keeps a bitmap and a \
             struct page state for every frame",
            self.total,
            self.node,
            MAX_NODE_PAGES,
            (MAX_NODE_PAGES << self.page_shift) >> 30,
            (1u64 << self.page_shift) >> 10
        )
    }
}

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.reason())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Parse(e) => e.fmt(f),
            Error::TooLarge(e) => e.fmt(f),
            Error::UnknownRelease(e) => e.fmt(f),
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
pub fn load(path: &std::path::Path) -> Result<crate::parse::Scenario, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        error: Arc::new(e),
    })?;
    crate::parse::parse(&path.display().to_string(), &text)
}
