//! How the command's binaries are linked, defined once for the build scripts of
//! `crates/cli` and `xtask` (each takes it as a module), so that `cargo xtask` and the
//! installed command start alike.

/// Links the package's binaries at a fixed address rather than as position-independent
/// executables: the loader then has none of their thousands of relocations to apply at
/// every start, which was about a tenth of a short run (a 1,000-call JSON trace takes a
/// few milliseconds in all). Only where the toolchain is the usual GNU one.
pub fn link_fixed() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
