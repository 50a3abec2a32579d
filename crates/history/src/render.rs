//! The readable trace: calls with results, printk lines where they happen, the stop,
//! then each node's memory map and `last_*` fields, then the hand-off to the page
//! allocator. Snapshots are this text, so two releases' snapshots diff like a changelog.

use crate::prose::{fit, Style};
use crate::run::{NodeTrace, Outcome, Trace, Value};
use bootmem_core::{Costs, FreedRun};
use std::fmt::Write;

/// How many runs of a memory map or hand-off list are shown before the rest is summed.
const MAX_RUNS: usize = 24;

/// The whole trace as text, every line whole: the form the snapshots keep.
pub fn text(t: &Trace) -> String {
    painted(t, Style::PLAIN, usize::MAX)
}

/// The trace as the command prints it: painted as `style` says, and every line longer
/// than its width wrapped at spaces under a hanging indent.
pub fn text_styled(t: &Trace, style: Style) -> String {
    fit(&painted(t, style, style.width), style.width)
}

/// The trace, painted; a call line wider than `width` puts its result or stop on a
/// line of its own below it.
fn painted(t: &Trace, style: Style, width: usize) -> String {
    let columns = width;
    let mut out = String::new();
    let a = &t.arch;
    let _ = writeln!(
        out,
        "{}: BITS_PER_LONG {}, PAGE_SHIFT {}, SMP_CACHE_BYTES {}, MAX_DMA_ADDRESS {:#x}, struct page {} bytes",
        style.head(&format!("{} on {}", t.version, a.name)), a.bits_per_long, a.page_shift,
        a.smp_cache_bytes, a.max_dma_address, a.sizeof_struct_page
    );
    let _ = writeln!(out, "config: {}", t.config);
    out.push('\n');

    let width = t
        .calls
        .iter()
        .map(|c| c.call.len())
        .max()
        .unwrap_or(0)
        .min(56);
    for c in &t.calls {
        let logs = |out: &mut String| {
            for text in &c.printk {
                let _ = writeln!(
                    out,
                    "{:>5}    {}",
                    "",
                    style.dim(&format!("printk: {text}"))
                );
            }
        };
        let cost = |out: &mut String| {
            for w in &c.warnings {
                let text = format!("warning: {w}");
                let _ = writeln!(out, "{:>5}    {}", "", style.mark(&text));
            }
            if !c.costs.is_zero() {
                let text = format!("cost: {}", costs_text(&c.costs));
                let _ = writeln!(out, "{:>5}    {}", "", style.dim(&text));
            }
        };
        match &c.outcome {
            Outcome::Returned(Value::Nothing) => {
                let _ = writeln!(out, "{:>5}  {}", c.line, c.call);
                logs(&mut out);
                cost(&mut out);
            }
            Outcome::Returned(v) => {
                let line = format!("{:>5}  {:<width$}  = {v}", c.line, c.call);
                if line.chars().count() <= columns {
                    let _ = writeln!(out, "{line}");
                } else {
                    let _ = writeln!(out, "{:>5}  {}\n{:>9}= {v}", c.line, c.call, "");
                }
                logs(&mut out);
                cost(&mut out);
            }
            Outcome::Stopped { stop, note } => {
                // The log of the call that stops comes before its stop.
                logs(&mut out);
                let said = format!("!! {stop}");
                let line = format!("{:>5}  {:<width$}  {said}", c.line, c.call);
                if line.chars().count() <= columns {
                    let said = style.mark(&said);
                    let _ = writeln!(out, "{:>5}  {:<width$}  {said}", c.line, c.call);
                } else {
                    let said = style.mark(&said);
                    let _ = writeln!(out, "{:>5}  {}\n{:>9}{said}", c.line, c.call, "");
                }
                if let Some(note) = note {
                    let _ = writeln!(out, "{:>5}    ({note})", "");
                }
                cost(&mut out);
                out.push_str("       the boot stops here\n");
            }
        }
    }
    if t.calls.is_empty() {
        out.push_str("       (no calls)\n");
    }
    let total = t.total_costs();
    if !total.is_zero() {
        let _ = writeln!(out, "\ncost of the run: {}", costs_text(&total));
    }

    out.push('\n');
    let end = &t.end;
    if end.nodes.is_empty() {
        out.push_str("no node in pgdat_list\n");
    }
    for n in &end.nodes {
        node(&mut out, n, t.arch.page_shift);
    }
    if let Some(v) = end.saved_max_pfn {
        let _ = writeln!(out, "saved_max_pfn {v:#x}");
    }
    freed(&mut out, &end.freed);
    out
}

fn node(out: &mut String, n: &NodeTrace, page_shift: u32) {
    let start = n.start_pfn(page_shift);
    let _ = writeln!(
        out,
        "node {}: node_boot_start {:#x}, node_low_pfn {:#x}: pfns {:#x}-{:#x}",
        n.nid, n.node_boot_start, n.node_low_pfn, start, n.node_low_pfn
    );
    let _ = write!(
        out,
        "  last_pos {:#x} (index), last_offset {:#x}",
        n.last_pos, n.last_offset
    );
    match n.last_success {
        Some(s) => {
            let _ = writeln!(out, ", last_success {s:#x}");
        }
        None => out.push('\n'),
    }
    let Some(reserved) = &n.reserved else {
        out.push_str("  bitmap dropped by free_all_bootmem\n");
        return;
    };
    // Alternate free and reserved runs across the node, from the reserved ones.
    let mut runs: Vec<(&str, u64, u64)> = Vec::new();
    let mut at = start;
    for &(a, b) in reserved {
        if a > at {
            runs.push(("free", at, a));
        }
        runs.push(("reserved", a, b));
        at = b;
    }
    if n.node_low_pfn > at {
        runs.push(("free", at, n.node_low_pfn));
    }
    let reserved_pages: u64 = reserved.iter().map(|(a, b)| b - a).sum();
    let _ = writeln!(
        out,
        "  {} pages reserved, {} free",
        reserved_pages,
        n.node_low_pfn
            .saturating_sub(start)
            .saturating_sub(reserved_pages)
    );
    capped(out, &runs, |out, &(what, a, b)| {
        let _ = writeln!(
            out,
            "    {a:#8x}-{b:#8x}  {what:<8} {:>8} {}",
            b - a,
            plural(b - a, "page")
        );
    });
}

/// Writes the first `MAX_RUNS` items with `line`, then how many were left out.
fn capped<T>(out: &mut String, items: &[T], line: impl Fn(&mut String, &T)) {
    for item in items.iter().take(MAX_RUNS) {
        line(out, item);
    }
    if items.len() > MAX_RUNS {
        let _ = writeln!(
            out,
            "    ... {} more runs (the JSON trace lists them all)",
            items.len() - MAX_RUNS
        );
    }
}

fn freed(out: &mut String, runs: &[FreedRun]) {
    if runs.is_empty() {
        return;
    }
    let pages: u64 = runs.iter().map(FreedRun::pages).sum();
    let blocks: u64 = runs.iter().map(|r| r.count).sum();
    let _ = writeln!(
        out,
        "handed to the page allocator: {pages} pages in {blocks} blocks"
    );
    capped(out, runs, |out, r| {
        let end = r.pfn + r.pages();
        let bad = if r.bad { "  bad page reported" } else { "" };
        let _ = writeln!(
            out,
            "    {:#8x}-{end:#8x}  order {} x {}{bad}",
            r.pfn, r.order, r.count
        );
    });
}

/// The counts of `costs` that are not zero, as `name count` pairs in the order of
/// [`Costs::fields`], under the names `docs/json.md` documents.
pub fn costs_text(costs: &Costs) -> String {
    costs
        .fields()
        .iter()
        .filter(|(_, n)| *n != 0)
        .map(|(name, n)| format!("{name} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}
