//! The registry: every re-created release, oldest first, and the names that reach it.

use bootmem_commits::COMMITS;
use bootmem_core::CallId;
pub use bootmem_core::{Commit, Release};
use std::cmp::Ordering;
use std::fmt;
use std::sync::OnceLock;

/// Every release a version crate re-creates, in historical order.
pub static RELEASES: &[&Release] = &[
    &bootmem_v2_4_0::RELEASE,
    &bootmem_v2_4_4::RELEASE,
    &bootmem_v2_4_5::RELEASE,
    &bootmem_v2_4_10::RELEASE,
    &bootmem_v2_4_22::RELEASE_2_4_17,
    &bootmem_v2_4_22::RELEASE_2_4_19,
    &bootmem_v2_4_22::RELEASE,
    &bootmem_v2_5_1::RELEASE,
    &bootmem_v2_5_2::RELEASE,
    &bootmem_v2_5_4::RELEASE,
    &bootmem_v2_5_4::RELEASE_2_5_5,
    &bootmem_v2_5_4::RELEASE_2_5_21,
    &bootmem_v2_5_4::RELEASE_2_5_30,
    &bootmem_v2_5_34::RELEASE,
    &bootmem_v2_5_37::RELEASE,
    &bootmem_v2_5_42::RELEASE,
    &bootmem_v2_5_52::RELEASE,
    &bootmem_v2_5_68::RELEASE,
    &bootmem_v2_5_71::RELEASE,
    &bootmem_v2_5_75::RELEASE,
    &bootmem_v2_6_0::RELEASE,
    &bootmem_v2_6_4::RELEASE,
    &bootmem_v2_6_4::RELEASE_2_6_7,
    &bootmem_v2_6_8::RELEASE,
    &bootmem_v2_6_9::RELEASE,
    &bootmem_v2_6_9::RELEASE_2_6_10,
    &bootmem_v2_6_11::RELEASE,
    &bootmem_v2_6_12::RELEASE,
    &bootmem_v2_6_13::RELEASE,
    &bootmem_v2_6_14::RELEASE,
    &bootmem_v2_6_15::RELEASE,
    &bootmem_v2_6_16::RELEASE,
];

/// A name that no version crate answers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownVersion {
    /// What was asked for.
    pub asked: String,
}

impl fmt::Display for UnknownVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "release '{}' is not covered.\n{}",
            self.asked,
            coverage()
        )
    }
}

/// What the registry covers, grouped by series and wrapped to 80 columns: each entry
/// with the last release of its own series that answers as it (`2.4.5-2.4.9`), so that
/// a newcomer sees the whole history at a glance. `--help` and the refusal of an
/// unknown release print it.
pub fn coverage() -> String {
    let mut out = format!(
        "Covered: every release from {} to {}, in {} entries; each runs its own\n\
         text, and the releases after it up to the dash answer as it:",
        RELEASES.first().map_or("", |r| r.name),
        last_name(RELEASES.last().copied().unwrap_or(RELEASES[0])),
        RELEASES.len()
    );
    let series = |r: &Release| r.name.split('.').take(2).collect::<Vec<_>>().join(".");
    let mut k = 0;
    while let Some(first) = RELEASES.get(k) {
        let s = series(first);
        let mut line = format!("\n  {s}:");
        while let Some(r) = RELEASES.get(k).filter(|r| series(r) == s) {
            let last = last_name(r);
            let item = if last == r.name {
                r.name.to_string()
            } else {
                format!("{}-{last}", r.name)
            };
            if line.len() + 1 + item.len() > 78 {
                out.push_str(&line);
                line = String::from("\n      ");
            }
            line.push(' ');
            line.push_str(&item);
            k += 1;
        }
        out.push_str(&line);
    }
    out
}

impl std::error::Error for UnknownVersion {}

/// The release of that name or alias (a leading `v` or `linux-` is allowed).
pub fn find(name: &str) -> Result<&'static Release, crate::error::Error> {
    let bare = name.trim();
    let bare = bare.strip_prefix("linux-").unwrap_or(bare);
    let bare = bare.strip_prefix('v').unwrap_or(bare);
    RELEASES
        .iter()
        .copied()
        .find(|r| r.name == bare || r.aliases.contains(&bare))
        .ok_or_else(|| {
            crate::error::Error::UnknownRelease(UnknownVersion {
                asked: name.to_string(),
            })
        })
}

/// The stable series whose texts no repository publishes, as the prefix of their names
/// and the first of them (`kernel-sources.md`): they answer as the release they follow.
const UNPUBLISHED: &[(&str, u32)] = &[
    ("2.6.11.", 6),
    ("2.6.12.", 1),
    ("2.6.13.", 1),
    ("2.6.14.", 1),
    ("2.6.15.", 1),
];

/// Why a name answers with the text of another release when that text is not its own
/// published one: a stable release whose text no repository publishes. `None` for every
/// other name, aliases whose text is known to be identical included.
pub fn alias_basis(asked: &str) -> Option<String> {
    let release = find(asked).ok()?;
    let bare = asked.trim();
    let bare = bare.strip_prefix("linux-").unwrap_or(bare);
    let bare = bare.strip_prefix('v').unwrap_or(bare);
    let unpublished = UNPUBLISHED.iter().any(|(prefix, first)| {
        bare.strip_prefix(prefix)
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|n| n >= *first)
    });
    unpublished.then(|| {
        format!(
            "{bare} is a stable release whose text no repository publishes; it runs {}'s \
             text, on the basis that stable policy took no change to the boot memory \
             allocator into the {} series",
            release.name, release.name
        )
    })
}

/// Names of every release, oldest first.
pub fn names() -> Vec<&'static str> {
    RELEASES.iter().map(|r| r.name).collect()
}

/// Where the release of that exact name stands in [`RELEASES`].
pub fn position(name: &str) -> Option<usize> {
    RELEASES.iter().position(|r| r.name == name)
}

/// The releases after `older` up to and including `newer`, whose commits lie between
/// the two; empty when `newer` is not after `older`.
pub fn between(older: &str, newer: &str) -> &'static [&'static Release] {
    match (position(older), position(newer)) {
        (Some(a), Some(b)) if a < b => &RELEASES[a + 1..=b],
        _ => &[],
    }
}

/// Every consecutive pair of releases, oldest first.
pub fn consecutive_pairs() -> Vec<(&'static Release, &'static Release)> {
    RELEASES.windows(2).map(|w| (w[0], w[1])).collect()
}

/// How a commit is named in short: the first eight hex digits of a git id, or the
/// whole name of a change made before git.
pub fn short_id(id: &str) -> &str {
    let is_hash = id.len() == 40 && id.bytes().all(|b| b.is_ascii_hexdigit());
    if is_hash {
        &id[..8]
    } else {
        id
    }
}

/// The order of two release names in history: numbers compared part by part, and a
/// `-rcN` or `-testN` release before the release it leads to.
pub fn compare_names(a: &str, b: &str) -> Ordering {
    fn key(name: &str) -> (Vec<u32>, u32, u32) {
        let (base, pre) = match name.split_once('-') {
            Some((base, pre)) => (base, Some(pre)),
            None => (name, None),
        };
        let numbers = base.split('.').map(|p| p.parse().unwrap_or(0)).collect();
        match pre {
            Some(pre) => {
                let n = pre.trim_start_matches(|c: char| c.is_ascii_alphabetic());
                (numbers, 0, n.parse().unwrap_or(0))
            }
            None => (numbers, 1, 0),
        }
    }
    key(a).cmp(&key(b))
}

/// The last release name a registry entry answers for (its name or a point-release
/// alias; series aliases such as `2.4` do not count, and neither does an alias from
/// another series, such as 2.4.10's `2.5.0`, which forked from 2.4.15 and carries none
/// of the 2.4 changes made after it).
fn last_name(r: &Release) -> &'static str {
    fn series(name: &str) -> Vec<&str> {
        name.split('.').take(2).collect()
    }
    r.aliases
        .iter()
        .copied()
        .filter(|a| a.split('.').count() >= 3 && series(a) == series(r.name))
        .chain([r.name])
        .max_by(|a, b| compare_names(a, b))
        .unwrap_or(r.name)
}

/// The registry release that first carried `commit`: the first one at or after the
/// commit's first release.
pub fn release_of(commit: &Commit) -> Option<&'static Release> {
    // The records are fixed, so each one's release is worked out once: the diffs ask for
    // it at every marked code path of every call, and comparing names is string work.
    static CARRIERS: OnceLock<Vec<Option<&'static Release>>> = OnceLock::new();
    let carriers = CARRIERS.get_or_init(|| COMMITS.iter().map(|c| first_carrier(c)).collect());
    match COMMITS.iter().position(|c| std::ptr::eq(*c, commit)) {
        Some(k) => carriers[k],
        None => first_carrier(commit),
    }
}

/// The first registry release at or after `commit`'s first release, found by name.
fn first_carrier(commit: &Commit) -> Option<&'static Release> {
    RELEASES
        .iter()
        .copied()
        .find(|r| compare_names(last_name(r), commit.first_release) != Ordering::Less)
}

/// The commit records that separate `release` from the release before it in the
/// registry, oldest first.
pub fn commits_of(release: &Release) -> Vec<&'static Commit> {
    COMMITS
        .iter()
        .copied()
        .filter(|c| release_of(c).is_some_and(|r| r.name == release.name))
        .collect()
}

/// The commits that separate the releases in `releases` from those before them, each
/// with the release that first carried it.
pub fn commits_in(releases: &[&'static Release]) -> Vec<(&'static Release, &'static Commit)> {
    releases
        .iter()
        .flat_map(|r| commits_of(r).into_iter().map(move |c| (*r, c)))
        .collect()
}

/// The record of the commit with the full id `id`, where one of `releases` first
/// carried it.
pub fn resolve_mark(
    id: &str,
    releases: &[&'static Release],
) -> Option<(&'static Release, &'static Commit)> {
    let commit = COMMITS.iter().copied().find(|c| c.id == id)?;
    let release = release_of(commit)?;
    releases
        .iter()
        .any(|r| r.name == release.name)
        .then_some((release, commit))
}

/// A commit in a sentence: short id and quoted title.
pub fn commit_ref(c: &Commit) -> String {
    let title = c.title.strip_prefix("[PATCH] ").unwrap_or(c.title);
    format!("{} \"{}\"", short_id(c.id), title)
}

/// The commits of `release` as the Markdown table `docs/versions.md` shows under each
/// step: id, title, author, date and the first release that carried each.
pub fn commit_table(release: &Release) -> String {
    let mut out =
        String::from("| commit | title | author | date | first in |\n|---|---|---|---|---|\n");
    for c in commits_of(release) {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            short_id(c.id),
            c.title.replace('|', "\\|"),
            c.author,
            c.date,
            c.first_release
        ));
    }
    out
}

/// Why a release that has `call` leaves it out under `config`: the option the call's row
/// needs, when it is off, or else the options under which the release's headers give
/// the name to the architecture or do not build it (`CONFIG_DISCONTIGMEM`,
/// `CONFIG_HAVE_ARCH_BOOTMEM_NODE`) that are on.
pub fn configured_out(call: CallId, config: &bootmem_core::Config) -> String {
    if let Some(needs) = call.spec().needs.filter(|n| !n.holds(config)) {
        return format!("the release has it only with {}=y", needs.option());
    }
    let on: Vec<String> = [
        ("CONFIG_DISCONTIGMEM", config.discontigmem),
        (
            "CONFIG_HAVE_ARCH_BOOTMEM_NODE",
            config.have_arch_bootmem_node,
        ),
    ]
    .into_iter()
    .filter(|&(_, on)| on)
    .map(|(name, _)| format!("{name}=y"))
    .collect();
    if on.is_empty() {
        return String::from("the release has it, but not in this configuration");
    }
    format!("the release has it, but not with {}", on.join(" and "))
}

/// Where a call that some releases lack came from or went to, derived from the
/// registry (which releases list the call) and the commit records (which commit lists
/// it): the release and commit that added it, the ones that removed it, and the
/// configuration option it needs. `None` for a call every release has and no option
/// guards.
pub fn call_history(call: CallId) -> Option<String> {
    let has = |r: &Release| r.calls.contains(&call);
    let first = RELEASES.iter().position(|r| has(r))?;
    let last = RELEASES.iter().rposition(|r| has(r))?;
    let by = |r: &Release| {
        commits_of(r)
            .into_iter()
            .find(|c| c.touches(call))
            .map(|c| format!(" by {}", commit_ref(c)))
            .unwrap_or_default()
    };
    let mut parts = Vec::new();
    if first > 0 {
        let r = RELEASES[first];
        parts.push(format!("added in {}{}", r.name, by(r)));
    }
    if let Some(r) = RELEASES.get(last + 1) {
        parts.push(format!("removed in {}{}", r.name, by(r)));
    }
    let mut note = parts.join("; ");
    if let Some(needs) = call.spec().needs {
        if !note.is_empty() {
            note.push_str(", and ");
        }
        note.push_str(&format!("only with {}=y", needs.option()));
    }
    (!note.is_empty()).then_some(note)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_left_out_by_the_configuration_names_the_options() {
        let mut config = bootmem_core::Config::default();
        assert_eq!(
            configured_out(CallId::remap_area, &config),
            "the release has it only with CONFIG_HAVE_ARCH_ALLOC_REMAP=y"
        );
        config.discontigmem = true;
        config.have_arch_bootmem_node = true;
        assert_eq!(
            configured_out(CallId::reserve_bootmem, &config),
            "the release has it, but not with CONFIG_DISCONTIGMEM=y and \
             CONFIG_HAVE_ARCH_BOOTMEM_NODE=y"
        );
    }

    #[test]
    fn only_the_unpublished_stable_texts_say_on_what_basis_they_answer() {
        let basis = alias_basis("v2.6.12.3").unwrap();
        assert!(basis.starts_with("2.6.12.3 is a stable release"), "{basis}");
        assert!(basis.contains("runs 2.6.12's text"), "{basis}");
        assert!(alias_basis("2.6.11.6").is_some());
        assert!(alias_basis("2.6.15.7").is_some());
        // 2.6.11.5 is in the history tree, the rest share a text that is published.
        for name in [
            "2.6.11.5",
            "2.6.11",
            "2.4.31",
            "2.6.0-test11",
            "2.6.16",
            "2.6.17",
        ] {
            assert_eq!(alias_basis(name), None, "{name}");
        }
    }

    #[test]
    fn aliases_reach_the_release_whose_text_they_share() {
        assert_eq!(find("2.4").map(|r| r.name), Ok("2.4.22"));
        assert_eq!(find("2.4.20").map(|r| r.name), Ok("2.4.22"));
        assert_eq!(find("2.4.37").map(|r| r.name), Ok("2.4.22"));
        assert_eq!(find("2.4.37.11").map(|r| r.name), Ok("2.4.22"));
        assert_eq!(find("2.4.3").map(|r| r.name), Ok("2.4.0"));
        assert_eq!(find("2.4.4").map(|r| r.name), Ok("2.4.4"));
        assert_eq!(find("2.4.9").map(|r| r.name), Ok("2.4.5"));
        assert_eq!(find("2.4.16").map(|r| r.name), Ok("2.4.10"));
        assert_eq!(find("2.5.0").map(|r| r.name), Ok("2.4.10"));
        assert_eq!(find("2.4.18").map(|r| r.name), Ok("2.4.17"));
        assert_eq!(find("2.4.19").map(|r| r.name), Ok("2.4.19"));
        assert_eq!(find("2.6.13.5").map(|r| r.name), Ok("2.6.13"));
        assert_eq!(find("v2.6.11").map(|r| r.name), Ok("2.6.11"));
        assert_eq!(find("2.6.11.12").map(|r| r.name), Ok("2.6.11"));
        assert_eq!(find("2.6.8.1").map(|r| r.name), Ok("2.6.8"));
        assert_eq!(find("2.6.3").map(|r| r.name), Ok("2.6.0"));
        assert_eq!(find("2.6.0-test11").map(|r| r.name), Ok("2.6.0"));
        assert_eq!(find("2.6.6").map(|r| r.name), Ok("2.6.4"));
        assert_eq!(find("2.6.7").map(|r| r.name), Ok("2.6.7"));
        assert_eq!(find("2.6.12.6").map(|r| r.name), Ok("2.6.12"));
        assert_eq!(find("2.6.14.7").map(|r| r.name), Ok("2.6.14"));
        assert_eq!(find("2.6.15.1").map(|r| r.name), Ok("2.6.15"));
        assert_eq!(find("linux-2.6.12").map(|r| r.name), Ok("2.6.12"));
    }

    #[test]
    fn releases_outside_the_range_are_refused_with_the_list() {
        let e = find("2.2.26").unwrap_err();
        let text = e.to_string();
        assert!(text.contains("'2.2.26' is not covered"));
        for r in RELEASES {
            assert!(text.contains(r.name));
        }
        assert!(text.contains("2.4.5-2.4.9"), "{text}");
        assert!(text.contains("from 2.4.0 to 2.6.16"), "{text}");
        assert!(text.lines().all(|l| l.len() <= 80), "{text}");
    }

    #[test]
    fn the_releases_between_two_hold_the_commits_that_separate_them() {
        let names: Vec<_> = between("2.6.13", "2.6.15").iter().map(|r| r.name).collect();
        assert_eq!(names, ["2.6.14", "2.6.15"]);
        assert!(between("2.6.15", "2.6.13").is_empty());
        assert!(between("2.6.15", "2.6.15").is_empty());
        assert!(between("2.6.15", "9.9").is_empty());
        let id = bootmem_commits::M66D43E98.id;
        let (r, c) = resolve_mark(id, between("2.6.12", "2.6.16")).unwrap();
        assert_eq!((r.name, c.author), ("2.6.15", "Haren Myneni"));
        assert!(resolve_mark(id, between("2.6.15", "2.6.16")).is_none());
        assert!(resolve_mark("", RELEASES).is_none());
        assert_eq!(consecutive_pairs().len(), RELEASES.len() - 1);
    }

    #[test]
    fn names_order_as_history_does() {
        assert_eq!(compare_names("2.4.9", "2.4.10"), Ordering::Less);
        assert_eq!(compare_names("2.6.0-test2", "2.6.0"), Ordering::Less);
        assert_eq!(compare_names("2.5.75", "2.6.0-test2"), Ordering::Less);
        assert_eq!(compare_names("2.6.14-rc2", "2.6.14-rc10"), Ordering::Less);
        assert_eq!(compare_names("2.4.37.11", "2.5.0"), Ordering::Less);
    }

    #[test]
    fn every_commit_lands_in_the_first_release_that_carried_it() {
        for c in bootmem_commits::COMMITS {
            let r = release_of(c).unwrap_or_else(|| panic!("{} has no release", c.id));
            assert_ne!(compare_names(last_name(r), c.first_release), Ordering::Less);
        }
        let names = |r: &str| -> Vec<&str> {
            commits_of(find(r).unwrap())
                .iter()
                .map(|c| c.first_release)
                .collect()
        };
        assert_eq!(names("2.6.15"), ["2.6.15", "2.6.15"]);
        assert_eq!(names("2.4.17"), ["2.4.17"]);
        assert_eq!(names("2.4.10"), ["2.4.10"]);
        assert!(names("2.4.22").is_empty());
        assert!(names("2.6.0").contains(&"2.6.0-test2"));
        assert_eq!(names("2.6.9"), ["2.6.9", "2.6.9"]);
        assert_eq!(names("2.6.12"), ["2.6.12"]);
        assert!(names("2.5.68").contains(&"2.5.68"));
        assert_eq!(names("2.5.75"), ["2.5.75"]);
        assert_eq!(names("2.5.2"), ["2.5.2"]);
    }

    #[test]
    fn call_histories_come_from_the_registry_and_the_records() {
        let limit = call_history(CallId::alloc_bootmem_limit).unwrap();
        assert!(limit.starts_with("added in 2.6.14 by 281dd25c"), "{limit}");
        assert!(limit.contains("removed in 2.6.16 by 008857c1"), "{limit}");
        let saved = call_history(CallId::saved_max_pfn).unwrap();
        assert!(
            saved.ends_with(", and only with CONFIG_CRASH_DUMP=y"),
            "{saved}"
        );
        assert_eq!(call_history(CallId::alloc_bootmem), None);
    }

    #[test]
    fn short_ids_abbreviate_git_hashes_only() {
        assert_eq!(
            short_id("66d43e98ea6ff291cd4e524386bfb99105feb180"),
            "66d43e98"
        );
        assert_eq!(short_id("linux-history 2.4.17"), "linux-history 2.4.17");
        assert_eq!(short_id("2.5-series"), "2.5-series");
    }

    #[test]
    fn releases_are_in_historical_order() {
        let keys: Vec<Vec<u32>> = RELEASES
            .iter()
            .map(|r| r.name.split('.').filter_map(|p| p.parse().ok()).collect())
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
    }
}
