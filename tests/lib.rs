//! Helpers shared by the workspace-level tests: loading the scenario corpus, and the
//! random boot generator of the property tests.

pub mod json_schema;
pub mod random;
pub mod stress;

use bootmem_history::parse::{parse, Scenario};
use std::path::Path;

/// Parses one scenario of the corpus, by path.
pub fn load(path: &Path) -> Scenario {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path
        .strip_prefix(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .parent()
                .unwrap_or(Path::new("")),
        )
        .unwrap_or(path)
        .display()
        .to_string();
    parse(&name, &text).unwrap_or_else(|e| panic!("{e}"))
}

/// The scenario corpus, run once per test process on every release of the registry and
/// shared by the suites that look at all of it (trace snapshots, expectations, diff
/// snapshots, `docs/versions.md`): the runs are the suite's main cost, so no suite
/// repeats them.
pub struct Corpus {
    /// `tests/scenarios`.
    pub dir: std::path::PathBuf,
    /// The scenarios, as the library's corpus loader orders them.
    pub scenarios: Vec<Scenario>,
    /// Each scenario's text, for the expectations.
    pub texts: Vec<String>,
    /// Every scenario on every release.
    pub runs: bootmem_history::compare::Runs,
    /// Every scenario on every pair of neighbouring releases.
    pub tour: bootmem_history::compare::Tour,
}

impl Corpus {
    /// The file of scenario `k`.
    pub fn path(&self, k: usize) -> std::path::PathBuf {
        let name = bootmem_history::compare::scenario_name(&self.scenarios[k]);
        self.dir.join(format!("{name}.boot"))
    }
}

/// The corpus, loaded and run on first use.
pub fn corpus() -> &'static Corpus {
    use bootmem_history::{compare, versions};
    static CORPUS: std::sync::OnceLock<Corpus> = std::sync::OnceLock::new();
    CORPUS.get_or_init(|| {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = manifest.join("scenarios");
        // Files are named from the workspace root, as the xtask names them.
        let root = manifest.parent().unwrap_or(manifest);
        let (scenarios, errors) = compare::corpus(&dir, root);
        assert!(errors.is_empty(), "{errors:?}");
        let texts = scenarios
            .iter()
            .map(|s| {
                let path = dir.join(format!("{}.boot", compare::scenario_name(s)));
                std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            })
            .collect();
        let runs = compare::Runs::new(&scenarios, versions::RELEASES);
        let tour = compare::tour_of(&scenarios, &versions::consecutive_pairs(), &runs);
        Corpus {
            dir,
            scenarios,
            texts,
            runs,
            tour,
        }
    })
}

/// Runs `check` for each item and collects the panics of failing snapshot assertions,
/// so that one run writes every new snapshot instead of stopping at the first, as
/// insta's `glob!` does; panics at the end with how many failed.
pub fn each_snapshot<T>(items: impl IntoIterator<Item = T>, check: impl Fn(T)) {
    let mut failed = 0usize;
    for item in items {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(item)));
        failed += usize::from(outcome.is_err());
    }
    assert_eq!(failed, 0, "{failed} snapshot assertions failed; see above");
}
