//! Comparisons as text: one diff, a bisection, and the tour's matrix with a paragraph
//! per pair. The text is plain unless the caller asks for colour through [`Style`]; the
//! caller decides (a terminal, `--color`), the library only paints.
//!
//! The code lives with what it renders: the shared prose in `prose.rs`, the text of one
//! diff in `diff/text.rs` (a node's map in `diff/map_text.rs`), and that of a bisection
//! and of the tour in `compare/text.rs`. This module keeps their public names in one
//! place.

pub use crate::compare::text::{bisect, pair_paragraph, tour};
pub use crate::diff::text::{comparison, diff};
pub use crate::prose::{commit_line, fit, outcome_text, Style, SNAPSHOT_WIDTH};
