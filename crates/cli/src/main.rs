//! The `bootmem-history` binary: the command of the `bootmem_cli` library, under the
//! name it was invoked by.

fn main() -> std::process::ExitCode {
    bootmem_cli::main(None)
}
