//! The step-through of single calls (`explain`), snapshotted on scenarios of the corpus
//! that show each kind of step on a 2.4 and a 2.6 release: the scan's windows and
//! restarts, the sub-page merge, the hand-off's words and blocks, a scan that reads
//! past its bitmap, and the 64 GiB machine, whose step-through must stay short.

use bootmem_history::explain::{self, ExplainJson, NoCallWhy};
use bootmem_history::parse::{self, Scenario};
use bootmem_history::{versions, Error};

fn scenario(name: &str) -> Scenario {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("scenarios").join(format!("{name}.boot")))
        .expect("a scenario of the corpus");
    parse::parse(&format!("tests/scenarios/{name}.boot"), &text).expect("it parses")
}

fn explained(release: &str, name: &str, line: usize) -> explain::Explanation {
    let release = versions::find(release).expect("a release");
    explain::explain(release, &scenario(name), line).expect("a call that runs")
}

#[test]
fn step_throughs_of_the_corpus() {
    let cases: &[(&str, &str, usize)] = &[
        // The scan restarts: 2.4's candidates a page at a time from the goal, 2.6's
        // find_next_zero_bit() answering past the bitmap before the restart.
        ("2.4.22", "restart_from_zero", 20),
        ("2.6.12", "restart_from_zero", 20),
        // The sub-page merge, packed and not.
        ("2.4.22", "subpage_packing", 9),
        ("2.6.12", "subpage_packing", 11),
        // The hand-off: page by page, and a whole word at a time.
        ("2.4.22", "free_all_words", 12),
        ("2.6.12", "free_all_words", 12),
        // 2.6.12's scan past the bitmap finds a zero there and BUG()s at line 213; with
        // 0xff written past the bitmap, it finds the bit set.
        ("2.6.12", "spec_example", 9),
        ("2.6.12", "scan_past_bitmap_ff", 12),
        ("2.4.22", "scan_past_bitmap_ff", 12),
        // A window blocked by a reserved page, and the next candidate.
        ("2.4.22", "align_skip_after_conflict", 14),
        ("2.6.12", "align_skip_after_conflict", 14),
        // The 64 GiB node: an allocation and the hand-off.
        ("2.4.22", "large_machine_64g", 13),
        ("2.6.12", "large_machine_64g", 15),
    ];
    for &(release, name, line) in cases {
        let e = explained(release, name, line);
        insta::with_settings!({
            snapshot_path => "snapshots/explain",
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("{name}@{release}@{line}"), explain::text(&e));
        });
    }
}

#[test]
fn the_json_form_names_each_step() {
    let e = explained("2.6.12", "scan_past_bitmap_ff", 12);
    let json = serde_json::to_value(ExplainJson::new(&e)).expect("serialises");
    assert_eq!(json["result"], "0x40000");
    assert_eq!(json["costs"]["find_next_zero_bit"], 3);
    let steps = json["steps"].as_array().expect("steps");
    let search = &steps
        .iter()
        .find(|s| s["kind"] == "search")
        .expect("a search");
    assert_eq!(search["answer"], 0x40);
    assert_eq!(search["past_bitmap"], true);
    let test = steps
        .iter()
        .find(|s| s["kind"] == "test")
        .expect("a test_bit");
    assert_eq!(test["nr"], 0x40);
    assert_eq!(test["byte_at"], "0x200008");
    assert_eq!(test["byte"], 0xff);
    assert_eq!(test["set"], true);
    insta::with_settings!({
        snapshot_path => "snapshots/explain",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(
            "scan_past_bitmap_ff@2.6.12@12.json",
            serde_json::to_string_pretty(&json).expect("prints")
        );
    });
}

#[test]
fn every_call_of_the_64_gib_boot_explains_in_a_screenful() {
    let sc = scenario("large_machine_64g");
    for release in ["2.4.0", "2.4.22", "2.5.68", "2.6.0", "2.6.12", "2.6.16"] {
        let release = versions::find(release).expect("a release");
        for s in &sc.statements {
            let e = explain::explain(release, &sc, s.line).expect("runs");
            let lines = explain::text(&e).lines().count();
            assert!(
                lines <= 30,
                "{} line {}: {lines} lines\n{}",
                release.name,
                s.line,
                explain::text(&e)
            );
        }
    }
}

#[test]
fn a_line_without_a_call_is_a_located_error() {
    let release = versions::find("2.6.12").expect("a release");
    let sc = scenario("subpage_packing");
    let Err(Error::NoCall(e)) = explain::explain(release, &sc, 3) else {
        panic!("line 3 is a header line");
    };
    assert_eq!(e.why, NoCallWhy::NotACall { nearest: Some(5) });
    assert_eq!(
        e.to_string(),
        "tests/scenarios/subpage_packing.boot:3:1: line 3 holds no call to step through; \
         the nearest call is on line 5"
    );
    let Err(Error::NoCall(e)) = explain::explain(release, &sc, 400) else {
        panic!("line 400 is past the end");
    };
    assert_eq!(e.why, NoCallWhy::NotACall { nearest: Some(13) });
}

#[test]
fn a_line_after_the_boot_stopped_never_runs() {
    let release = versions::find("2.4.22").expect("a release");
    let sc = scenario("scan_past_bitmap_ff");
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/scan_past_bitmap_ff.boot"),
    )
    .expect("readable");
    let appended = format!("{text}alloc_bootmem(0x1000)\n");
    let sc2 = parse::parse(&sc.file, &appended).expect("parses");
    let last = sc2.statements.last().expect("a call").line;
    let Err(Error::NoCall(e)) = explain::explain(release, &sc2, last) else {
        panic!("the boot stops at line 12");
    };
    assert!(
        matches!(&e.why, NoCallWhy::NotReached { stopped_at: 12, stop } if stop.contains("Out of memory")),
        "{e:?}"
    );
}

/// A node whose every other page is reserved (0x55 written over its bitmap) and a
/// two-page allocation that fits nowhere: tens of thousands of scan windows, each
/// blocked by the page after its candidate, fold into a few lines with their counts.
#[test]
fn a_fragmented_node_folds_its_rounds_of_scan() {
    let text = "arch x86_64\n\
                init_bootmem(0x1000, 0x10000)\n\
                free_bootmem(0x0, 0x10000000)\n\
                memset(0x1000000, 0x55, 0x2000)\n\
                alloc_bootmem_pages(0x2000)\n";
    let sc = parse::parse("fragmented.boot", text).expect("parses");
    for release in ["2.4.22", "2.6.12"] {
        let e =
            explain::explain(versions::find(release).expect("a release"), &sc, 5).expect("runs");
        let text = explain::text(&e);
        assert!(text.lines().count() <= 25, "{release}:\n{text}");
        assert!(
            text.contains("30719 scan windows at 0x1001-0xfffd"),
            "{release}:\n{text}"
        );
        assert!(
            text.contains("each blocked by the set bit 0x1 past its candidate (0x1002 to 0xfffe)"),
            "{release}:\n{text}"
        );
        assert!(text.contains("stopped the boot: Kernel panic - not syncing: Out of memory"));
    }
}

/// Every step-through of the corpus's calls on a 2.4 and a 2.6 release fits
/// `docs/json.schema.json`, as `explain` prints it and as `run --steps` does.
#[test]
fn every_step_through_fits_the_schema() {
    use bootmem_tests::json_schema::validate;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("../docs/json.schema.json")).expect("schema");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let part = &schema["$defs"]["explanation"];
    let mut checked = 0;
    for name in [
        "restart_from_zero",
        "subpage_packing",
        "free_all_words",
        "scan_past_bitmap_ff",
        "spec_example",
        "large_machine_64g",
        "double_reserve_debug",
    ] {
        let sc = scenario(name);
        for release in ["2.4.22", "2.6.12"] {
            let all = explain::explain_all(versions::find(release).expect("a release"), &sc)
                .expect("runs");
            let json: Vec<_> = all.iter().map(ExplainJson::new).collect();
            for (e, j) in all.iter().zip(&json) {
                let value = serde_json::to_value(j).expect("serialises");
                let errors = validate(&schema, part, &value);
                assert!(
                    errors.is_empty(),
                    "{name}@{release} line {}: {errors:?}",
                    e.call.line
                );
                checked += 1;
            }
            let steps = serde_json::to_value(vec![json]).expect("serialises");
            assert!(
                validate(&schema, &schema, &steps).is_empty(),
                "{name}@{release}"
            );
        }
    }
    assert!(checked > 50, "{checked}");
}
