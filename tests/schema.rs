//! Every JSON the command prints for the corpus, validated against
//! `docs/json.schema.json`: the trace of every scenario on every release, the tour of
//! every pair of neighbouring releases (every diff in it), a bisection, the releases,
//! and the error object.

use bootmem_history::{
    catalog, compare, diff_json,
    json::{self, TraceJson},
    run, versions,
};
use bootmem_tests::{corpus, json_schema::validate};
use serde_json::Value;

fn schema() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/json.schema.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn check(schema: &Value, def: &str, value: &Value, what: &str) {
    let part = &schema["$defs"][def];
    assert!(part.is_object(), "no $defs/{def}");
    let errors = validate(schema, part, value);
    assert!(
        errors.is_empty(),
        "{what} against $defs/{def}:\n{}",
        errors.join("\n")
    );
    // What validates as a part validates as the whole output too.
    let whole = validate(schema, schema, value);
    assert!(whole.is_empty() || def != "trace", "{what}: {whole:?}");
}

#[test]
fn every_trace_of_the_corpus_fits_the_schema() {
    let schema = schema();
    let c = corpus();
    let mut checked = 0;
    for (k, s) in c.scenarios.iter().enumerate() {
        for release in versions::RELEASES {
            if let Some(Ok(trace)) = c.runs.get(k, release.name) {
                let value = serde_json::to_value(TraceJson::new(trace)).unwrap();
                // The trace writer lays out the steps itself, and the command writes
                // one scenario's trace as it runs: both as serde writes the trace.
                let (mut direct, mut streamed, mut typed) = (Vec::new(), Vec::new(), Vec::new());
                json::write(trace, &mut direct).unwrap();
                let mut session = run::Session::new(release, s).unwrap();
                let stop = json::write_session(&mut session, s, &mut streamed).unwrap();
                json::write_value(&TraceJson::new(trace), &mut typed).unwrap();
                let typed = String::from_utf8_lossy(&typed);
                let at = format!("{}@{}", s.file, release.name);
                assert_eq!(String::from_utf8_lossy(&direct), typed, "{at}");
                assert_eq!(String::from_utf8_lossy(&streamed), typed, "{at}");
                assert_eq!(stop.as_ref(), trace.stop().map(|(_, stop)| stop), "{at}");
                check(
                    &schema,
                    "trace",
                    &value,
                    &format!("{}@{}", s.file, release.name),
                );
                checked += 1;
            }
        }
    }
    // Every run but those of the scenarios refused as too large.
    assert!(
        checked >= (c.scenarios.len() - 2) * versions::RELEASES.len(),
        "{checked}"
    );
}

#[test]
fn the_tour_a_bisection_the_releases_and_errors_fit_the_schema() {
    let schema = schema();
    let c = corpus();
    let tour = serde_json::to_value(diff_json::tour(&c.tour)).unwrap();
    check(&schema, "tour", &tour, "the tour");
    let spec = c
        .scenarios
        .iter()
        .find(|s| compare::scenario_name(s) == "spec_example")
        .unwrap();
    let bisect = serde_json::to_value(diff_json::bisect(&compare::bisect(spec).unwrap())).unwrap();
    check(&schema, "bisect", &bisect, "bisect spec_example");
    for r in catalog::releases() {
        check(
            &schema,
            "release",
            &serde_json::to_value(&r).unwrap(),
            r.name,
        );
    }
    let errors = serde_json::json!({"errors": [
        {"kind": "parse", "message": "m", "file": "f", "line": 2, "column": 3, "end_column": 9}
    ]});
    check(&schema, "errors", &errors, "an error");
}
