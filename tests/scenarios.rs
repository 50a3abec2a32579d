//! Every scenario of `tests/scenarios/` on every release, as readable snapshots named
//! `<scenario>@<release>.snap`, so that `diff a@2.4.22.snap a@2.6.12.snap` reads as
//! what changed between the two releases for that boot.

use bootmem_history::{render, run, versions};

#[test]
fn every_scenario_on_every_release() {
    insta::glob!("scenarios/*.boot", |path| {
        let scenario = bootmem_tests::load(path);
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for release in versions::RELEASES {
            let text = match run::run(release, &scenario) {
                Ok(trace) => render::text(&trace),
                Err(refused) => refused.to_string(),
            };
            insta::with_settings!({
                snapshot_suffix => release.name,
                prepend_module_to_snapshot => false,
                omit_expression => true,
                input_file => path,
            }, {
                insta::assert_snapshot!(stem.as_str(), text);
            });
        }
    });
}
