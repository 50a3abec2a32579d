//! `cargo xtask`: the `bootmem-history` command (crates/cli) inside the repository, so
//! that a clone runs it without installing anything. Usage shows `cargo xtask`. One
//! task of its own: `cargo xtask screenshot PAGE.html [OUT.png]` photographs a picture
//! page with a headless browser, where one is installed.

mod screenshot;

fn main() -> std::process::ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "screenshot") {
        return screenshot::main(&args[2..]);
    }
    bootmem_cli::main(Some("cargo xtask"))
}
