//! Runs scenarios on several releases and compares the traces: two releases
//! ([`compare`]), every step of history ([`bisect`]), and a set of scenarios on pairs of
//! releases ([`tour`]), with the bundled corpus to run them on ([`corpus`]).
//!
//! A version crate marks only the paths its own release's commits brought, so a
//! comparison of two releases that are not neighbours also compares every neighbouring
//! pair between them: each step's first parting is then explained by that step's own
//! commits.

pub(crate) mod text;

use crate::diff::{diff, Diff, Explanation, Kind};
use crate::error::Error;
use crate::parse::{parse_bytes, Scenario};
use crate::run::{run, Trace};
use crate::versions::{self, UnknownVersion, RELEASES};
use bootmem_core::{Commit, Release};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Two releases compared on one scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    /// The two traces compared.
    pub diff: Diff,
    /// When the two releases are not neighbours: every neighbouring pair from the older
    /// to the newer, in historical order, each compared on its own.
    pub steps: Vec<Diff>,
}

impl Comparison {
    /// The steps that changed the trace.
    pub fn changes(&self) -> impl Iterator<Item = &Diff> {
        self.steps.iter().filter(|d| !d.identical())
    }
}

/// The releases from the older of `a` and `b` to the newer, in historical order.
fn span(a: &Release, b: &Release) -> Vec<&'static Release> {
    match (versions::position(a.name), versions::position(b.name)) {
        (Some(x), Some(y)) => RELEASES[x.min(y)..=x.max(y)].to_vec(),
        _ => Vec::new(),
    }
}

/// Builds the comparison of `a` and `b` from the traces of every release of their
/// span; `None` if one is missing.
fn comparison<'t>(
    a: &'static Release,
    b: &'static Release,
    trace_of: impl Fn(&str) -> Option<&'t Trace>,
) -> Option<Comparison> {
    let main = diff(trace_of(a.name)?, trace_of(b.name)?);
    let releases = span(a, b);
    let steps = if releases.len() > 2 {
        let traces = releases
            .iter()
            .map(|r| trace_of(r.name))
            .collect::<Option<Vec<&Trace>>>()?;
        traces.windows(2).map(|w| diff(w[0], w[1])).collect()
    } else {
        Vec::new()
    };
    Some(Comparison { diff: main, steps })
}

/// Runs `scenario` on `a`, on `b` and on every release between them, and compares.
pub fn compare(
    scenario: &Scenario,
    a: &'static Release,
    b: &'static Release,
) -> Result<Comparison, Error> {
    let (ta, tb) = (run(a, scenario)?, run(b, scenario)?);
    let releases = span(a, b);
    // The releases strictly between the two, oldest first.
    let middle = releases
        .get(1..releases.len().saturating_sub(1))
        .unwrap_or(&[])
        .iter()
        .map(|r| Ok((r.name, run(r, scenario)?)))
        .collect::<Result<Vec<_>, Error>>()?;
    let trace_of = |name: &str| {
        [(a.name, &ta), (b.name, &tb)]
            .into_iter()
            .chain(middle.iter().map(|(n, t)| (*n, t)))
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t)
    };
    Ok(comparison(a, b, trace_of).unwrap_or_else(|| Comparison {
        diff: diff(&ta, &tb),
        steps: Vec::new(),
    }))
}

/// One scenario along the whole history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bisect {
    /// The scenario file.
    pub file: String,
    /// Its trace on every release, oldest first.
    pub traces: Vec<Trace>,
    /// Every neighbouring pair compared, oldest first.
    pub steps: Vec<Diff>,
}

impl Bisect {
    /// The steps at which the trace changes.
    pub fn changes(&self) -> impl Iterator<Item = &Diff> {
        self.steps.iter().filter(|d| !d.identical())
    }
}

/// Runs `scenario` on every release and compares each with the one before it.
pub fn bisect(scenario: &Scenario) -> Result<Bisect, Error> {
    let traces = RELEASES
        .iter()
        .map(|r| run(r, scenario))
        .collect::<Result<Vec<_>, Error>>()?;
    let steps = traces.windows(2).map(|w| diff(&w[0], &w[1])).collect();
    Ok(Bisect {
        file: scenario.file.clone(),
        traces,
        steps,
    })
}

/// Every `.boot` file of `dir`, parsed, in file-name order; and the files that could
/// not be read or parsed. Each file is named relative to `base` where it lies inside
/// it (the caller passes its workspace root, say, so that names read
/// `tests/scenarios/…`).
pub fn corpus(dir: &Path, base: &Path) -> (Vec<Scenario>, Vec<Error>) {
    let mut errors = Vec::new();
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "boot"))
            .collect(),
        Err(e) => {
            errors.push(Error::Io {
                path: dir.to_path_buf(),
                error: Arc::new(e),
            });
            Vec::new()
        }
    };
    paths.sort();
    let mut scenarios = Vec::new();
    for p in paths {
        let name = p.strip_prefix(base).unwrap_or(&p);
        match std::fs::read(&p) {
            Ok(bytes) => match parse_bytes(&name.display().to_string(), &bytes) {
                Ok(s) => scenarios.push(s),
                Err(e) => errors.push(e),
            },
            Err(e) => errors.push(Error::Io {
                path: name.to_path_buf(),
                error: Arc::new(e),
            }),
        }
    }
    (scenarios, errors)
}

/// The short name of a scenario: its file name without `.boot`.
pub fn scenario_name(s: &Scenario) -> String {
    let file = Path::new(&s.file);
    file.file_stem()
        .map_or_else(|| s.file.clone(), |n| n.to_string_lossy().into_owned())
}

/// One scenario compared on one pair of releases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    /// Both ran; here is how they compare.
    Compared(Box<Comparison>),
    /// The simulator refused the scenario (it is too large); it refuses it on every
    /// release alike.
    Refused(Error),
}

impl Cell {
    /// The comparison, if the scenario ran.
    pub fn comparison(&self) -> Option<&Comparison> {
        match self {
            Cell::Compared(c) => Some(c),
            Cell::Refused(_) => None,
        }
    }
}

/// One scenario of a tour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Its short name.
    pub name: String,
    /// Its file.
    pub file: String,
    /// One cell per pair of the tour.
    pub cells: Vec<Cell>,
}

/// A set of scenarios compared on pairs of releases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tour {
    /// The pairs, as (first, second) release names.
    pub pairs: Vec<(&'static str, &'static str)>,
    /// One row per scenario.
    pub rows: Vec<Row>,
}

/// A rough cost of running a scenario: the page frames its nodes span, which the
/// hand-off walks page by page on the older releases.
fn cost(s: &Scenario) -> u64 {
    s.statements
        .iter()
        .filter_map(|st| st.node_setup())
        .map(|(_, start, end)| end.saturating_sub(start))
        .fold(0u64, u64::saturating_add)
}

/// The memory the runs in flight may hold together, by their bounds: 768 MiB.
const PARALLEL_MEMORY: u64 = 768 << 20;

/// The most memory one run of `s` can hold, by the bounds [`crate::run::limits`]
/// derives: its page state (about 48 bytes a run of frames), the memory it may fill,
/// and 16 MiB for its logs and trace.
fn memory_bound(s: &Scenario) -> u64 {
    let limits = crate::run::limits(s);
    limits
        .page_runs
        .saturating_mul(48)
        .saturating_add(limits.written_bytes)
        .saturating_add(16 << 20)
}

/// Runs every job, as many at a time as the machine has cores, the costliest first
/// so that the large boots do not all end up on one thread at the end. The results
/// come back in the order of `jobs`.
fn run_jobs(
    scenarios: &[Scenario],
    jobs: &[(usize, &'static Release)],
) -> Vec<Result<Trace, Error>> {
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(cost(&scenarios[jobs[k].0])));
    let next = AtomicUsize::new(0);
    // As many threads as cores, but no more than the largest runs' bounds fit in
    // PARALLEL_MEMORY together: a tour of huge scenarios runs them one at a time.
    let largest = jobs
        .iter()
        .map(|&(s, _)| memory_bound(&scenarios[s]))
        .max()
        .unwrap_or(1)
        .max(1);
    let fit = usize::try_from(PARALLEL_MEMORY / largest).unwrap_or(usize::MAX);
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(fit)
        .clamp(1, jobs.len().max(1));
    // Each worker takes the next job until none is left and keeps what it ran; every
    // job is taken by exactly one worker.
    let mut done: Vec<(usize, Result<Trace, Error>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    while let Some(&job) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let (s, release) = jobs[job];
                        mine.push((job, run(release, &scenarios[s])));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    done.sort_by_key(|(job, _)| *job);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Every scenario run on every release of a list, once each, in parallel: the runs a
/// tour, the snapshot suites and the expectations share.
#[derive(Debug)]
pub struct Runs {
    releases: Vec<&'static Release>,
    /// `traces[s][r]`: scenario `s` on `releases[r]`.
    traces: Vec<Vec<Result<Trace, Error>>>,
}

impl Runs {
    /// Runs every scenario on every release of `releases`, as many at a time as the
    /// machine has cores.
    pub fn new(scenarios: &[Scenario], releases: &[&'static Release]) -> Runs {
        let jobs: Vec<(usize, &'static Release)> = (0..scenarios.len())
            .flat_map(|s| releases.iter().map(move |r| (s, *r)))
            .collect();
        let mut results = run_jobs(scenarios, &jobs).into_iter();
        let traces = scenarios
            .iter()
            .map(|_| results.by_ref().take(releases.len()).collect())
            .collect();
        Runs {
            releases: releases.to_vec(),
            traces,
        }
    }

    /// The run of scenario `s` (by its index) on the release of that name, if it was
    /// run.
    pub fn get(&self, s: usize, release: &str) -> Option<&Result<Trace, Error>> {
        let r = self.releases.iter().position(|r| r.name == release)?;
        self.traces.get(s)?.get(r)
    }
}

/// Compares every scenario on every pair, running each scenario once on each release
/// that the pairs span, in parallel.
pub fn tour(scenarios: &[Scenario], pairs: &[(&'static Release, &'static Release)]) -> Tour {
    let mut needed: Vec<&'static Release> = Vec::new();
    for &(a, b) in pairs {
        let mut releases = span(a, b);
        if releases.is_empty() {
            releases = vec![a, b];
        }
        for r in releases {
            if !needed.iter().any(|n| n.name == r.name) {
                needed.push(r);
            }
        }
    }
    tour_of(scenarios, pairs, &Runs::new(scenarios, &needed))
}

/// The tour of `scenarios` on `pairs` from runs already made; a pair whose releases
/// were not run is refused as an unknown release.
pub fn tour_of(
    scenarios: &[Scenario],
    pairs: &[(&'static Release, &'static Release)],
    runs: &Runs,
) -> Tour {
    let rows = scenarios
        .iter()
        .enumerate()
        .map(|(k, s)| {
            // The simulator refuses a scenario on every release alike.
            let refusal = runs
                .traces
                .get(k)
                .and_then(|t| t.iter().find_map(|r| r.as_ref().err().cloned()));
            let trace_of = |name: &str| runs.get(k, name).and_then(|r| r.as_ref().ok());
            let cells = pairs
                .iter()
                .map(|&(a, b)| match (&refusal, comparison(a, b, trace_of)) {
                    (None, Some(c)) => Cell::Compared(Box::new(c)),
                    (Some(e), _) => Cell::Refused(e.clone()),
                    (None, None) => Cell::Refused(Error::UnknownRelease(UnknownVersion {
                        asked: a.name.to_string(),
                    })),
                })
                .collect();
            Row {
                name: scenario_name(s),
                file: s.file.clone(),
                cells,
            }
        })
        .collect();
    Tour {
        pairs: pairs.iter().map(|(a, b)| (a.name, b.name)).collect(),
        rows,
    }
}

/// A commit, the path it brought, and the scenarios whose first parting it explains.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explained {
    /// The release that brought the commit.
    pub release: &'static str,
    /// The commit.
    pub commit: &'static Commit,
    /// The scenarios, by short name.
    pub scenarios: Vec<String>,
}

/// What one pair of a tour shows, gathered for a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairSummary {
    /// The first release.
    pub a: &'static str,
    /// The second release.
    pub b: &'static str,
    /// How many scenarios were compared.
    pub total: usize,
    /// The scenarios that behave the same.
    pub same: Vec<String>,
    /// The scenarios that differ, grouped by the kind that sums each up, in
    /// [`Kind`] order.
    pub by_kind: Vec<(Kind, Vec<String>)>,
    /// The commits whose marked paths ran where a scenario parts (or, for a scenario
    /// that differs only in its final state, anywhere in the newer run).
    pub explained: Vec<Explained>,
    /// Differing scenarios for which no marked path of a commit between the releases
    /// ran, leaving aside those in which only the line of a `BUG()` moved.
    pub unexplained: Vec<String>,
    /// Identical scenarios in which such a path ran all the same.
    pub quiet: Vec<Explained>,
    /// Scenarios the simulator refused.
    pub refused: Vec<String>,
    /// The C's bitmap operations on the two releases.
    pub cost: PairCost,
}

/// The C's bitmap operations (`Costs::bitmap_ops`) of a pair of a tour.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PairCost {
    /// Every scenario that ran on both, added up, on the first release.
    pub a: u64,
    /// The same on the second release.
    pub b: u64,
    /// The call whose count changed by the largest factor; `None` when no call's
    /// count changed. A count from or to zero has no factor and is left out.
    pub largest: Option<CallCostChange>,
}

/// One call's bitmap operations on the two releases of a pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallCostChange {
    /// The scenario's short name.
    pub scenario: String,
    /// The scenario line of the call.
    pub line: usize,
    /// The first release's count.
    pub a: u64,
    /// The second release's count.
    pub b: u64,
}

impl PairCost {
    /// Adds one scenario's comparison.
    fn add(&mut self, name: &str, costs: &crate::diff::CostDiff) {
        self.a = self.a.saturating_add(costs.a.bitmap_ops());
        self.b = self.b.saturating_add(costs.b.bitmap_ops());
        for call in &costs.calls {
            let (a, b) = (call.a.bitmap_ops(), call.b.bitmap_ops());
            if a == b || a == 0 || b == 0 {
                continue;
            }
            // Factors compared without division: max/min against max'/min'.
            let factor = |x: u64, y: u64| (u128::from(x.max(y)), u128::from(x.min(y)));
            let (hi, lo) = factor(a, b);
            let larger = match &self.largest {
                None => true,
                Some(c) => {
                    let (hi2, lo2) = factor(c.a, c.b);
                    hi * lo2 > hi2 * lo
                }
            };
            if larger {
                self.largest = Some(CallCostChange {
                    scenario: name.to_string(),
                    line: call.line,
                    a,
                    b,
                });
            }
        }
    }
}

fn add(list: &mut Vec<Explained>, release: &'static str, commit: &'static Commit, name: &str) {
    match list
        .iter_mut()
        .find(|e| e.release == release && e.commit.id == commit.id)
    {
        Some(e) => {
            if !e.scenarios.iter().any(|s| s == name) {
                e.scenarios.push(name.to_string());
            }
        }
        None => list.push(Explained {
            release,
            commit,
            scenarios: vec![name.to_string()],
        }),
    }
}

/// Gathers what pair `k` of a tour shows.
pub fn summarize(tour: &Tour, k: usize) -> PairSummary {
    let (a, b) = tour.pairs.get(k).copied().unwrap_or(("", ""));
    let mut s = PairSummary {
        a,
        b,
        total: tour.rows.len(),
        same: Vec::new(),
        by_kind: Vec::new(),
        explained: Vec::new(),
        unexplained: Vec::new(),
        quiet: Vec::new(),
        refused: Vec::new(),
        cost: PairCost::default(),
    };
    for row in &tour.rows {
        let Some(cell) = row.cells.get(k) else {
            continue;
        };
        let Some(c) = cell.comparison() else {
            s.refused.push(row.name.clone());
            continue;
        };
        s.cost.add(&row.name, &c.diff.costs);
        // A pair of neighbours explains itself; a wider pair is explained by its steps.
        let diffs: Vec<&Diff> = if c.steps.is_empty() {
            vec![&c.diff]
        } else {
            c.steps.iter().collect()
        };
        match c.diff.primary() {
            None => {
                s.same.push(row.name.clone());
                for r in diffs.iter().flat_map(|d| match &d.why {
                    Explanation::Quiet(r) => &r[..],
                    _ => &[],
                }) {
                    if let Some((rel, commit)) = r.commit {
                        add(&mut s.quiet, rel, commit, &row.name);
                    }
                }
            }
            Some(kind) => {
                match s.by_kind.iter_mut().find(|(k, _)| *k == kind) {
                    Some((_, names)) => names.push(row.name.clone()),
                    None => s.by_kind.push((kind, vec![row.name.clone()])),
                }
                let mut any = false;
                for r in diffs.iter().flat_map(|d| d.all_reasons()) {
                    if let Some((rel, commit)) = r.commit {
                        add(&mut s.explained, rel, commit, &row.name);
                        any = true;
                    }
                }
                // A step in which the boot only stops elsewhere in the source (a BUG()
                // line, a renamed looping function) is not counted as unexplained: the
                // text around the check moved, which no path mark can show.
                let line_only = diffs
                    .iter()
                    .all(|d| d.identical() || d.kinds == [Kind::Moved]);
                if !any && !line_only {
                    s.unexplained.push(row.name.clone());
                }
            }
        }
    }
    s.by_kind.sort_by_key(|(k, _)| *k);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse;

    fn scenario(text: &str) -> Scenario {
        parse("t.boot", text).unwrap()
    }

    /// Node 0 is full and initialised last, so it is searched first: 2.6.12 to 2.6.14
    /// test the bit past its bitmap, 2.6.15 stops at the node's end (66d43e98).
    const FULL_NODE: &str = "init_bootmem_node(1, 0x201, 0x40, 0x80)\n\
        init_bootmem_node(0, 0x200, 0x0, 0x40)\n\
        free_bootmem_node(1, 0x40000, 0x40000)\n\
        __alloc_bootmem_node(0, 0x1000, 0x1000, 0)\n";

    #[test]
    fn a_wide_comparison_walks_every_step_between() {
        let s = scenario(FULL_NODE);
        let a = versions::find("2.6.12").unwrap();
        let b = versions::find("2.6.16").unwrap();
        let c = compare(&s, a, b).unwrap();
        assert!(!c.diff.identical());
        assert_eq!(c.steps.len(), 4);
        let changed: Vec<_> = c.changes().map(|d| d.pair.b).collect();
        assert!(changed.contains(&"2.6.15"), "{changed:?}");
        // The end-of-node break is a 2.6.15 path, so the 2.6.16 run does not mark it;
        // the step from 2.6.14 to 2.6.15 names it.
        let fix = c.steps.iter().find(|d| d.pair.b == "2.6.15").unwrap();
        let marks: Vec<_> = fix.all_reasons().iter().map(|r| r.mark).collect();
        assert!(marks.contains(&bootmem_commits::M66D43E98.id), "{marks:?}");
    }

    #[test]
    fn neighbours_are_compared_without_steps() {
        let s = scenario(FULL_NODE);
        let a = versions::find("2.6.15").unwrap();
        let b = versions::find("2.6.16").unwrap();
        let c = compare(&s, a, b).unwrap();
        assert!(c.steps.is_empty());
        assert!(c.diff.identical());
    }

    #[test]
    fn bisect_finds_the_steps_that_change_the_trace() {
        let s = scenario(FULL_NODE);
        let b = bisect(&s).unwrap();
        assert_eq!(b.traces.len(), RELEASES.len());
        assert_eq!(b.steps.len(), RELEASES.len() - 1);
        let changed: Vec<_> = b.changes().map(|d| d.pair.b).collect();
        assert!(changed.contains(&"2.6.15"));
        assert!(!changed.contains(&"2.6.16"));
    }

    #[test]
    fn a_tour_fills_one_cell_per_scenario_and_pair_and_sums_each_pair_up() {
        let scenarios = vec![
            scenario(FULL_NODE),
            parse("same.boot", "init_bootmem(0x10, 0x40)\n").unwrap(),
            parse("huge.boot", "init_bootmem_node(0, 0x0, 0x0, 0x800000000)\n").unwrap(),
        ];
        let pairs = versions::consecutive_pairs();
        let t = tour(&scenarios, &pairs);
        assert_eq!(t.rows.len(), 3);
        assert!(t.rows.iter().all(|r| r.cells.len() == pairs.len()));
        assert!(matches!(t.rows[2].cells[0], Cell::Refused(_)));
        let k = t
            .pairs
            .iter()
            .position(|p| *p == ("2.6.14", "2.6.15"))
            .unwrap();
        let s = summarize(&t, k);
        assert_eq!(s.total, 3);
        assert_eq!(s.same, ["same"]);
        assert_eq!(s.refused, ["huge"]);
        assert_eq!(s.by_kind.len(), 1);
        assert_eq!(s.by_kind[0].1, ["t"]);
        assert!(s
            .explained
            .iter()
            .any(|e| e.commit.id.starts_with("66d43e98") && e.scenarios == ["t"]));
        assert!(s.unexplained.is_empty());
    }

    #[test]
    fn the_corpus_is_found_and_names_files_from_the_workspace_root() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let (scenarios, errors) = corpus(&root.join("tests/scenarios"), &root);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(scenarios.len() > 10);
        assert!(scenarios
            .iter()
            .all(|s| s.file.starts_with("tests/scenarios/")));
        let (none, errors) = corpus(Path::new("/nonexistent/bootmem"), &root);
        assert!(none.is_empty());
        assert_eq!(errors.len(), 1);
    }
}
