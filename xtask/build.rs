//! Links `cargo xtask` as the installed command is linked (`crates/cli/build.rs`): at a
//! fixed address on Linux with glibc, so that a start does not apply thousands of
//! relocations.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
