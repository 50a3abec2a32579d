//! The installed command as a user meets it: exit statuses, standard input, colour by
//! the environment, 80 columns, JSON errors, and pipes closed early.

use std::io::{Read, Write};
use std::process::{Command, Output, Stdio};

fn command() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_bootmem-history"));
    // The tests decide colour and width themselves.
    c.env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .env_remove("COLUMNS");
    c
}

fn run(args: &[&str]) -> Output {
    command().args(args).output().expect("the command runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn run_exits_by_how_the_boot_ended() {
    let done = run(&["run", "2.6.12"]);
    assert_eq!(done.status.code(), Some(0), "{}", text(&done.stderr));
    let bug = run(&["run", "2.6.12", "spec_example"]);
    assert_eq!(bug.status.code(), Some(3));
    assert!(text(&bug.stdout).contains("kernel BUG at mm/bootmem.c:213!"));
    let unknown = run(&["run", "2.2.26"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).starts_with("error: release '2.2.26' is not covered."));
}

#[test]
fn a_stable_release_with_no_published_text_says_whose_text_it_runs() {
    let aliased = run(&["run", "2.6.12.3", "spec_example"]);
    // The note is wrapped to the width; read it as one line.
    let said = text(&aliased.stderr)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        said.starts_with("note: 2.6.12.3 is a stable release whose text no repository"),
        "{said}"
    );
    assert!(said.contains("runs 2.6.12's text"), "{said}");
    // The same trace as 2.6.12's own, and nothing said where the text is its own.
    let own = run(&["run", "2.6.12", "spec_example"]);
    assert_eq!(aliased.stdout, own.stdout);
    assert_eq!(text(&own.stderr), "");
    let json = run(&["run", "2.6.12.3", "spec_example", "--format", "json"]);
    assert_eq!(text(&json.stderr), "");
}

#[test]
fn standard_input_is_a_scenario_and_its_errors_are_located() {
    let mut child = command()
        .args(["run", "2.6.12", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the command runs");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(b"arch i386\ninit_bootmem_node(0, 0x10, 0x0, 0x4zz0)\n")
        .expect("the scenario is written");
    drop(stdin);
    let out = child.wait_with_output().expect("the command ends");
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("--> stdin:2:33"), "{err}");
    assert!(
        err.contains("|                                 ^^^^^^\n"),
        "{err}"
    );
}

#[test]
fn json_errors_are_an_object_on_standard_output() {
    let out = run(&["run", "2.9", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["errors"][0]["kind"], "unknown_release");
    let out = run(&["dif", "--format=json"]);
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["errors"][0]["kind"], "usage");
}

#[test]
fn colour_follows_the_option_and_the_environment() {
    let args = ["diff", "2.6.14", "2.6.15", "spec_example"];
    let piped = run(&args);
    assert!(!text(&piped.stdout).contains('\x1b'));
    let forced = command()
        .args(args)
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(text(&forced.stdout).contains('\x1b'));
    let refused = command()
        .args(args)
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!text(&refused.stdout).contains('\x1b'));
    let always = run(&[
        "--color",
        "always",
        "diff",
        "2.6.14",
        "2.6.15",
        "spec_example",
    ]);
    assert!(text(&always.stdout).contains('\x1b'));
}

#[test]
fn text_fits_80_columns_by_default_and_the_width_asked() {
    for args in [
        vec!["run", "2.6.12"],
        vec!["run", "2.4.0", "spec_example"],
        vec!["diff", "2.4.0", "2.6.16", "spec_example"],
        vec!["bisect", "node_fallback"],
        vec!["releases"],
        vec!["scenarios"],
        vec!["--help"],
    ] {
        let out = run(&args);
        let longest = text(&out.stdout).lines().map(|l| l.chars().count()).max();
        assert!(longest.is_some_and(|l| l <= 80), "{args:?}: {longest:?}");
    }
    let wide = run(&["run", "2.6.12", "--width", "200"]);
    assert!(text(&wide.stdout).lines().any(|l| l.chars().count() > 100));
}

#[test]
fn a_pipe_closed_early_is_not_a_crash() {
    let mut child = command()
        .args(["run", "2.4.0", "large_machine_64g"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the command runs");
    // Read one byte, then close the pipe, as `| head -c1` does.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut one = [0u8; 1];
    let _ = stdout.read(&mut one);
    drop(stdout);
    let out = child.wait_with_output().expect("the command ends");
    assert_ne!(out.status.code(), Some(101), "{}", text(&out.stderr));
    assert!(!text(&out.stderr).contains("panicked"));
}

#[test]
fn usage_names_the_command_and_offers_near_names() {
    let out = run(&["run", "2.6.12", "--colr", "never"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("a similar argument exists: '--color'"),
        "{err}"
    );
    assert!(err.contains("Usage: bootmem-history run"), "{err}");
    let version = run(&["--version"]);
    assert_eq!(
        text(&version.stdout).trim(),
        format!("bootmem-history {}", env!("CARGO_PKG_VERSION"))
    );
    let man = run(&["man"]);
    assert!(text(&man.stdout).starts_with(".ie"));
    let bash = run(&["completions", "bash"]);
    assert!(
        text(&bash.stdout).contains("_bootmem-history()")
            || text(&bash.stdout).contains("_bootmem__history()")
    );
}

#[test]
fn pictures_exit_as_their_text_form_and_the_rest_refuse_them() {
    let bug = run(&["run", "2.6.12", "spec_example", "--format", "html"]);
    assert_eq!(bug.status.code(), Some(3));
    let page = text(&bug.stdout);
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    assert!(page.contains("BUG :213"));
    let differ = run(&[
        "diff",
        "2.4.22",
        "2.6.12",
        "no_fit_node_bug",
        "--format",
        "svg",
    ]);
    assert_eq!(differ.status.code(), Some(1), "{}", text(&differ.stderr));
    assert!(text(&differ.stdout).starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg"));
    let bisect = run(&["bisect", "spec_example", "--format=svg"]);
    assert_eq!(bisect.status.code(), Some(0), "{}", text(&bisect.stderr));
    assert!(text(&bisect.stdout).contains("on every release"));
    for args in [
        &["releases", "--format", "html"][..],
        &["diff", "--format", "svg"][..],
        &["diff", "2.6.14", "2.6.15", "--format", "html"][..],
    ] {
        let refused = run(args);
        assert_eq!(refused.status.code(), Some(2), "{args:?}");
        assert!(refused.stdout.is_empty(), "{args:?}");
        assert!(
            text(&refused.stderr).contains("picture"),
            "{args:?}: {}",
            text(&refused.stderr)
        );
    }
}

#[test]
fn explain_steps_through_one_call_and_exits_as_it_ended() {
    let out = run(&[
        "explain",
        "2.6.12",
        "scan_past_bitmap_ff",
        "12",
        "--width",
        "300",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("find_next_zero_bit(map, size 0x40, offset 0x0) = 0x40"));
    assert!(stdout.contains("test_bit(0x40) = set"), "{stdout}");
    let out = run(&["explain", "2.4.22", "scan_past_bitmap_ff", "12"]);
    assert_eq!(out.status.code(), Some(4));
    let out = run(&["explain", "2.6.12", "spec_example", "9", "--format", "json"]);
    assert_eq!(out.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["line"], 9);
    assert_eq!(v["stop"]["kind"], "bug");
    assert_eq!(v["stop"]["at"], 213);
    assert!(v["steps"].as_array().is_some_and(|s| !s.is_empty()));
}

#[test]
fn explain_refuses_a_line_without_a_call_with_its_location() {
    let out = run(&["explain", "2.6.12", "subpage_packing", "3"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("error: line 3 holds no call to step through; the nearest call is on line 5"),
        "{err}"
    );
    assert!(
        err.contains("--> subpage_packing.boot (bundled):3:1"),
        "{err}"
    );
    assert!(err.contains("arch x86_64"), "{err}");
    let out = run(&[
        "explain",
        "2.6.12",
        "subpage_packing",
        "400",
        "--width",
        "300",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains(
            "subpage_packing.boot (bundled):400:1: line 400 is past the end of the scenario"
        ),
        "{err}"
    );
    let out = run(&[
        "explain",
        "2.6.12",
        "subpage_packing",
        "3",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["errors"][0]["kind"], "no_call");
    assert_eq!(v["errors"][0]["line"], 3);
    let out = run(&[
        "explain",
        "2.6.12",
        "subpage_packing",
        "400",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        v["errors"][0]["message"],
        "line 400 is past the end of the scenario, which has 21 lines"
    );
}

#[test]
fn run_steps_explains_every_call() {
    let out = run(&[
        "run",
        "--steps",
        "2.4.22",
        "scan_past_bitmap_ff",
        "--width",
        "300",
    ]);
    assert_eq!(out.status.code(), Some(4));
    let stdout = text(&out.stdout);
    let calls = stdout
        .lines()
        .filter(|l| l.starts_with("2.4.22 on x86_64, scan_past_bitmap_ff.boot (bundled) line "))
        .count();
    assert_eq!(calls, 5, "{stdout}");
    assert!(stdout.contains(
        "test_bit on bits 0x0-0x3f (from pfn 0x0): 64 tests; no clear bit below eidx 0x40"
    ));
    let out = run(&[
        "run",
        "--steps",
        "2.6.12",
        "scan_past_bitmap_ff",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v[0].as_array().map(Vec::len), Some(5));
}

/// A made-up unpacked tree (our own lines of C, no kernel text) whose `BUG_ON` stands
/// at 2.6.12's line 213.
fn fake_tree(name: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("bootmem-cli-source-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("mm")).expect("the tree is made");
    let mut c = vec![
        "static void *__alloc_bootmem_core(struct fake *b)".to_string(),
        "{".to_string(),
    ];
    while c.len() < 212 {
        c.push(format!("\t/* filler {} */", c.len() + 1));
    }
    c.push("\tBUG_ON(b->made_up);".to_string());
    c.push("}".to_string());
    std::fs::write(dir.join("mm/bootmem.c"), c.join("\n")).expect("the file is written");
    std::fs::write(
        dir.join("Makefile"),
        "VERSION = 2\nPATCHLEVEL = 6\nSUBLEVEL = 12\nEXTRAVERSION =\n",
    )
    .expect("the Makefile is written");
    dir
}

#[test]
fn source_shows_the_bug_line_from_the_option_or_the_environment() {
    let dir = fake_tree("run");
    let path = dir.to_str().expect("a UTF-8 temporary path");
    let by_option = run(&["run", "2.6.12", "spec_example", "--source", path]);
    assert_eq!(by_option.status.code(), Some(3));
    let text_out = text(&by_option.stdout);
    assert!(
        text_out.contains("mm/bootmem.c:213 in __alloc_bootmem_core()"),
        "{text_out}"
    );
    assert!(
        text_out.contains(">   213 |         BUG_ON(b->made_up);"),
        "{text_out}"
    );
    let by_env = command()
        .args(["run", "2.6.12", "spec_example"])
        .env("BOOTMEM_HISTORY_SOURCE", &dir)
        .output()
        .expect("the command runs");
    assert_eq!(text(&by_env.stdout), text_out);
    // JSON is the trace alone.
    let json = run(&[
        "run",
        "2.6.12",
        "spec_example",
        "--source",
        path,
        "--format",
        "json",
    ]);
    assert!(!text(&json.stdout).contains("BUG_ON"));
    // Without a tree the output is as before.
    let plain = command()
        .args(["run", "2.6.12", "spec_example"])
        .env_remove("BOOTMEM_HISTORY_SOURCE")
        .output()
        .expect("the command runs");
    assert!(!text(&plain.stdout).contains("source of"));
    let diff = run(&["diff", "2.6.12", "2.6.15", "spec_example", "--source", path]);
    let diff_out = text(&diff.stdout);
    assert!(
        diff_out.contains("source of 2.6.12 and 2.6.15"),
        "{diff_out}"
    );
    assert!(
        diff_out.contains("commit 66d43e98 is not in the source tree"),
        "{diff_out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
    let missing = run(&["run", "2.6.12", "--source", path]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        text(&missing.stderr).contains("is neither a git clone"),
        "{}",
        text(&missing.stderr)
    );
}

#[test]
fn a_clone_without_git_to_read_it_is_reported() {
    // A directory shaped as a bare clone, and a PATH where no git is found.
    let dir = std::env::temp_dir().join(format!("bootmem-cli-nogit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("objects")).expect("the directory is made");
    std::fs::write(dir.join("HEAD"), "ref: refs/heads/main\n").expect("HEAD is written");
    let out = command()
        .args(["run", "2.6.12", "--source"])
        .arg(&dir)
        .env("PATH", &dir)
        .output()
        .expect("the command runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("the source tree is a git clone, and git could not be run"),
        "{err}"
    );
}
