//! The pictures (`--format svg` and `html`) of runs, diffs and bisections, parsed back:
//! the SVG is well-formed XML with a labelled strip per node, the colours of the calls
//! that hold frames, the stop and the parting call marked; the HTML page holds that SVG
//! and a table of the calls; names are escaped; a 4 TiB machine of 16 nodes draws in a
//! few hundred KiB; and one small picture is a snapshot, so changes are reviewed.

use bootmem_history::parse::{parse, Scenario};
use bootmem_history::picture::map::ClaimKind;
use bootmem_history::picture::{self, document, Form};
use bootmem_history::run::{run, Trace};
use bootmem_history::{compare, diff, versions};
use bootmem_tests::load;
use std::collections::BTreeSet;
use std::path::Path;

fn scenario(name: &str) -> Scenario {
    load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("scenarios/{name}.boot")))
}

fn trace(s: &Scenario, release: &str) -> Trace {
    run(versions::find(release).expect("a release"), s).expect("a run")
}

/// The SVG document of one run.
fn run_svg(s: &Scenario, t: &Trace) -> String {
    document(Form::Svg, &[picture::run(s, t)])
}

/// Every text of a parsed document, joined per element.
fn texts(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            n.descendants()
                .filter(|t| t.is_text())
                .filter_map(|t| t.text())
                .collect()
        })
        .collect()
}

/// The classes of a parsed document's rectangles.
fn classes(doc: &roxmltree::Document) -> BTreeSet<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("rect"))
        .filter_map(|n| n.attribute("class").map(str::to_string))
        .collect()
}

fn parsed(svg: &str) -> roxmltree::Document<'_> {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    doc
}

/// What every run picture must show: a heading and an axis per node, free frames, the
/// colour of every call that holds frames at the end, and the stop.
fn check_run(s: &Scenario, t: &Trace) {
    let svg = run_svg(s, t);
    let doc = parsed(&svg);
    let texts = texts(&doc);
    let classes = classes(&doc);
    let shift = t.arch.page_shift;
    for node in &t.end.nodes {
        let heading = format!(
            "node {} · pfns {:#x}–{:#x}",
            node.nid,
            node.start_pfn(shift),
            node.node_low_pfn
        );
        assert!(
            texts.iter().any(|x| x.starts_with(&heading)),
            "{}: no heading {heading:?} in {texts:?}",
            t.file
        );
        // The axis ends at the node's end pfn.
        let end = format!("{:#x}", node.node_low_pfn);
        assert!(texts.contains(&end), "{}: no tick {end}", t.file);
    }
    assert!(classes.contains("fr"), "{}: no free frames drawn", t.file);
    // Each call whose allocation returned is drawn in its colour, in the strip or
    // its pin, and named in the legend.
    for c in t.returned() {
        let Some(k) = s.statements.iter().position(|x| x.line == c.line) else {
            continue;
        };
        if matches!(
            c.result(),
            Some(bootmem_history::run::Value::Pointer(Some(_)))
        ) && picture::map::claim_kind(&s.statements[k].call) == Some(ClaimKind::Alloc)
        {
            let legend = format!("L{} {}", c.line, s.statements[k].text);
            assert!(
                texts
                    .iter()
                    .any(|x| x.starts_with(&legend[..legend.len().min(30)])),
                "{}: no legend entry {legend:?}",
                t.file
            );
        }
    }
    if let Some((call, stop)) = t.stop() {
        let words = format!("stopped at line {}: {stop}", call.line);
        assert!(
            texts.iter().any(|x| x.contains(&words)),
            "{}: the stop {words:?} is not shown",
            t.file
        );
    } else {
        assert!(texts.iter().any(|x| x.contains("completes")));
    }
    let html = document(Form::Html, &[picture::run(s, t)]);
    check_html(&html, 1);
    assert_eq!(
        html.matches("<tr class=").count(),
        t.calls.len(),
        "one table row per call"
    );
    assert_eq!(
        html.matches("<tr class=\"stop\">").count(),
        usize::from(t.stop().is_some())
    );
}

/// The page is one HTML document with no script, one section per figure, and each
/// section's SVG well-formed on its own.
fn check_html(html: &str, figures: usize) {
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.trim_end().ends_with("</html>"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(!html.contains("<script"), "no scripts");
    assert!(
        !html.contains("http://") || !html.contains("<link"),
        "no external files"
    );
    assert_eq!(html.matches("<section>").count(), figures);
    let mut rest = html;
    let mut found = 0;
    while let Some(at) = rest.find("<svg xmlns=") {
        let end = rest[at..].find("</svg>").expect("a closed svg") + at + "</svg>".len();
        parsed(&rest[at..end]);
        found += 1;
        rest = &rest[end..];
    }
    assert_eq!(found, figures);
}

#[test]
fn run_pictures_of_corpus_scenarios_parse_and_show_every_node() {
    for (name, release) in [
        ("basic_single_node", "2.6.12"),
        ("scan_past_bitmap_ff", "2.6.12"),
        ("no_fit_node_bug", "2.4.0"),
        ("no_fit_node_bug", "2.6.16"),
        ("large_machine_64g", "2.6.16"),
        ("large_machine_4t", "2.6.16"),
    ] {
        let s = scenario(name);
        check_run(&s, &trace(&s, release));
    }
}

#[test]
fn a_bug_is_marked_on_the_timeline() {
    let s = scenario("no_fit_node_bug");
    let t = trace(&s, "2.4.0");
    let svg = run_svg(&s, &t);
    let doc = parsed(&svg);
    assert!(texts(&doc).contains(&"BUG :219".to_string()));
    let stopped: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("class") == Some("st"))
        .collect();
    assert_eq!(stopped.len(), 1, "one stopped call box");
}

#[test]
fn the_node_left_by_the_hand_off_is_drawn_as_it_stood_before() {
    let s = scenario("basic_single_node");
    let t = trace(&s, "2.6.12");
    assert!(
        t.end.nodes[0].reserved.is_none(),
        "free_all_bootmem dropped the bitmap"
    );
    let svg = run_svg(&s, &t);
    let doc = parsed(&svg);
    assert!(texts(&doc)
        .iter()
        .any(|x| x.contains("bitmap as it stood before the hand-off")));
    let classes = classes(&doc);
    // The reservation of line 8 (statement 3, the fourth colour of reservations) and
    // the hand-off are drawn.
    assert!(classes.contains("r3"), "{classes:?}");
    assert!(classes.contains("ho"), "{classes:?}");
}

#[test]
fn a_four_page_node_has_a_tick_a_frame() {
    let s = parse(
        "four.boot",
        "arch i386\ninit_bootmem(0x2, 0x4)\nfree_bootmem(0x0, 0x4000)\nalloc_bootmem_pages(0x1000)\n",
    )
    .unwrap();
    let t = trace(&s, "2.6.16");
    let doc_text = run_svg(&s, &t);
    let doc = parsed(&doc_text);
    let texts = texts(&doc);
    for tick in ["0x0", "0x1", "0x2", "0x3", "0x4"] {
        assert!(texts.contains(&tick.to_string()), "{tick} in {texts:?}");
    }
}

#[test]
fn a_diff_picture_aligns_both_releases_and_highlights_the_parting_call() {
    let s = scenario("scan_past_bitmap_ff");
    let (a, b) = (trace(&s, "2.4.22"), trace(&s, "2.6.12"));
    let d = diff::diff(&a, &b);
    let svg = document(Form::Svg, &[picture::diff(&s, &a, &b, &d)]);
    let doc = parsed(&svg);
    let texts = texts(&doc);
    assert!(
        texts
            .iter()
            .any(|x| x.starts_with("they part at line 12 (stop:")),
        "{texts:?}"
    );
    // Each node strip is labelled with both releases, besides the two timelines.
    assert_eq!(texts.iter().filter(|x| *x == "2.4.22").count(), 3);
    assert_eq!(texts.iter().filter(|x| *x == "2.6.12").count(), 3);
    let outlined = |height: &str| {
        doc.descendants()
            .filter(|n| {
                n.has_tag_name("rect")
                    && n.attribute("stroke") == Some("#ff6f00")
                    && n.attribute("height") == Some(height)
            })
            .count()
    };
    assert_eq!(
        outlined("20"),
        2,
        "the parting call outlined on both timelines"
    );
    assert_eq!(
        outlined("28"),
        1,
        "and the frames it allocated on 2.6.12 (2.4.22 allocated none)"
    );
    // The page allocated on node 1 by 2.6.12 only is marked as a difference.
    assert!(classes(&doc).contains("st"));
    let html = document(Form::Html, &[picture::diff(&s, &a, &b, &d)]);
    check_html(&html, 1);
    assert_eq!(html.matches("<tr class=\"parting\">").count(), 1);
}

#[test]
fn a_bisect_picture_has_a_column_per_run_of_identical_releases() {
    let s = scenario("scan_past_bitmap_ff");
    let b = compare::bisect(&s).unwrap();
    let runs = 1 + b.changes().count();
    let svg = document(Form::Svg, &[picture::bisect(&s, &b)]);
    let doc = parsed(&svg);
    let texts = texts(&doc);
    let expected = format!(
        "{} releases in {runs} runs of identical traces; each column starts where the trace changes",
        b.traces.len()
    );
    assert!(texts.contains(&expected), "{texts:?}");
    assert!(texts.contains(&"2.4.0".to_string()));
    assert!(texts.contains(&"BUG :219".to_string()));
    assert_eq!(
        texts.iter().filter(|x| x.starts_with("← ")).count(),
        runs - 1,
        "each column after the first says what changed"
    );
    let html = document(Form::Html, &[picture::bisect(&s, &b)]);
    check_html(&html, 1);
    assert_eq!(html.matches("<tr class=").count(), runs);
}

#[test]
fn names_are_escaped() {
    let name = "<b>&\"evil'</b>\u{1}.boot";
    let s = parse(name, "arch x86_64\ninit_bootmem(0x10, 0x40)\n").unwrap();
    let t = trace(&s, "2.6.12");
    let svg = run_svg(&s, &t);
    assert!(!svg.contains("<b>"));
    let doc = parsed(&svg);
    let title = "<b>&\"evil'</b>\u{fffd}.boot on 2.6.12".to_string();
    assert!(texts(&doc).contains(&title), "{:?}", texts(&doc));
    let html = document(Form::Html, &[picture::run(&s, &t)]);
    assert!(!html.contains("<b>"));
    check_html(&html, 1);
}

#[test]
fn the_scenario_s_comments_are_on_the_page_escaped() {
    let text = "# Probes <script>alert(1)</script> & more.\narch x86_64\n\
                init_bootmem(0x10, 0x40)   # bitmap </td> at 64 KiB\n";
    let s = parse("c.boot", text).unwrap();
    let t = trace(&s, "2.6.12");
    let html = document(
        Form::Html,
        &[picture::run_noted(&s, &t, &picture::Notes::of(text))],
    );
    assert!(html.contains(
        "<pre class=\"about\">Probes &lt;script&gt;alert(1)&lt;/script&gt; &amp; more.</pre>"
    ));
    assert!(html.contains("<td>bitmap &lt;/td&gt; at 64 KiB</td>"));
    assert!(!html.contains("<script"));
    check_html(&html, 1);
}

/// A 4 TiB x86_64 machine of 16 nodes, each set up, freed and its bitmap reserved, with
/// 2,000 allocations spread over the nodes, then the hand-off.
fn four_tib() -> Scenario {
    let nodes = 16u64;
    let pages = 1u64 << 26;
    let mut text = String::from("arch x86_64\n");
    for i in 0..nodes {
        let s = i * pages;
        text += &format!(
            "init_bootmem_node({i}, {:#x}, {s:#x}, {:#x})\n",
            s + 0x1000,
            s + pages
        );
    }
    for i in 0..nodes {
        let s = i * pages;
        text += &format!(
            "free_bootmem_node({i}, {:#x}, {:#x})\n",
            s << 12,
            pages << 12
        );
        text += &format!(
            "reserve_bootmem_node({i}, {:#x}, {:#x})\n",
            (s + 0x1000) << 12,
            2048u64 << 12
        );
    }
    let sizes = [0x40u64, 0x1000, 0x3000, 0x10000, 0x200000];
    for k in 0..2000u64 {
        text += &format!(
            "__alloc_bootmem_node({}, {:#x}, 0x1000, 0)\n",
            k % nodes,
            sizes[(k % 5) as usize]
        );
    }
    text += "free_all_bootmem()\n";
    parse("four_tib.boot", &text).unwrap()
}

#[test]
fn a_4_tib_machine_of_16_nodes_draws_in_a_few_hundred_kib() {
    let s = four_tib();
    let t = trace(&s, "2.6.16");
    assert_eq!(t.end.nodes.len(), 16);
    assert!(t.stop().is_none());
    let svg = run_svg(&s, &t);
    let html = document(Form::Html, &[picture::run(&s, &t)]);
    assert!(svg.len() < 300 << 10, "svg of {} bytes", svg.len());
    assert!(html.len() < 400 << 10, "html of {} bytes", html.len());
    let doc = parsed(&svg);
    assert!(texts(&doc)
        .iter()
        .any(|x| x.starts_with("node 15 · pfns 0x3c000000–0x40000000 · 67108864 pages · 256 GiB")));
}

#[test]
fn a_small_picture_is_as_reviewed() {
    let s = scenario("basic_single_node");
    let svg = run_svg(&s, &trace(&s, "2.6.12"));
    insta::with_settings!({
        snapshot_path => "snapshots/pictures",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!("basic_single_node@2.6.12.svg", svg);
    });
}

/// Random boots of every shape the generator makes (several nodes, unaligned starts,
/// bitmaps outside every node, stops of every kind), drawn on the oldest and the newest
/// release: nothing panics and every picture is well-formed with a heading per node.
/// Their diffs are drawn for a few cases only: `diff::diff` itself takes up to a second
/// on some of these boots.
#[test]
fn random_boots_draw_well_formed_pictures() {
    use bootmem_tests::random::{runner, scenario};
    let releases = ["2.4.0", "2.6.16"].map(|r| versions::find(r).unwrap());
    let mut runner = runner(24);
    let result = runner.run(&scenario(12), |g| {
        let sc = g.scenario();
        for release in releases {
            let Ok(t) = run(release, &sc) else {
                continue;
            };
            let svg = run_svg(&sc, &t);
            let doc = roxmltree::Document::parse(&svg)
                .map_err(|e| proptest::test_runner::TestCaseError::fail(format!("{e}")))?;
            let texts = texts(&doc);
            for node in &t.end.nodes {
                let heading = format!("node {} · pfns", node.nid);
                proptest::prop_assert!(texts.iter().any(|x| x.starts_with(&heading)));
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn random_boots_draw_well_formed_diffs() {
    use bootmem_tests::random::{runner, scenario};
    let (a, b) = (
        versions::find("2.4.0").unwrap(),
        versions::find("2.6.16").unwrap(),
    );
    let mut runner = runner(6);
    let result = runner.run(&scenario(8), |g| {
        let sc = g.scenario();
        let (Ok(ta), Ok(tb)) = (run(a, &sc), run(b, &sc)) else {
            return Ok(());
        };
        let d = diff::diff(&ta, &tb);
        let svg = document(Form::Svg, &[picture::diff(&sc, &ta, &tb, &d)]);
        let doc = roxmltree::Document::parse(&svg)
            .map_err(|e| proptest::test_runner::TestCaseError::fail(format!("{e}")))?;
        let texts = texts(&doc);
        for node in ta.end.nodes.iter().chain(tb.end.nodes.iter()) {
            let heading = format!("node {} · pfns", node.nid);
            proptest::prop_assert!(texts.iter().any(|x| x.starts_with(&heading)));
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
