//! The registry: every re-created release, oldest first, and the names that reach it.

use bootmem_core::Release;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_reach_the_release_whose_text_they_share() {
        assert_eq!(find("2.4").map(|r| r.name), Ok("2.4.22"));
        assert_eq!(find("2.4.20").map(|r| r.name), Ok("2.4.22"));
        assert_eq!(find("2.4.37").map(|r| r.name), Ok("2.4.22"));
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
