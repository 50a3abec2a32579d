//! Every scenario of `tests/scenarios/` on every release, as readable snapshots.

use bootmem_history::{render, run, versions};

#[test]
fn every_scenario_on_every_release() {
    insta::glob!("scenarios/*.boot", |path| {
        let scenario = bootmem_tests::load(path);
        for release in versions::RELEASES {
            let text = match run::run(release, &scenario) {
                Ok(trace) => render::text(&trace),
                Err(refused) => refused.to_string(),
            };
            insta::with_settings!({
                snapshot_suffix => release.name,
                prepend_module_to_snapshot => false,
                omit_expression => true,
            }, {
                insta::assert_snapshot!(text);
            });
        }
    });
}
