//! The SVG the pictures are drawn in: escaping, the colours and their legend, the
//! strip of pixel columns with its pfn axis, and the shared definitions (the hatching of
//! mixed columns, the stylesheet).

use super::map::{ClaimKind, Column, Handed, Holder};
use std::fmt::Write;

/// Text made safe for XML and HTML content and attribute values: markup characters
/// become entities, and characters XML 1.0 cannot hold (controls other than tab and
/// newline) become U+FFFD, so a hostile file name cannot break the page.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || ('\u{7f}'..='\u{9f}').contains(&c) => out.push('\u{fffd}'),
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// `s` cut to `max` characters, with an ellipsis where it was cut.
pub fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The colours of allocations, one per statement index in turn; none is red, which
/// marks a stop.
pub const ALLOC_COLOURS: [&str; 10] = [
    "#1f77b4", "#ff7f0e", "#9467bd", "#17becf", "#bcbd22", "#e377c2", "#2ca02c", "#8c564b",
    "#7f7fff", "#393b79",
];

/// The colours of reservations by address: browns, apart from the allocations' hues.
pub const RESERVE_COLOURS: [&str; 4] = ["#b08d57", "#8d6e63", "#c8a97e", "#6d4c41"];

/// Free frames.
pub const FREE: &str = "#d8efd3";
/// Set bits no call claims.
pub const UNCLAIMED: &str = "#5f6368";
/// Frames handed to the page allocator.
pub const HANDED: &str = "#2e7d32";
/// Frames the page allocator would report as bad.
pub const BAD: &str = "#c62828";
/// A call that claimed no frames.
pub const OTHER: &str = "#b0bec5";
/// A stop, and the differences of a diff.
pub const STOP: &str = "#d32f2f";
/// The parting call of a diff.
pub const PARTING: &str = "#ff6f00";

/// The stylesheet of every picture: a class per colour keeps the columns short.
pub fn stylesheet() -> String {
    let mut css = String::new();
    let _ = write!(
        css,
        ".fr{{fill:{FREE}}}.un{{fill:{UNCLAIMED}}}.ho{{fill:{HANDED}}}.hb{{fill:{BAD}}}\
         .hn{{fill:#eeeeee}}.ot{{fill:{OTHER}}}.mx{{fill:url(#mixed)}}.ax{{stroke:#444;stroke-width:1}}\
         text{{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:11px;fill:#222}}\
         .t{{font-size:14px;font-weight:bold}}.st{{fill:{STOP};font-weight:bold}}\
         .sm{{font-size:9px}}.lb{{fill:#fff;font-size:10px}}.pt{{fill:{PARTING};font-weight:bold}}"
    );
    for (k, c) in ALLOC_COLOURS.iter().enumerate() {
        let _ = write!(css, ".a{k}{{fill:{c}}}");
    }
    for (k, c) in RESERVE_COLOURS.iter().enumerate() {
        let _ = write!(css, ".r{k}{{fill:{c}}}");
    }
    css
}

/// The definitions every picture refers to: the hatching laid over mixed columns.
pub fn definitions() -> &'static str {
    "<defs><pattern id=\"mixed\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\" \
     patternTransform=\"rotate(45)\"><rect width=\"1.6\" height=\"4\" fill=\"#fff\" \
     fill-opacity=\"0.75\"/></pattern></defs>"
}

/// The class that colours a holder; `kinds` says what each statement's call does.
pub fn holder_class(h: Holder, kinds: &[Option<ClaimKind>]) -> String {
    match h {
        Holder::Free => "fr".to_string(),
        Holder::Unclaimed => "un".to_string(),
        Holder::Call(i) => match kinds.get(i).copied().flatten() {
            Some(ClaimKind::Reserve) => format!("r{}", i % RESERVE_COLOURS.len()),
            _ => format!("a{}", i % ALLOC_COLOURS.len()),
        },
    }
}

/// The class that colours a hand-off column.
pub fn handed_class(h: Handed) -> String {
    match h {
        Handed::No => "hn",
        Handed::Yes => "ho",
        Handed::Bad => "hb",
    }
    .to_string()
}

/// A number with at most one decimal, as coordinates are written.
pub fn n(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// Where a strip lies and which way its pfns run.
#[derive(Clone, Copy, Debug)]
pub struct Place {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Length along the pfns.
    pub length: f64,
    /// Thickness across them.
    pub thickness: f64,
    /// Whether pfns grow downwards (bisect's columns) instead of rightwards.
    pub vertical: bool,
}

impl Place {
    /// The rectangle from `a` to `b` along the strip, over the fraction `from..to` of
    /// its thickness.
    fn rect(&self, a: f64, b: f64, from: f64, to: f64) -> (f64, f64, f64, f64) {
        let (t0, t1) = (self.thickness * from, self.thickness * to);
        if self.vertical {
            (self.x + t0, self.y + a, t1 - t0, b - a)
        } else {
            (self.x + a, self.y + t0, b - a, t1 - t0)
        }
    }
}

/// Draws `columns` along `place`: runs of columns with one main holder as one
/// rectangle each, the second holder of mixed columns as a band over the lower third,
/// and hatching over every run of mixed columns. `title` names a run for its tooltip,
/// and is asked only for runs at least three pixels long, which bounds the text.
pub fn strip<T: Copy + Eq>(
    out: &mut String,
    place: Place,
    columns: &[Column<T>],
    class: impl Fn(T) -> String,
    title: impl Fn(usize, usize, T) -> Option<String>,
) {
    let count = columns.len();
    if count == 0 {
        return;
    }
    let at = |k: usize| place.length * k as f64 / count as f64;
    let rect = |out: &mut String, (k, j): (usize, usize), top: f64, class: &str, end: &str| {
        let (x, y, w, h) = place.rect(at(k), at(j), top, 1.0);
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" class=\"{class}\"{end}",
            n(x),
            n(y),
            n(w),
            n(h),
        );
    };
    for (k, j, main) in runs(count, |i| columns[i].main) {
        match (at(j) - at(k) >= 3.0).then(|| title(k, j, main)).flatten() {
            Some(t) => {
                let end = format!("><title>{}</title></rect>\n", escape(&t));
                rect(out, (k, j), 0.0, &class(main), &end);
            }
            None => rect(out, (k, j), 0.0, &class(main), "/>\n"),
        }
    }
    for (k, j, second) in runs(count, |i| columns[i].second) {
        if let Some(second) = second {
            rect(out, (k, j), 0.66, &class(second), "/>\n");
        }
    }
    for (k, j, mixed) in runs(count, |i| columns[i].second.is_some()) {
        if mixed {
            rect(out, (k, j), 0.0, "mx", "/>\n");
        }
    }
}

/// The runs `(first, past the last, key)` of consecutive indices below `count` whose
/// `key` is the same, in order.
fn runs<K: PartialEq>(count: usize, key: impl Fn(usize) -> K) -> Vec<(usize, usize, K)> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < count {
        let this = key(k);
        let mut j = k + 1;
        while j < count && key(j) == this {
            j += 1;
        }
        out.push((k, j, this));
        k = j;
    }
    out
}

/// The pfns `[start, end)` whose ticks an axis of `length` pixels shows: every
/// multiple of a power of two, chosen so that about `length / spacing` ticks fit,
/// plus both ends.
pub fn ticks(start: u64, end: u64, length: f64, spacing: f64) -> Vec<u64> {
    let span = end.saturating_sub(start);
    if span == 0 {
        return vec![start];
    }
    let want = (length / spacing).max(1.0) as u64;
    let mut step = 1u64;
    while step < u64::MAX / 2 && span / step > want {
        step *= 2;
    }
    let mut out = vec![start];
    let mut t = start.div_ceil(step).saturating_mul(step);
    let min_gap = span / want.saturating_mul(3).max(1);
    while t < end {
        if t - start > min_gap && end - t > min_gap {
            out.push(t);
        }
        match t.checked_add(step) {
            Some(next) => t = next,
            None => break,
        }
    }
    out.push(end);
    out
}

/// Draws the pfn axis of `[start, end)` along `place`'s far edge: a line, ticks and
/// hexadecimal pfns (the last is the node's end, one past its last frame).
pub fn axis(out: &mut String, place: Place, start: u64, end: u64) {
    let span = end.saturating_sub(start).max(1);
    let pos = |pfn: u64| place.length * ((pfn - start) as f64 / span as f64);
    if place.vertical {
        let x = place.x;
        let _ = writeln!(
            out,
            "<line class=\"ax\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
            n(x - 2.0),
            n(place.y),
            n(x - 2.0),
            n(place.y + place.length)
        );
        for t in ticks(start, end, place.length, 40.0) {
            let y = place.y + pos(t);
            let _ = writeln!(
                out,
                "<line class=\"ax\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/><text x=\"{}\" y=\"{}\" \
                 text-anchor=\"end\" class=\"sm\">{t:#x}</text>",
                n(x - 6.0),
                n(y),
                n(x - 2.0),
                n(y),
                n(x - 8.0),
                n(y + 3.0)
            );
        }
    } else {
        let y = place.y + place.thickness;
        let _ = writeln!(
            out,
            "<line class=\"ax\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
            n(place.x),
            n(y + 1.0),
            n(place.x + place.length),
            n(y + 1.0)
        );
        let ticks = ticks(start, end, place.length, 110.0);
        let last = ticks.len().saturating_sub(1);
        for (k, t) in ticks.into_iter().enumerate() {
            let x = place.x + pos(t);
            let anchor = match k {
                0 => "start",
                k if k == last => "end",
                _ => "middle",
            };
            let _ = writeln!(
                out,
                "<line class=\"ax\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/><text x=\"{}\" y=\"{}\" \
                 text-anchor=\"{anchor}\" class=\"sm\">{t:#x}</text>",
                n(x),
                n(y + 1.0),
                n(x),
                n(y + 5.0),
                n(x),
                n(y + 15.0)
            );
        }
    }
}

/// A coloured square and its words, for legends.
pub fn swatch(out: &mut String, x: f64, y: f64, class: &str, words: &str) {
    let _ = writeln!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" class=\"{class}\"/><text x=\"{}\" y=\"{}\">{}</text>",
        n(x),
        n(y),
        n(x + 14.0),
        n(y + 9.0),
        escape(words)
    );
}

/// Text at a point.
pub fn text(out: &mut String, x: f64, y: f64, class: &str, words: &str) {
    if class.is_empty() {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            n(x),
            n(y),
            escape(words)
        );
    } else {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" class=\"{class}\">{}</text>",
            n(x),
            n(y),
            escape(words)
        );
    }
}
