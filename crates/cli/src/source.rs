//! `--source DIR` (or `BOOTMEM_HISTORY_SOURCE`), which `run`, `diff` and `bisect` share:
//! the kernel tree whose lines of C the text output shows.

use crate::output::{Output, Problem};
use bootmem_history::source::{SourceTree, SOURCE_VARIABLE};
use std::path::PathBuf;
use std::process::ExitCode;

/// The option.
#[derive(clap::Args, Debug, Default)]
pub struct SourceArgs {
    /// A kernel tree to show the release's own lines of C from: a git clone of
    /// linux-history or linux-2.6 (bare or not; read with the `git` command, no
    /// checkout), or an unpacked release tarball. Default: $BOOTMEM_HISTORY_SOURCE.
    /// Text output only.
    #[arg(long, value_name = "DIR")]
    source: Option<PathBuf>,
}

impl SourceArgs {
    /// Whether `--source` itself was given (not only the environment variable).
    pub fn given(&self) -> bool {
        self.source.is_some()
    }

    /// The tree named by the option or the environment, opened; `Ok(None)` when
    /// neither names one, `Err` with the exit status when it cannot be opened.
    pub fn open(&self, out: &Output) -> Result<Option<SourceTree>, ExitCode> {
        let dir = self.source.clone().or_else(|| {
            std::env::var_os(SOURCE_VARIABLE)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        });
        let Some(dir) = dir else {
            return Ok(None);
        };
        SourceTree::open(&dir)
            .map(Some)
            .map_err(|p| out.fail(vec![Problem::usage(format!("--source: {p}"))]))
    }
}
