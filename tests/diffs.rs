//! The differential suite: every scenario of `tests/scenarios/` compared on every pair of
//! neighbouring releases, as snapshots of the plain-text diff named
//! `<scenario>@<A>..<B>.snap` in `tests/snapshots/diffs/<scenario>/`, so that reading the
//! snapshots of one pair reads as that release's behavioural changelog. And `docs/versions.md`,
//! checked against the corpus: every scenario it cites exists and behaves differently
//! on the pair under which it is cited, and every commit of the registry is named there.

use bootmem_history::compare::{Cell, Tour};
use bootmem_history::diff::Kind;
use bootmem_history::diff_text::{self, Style};
use bootmem_history::versions::{self, RELEASES};
use bootmem_tests::{corpus, each_snapshot};
use std::path::Path;

fn tour() -> &'static Tour {
    &corpus().tour
}

#[test]
fn every_scenario_on_every_pair_of_neighbouring_releases() {
    let c = corpus();
    let t = tour();
    let cells = t.rows.iter().enumerate().flat_map(|(k, row)| {
        t.pairs
            .iter()
            .zip(&row.cells)
            .map(move |(pair, cell)| (k, row, pair, cell))
    });
    each_snapshot(cells, |(k, row, (a, b), cell)| {
        let text = match cell {
            Cell::Compared(c) => diff_text::comparison(c, Style::PLAIN),
            Cell::Refused(e) => e.to_string(),
        };
        insta::with_settings!({
            snapshot_path => format!("snapshots/diffs/{}", row.name),
            snapshot_suffix => format!("{a}..{b}"),
            prepend_module_to_snapshot => false,
            omit_expression => true,
            input_file => c.path(k),
        }, {
            insta::assert_snapshot!(row.name.as_str(), text);
        });
    });
}

/// One `## A → B` section of docs/versions.md: the pair, the scenarios it cites, and
/// its text.
struct Section {
    a: String,
    b: String,
    scenarios: Vec<String>,
    text: String,
}

/// Reads the sections of docs/versions.md. Scenarios are cited on lines that start
/// with `Scenarios:`, each name in backticks.
fn sections(doc: &str) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for line in doc.lines() {
        if let Some(title) = line.strip_prefix("## ") {
            let mut names = title.split('→').map(|s| s.trim().to_string());
            let (Some(a), Some(b)) = (names.next(), names.next()) else {
                continue;
            };
            out.push(Section {
                a,
                b,
                scenarios: Vec::new(),
                text: String::new(),
            });
            continue;
        }
        let Some(section) = out.last_mut() else {
            continue;
        };
        section.text.push_str(line);
        section.text.push('\n');
        if let Some(list) = line.strip_prefix("Scenarios:") {
            section
                .scenarios
                .extend(list.split('`').skip(1).step_by(2).map(str::to_string));
            // `Scenarios: none` cites nothing; the check above handles it.
        }
    }
    out
}

/// The commit tables of docs/versions.md are generated from the commit records: this
/// test writes them anew, as rust-analyzer's generated docs do, and fails when the
/// committed file was out of date, so that the records and the doc cannot drift.
#[test]
fn docs_versions_commit_tables_come_from_the_records() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/versions.md");
    let doc = std::fs::read_to_string(&path).expect("docs/versions.md");
    let mut out = String::new();
    let mut lines = doc.lines().peekable();
    let mut release = None;
    while let Some(line) = lines.next() {
        if let Some(title) = line.strip_prefix("## ") {
            release = title
                .split('→')
                .nth(1)
                .and_then(|b| versions::find(b.trim()).ok());
        }
        if line.starts_with("| commit |") {
            // Skip the old table, then write the generated one in its place.
            while lines.peek().is_some_and(|l| l.starts_with('|')) {
                lines.next();
            }
            if let Some(r) = release {
                out.push_str(&versions::commit_table(r));
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    if out != doc {
        std::fs::write(&path, &out).expect("docs/versions.md is writable");
        panic!("docs/versions.md had commit tables out of date with the records; it has been rewritten, review and commit it");
    }
}

#[test]
fn docs_versions_cites_scenarios_that_show_each_change() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let doc = std::fs::read_to_string(root.join("docs/versions.md")).expect("docs/versions.md");
    let sections = sections(&doc);
    let pairs: Vec<(String, String)> = sections
        .iter()
        .map(|s| (s.a.clone(), s.b.clone()))
        .collect();
    let expected: Vec<(String, String)> = versions::consecutive_pairs()
        .iter()
        .map(|(a, b)| (a.name.to_string(), b.name.to_string()))
        .collect();
    assert_eq!(
        pairs, expected,
        "one section per pair of neighbouring releases, in order"
    );

    let t = tour();
    for (k, s) in sections.iter().enumerate() {
        // A step whose texts differ only in line numbers says so with `Scenarios: none`,
        // and then no scenario may behave differently across it.
        if s.text.lines().any(|l| l.trim() == "Scenarios: none") {
            for row in &t.rows {
                let cell = row.cells[k].comparison().expect("the scenario runs");
                assert!(
                    cell.diff.identical() || cell.diff.kinds == [Kind::Moved],
                    "{} → {} says nothing changes, but {} behaves differently",
                    s.a,
                    s.b,
                    row.name
                );
            }
            continue;
        }
        assert!(
            !s.scenarios.is_empty(),
            "{} → {} cites no scenario",
            s.a,
            s.b
        );
        for name in &s.scenarios {
            let row = t
                .rows
                .iter()
                .find(|r| &r.name == name)
                .unwrap_or_else(|| panic!("{} → {}: no scenario {name}", s.a, s.b));
            let cell = row.cells[k].comparison().expect("the scenario runs");
            // A stop that only moved in the source (a BUG() line) is no change of
            // behaviour, and the file says it does not cite those.
            assert!(
                !cell.diff.identical() && cell.diff.kinds != [Kind::Moved],
                "{} → {}: {name} is cited but behaves the same on both",
                s.a,
                s.b
            );
        }
        let release = RELEASES
            .iter()
            .find(|r| r.name == s.b)
            .expect("a release of the registry");
        for c in versions::commits_of(release) {
            assert!(
                s.text.contains(versions::short_id(c.id)),
                "{} → {}: commit {} is not named",
                s.a,
                s.b,
                c.id
            );
        }
    }
}

/// The speed-up that motivated 79e626e1d1 ("bootmem speedup from the IA64 tree",
/// 2.5.68) as numbers: on `scan_over_hole`, a node whose first 120 MiB are reserved,
/// 2.4 and 2.5.52 test every bit of the hole on every allocation, 2.5.68 reads it a
/// word at a time once and then starts at `last_success`. The releases return the same
/// pages, so the diff is identical in behaviour and shows the costs alone; the tour's
/// paragraph for the pair names the call whose cost fell the most.
#[test]
fn the_speedup_of_79e626e1d1_shows_as_a_number() {
    let c = corpus();
    let t = tour();
    let k = t
        .pairs
        .iter()
        .position(|&(a, b)| (a, b) == ("2.5.52", "2.5.68"))
        .expect("the pair 2.5.52 → 2.5.68");
    let row = t
        .rows
        .iter()
        .position(|r| r.name == "scan_over_hole")
        .expect("the scenario scan_over_hole");
    let d = &t.rows[row].cells[k].comparison().expect("it runs").diff;
    assert!(d.identical());
    let costs = &d.costs;
    assert_eq!((costs.a.test_bit, costs.b.test_bit), (426_120, 16));
    assert_eq!((costs.b.find_next_zero_bit, costs.b.words_read), (16, 848));
    assert_eq!(
        (costs.a.bitmap_ops(), costs.b.bitmap_ops()),
        (489_624, 64_384)
    );
    // The first allocation reads the hole from the DMA goal in 32-bit words; every
    // later one finds its page at once.
    let first = &costs.calls[0];
    assert_eq!(
        (first.line, first.a.bitmap_ops(), first.b.bitmap_ops()),
        (16, 26_626, 836)
    );
    let summary = bootmem_history::compare::summarize(t, k);
    let largest = summary.cost.largest.expect("a call whose cost changed");
    assert_eq!(
        (
            largest.scenario.as_str(),
            largest.line,
            largest.a,
            largest.b
        ),
        ("scan_over_hole", 31, 26_641, 4)
    );
    let text = diff_text::comparison(t.rows[row].cells[k].comparison().unwrap(), Style::PLAIN);
    assert!(
        text.contains("  test_bit            426120      16  26632x fewer"),
        "{text}"
    );

    // 2.4 against 2.5.68 directly: the same counts on the 2.4 side.
    let runs = |name: &str| match c.runs.get(row, name) {
        Some(Ok(trace)) => trace,
        _ => panic!("scan_over_hole runs on {name}"),
    };
    let d = bootmem_history::diff::diff(runs("2.4.22"), runs("2.5.68"));
    assert_eq!(d.costs.a, costs.a);
    assert_eq!(d.costs.b, costs.b);
    insta::with_settings!({
        snapshot_path => "snapshots/tour",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(
            "pair_2.5.52..2.5.68",
            diff_text::pair_paragraph(t, k, Style::PLAIN)
        );
    });
}
