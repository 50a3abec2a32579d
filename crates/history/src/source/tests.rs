//! Tests of the source view on small synthetic trees the tests write themselves: a
//! made-up `mm/bootmem.c` (our own few lines of C, no kernel text) in an unpacked
//! tree, and, where `git` is installed, a git repository with two tagged versions.
#![cfg(test)]

use super::c::{format_matches, CText};
use super::view::{diff_view, run_view};
use super::{places, refs_of, Kind, Problem, SourceTree};
use crate::diff::diff;
use crate::parse::parse;
use crate::prose::Style;
use crate::run::run;
use crate::versions;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A directory under the system's temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("bootmem-source-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn write(dir: &Path, path: &str, text: &str) {
    let file = dir.join(path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, text).unwrap();
}

/// A made-up `mm/bootmem.c`: the scan's search on line 4, the `BUG_ON` on `bug_line`,
/// and an allocator that logs and panics. With `stop_at_end`, the scan leaves the loop
/// when the search finds nothing (two more lines before the filler).
fn fake_bootmem_c(bug_line: usize, stop_at_end: bool) -> String {
    let mut lines = vec![
        "/* A made-up allocator for the source view's tests. */".to_string(),
        "static void *__alloc_bootmem_core(struct fake *b, unsigned long size)".to_string(),
        "{".to_string(),
        "\tunsigned long i = find_next_zero_bit(b->map, b->end, 0);".to_string(),
    ];
    if stop_at_end {
        lines.push("\tif (i >= b->end)".to_string());
        lines.push("\t\treturn NULL;".to_string());
    }
    while lines.len() < bug_line - 1 {
        lines.push(format!("\t/* filler {} */", lines.len() + 1));
    }
    lines.push("\tBUG_ON(i >= b->end); /* { not a brace } */".to_string());
    lines.extend(
        [
            "\treturn \"}\" ? NULL : NULL;",
            "}",
            "",
            "void *__alloc_bootmem_node(struct fake *n, unsigned long size)",
            "{",
            "\treturn __alloc_bootmem_core(n->b, size);",
            "}",
            "",
            "void *",
            "__alloc_bootmem(unsigned long size, unsigned long align)",
            "{",
            "\tvoid *p = __alloc_bootmem_core(first, size);",
            "\tif (p)",
            "\t\treturn p;",
            "\tprintk(KERN_ALERT \"bootmem alloc of %lu \"",
            "\t       \"bytes failed!\\n\", size);",
            "\tpanic(\"Out of memory\");",
            "}",
            "",
            "static unsigned long free_all_bootmem_core(struct fake *n)",
            "{",
            "\tint whole = ffs(n->start) > ffs(64);",
            "\treturn whole;",
            "}",
        ]
        .map(str::to_string),
    );
    lines.join("\n") + "\n"
}

const FAKE_BOOTMEM_H: &str = "\
/* A made-up header. */
#define alloc_bootmem(x) \\
\t__alloc_bootmem((x), 64)
";

fn makefile(sublevel: u32) -> String {
    format!("VERSION = 2\nPATCHLEVEL = 6\nSUBLEVEL = {sublevel}\nEXTRAVERSION =\nNAME = test\n")
}

fn unpacked(name: &str, sublevel: u32) -> TempDir {
    let dir = TempDir::new(name);
    write(&dir.0, "Makefile", &makefile(sublevel));
    write(&dir.0, "mm/bootmem.c", &fake_bootmem_c(213, false));
    write(&dir.0, "include/linux/bootmem.h", FAKE_BOOTMEM_H);
    dir
}

fn spec_example() -> crate::parse::Scenario {
    let text = include_str!("../../../../tests/scenarios/spec_example.boot");
    parse("spec_example.boot", text).unwrap()
}

#[test]
fn functions_macros_and_calls_are_found_in_code_only() {
    let c = CText::new(&fake_bootmem_c(20, false));
    let names: Vec<&str> = c.functions().iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "__alloc_bootmem_core",
            "__alloc_bootmem_node",
            "__alloc_bootmem",
            "free_all_bootmem_core"
        ]
    );
    let core = c.function("__alloc_bootmem_core").unwrap();
    assert_eq!(
        (core.name_line, core.first_line, core.last_line),
        (2, 2, 22)
    );
    // The return type on the line before the name belongs to the definition.
    let alloc = c.function("__alloc_bootmem").unwrap();
    assert_eq!((alloc.name_line, alloc.first_line), (30, 29));
    assert_eq!(
        c.function_at(20).map(|f| f.name.as_str()),
        Some("__alloc_bootmem_core")
    );
    let reach: Vec<&str> = c
        .reach("__alloc_bootmem")
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(reach, ["__alloc_bootmem", "__alloc_bootmem_core"]);
    assert_eq!(
        c.calls_of(alloc, "printk"),
        [(35, "bootmem alloc of %lu bytes failed!\n".to_string())]
    );
    assert_eq!(
        c.calls_of(alloc, "panic"),
        [(37, "Out of memory".to_string())]
    );
    assert_eq!(c.lines_with(core, "find_next_zero_bit"), [4]);
    let h = CText::new(FAKE_BOOTMEM_H);
    assert_eq!(
        h.macro_target("alloc_bootmem").as_deref(),
        Some("__alloc_bootmem")
    );
    assert_eq!(h.macro_target("alloc_bootmem_node"), None);
    assert_eq!(
        c.line(4),
        Some("\tunsigned long i = find_next_zero_bit(b->map, b->end, 0);")
    );
    assert_eq!(c.line(0), None);
    assert_eq!(c.line(10_000), None);
}

#[test]
fn formats_match_the_lines_they_print() {
    assert!(format_matches(
        "bootmem alloc of %lu bytes failed!\n",
        "bootmem alloc of 4096 bytes failed!"
    ));
    assert!(!format_matches(
        "bootmem alloc of %lu bytes failed!\n",
        "low bootmem alloc of 4096 bytes failed!"
    ));
    assert!(format_matches(
        "hm, page %08lx reserved twice.\n",
        "hm, page 00001000 reserved twice."
    ));
    assert!(format_matches("Out of memory", "Out of memory"));
    assert!(!format_matches("Out of memory", "Out of low memory"));
    assert!(format_matches("100%% of %d", "100% of 7"));
}

#[test]
fn every_marked_path_has_a_place() {
    for commit in bootmem_commits::COMMITS {
        for path in commit.paths {
            assert!(
                places::place(path).is_some(),
                "{} ({}) has no place in source/places.rs",
                path.what,
                commit.id
            );
        }
    }
    assert_eq!(
        places::placed().count(),
        bootmem_commits::COMMITS
            .iter()
            .map(|c| c.paths.len())
            .sum::<usize>()
    );
}

#[test]
fn refs_follow_the_trees_tags() {
    assert_eq!(refs_of("2.4.0"), ["2.4.0", "v2.4.0"]);
    assert_eq!(refs_of("2.6.12"), ["v2.6.12", "2.6.12"]);
    assert_eq!(
        refs_of("2.6.11"),
        [
            "v2.6.11",
            "2.6.11",
            "1274fcd685ec15f10261f48dc990367c2180d589"
        ]
    );
}

#[test]
fn an_unpacked_tree_shows_the_bug_line_and_the_path_that_ran() {
    let dir = unpacked("unpacked", 12);
    let tree = SourceTree::open(&dir.0).unwrap();
    assert_eq!(tree.kind, Kind::Unpacked(Some("2.6.12".to_string())));
    let release = versions::find("2.6.12").unwrap();
    let t = run(release, &spec_example()).unwrap();
    let view = run_view(&t, &tree, Style::PLAIN);
    assert!(
        view.contains("mm/bootmem.c:213 in __alloc_bootmem_core()"),
        "{view}"
    );
    assert!(view.contains(">   213 | "), "{view}");
    assert!(view.contains("BUG_ON(i >= b->end);"), "{view}");
    assert!(
        view.contains("line 9, __alloc_bootmem_node(0, 4096, 4096, 0): BUG"),
        "{view}"
    );
    // 79e626e1's scan, placed by its anchor.
    assert!(
        view.contains("mm/bootmem.c:4 in __alloc_bootmem_core()"),
        "{view}"
    );
    assert!(view.contains("79e626e1 tests the bit at eidx"), "{view}");
    // Three lines of context either side, numbered.
    assert!(
        view.contains("      210 | \t/* filler 210 */")
            || view.contains("      210 |         /* filler 210 */"),
        "{view}"
    );
    assert!(view.contains("      216 | "), "{view}");
    assert!(!view.contains("      217 | "), "{view}");
    assert!(!view.contains("warning"), "{view}");
}

#[test]
fn a_panic_and_its_printk_are_found_through_the_macro() {
    let dir = unpacked("panic", 12);
    let tree = SourceTree::open(&dir.0).unwrap();
    let release = versions::find("2.6.12").unwrap();
    let s = parse(
        "oom.boot",
        "arch x86_64\ninit_bootmem_node(0, 0x10, 0x0, 0x20)\nalloc_bootmem(0x100000)\n",
    )
    .unwrap();
    let t = run(release, &s).unwrap();
    let view = run_view(&t, &tree, Style::PLAIN);
    assert!(
        view.contains("mm/bootmem.c:228 in __alloc_bootmem()"),
        "{view}"
    );
    assert!(
        view.contains("printk \"bootmem alloc of 1048576 bytes failed!\""),
        "{view}"
    );
    assert!(
        view.contains("mm/bootmem.c:230 in __alloc_bootmem()"),
        "{view}"
    );
    assert!(view.contains("panic \"Out of memory\""), "{view}");
}

#[test]
fn an_unpacked_tree_of_another_release_is_read_with_a_warning() {
    let dir = unpacked("mismatch", 11);
    let tree = SourceTree::open(&dir.0).unwrap();
    let release = versions::find("2.6.12").unwrap();
    let t = run(release, &spec_example()).unwrap();
    let view = run_view(&t, &tree, Style::PLAIN);
    assert!(
        view.contains("warning: the tree's Makefile says Linux 2.6.11, not 2.6.12"),
        "{view}"
    );
    assert!(view.contains(">   213 | "), "{view}");
    // A stable release whose text is the same (an alias) is no mismatch.
    let dir = TempDir::new("alias");
    write(
        &dir.0,
        "Makefile",
        "VERSION = 2\nPATCHLEVEL = 6\nSUBLEVEL = 11\nEXTRAVERSION = .12\n",
    );
    write(&dir.0, "mm/bootmem.c", &fake_bootmem_c(213, false));
    let tree = SourceTree::open(&dir.0).unwrap();
    let view = run_view(
        &run(versions::find("2.6.11").unwrap(), &spec_example()).unwrap(),
        &tree,
        Style::PLAIN,
    );
    assert!(!view.contains("warning"), "{view}");
}

#[test]
fn a_directory_that_is_no_tree_is_refused() {
    let dir = TempDir::new("empty");
    let e = SourceTree::open(&dir.0).unwrap_err();
    assert_eq!(e, Problem::NotATree(dir.0.clone()));
    assert!(e.to_string().contains("neither a git clone"), "{e}");
}

fn git(dir: &Path, args: &[&str]) -> bool {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=test", "-c", "user.email=test@example.org"])
        .args(["-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn a_git_clone_is_read_from_its_objects_at_each_release() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!(
            "SKIPPED: git is not installed, so reading a clone is not tested here; the \
             unpacked-tree tests carry the source view's assertions"
        );
        return;
    }
    let dir = TempDir::new("git");
    let repo = &dir.0;
    assert!(git(repo, &["init", "-q"]));
    write(repo, "mm/bootmem.c", &fake_bootmem_c(229, false));
    write(repo, "include/linux/bootmem.h", FAKE_BOOTMEM_H);
    assert!(git(repo, &["add", "-A"]));
    assert!(git(repo, &["commit", "-q", "-m", "first"]));
    assert!(git(repo, &["tag", "v2.6.14"]));
    write(repo, "mm/bootmem.c", &fake_bootmem_c(231, true));
    assert!(git(repo, &["commit", "-q", "-a", "-m", "second"]));
    assert!(git(repo, &["tag", "v2.6.15"]));
    // The work tree is left at neither: the views read the objects.
    std::fs::remove_file(repo.join("mm/bootmem.c")).unwrap();

    let tree = SourceTree::open(repo).unwrap();
    assert!(matches!(tree.kind, Kind::Git(_)));
    let (a, b) = (
        versions::find("2.6.14").unwrap(),
        versions::find("2.6.15").unwrap(),
    );
    let (ta, tb) = (
        run(a, &spec_example()).unwrap(),
        run(b, &spec_example()).unwrap(),
    );
    let view = run_view(&ta, &tree, Style::PLAIN);
    assert!(
        view.contains("mm/bootmem.c:229 in __alloc_bootmem_core()  (v2.6.14:mm/bootmem.c)"),
        "{view}"
    );

    let d = diff(&ta, &tb);
    let wide = diff_view(&d, &ta, &tb, &tree, Style::PLAIN.with_width(160));
    assert!(wide.contains("the runs part at line 9, __alloc_bootmem_node(0, 4096, 4096, 0), in __alloc_bootmem_core() of mm/bootmem.c"), "{wide}");
    // The added lines stand on the right only, marked in the gutter.
    let added = wide
        .lines()
        .find(|l| l.contains("if (i >= b->end)"))
        .unwrap_or_else(|| panic!("{wide}"));
    assert!(added.contains(" |      5 "), "{added}");
    assert!(wide.contains(">  229 "), "{wide}");
    assert!(
        wide.contains("commit 66d43e98 is not in the source tree"),
        "{wide}"
    );
    // Narrow: one above the other.
    let narrow = diff_view(&d, &ta, &tb, &tree, Style::PLAIN.with_width(60));
    assert!(narrow.contains("  +     5 "), "{narrow}");

    // A commit the tree has: its hunk.
    let out = Command::new("git")
        .arg("--git-dir")
        .arg(repo.join(".git"))
        .args(["rev-parse", "v2.6.15"])
        .output()
        .unwrap();
    let id = String::from_utf8(out.stdout).unwrap();
    let patch = tree.patch(id.trim(), &["mm/bootmem.c"]).unwrap().unwrap();
    assert!(patch.contains("+\tif (i >= b->end)"), "{patch}");
    assert_eq!(
        tree.patch(
            "0123456789abcdef0123456789abcdef01234567",
            &["mm/bootmem.c"]
        ),
        Ok(None)
    );

    // A release the clone does not hold is reported, not fatal.
    let old = run(versions::find("2.4.0").unwrap(), &spec_example()).unwrap();
    let view = run_view(&old, &tree, Style::PLAIN);
    assert!(
        view.contains("the source tree does not hold 2.4.0 (no 2.4.0, no v2.4.0)"),
        "{view}"
    );
}

#[test]
fn hostile_text_is_scanned_in_bounded_time_and_shown_without_escapes() {
    // Parentheses never closed: no definition, and no quadratic rescan.
    let c = CText::new(&"f(".repeat(200_000));
    assert!(c.functions().is_empty());
    let c = CText::new("/* never closed { \nint g(void) { return 0; }\n");
    assert!(c.functions().is_empty());
    // An escape sequence in the user's tree does not reach the terminal.
    let dir = unpacked("escape", 12);
    let mut text = fake_bootmem_c(213, false);
    text = text.replace("BUG_ON(i >= b->end);", "BUG_ON(i >= b->end); \u{1b}[2J");
    write(&dir.0, "mm/bootmem.c", &text);
    let tree = SourceTree::open(&dir.0).unwrap();
    let t = run(versions::find("2.6.12").unwrap(), &spec_example()).unwrap();
    let view = run_view(&t, &tree, Style::PLAIN);
    assert!(view.contains("BUG_ON(i >= b->end); ?[2J"), "{view}");
    assert!(!view.contains('\u{1b}'));
}

#[test]
fn a_line_every_call_reaches_is_shown_once_with_the_first_calls() {
    let dir = unpacked("many", 12);
    let tree = SourceTree::open(&dir.0).unwrap();
    let mut s = String::from(
        "arch x86_64\ninit_bootmem_node(0, 0x1000, 0x0, 0x2000)\nfree_bootmem_node(0, 0x0, 0x1000000)\n",
    );
    for _ in 0..10 {
        s.push_str("__alloc_bootmem_node(0, 4096, 4096, 0x10000)\n");
    }
    let t = run(
        versions::find("2.6.12").unwrap(),
        &parse("many.boot", &s).unwrap(),
    )
    .unwrap();
    let view = run_view(&t, &tree, Style::PLAIN);
    // The hint is taken from the second allocation on; the made-up text has no
    // last_success, so the path stands at its function's first line.
    let site = "mm/bootmem.c:2 in __alloc_bootmem_core()";
    assert_eq!(view.matches(site).count(), 1, "{view}");
    let why = "79e626e1 starts the scan at last_success";
    assert_eq!(view.matches(why).count(), 3, "{view}");
    assert!(
        view.contains("and 6 more calls reached this line"),
        "{view}"
    );
}

#[test]
fn a_diff_of_end_states_shows_the_function_its_path_lies_in() {
    let dir = unpacked("end-state", 9);
    let tree = SourceTree::open(&dir.0).unwrap();
    let s = parse("i386_pc.boot", crate::DEFAULT_SCENARIO).unwrap();
    let (a, b) = (
        versions::find("2.6.8").unwrap(),
        versions::find("2.6.9").unwrap(),
    );
    let (ta, tb) = (run(a, &s).unwrap(), run(b, &s).unwrap());
    let view = diff_view(&diff(&ta, &tb), &ta, &tb, &tree, Style::PLAIN);
    let heading = "no call parts; the end states differ through line 41, free_all_bootmem(), \
                   in free_all_bootmem_core() of mm/bootmem.c";
    assert!(view.contains(heading), "{view}");
    // One text read for both releases: the function reads the same.
    assert!(
        view.contains("(the function reads the same in both"),
        "{view}"
    );
    assert!(
        view.contains("commit fe92ebf3 is not in the source tree"),
        "{view}"
    );
    assert!(
        view.contains("int whole = ffs(n->start) > ffs(64);"),
        "{view}"
    );
    assert!(
        view.contains("warning: the tree's Makefile says Linux 2.6.9, not 2.6.8"),
        "{view}"
    );
}
