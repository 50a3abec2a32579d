//! Pictures of runs, diffs and bisections: self-contained SVG, or an HTML page that
//! holds the SVG and a table of the calls, drawn from the same traces, diffs and
//! bisections the text and the JSON are made from.
//!
//! Every node is a strip of pixel columns over a pfn axis with hexadecimal ticks:
//! free frames, frames reserved since the node was set up, and frames each call
//! reserved or allocated (from its arguments and its result), each call in its own
//! colour with its scenario line written on it where there is room. A column that
//! covers frames of several holders is hatched, coloured by the holder of most of its
//! frames with the next one in a band along its lower third, so a lone page in a
//! terabyte shows. Under the strip, the frames handed to the page allocator. Above
//! the nodes, the calls as a timeline with the stop marked.
//!
//! A diff draws the two releases' strips one above the other on one axis, with the
//! frames whose bits differ marked between them and the parting call highlighted on
//! both timelines; a bisection draws one column per run of releases whose traces are
//! identical, the strips upright on a shared axis, with what changed at each step.
//!
//! Output stays small whatever the machine: the columns of all strips of a figure
//! share a fixed budget ([`COLUMN_BUDGET`]), the timeline groups calls past
//! [`TIMELINE_BOXES`], and the legend and the table stop at a bound and say how many
//! they left out. No script, font or other file is needed to show the page.

mod draw;
pub mod map;
pub mod svg;
#[cfg(test)]
mod tests;

use crate::compare::Bisect;
use crate::diff::Diff;
use crate::parse::Scenario;
use crate::run::Trace;
use std::fmt::Write;

pub use draw::{bisect, bisect_noted, diff, diff_noted, run, run_noted};

/// How many pixel columns all the strips of one figure have together, at most.
pub const COLUMN_BUDGET: usize = 4096;

/// How many pixel columns one horizontal strip has, at most: one a pixel.
pub const STRIP_COLUMNS: usize = 1000;

/// How many boxes a timeline has, at most; past that each box stands for several
/// consecutive calls.
pub const TIMELINE_BOXES: usize = 500;

/// How many calls the legend names, at most.
pub const LEGEND_ENTRIES: usize = 36;

/// How many calls the HTML table lists, at most.
pub const TABLE_ROWS: usize = 400;

/// The two forms a picture is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// One SVG document.
    Svg,
    /// One HTML page with the SVG inline.
    Html,
}

/// One drawn figure: a run, a diff or a bisection of one scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// What it shows, in words.
    pub title: String,
    /// Its width in pixels.
    pub width: f64,
    /// Its height in pixels.
    pub height: f64,
    /// The SVG elements, without the enclosing `<svg>`.
    pub body: String,
    /// The HTML that goes under the picture on a page (the table of calls), already
    /// escaped.
    pub details: String,
}

/// The figures written as one document of `form`: an HTML page with one section per
/// figure, or one SVG with the figures one under another.
pub fn document(form: Form, figures: &[Figure]) -> String {
    match form {
        Form::Svg => svg_document(figures),
        Form::Html => html_page(figures),
    }
}

fn svg_document(figures: &[Figure]) -> String {
    let width = figures.iter().map(|f| f.width).fold(200.0, f64::max);
    let height: f64 = figures.iter().map(|f| f.height + 10.0).sum();
    let mut out = String::new();
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
         width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">\n<style>{css}</style>{defs}\
         <rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n",
        w = svg::n(width),
        h = svg::n(height.max(10.0)),
        css = svg::stylesheet(),
        defs = svg::definitions()
    );
    let mut y = 0.0;
    for f in figures {
        let _ = write!(
            out,
            "<svg y=\"{}\" width=\"{}\" height=\"{}\"><title>{}</title>\n{}\n</svg>\n",
            svg::n(y),
            svg::n(f.width),
            svg::n(f.height),
            svg::escape(&f.title),
            f.body
        );
        y += f.height + 10.0;
    }
    out.push_str("</svg>\n");
    out
}

fn html_page(figures: &[Figure]) -> String {
    let title = match figures {
        [one] => one.title.clone(),
        _ => format!("bootmem-history: {} pictures", figures.len()),
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{}</title>\n<style>\nbody{{font-family:system-ui,sans-serif;margin:1.5em;color:#222}}\n\
         h1{{font-size:1.3em}} section{{margin-bottom:2.5em}} svg{{max-width:100%;height:auto}}\n\
         table{{border-collapse:collapse;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}}\n\
         td,th{{border-bottom:1px solid #ddd;padding:2px 8px;text-align:left;vertical-align:top}}\n\
         pre.about{{background:#f6f6f6;padding:0.6em 1em;font-size:12px;white-space:pre-wrap}}\n\
         tr.stop td{{background:#fde0e0}} tr.parting td{{background:#ffe9cc}}\n\
         .sw{{display:inline-block;width:12px;height:12px;vertical-align:middle}}\n\
         {}\n</style>\n</head>\n<body>\n<h1>{}</h1>\n\
         <svg width=\"0\" height=\"0\" style=\"position:absolute\" aria-hidden=\"true\">{}</svg>\n",
        svg::escape(&title),
        swatch_css(),
        svg::escape(&title),
        svg::definitions()
    );
    for f in figures {
        // A page of one figure has its title once, as the page's heading.
        let heading = if figures.len() == 1 {
            String::new()
        } else {
            format!("<h2>{}</h2>\n", svg::escape(&f.title))
        };
        let _ = write!(
            out,
            "<section>\n{heading}<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" \
             height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{label}\">\n<style>{css}</style>\n{}\n</svg>\n{}</section>\n",
            f.body,
            f.details,
            label = svg::escape(&f.title),
            w = svg::n(f.width),
            h = svg::n(f.height),
            css = svg::stylesheet(),
        );
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The HTML swatches' colours, by the same classes as the SVG's.
fn swatch_css() -> String {
    let mut css = format!(
        "span.fr{{background:{}}} span.un{{background:{}}} span.ot{{background:{}}} span.st{{background:{}}}",
        svg::FREE,
        svg::UNCLAIMED,
        svg::OTHER,
        svg::STOP
    );
    for (k, c) in svg::ALLOC_COLOURS.iter().enumerate() {
        let _ = write!(css, " span.a{k}{{background:{c}}}");
    }
    for (k, c) in svg::RESERVE_COLOURS.iter().enumerate() {
        let _ = write!(css, " span.r{k}{{background:{c}}}");
    }
    css
}

/// How many lines of a scenario's header comment a page shows, at most.
pub const NOTE_LINES: usize = 40;

/// What a scenario's author wrote in its comments, for the page: the header comment
/// (the comment lines before the first line of another kind) and the comment at the
/// end of each call line, by line number. Shown escaped, and cut to bounds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notes {
    /// The header comment, without its `#`s.
    pub header: Vec<String>,
    /// The trailing comment of each line that has one, by 1-based line number.
    pub lines: std::collections::BTreeMap<usize, String>,
}

impl Notes {
    /// The comments of a scenario's text. The language has no strings, so a `#`
    /// always starts a comment.
    pub fn of(text: &str) -> Notes {
        let mut notes = Notes::default();
        let mut in_header = true;
        for (k, line) in text.lines().enumerate() {
            let trimmed = line.trim();
            match trimmed.strip_prefix('#') {
                Some(comment) if in_header => {
                    if notes.header.len() < NOTE_LINES {
                        notes
                            .header
                            .push(svg::cut(comment.strip_prefix(' ').unwrap_or(comment), 200));
                    }
                }
                Some(_) => {}
                None if trimmed.is_empty() => {}
                None => {
                    in_header = false;
                    if let Some((_, comment)) = line.split_once('#') {
                        let comment = comment.trim();
                        if !comment.is_empty() {
                            notes.lines.insert(k + 1, svg::cut(comment, 120));
                        }
                    }
                }
            }
        }
        notes
    }

    /// The header comment as an escaped `<pre>` block, or nothing.
    fn header_html(&self) -> String {
        if self.header.is_empty() {
            return String::new();
        }
        format!(
            "<pre class=\"about\">{}</pre>\n",
            svg::escape(&self.header.join("\n"))
        )
    }

    /// The comment of a line, escaped, or nothing.
    fn comment_html(&self, line: usize) -> String {
        self.lines
            .get(&line)
            .map_or_else(String::new, |c| svg::escape(c))
    }
}

/// A run's figure together with what the caller needs of the run (kept here so the
/// command needs no logic of its own).
pub struct Drawn<T> {
    /// The figure.
    pub figure: Figure,
    /// What was drawn.
    pub of: T,
}

/// Runs `scenario` on `release` and draws it, with the comments of its text.
pub fn draw_run(
    scenario: &Scenario,
    notes: &Notes,
    release: &'static bootmem_core::Release,
) -> Result<Drawn<Trace>, crate::Error> {
    let trace = crate::run::run(release, scenario)?;
    Ok(Drawn {
        figure: run_noted(scenario, &trace, notes),
        of: trace,
    })
}

/// Runs `scenario` on `a` and `b`, compares, and draws the comparison, with the
/// comments of its text.
pub fn draw_diff(
    scenario: &Scenario,
    notes: &Notes,
    a: &'static bootmem_core::Release,
    b: &'static bootmem_core::Release,
) -> Result<Drawn<Diff>, crate::Error> {
    let (ta, tb) = (crate::run::run(a, scenario)?, crate::run::run(b, scenario)?);
    let d = crate::diff::diff(&ta, &tb);
    Ok(Drawn {
        figure: diff_noted(scenario, &ta, &tb, &d, notes),
        of: d,
    })
}

/// Runs `scenario` on every release and draws the bisection, with the header comment of
/// its text.
pub fn draw_bisect(scenario: &Scenario, notes: &Notes) -> Result<Drawn<Bisect>, crate::Error> {
    let b = crate::compare::bisect(scenario)?;
    Ok(Drawn {
        figure: bisect_noted(scenario, &b, notes),
        of: b,
    })
}
