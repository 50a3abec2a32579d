//! The registry: every re-created release, oldest first, and the names that reach it.

pub use bootmem_core::{Commit, Release};
use std::fmt;

/// Every release a version crate re-creates, in historical order.
pub static RELEASES: &[&Release] = &[
    &bootmem_v2_4_0::RELEASE,
    &bootmem_v2_4_22::RELEASE,
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
        writeln!(f, "release '{}' is not covered; these are:", self.asked)?;
        for r in RELEASES {
            write!(f, "  {}", r.name)?;
            if !r.aliases.is_empty() {
                write!(f, " (also {})", r.aliases.join(", "))?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownVersion {}

/// The release of that name or alias (a leading `v` or `linux-` is allowed).
pub fn find(name: &str) -> Result<&'static Release, UnknownVersion> {
    let bare = name.trim();
    let bare = bare.strip_prefix("linux-").unwrap_or(bare);
    let bare = bare.strip_prefix('v').unwrap_or(bare);
    RELEASES
        .iter()
        .copied()
        .find(|r| r.name == bare || r.aliases.contains(&bare))
        .ok_or_else(|| UnknownVersion {
            asked: name.to_string(),
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

/// The commit among `releases` that a code-path mark names: marks use a prefix of the
/// commit id (usually its short form), so the first commit whose id starts with the
/// mark is the one.
pub fn resolve_mark(
    mark: &str,
    releases: &[&'static Release],
) -> Option<(&'static Release, &'static Commit)> {
    if mark.is_empty() {
        return None;
    }
    releases
        .iter()
        .flat_map(|r| r.commits.iter().map(move |c| (*r, c)))
        .find(|(_, c)| c.id.starts_with(mark))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_reach_the_release_whose_text_they_share() {
        assert_eq!(find("2.4").map(|r| r.name), Ok("2.4.22"));
        assert_eq!(find("2.4.20").map(|r| r.name), Ok("2.4.22"));
        assert_eq!(find("2.4.37").map(|r| r.name), Ok("2.4.22"));
        assert_eq!(find("2.4.37.11").map(|r| r.name), Ok("2.4.22"));
        assert_eq!(find("2.4.3").map(|r| r.name), Ok("2.4.0"));
        assert_eq!(find("2.6.13.5").map(|r| r.name), Ok("2.6.13"));
        assert_eq!(find("v2.6.11").map(|r| r.name), Ok("2.6.12"));
        assert_eq!(find("2.6.12.6").map(|r| r.name), Ok("2.6.12"));
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
    }

    #[test]
    fn the_releases_between_two_hold_the_commits_that_separate_them() {
        let names: Vec<_> = between("2.6.13", "2.6.15").iter().map(|r| r.name).collect();
        assert_eq!(names, ["2.6.14", "2.6.15"]);
        assert!(between("2.6.15", "2.6.13").is_empty());
        assert!(between("2.6.15", "2.6.15").is_empty());
        assert!(between("2.6.15", "9.9").is_empty());
        let (r, c) = resolve_mark("66d43e98", between("2.6.12", "2.6.16")).unwrap();
        assert_eq!((r.name, c.author), ("2.6.15", "Haren Myneni"));
        assert!(resolve_mark("66d43e98", between("2.6.15", "2.6.16")).is_none());
        assert!(resolve_mark("", RELEASES).is_none());
        assert_eq!(consecutive_pairs().len(), RELEASES.len() - 1);
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
