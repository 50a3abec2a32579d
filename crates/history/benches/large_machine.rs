//! Benchmark: the 64 GiB boot of `tests/scenarios/large_machine_64g.boot` on every
//! release, best of five, with the process's peak memory. Run `cargo bench -p
//! bootmem-history`; the target is well under a second a release in a release build.

use bootmem_history::{parse, run, versions};
use std::time::{Duration, Instant};

const SCENARIO: &str = include_str!("../../../tests/scenarios/large_machine_64g.boot");

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let scenario = match parse::parse("large_machine_64g.boot", SCENARIO) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    println!("{:<8} {:>12} {:>14}", "release", "best of 5", "freed pages");
    for release in versions::RELEASES {
        let mut best = Duration::MAX;
        let mut freed = 0;
        for _ in 0..5 {
            let started = Instant::now();
            match run::run(release, &scenario) {
                Ok(trace) => freed = trace.end.freed_pages(),
                Err(e) => {
                    eprintln!("{e}");
                    std::process::exit(2);
                }
            }
            best = best.min(started.elapsed());
        }
        println!(
            "{:<8} {:>9.3} ms {:>14}",
            release.name,
            best.as_secs_f64() * 1000.0,
            freed
        );
    }
    if let Some(kib) = peak_rss_kib() {
        println!("peak resident memory of the process: {} MiB", kib / 1024);
    }
}
