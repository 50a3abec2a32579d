//! The text of a bisection and of the tour: every step of history for one scenario, and
//! the matrix of scenarios by pairs of releases with a paragraph per pair.

use super::{summarize, Bisect, Cell, Explained, Tour};
use crate::diff::costs::ratio_text;
use crate::diff::text::change_text;
use crate::diff::{Diff, Kind, Side};
use crate::prose::{outcome_text, wrap, Citer, Style};
use crate::versions::{self, commit_ref};
use std::fmt::Write;

#[cfg(test)]
mod tests;

/// A scenario along the whole history: how the oldest release runs it, then every
/// step, changed or not.
pub fn bisect(b: &Bisect, style: Style) -> String {
    let mut out = String::new();
    let citer = Citer::default();
    let names = versions::names();
    let _ = writeln!(
        out,
        "{}",
        style.head(&format!(
            "{} along {} … {}:",
            b.file,
            names.first().copied().unwrap_or(""),
            names.last().copied().unwrap_or("")
        ))
    );
    if let Some(t) = b.traces.first() {
        let how = match t.stop() {
            Some((c, stop)) => format!("stops at line {}: {}: {stop}", c.line, c.call),
            None => format!("runs all {} calls", t.calls.len()),
        };
        let _ = writeln!(out, "  {:<18} {how}", t.version);
    }
    for d in &b.steps {
        if d.identical() {
            let _ = writeln!(
                out,
                "  {:<18} {}",
                d.pair.b,
                style.dim(&format!("same as {}", d.pair.a))
            );
        } else {
            let _ = write!(out, "  {:<18} {}", d.pair.b, change_text(d, style, &citer));
        }
    }
    let moved_only = |d: &&Diff| d.kinds == [Kind::Moved];
    let changed: Vec<&str> = b
        .changes()
        .filter(|d| !moved_only(d))
        .map(|d| d.pair.b)
        .collect();
    let moved: Vec<&str> = b.changes().filter(moved_only).map(|d| d.pair.b).collect();
    let mut summary = if changed.is_empty() {
        "The behaviour is the same on every release.".to_string()
    } else {
        format!(
            "The behaviour changes at {} of {} steps: {}.",
            changed.len(),
            b.steps.len(),
            changed.join(", ")
        )
    };
    if !moved.is_empty() {
        let _ = write!(
            summary,
            " Only where in the source the boot stops moves at {}.",
            moved.join(", ")
        );
    }
    let _ = writeln!(out, "{}", wrap(&summary, style.width, 0));
    out
}

/// The word a tour cell shows for a kind.
fn cell_word(k: Kind) -> &'static str {
    match k {
        Kind::Stop => "stop",
        Kind::Unavailable => "missing",
        Kind::Result => "result",
        Kind::Moved => "moved",
        Kind::Printk => "printk",
        Kind::HandOff => "hand-off",
        Kind::State => "state",
        Kind::Warning => "warning",
    }
}

/// A tour cell: `same`, the kind that sums the comparison up, and `+` when more kinds
/// differ too.
fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Refused(_) => "refused".to_string(),
        Cell::Compared(c) => match c.diff.primary() {
            None => "same".to_string(),
            Some(k) => {
                let more = c.diff.kinds.iter().any(|&x| x != k);
                format!("{}{}", cell_word(k), if more { "+" } else { "" })
            }
        },
    }
}

/// Paints a tour cell by what it holds: alarm for a stop or a missing call, quiet for
/// a cell with nothing to see, the commit colour for any other change.
fn paint_cell(cell: &Cell, text: &str, style: Style) -> String {
    match cell {
        Cell::Refused(_) => style.dim(text),
        Cell::Compared(c) => match c.diff.primary() {
            None => style.dim(text),
            Some(Kind::Stop | Kind::Unavailable) => style.side(Side::A, text),
            Some(_) => style.commit(text),
        },
    }
}

/// A tour cell in one letter, for the compact matrix of many pairs.
fn cell_letter(cell: &Cell) -> char {
    match cell {
        Cell::Refused(_) => '?',
        Cell::Compared(c) => match c.diff.primary() {
            None => '.',
            Some(Kind::Stop) => 'S',
            Some(Kind::Unavailable) => 'U',
            Some(Kind::Result) => 'R',
            Some(Kind::Moved) => 'm',
            Some(Kind::Printk) => 'P',
            Some(Kind::HandOff) => 'H',
            Some(Kind::State) => 'X',
            Some(Kind::Warning) => 'W',
        },
    }
}

/// The most pairs whose words fit beside the scenario names in 80 columns; a tour of
/// more pairs (the whole history has 31) writes each cell as one letter.
const WORD_CELLS_UP_TO: usize = 4;

/// The tour: a matrix of scenarios by pairs of releases, then a paragraph per pair.
pub fn tour(t: &Tour, style: Style) -> String {
    if t.pairs.len() > WORD_CELLS_UP_TO {
        return compact_tour(t, style);
    }
    let mut out = String::new();
    let name_width = t
        .rows
        .iter()
        .map(|r| r.name.len())
        .max()
        .unwrap_or(8)
        .max(8);
    const CELL: usize = 10;
    let pairs = if t.pairs.len() == 1 {
        "one pair of releases".to_string()
    } else {
        format!(
            "{} pairs of releases, each a release beside the one before it",
            t.pairs.len()
        )
    };
    let _ = writeln!(
        out,
        "{}",
        wrap(
            &format!(
                "{} scenarios on {pairs}. A cell is \"same\" when both behave identically, \
                 else the way they first part (\"+\": more differs after that):",
                t.rows.len()
            ),
            style.width,
            0
        )
    );
    for k in Kind::ALL {
        let _ = writeln!(out, "  {:<9} {}", cell_word(k), k.meaning());
    }
    out.push('\n');
    let mut head1 = format!("{:<name_width$}", "");
    let mut head2 = format!("{:<name_width$}", "scenario");
    for (a, b) in &t.pairs {
        let _ = write!(head1, "  {a:<CELL$}");
        let _ = write!(head2, "  {:<CELL$}", format!("→{b}"));
    }
    let _ = writeln!(out, "{}", style.head(head1.trim_end()));
    let _ = writeln!(out, "{}", style.head(head2.trim_end()));
    for row in &t.rows {
        let mut line = format!("{:<name_width$}", row.name);
        for cell in &row.cells {
            let text = format!("{:<CELL$}", cell_text(cell));
            let _ = write!(line, "  {}", paint_cell(cell, &text, style));
        }
        if t.pairs.len() == 1 {
            if let Some(Cell::Compared(c)) = row.cells.first() {
                if let Some(p) = &c.diff.calls.parting {
                    let _ = write!(
                        line,
                        "line {}: {} → {}",
                        p.call.line,
                        outcome_text(&p.call.a),
                        outcome_text(&p.call.b)
                    );
                }
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    for k in 0..t.pairs.len() {
        out.push('\n');
        out.push_str(&pair_paragraph(t, k, style));
    }
    out
}

/// The tour of many pairs: one letter per cell, the steps grouped by the series of
/// the newer release and numbered in a key below the matrix, so that the whole
/// history fits in 80 columns.
fn compact_tour(t: &Tour, style: Style) -> String {
    let mut out = String::new();
    let name_width = t
        .rows
        .iter()
        .map(|r| r.name.len())
        .max()
        .unwrap_or(8)
        .max(8);
    let _ = writeln!(
        out,
        "{}",
        wrap(
            &format!(
                "{} scenarios on {} steps of history, each a release beside the one before \
                 it. A cell is the way the two first part:",
                t.rows.len(),
                t.pairs.len()
            ),
            style.width,
            0
        )
    );
    let _ = writeln!(out, "  .  the same");
    for k in Kind::ALL {
        let letter = match k {
            Kind::Stop => 'S',
            Kind::Unavailable => 'U',
            Kind::Result => 'R',
            Kind::Moved => 'm',
            Kind::Printk => 'P',
            Kind::HandOff => 'H',
            Kind::State => 'X',
            Kind::Warning => 'W',
        };
        // Wrapped to the width left after the letter, each line hanging under the first.
        let meaning = wrap(k.meaning(), style.width.saturating_sub(5), 0).replace('\n', "\n     ");
        let _ = writeln!(out, "  {letter}  {meaning}");
    }
    out.push('\n');
    // Columns are grouped by the series of the newer release of each step.
    let series = |name: &str| name.split('.').take(2).collect::<Vec<_>>().join(".");
    let mut groups: Vec<(String, usize, usize)> = Vec::new();
    for (k, (_, b)) in t.pairs.iter().enumerate() {
        match groups.last_mut() {
            Some((s, _, end)) if *s == series(b) => *end = k + 1,
            _ => groups.push((series(b), k, k + 1)),
        }
    }
    let labels: Vec<String> = groups
        .iter()
        .map(|(s, a, b)| format!("{s}: {}-{}", a + 1, b))
        .collect();
    let widths: Vec<usize> = groups
        .iter()
        .zip(&labels)
        .map(|((_, a, b), l)| (b - a).max(l.len()))
        .collect();
    let mut head = format!("{:<name_width$}", "scenario");
    for (label, w) in labels.iter().zip(&widths) {
        let _ = write!(head, "  {label:<w$}");
    }
    let _ = writeln!(out, "{}", style.head(head.trim_end()));
    for row in &t.rows {
        let mut line = format!("{:<name_width$}", row.name);
        for ((_, a, b), w) in groups.iter().zip(&widths) {
            line.push_str("  ");
            for cell in &row.cells[*a..*b] {
                let letter = cell_letter(cell).to_string();
                line.push_str(&paint_cell(cell, &letter, style));
            }
            line.push_str(&" ".repeat(w - (b - a)));
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out.push('\n');
    let mut line = String::from("steps:");
    for (k, (a, b)) in t.pairs.iter().enumerate() {
        let item = format!("{:>3} {a}→{b}", k + 1);
        if line.chars().count() + item.chars().count() + 2 > 80 {
            let _ = writeln!(out, "{}", line.trim_end());
            line = String::from("      ");
        }
        line.push_str(&item);
        line.push_str("  ");
    }
    let _ = writeln!(out, "{}", line.trim_end());
    for k in 0..t.pairs.len() {
        out.push('\n');
        out.push_str(&pair_paragraph(t, k, style));
    }
    out
}

fn names(list: &[String]) -> String {
    list.join(", ")
}

fn explained_text(e: &Explained) -> String {
    format!("{} in {}", commit_ref(e.commit), names(&e.scenarios))
}

/// One paragraph on what pair `k` of a tour shows.
pub fn pair_paragraph(t: &Tour, k: usize, style: Style) -> String {
    let s = summarize(t, k);
    // Scenarios whose only difference is where in the source the boot stops are told
    // apart from those that behave differently.
    let moved_only: Vec<String> = t
        .rows
        .iter()
        .filter(|r| {
            r.cells
                .get(k)
                .and_then(Cell::comparison)
                .is_some_and(|c| c.diff.kinds == [Kind::Moved])
        })
        .map(|r| r.name.clone())
        .collect();
    let differ = s.total - s.same.len() - s.refused.len() - moved_only.len();
    let mut p = format!("{} → {}: ", s.a, s.b);
    let head = p.clone();
    if differ == 0 {
        let _ = write!(p, "no scenario behaves differently.");
    } else {
        let _ = write!(p, "{differ} of {} scenarios behave differently.", s.total);
        let groups: Vec<String> = s
            .by_kind
            .iter()
            .filter_map(|(k, list)| {
                let list: Vec<String> = list
                    .iter()
                    .filter(|n| !moved_only.contains(n))
                    .cloned()
                    .collect();
                (!list.is_empty())
                    .then(|| format!("{} ({}): {}", k.meaning(), list.len(), names(&list)))
            })
            .collect();
        let _ = write!(p, " By how they first part: {}.", groups.join("; "));
        if !s.explained.is_empty() {
            let list: Vec<String> = s.explained.iter().map(explained_text).collect();
            let _ = write!(
                p,
                " The commits whose code ran where they part: {}.",
                list.join("; ")
            );
        }
        if !s.unexplained.is_empty() {
            let _ = write!(p, " No marked path explains {}.", names(&s.unexplained));
        }
    }
    if !moved_only.is_empty() {
        let _ = write!(
            p,
            " In {} more the boot stops at the same call in the same way, only elsewhere in \
             the source (another BUG() line, a renamed looping function, another NULL \
             dereference): {}.",
            moved_only.len(),
            names(&moved_only)
        );
    }
    if !s.quiet.is_empty() {
        let list: Vec<String> = s.quiet.iter().map(explained_text).collect();
        let _ = write!(
            p,
            " New code ran without changing the outcome: {}.",
            list.join("; ")
        );
    }
    if !s.refused.is_empty() {
        let _ = write!(p, " Refused as too large: {}.", names(&s.refused));
    }
    let cost = &s.cost;
    if cost.a != cost.b || cost.largest.is_some() {
        let _ = write!(
            p,
            " The C's bitmap operations, every scenario together: {} → {} ({})",
            cost.a,
            cost.b,
            ratio_text(cost.a, cost.b)
        );
        match &cost.largest {
            Some(c) => {
                let _ = write!(
                    p,
                    "; the largest change in one call, {} line {}: {} → {} ({}).",
                    c.scenario,
                    c.line,
                    c.a,
                    c.b,
                    ratio_text(c.a, c.b)
                );
            }
            None => p.push('.'),
        }
    }
    let body = wrap(&p, style.width, 0);
    let rest = body.strip_prefix(head.trim_end()).unwrap_or(&body);
    format!("{}{}\n", style.head(head.trim_end()), rest)
}
