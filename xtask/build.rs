//! Links `cargo xtask` as the installed command is linked: at a fixed address on Linux
//! with glibc, so that a start does not apply thousands of relocations. The definition
//! is the command's own (`crates/cli/link_fixed.rs`).

#[path = "../crates/cli/link_fixed.rs"]
mod link;

fn main() {
    link::link_fixed();
}
