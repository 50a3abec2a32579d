//! `cargo xtask`: the `bootmem-history` command (crates/cli) inside the repository, so
//! that a clone runs it without installing anything. Usage shows `cargo xtask`.

fn main() -> std::process::ExitCode {
    bootmem_cli::main(Some("cargo xtask"))
}
