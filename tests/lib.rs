//! Helpers shared by the workspace-level tests: loading the scenario corpus, and the
//! random boot generator of the property tests.

pub mod random;

use bootmem_history::parse::{parse, Scenario};
use std::path::Path;

/// Parses one scenario of the corpus, by path.
pub fn load(path: &Path) -> Scenario {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path
        .strip_prefix(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .parent()
                .unwrap_or(Path::new("")),
        )
        .unwrap_or(path)
        .display()
        .to_string();
    parse(&name, &text).unwrap_or_else(|e| panic!("{e}"))
}
