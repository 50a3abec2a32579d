//! The expectations of a scenario: their parsing, their errors and their check against
//! real traces.

use super::*;
use crate::{parse::parse as scenario, run::run, versions::RELEASES};

const BOOT: &str = "\
arch x86_64
init_bootmem(0x100, 0x100)
free_bootmem(0x0, 0x100000)
__alloc_bootmem(0x1000, 0x3000, 0)
";

/// The mismatches of `expectations` (appended to `BOOT`) on the named release.
fn check(expectations: &str, release: &str) -> Vec<String> {
    let text = format!("{BOOT}{expectations}");
    let sc = scenario("t.boot", &text).unwrap();
    let e = parse("t.boot", &text).unwrap();
    let r = versions::find(release).unwrap();
    e.check(&run(r, &sc).unwrap())
        .iter()
        .map(|m| m.to_string())
        .collect()
}

/// The one error message of a malformed expectation line, and its column.
fn error(line: &str) -> (String, usize) {
    let e = parse("t.boot", line).unwrap_err();
    assert_eq!(e.0.len(), 1, "{e}");
    (e.0[0].message.clone(), e.0[0].column)
}

#[test]
fn outcomes_and_ranges_parse_to_positions_in_the_registry() {
    let text = "# expect 2.6.12..2.6.14, 2.4: bug mm/bootmem.c:213 at line 15\n\
                #expect ..2.4.22: panic \"Out \\\"of\\\" memory\"\n\
                # expect 2.6.15..: line 18 = 0x201000\n\
                # expect all: completes\n# expected prose is left alone\n";
    let e = parse("t.boot", text).unwrap();
    let last = RELEASES.len() - 1;
    let at = |name| versions::position(name).unwrap();
    assert_eq!(e.items.len(), 4);
    assert_eq!(
        e.items[0].ranges,
        [(at("2.6.12"), at("2.6.14")), (at("2.4.22"), at("2.4.22"))]
    );
    let bug = StopKind::Bug {
        file: "mm/bootmem.c".into(),
        line: 213,
    };
    assert_eq!(
        e.items[0].outcome,
        Outcome::Stops {
            kind: bug,
            at: Some(15)
        }
    );
    let panic = StopKind::Panic("Out \"of\" memory".into());
    assert_eq!(
        e.items[1].outcome,
        Outcome::Stops {
            kind: panic,
            at: None
        }
    );
    assert_eq!(
        (e.items[1].line, e.items[1].ranges.clone()),
        (2, vec![(0, at("2.4.22"))])
    );
    let value = Value::Pointer(Some(0x201000));
    assert_eq!(e.items[2].outcome, Outcome::Returns { line: 18, value });
    assert_eq!(e.items[2].ranges, [(at("2.6.15"), last)]);
    assert_eq!(
        (e.items[3].outcome.clone(), e.items[3].ranges.clone()),
        (Outcome::Completes, vec![(0, last)])
    );
    assert_eq!(e.items[0].text, "bug mm/bootmem.c:213 at line 15");
}

#[test]
fn malformed_expectations_are_located() {
    let unknown = error("# expect 2.6.99: completes");
    assert!(
        unknown.0.starts_with("unknown release '2.6.99'"),
        "{unknown:?}"
    );
    assert_eq!(unknown.1, 10);
    assert_eq!(error("# expect 2.6.12..2.7: oops").1, 18);
    assert!(error("# expect 2.6.16..2.4.0: oops")
        .0
        .contains("ends before it starts"));
    assert_eq!(error("# expect all completes").1, 23);
    assert_eq!(error("# expect all: finishes"), ("expected an outcome (completes, bug, panic, oops, hang, unavailable, limit, stop, line, printk), found 'finishes'".into(), 15));
    assert_eq!(error("# expect all: bug 213").1, 19);
    assert_eq!(error("# expect all: panic Out").1, 21);
    assert_eq!(error("# expect all: panic \"Out").1, 25);
    assert_eq!(error("# expect all: line 18 = 0xzz").1, 25);
    assert_eq!(error("# expect all: line x = 1").1, 20);
    assert_eq!(error("# expect all: oops at 3").1, 20);
    assert_eq!(error("# expect all: stop").1, 19);
    assert_eq!(error("# expect all: unavailable alloc_bootmem_lim").1, 27);
    assert_eq!(
        error("# expect all: completes at line 3"),
        ("expected 'completes'".into(), 25)
    );
    assert_eq!(error("init_bootmem(1, 2)  # expect all: completes").1, 21);
    assert_eq!(error("# expect ,: oops").1, 10);
    // Text that is no expectation at all never fails, whatever it holds.
    for text in [
        "# expectations",
        "#",
        "no comment",
        "# é expect",
        "# expect\u{e9}",
    ] {
        assert_eq!(parse("t.boot", text).map(|e| e.items.len()), Ok(0));
    }
    // Multi-byte text after the keyword is reported, not sliced inside a character.
    assert_eq!(error("# expect é: oops").1, 10);
    assert_eq!(error("# expect all: panic \"é").1, 23);
}

#[test]
fn every_cut_of_an_expectation_parses_or_is_located_inside_the_line() {
    let line = "# expect ..2.4, 2.6.13..2.6.16: panic \"Out \\\"é\" at line 12 = 0x1";
    for (cut, c) in line.char_indices().skip(1) {
        for text in [
            &line[..cut],
            &format!("{}{}", &line[..cut], &line[cut + c.len_utf8()..]),
        ] {
            if let Err(e) = parse("t.boot", text) {
                let width = text.chars().count() + 1;
                assert!(
                    e.0.iter().all(|e| e.line == 1 && e.column <= width),
                    "{text}"
                );
            }
        }
    }
}

#[test]
fn traces_are_checked_per_release() {
    assert_eq!(
        check("# expect 2.4.0: line 4 = 0x0\n", "2.4.0"),
        Vec::<String>::new()
    );
    assert_eq!(
        check("# expect ..2.4.0: completes\n", "2.4.0"),
        Vec::<String>::new()
    );
    assert_eq!(
        check(
            "# expect 2.4.22: bug mm/bootmem.c:157 at line 4\n",
            "2.4.22"
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        check("# expect 2.6.12..2.6.14: stop at line 4\n", "2.6.13"),
        Vec::<String>::new()
    );
    // An expectation about other releases says nothing about this one.
    assert_eq!(
        check("# expect 2.6.16: completes\n", "2.4.22"),
        Vec::<String>::new()
    );
    assert_eq!(
        check("# expect all: completes\n", "2.6.12"),
        ["t.boot:5: on 2.6.12: expected completes, found bug mm/bootmem.c:159 at line 4"]
    );
    assert_eq!(
        check(
            "# expect 2.4.0: line 4 = NULL\n# expect 2.4.0: stop at line 4\n",
            "2.4.0"
        ),
        [
            "t.boot:5: on 2.4.0: expected line 4 = NULL, found line 4 = 0x0",
            "t.boot:6: on 2.4.0: expected stop at line 4, found completes",
        ]
    );
    assert_eq!(
        check("# expect all: line 4 = 0x0\n", "2.6.16"),
        ["t.boot:5: on 2.6.16: expected line 4 = 0x0, found bug mm/bootmem.c:167 at line 4"]
    );
    assert_eq!(
        check("# expect all: line 1 = 1\n", "2.4.0"),
        ["t.boot:5: on 2.4.0: expected line 1 = 1, found no call returned on line 1"]
    );
    assert_eq!(
        check("# expect all: printk \"Out of memory\"\n", "2.4.0"),
        ["t.boot:5: on 2.4.0: expected printk \"Out of memory\", found no printk line"]
    );
}
