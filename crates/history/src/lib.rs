//! Parses `.boot` scenarios, runs them on every re-created release, and renders traces.
//!
//! - [`error`]: the one error type of the library.
//! - [`parse`]: the scenario language, with located errors.
//! - [`versions`]: the registry of releases and their aliases.
//! - [`expect`]: the `# expect` lines of a scenario, checked against a trace.
//! - [`run`]: one scenario on one release, giving a [`run::Trace`].
//! - [`explain`]: one call of a scenario step by step, as the release's code took it.
//! - [`render`] and [`json`]: the readable trace and the JSON model (the spec's trace
//!   and the pieces every command's JSON shares).
//! - [`catalog`]: the covered releases as the `releases` command lists them.
//! - [`diff`]: two traces of one scenario compared, with the commits that explain
//!   where they part; [`compare`] runs the comparisons (two releases, every step of
//!   history, the tour of the bundled corpus); [`diff_text`] and [`diff_json`] render
//!   them. The text lives with what it renders (`diff/text.rs`, `compare/text.rs`) and
//!   shares its prose (style, wrapping, commit citations) through the private `prose`
//!   module.
//! - [`picture`]: runs, diffs and bisections drawn as self-contained SVG or HTML.
//! - [`source`]: the release's own lines of C, read from a kernel tree the user
//!   brings, for every BUG, panic, printk and marked code path a run reaches.

pub mod catalog;
pub mod check;
pub mod compare;
pub mod diff;
pub mod diff_json;
pub mod diff_text;
pub mod error;
pub mod expect;
pub mod explain;
pub mod json;
pub mod parse;
pub mod picture;
mod prose;
pub mod render;
pub mod run;
pub mod source;
pub mod versions;

/// The bundled default scenario: an i386 PC booted as `setup_memory()` does it.
pub const DEFAULT_SCENARIO: &str = include_str!("../../../tests/scenarios/i386_pc.boot");

/// The file name shown for the bundled default scenario.
pub const DEFAULT_SCENARIO_NAME: &str = "i386_pc.boot (bundled)";

pub use error::Error;
