//! What the two releases' C did for the same scenario: the costs of the whole runs and
//! of every call both reached, side by side.
//!
//! A difference in cost is not a difference in behaviour: two traces that differ only
//! in their costs are identical (the releases did the same thing, one faster), so the
//! costs never add a [`super::Kind`]. The diff shows them all the same, because how
//! much work a release did for the same request is what some commits were about
//! (79e626e1d1, "bootmem speedup from the IA64 tree").

use crate::run::{CallRecord, Trace};
use bootmem_core::Costs;
use std::collections::BTreeMap;

/// The cost of one call both sides ran, where the two differ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallCost {
    /// Scenario line.
    pub line: usize,
    /// The call as written.
    pub call: String,
    /// What it cost the first release.
    pub a: Costs,
    /// What it cost the second release.
    pub b: Costs,
}

/// The costs of the two runs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CostDiff {
    /// The first release's whole run, its stopping call included.
    pub a: Costs,
    /// The second release's whole run.
    pub b: Costs,
    /// Every call both sides reached whose costs differ, in scenario order.
    pub calls: Vec<CallCost>,
}

impl CostDiff {
    /// Whether the two runs cost the same, call by call.
    pub fn same(&self) -> bool {
        self.a == self.b && self.calls.is_empty()
    }
}

/// Compares the costs of two runs of one scenario.
pub(super) fn compare(a: &Trace, b: &Trace) -> CostDiff {
    let by_line = |t: &'_ Trace| -> BTreeMap<usize, Costs> {
        t.calls
            .iter()
            .map(|c: &CallRecord| (c.line, c.costs))
            .collect()
    };
    let cb = by_line(b);
    let calls = a
        .calls
        .iter()
        .filter_map(|c| {
            let other = *cb.get(&c.line)?;
            (other != c.costs).then(|| CallCost {
                line: c.line,
                call: c.call.to_string(),
                a: c.costs,
                b: other,
            })
        })
        .collect();
    CostDiff {
        a: a.total_costs(),
        b: b.total_costs(),
        calls,
    }
}

/// `b / a`: how many times the first count the second is; `None` when the first is
/// zero, where no factor exists.
pub fn ratio(a: u64, b: u64) -> Option<f64> {
    (a != 0).then(|| b as f64 / a as f64)
}

/// `a → b` as a reader says it: "same", "N times fewer", "N times more", or, from or
/// to nothing, "none before" and "none left".
pub fn ratio_text(a: u64, b: u64) -> String {
    let factor = |big: u64, small: u64| {
        let f = big as f64 / small as f64;
        if f >= 10.0 {
            format!("{f:.0}")
        } else {
            format!("{f:.2}")
        }
    };
    match (a, b) {
        _ if a == b => "same".to_string(),
        (0, _) => "none before".to_string(),
        (_, 0) => "none left".to_string(),
        _ if a > b => format!("{}x fewer", factor(a, b)),
        _ => format!("{}x more", factor(b, a)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_read_as_factors() {
        assert_eq!(ratio_text(5, 5), "same");
        assert_eq!(ratio_text(1000, 10), "100x fewer");
        assert_eq!(ratio_text(10, 25), "2.50x more");
        assert_eq!(ratio_text(0, 3), "none before");
        assert_eq!(ratio_text(3, 0), "none left");
        assert_eq!(ratio(4, 1), Some(0.25));
        assert_eq!(ratio(0, 1), None);
    }
}
