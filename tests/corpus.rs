//! The suites over the whole scenario corpus, in one test binary so that they share one
//! run of every scenario on every release: the trace snapshots, the checked
//! expectations, the diff snapshots with `docs/versions.md`, and the JSON schema; and
//! the step-through snapshots of single calls (`explain.rs`).

#[path = "diffs.rs"]
mod diffs;
#[path = "expectations.rs"]
mod expectations;
#[path = "explain.rs"]
mod explain;
#[path = "scenarios.rs"]
mod scenarios;
#[path = "schema.rs"]
mod schema;
