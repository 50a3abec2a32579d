//! The checked expectations of the corpus: every `# expect` line of every scenario in
//! `tests/scenarios/` holds on every release it names, so that the prose of a header
//! cannot drift away from what the releases do.

use bootmem_history::expect::{self, Mismatch};
use bootmem_history::parse::parse;
use bootmem_history::run::run;
use bootmem_history::versions::RELEASES;

/// Runs `text` on every release and returns every broken expectation, or the errors of
/// a file that does not parse or cannot run.
fn mismatches(name: &str, text: &str) -> Result<Vec<Mismatch>, String> {
    let scenario = parse(name, text).map_err(|e| e.to_string())?;
    let expectations = expect::parse(name, text).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for release in RELEASES {
        let trace = run(release, &scenario).map_err(|e| e.to_string())?;
        out.extend(expectations.check(&trace));
    }
    Ok(out)
}

#[test]
fn every_expectation_of_the_corpus_holds_on_every_release() {
    let c = bootmem_tests::corpus();
    let files = c.scenarios.len();
    assert!(files >= 60, "the corpus shrank to {files} files");
    let mut failures = Vec::new();
    let mut checked = 0;
    for (k, scenario) in c.scenarios.iter().enumerate() {
        let (name, text) = (&scenario.file, &c.texts[k]);
        checked += usize::from(
            text.lines()
                .any(|l| l.trim_start().starts_with("# expect ")),
        );
        let expectations = match expect::parse(name, text) {
            Ok(e) => e,
            Err(e) => {
                failures.push(e.to_string());
                continue;
            }
        };
        for release in RELEASES {
            match c.runs.get(k, release.name) {
                Some(Ok(trace)) => {
                    failures.extend(expectations.check(trace).iter().map(Mismatch::to_string))
                }
                Some(Err(e)) => failures.push(e.to_string()),
                None => failures.push(format!("{name} was not run on {}", release.name)),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} broken expectations:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Most of the corpus states its outcomes in checked form; this keeps it so.
    assert!(
        checked * 10 >= files * 9,
        "only {checked} of {files} scenarios have expectations"
    );
}

const BOOT: &str = "\
# Not a power of two: 2.4.0 takes it as it is; later releases BUG.
arch x86_64
init_bootmem(0x100, 0x100)
free_bootmem(0x0, 0x100000)
reserve_bootmem(0x0, 0x1000)
__alloc_bootmem(0x1000, 0x3000, 0)
";

#[test]
fn a_scenario_without_expectations_checks_nothing() {
    assert_eq!(
        expect::parse("plain.boot", BOOT).map(|e| e.items.len()),
        Ok(0)
    );
    assert_eq!(mismatches("plain.boot", BOOT), Ok(Vec::new()));
}

#[test]
fn true_expectations_pass_and_wrong_ones_are_each_reported() {
    let right = format!(
        "{BOOT}# expect 2.4.0: line 6 = 0x3000\n# expect 2.4.22: bug mm/bootmem.c:157 at line 6\n\
         # expect 2.6.12: bug mm/bootmem.c:159\n# expect 2.6.13..: bug mm/bootmem.c:167\n"
    );
    assert_eq!(mismatches("right.boot", &right), Ok(Vec::new()));
    let wrong =
        format!("{BOOT}# expect 2.4.22, 2.6.12: completes\n# expect ..2.4.0: line 6 = 0x1000\n");
    let found: Vec<String> = mismatches("wrong.boot", &wrong)
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(Mismatch::to_string)
        .collect();
    assert_eq!(
        found,
        [
            "wrong.boot:8: on 2.4.0: expected line 6 = 0x1000, found line 6 = 0x3000",
            "wrong.boot:7: on 2.4.22: expected completes, found bug mm/bootmem.c:157 at line 6",
            "wrong.boot:7: on 2.6.12: expected completes, found bug mm/bootmem.c:159 at line 6",
        ]
    );
    // A malformed expectation is an error of the file, not a silent comment.
    let broken = format!("{BOOT}# expect 2.6.12: bug bootmem.c\n");
    let e = mismatches("broken.boot", &broken).unwrap_err();
    assert!(e.contains("--> broken.boot:7:22"), "{e}");
}
