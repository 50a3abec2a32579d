//! Builds the bundled scenarios into the command: every `tests/scenarios/*.boot` of the
//! workspace becomes a (name, text) entry of `bundled.rs` in `OUT_DIR`, with the text
//! embedded by `include_str!`, so an installed binary carries the corpus wherever it runs.
//! On Linux with glibc the command is also linked at a fixed address (`link_fixed.rs`).

use std::fmt::Write;
use std::path::Path;

#[path = "link_fixed.rs"]
mod link;

fn main() {
    link::link_fixed();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios");
    // A scenario added or removed changes the directory; an edit changes the file.
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "boot"))
            .collect(),
        // Built outside the workspace (a packaged copy), the command has no corpus.
        Err(_) => Vec::new(),
    };
    files.sort();
    let mut out =
        String::from("/// Every bundled scenario: its name and its text, sorted by name.\n");
    out.push_str("pub static BUNDLED: &[(&str, &str)] = &[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let Ok(full) = path.canonicalize() else {
            continue;
        };
        let _ = writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            full.display().to_string()
        );
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("bundled.rs");
    if let Err(e) = std::fs::write(&target, out) {
        println!("cargo:warning=cannot write {}: {e}", target.display());
        std::process::exit(1);
    }
}
