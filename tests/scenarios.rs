//! Every scenario of `tests/scenarios/` on every release, as readable snapshots named
//! `traces/<scenario>/<scenario>@<release>.snap`, so that `diff a/a@2.4.22.snap
//! a/a@2.6.12.snap` reads as what changed between the two releases for that boot.

use bootmem_history::{render, versions};
use bootmem_tests::{corpus, each_snapshot};

#[test]
fn every_scenario_on_every_release() {
    let c = corpus();
    let jobs = (0..c.scenarios.len()).flat_map(|k| versions::RELEASES.iter().map(move |r| (k, r)));
    each_snapshot(jobs, |(k, release)| {
        let stem = bootmem_history::compare::scenario_name(&c.scenarios[k]);
        let text = match c.runs.get(k, release.name) {
            Some(Ok(trace)) => render::text(trace),
            Some(Err(refused)) => refused.to_string(),
            None => panic!("{stem} was not run on {}", release.name),
        };
        insta::with_settings!({
            snapshot_path => format!("snapshots/traces/{stem}"),
            snapshot_suffix => release.name,
            prepend_module_to_snapshot => false,
            omit_expression => true,
            input_file => c.path(k),
        }, {
            insta::assert_snapshot!(stem.as_str(), text);
        });
    });
}

/// Every snapshot file belongs to a scenario of the corpus and a release of the
/// registry (or a pair of neighbouring releases): a snapshot of a pair that is no longer
/// neighbouring, or of a renamed scenario, would otherwise linger and mislead. Stale
/// files are deleted, as rust-analyzer's generated files are rewritten, and the test
/// fails so that the deletion is committed.
#[test]
fn no_snapshot_outlives_its_scenario_or_release() {
    use std::collections::BTreeSet;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let stems: Vec<String> = std::fs::read_dir(root.join("scenarios"))
        .expect("tests/scenarios")
        .filter_map(|e| e.ok()?.path().file_stem()?.to_str().map(str::to_string))
        .collect();
    let mut wanted = BTreeSet::new();
    for stem in &stems {
        for r in versions::RELEASES {
            wanted.insert(format!("snapshots/traces/{stem}/{stem}@{}.snap", r.name));
        }
        for (a, b) in versions::consecutive_pairs() {
            wanted.insert(format!(
                "snapshots/diffs/{stem}/{stem}@{}..{}.snap",
                a.name, b.name
            ));
        }
    }
    // The trace and diff snapshots at any depth of their folders, and any left in the
    // flat layout of before (other folders hold other suites' snapshots).
    let mut stale = Vec::new();
    let mut folders = vec![
        (String::from("snapshots"), false),
        (String::from("snapshots/traces"), true),
        (String::from("snapshots/diffs"), true),
    ];
    while let Some((dir, deep)) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(root.join(&dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = format!("{dir}/{}", entry.file_name().to_string_lossy());
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                if deep {
                    folders.push((name, true));
                }
            } else if name.ends_with(".snap") && !wanted.contains(&name) {
                std::fs::remove_file(entry.path()).expect("a stale snapshot is removable");
                stale.push(name);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale snapshots were deleted; commit the deletion: {stale:?}"
    );
}
