//! The lines of C a run points at, read from the user's tree: every `BUG()`, `panic()`,
//! `printk()` and marked code path of a trace as its release's own numbered lines with
//! a few lines of context; for a comparison, the two releases' versions of the function
//! where they part, side by side (one above the other when the width is small), and the
//! hunk of the commit the diff names, when the tree has it.
//!
//! A panic or a logged line is placed by its format: among the `panic()` (`printk()`)
//! calls of the functions the call reaches, the one whose format prints the text the
//! run logged. A `BUG()` has its line already. A marked path is placed by
//! [`places`].

use super::c::{format_matches, CText, Function};
use super::places::{self, Place};
use super::{Problem, SourceFile, SourceTree};
use crate::compare::Bisect;
use crate::diff::{self, Diff, Explanation, Why};
use crate::prose::Style;
use crate::run::{CallRecord, Trace};
use crate::versions;
use bootmem_core::{CodePath, Release, Stop};
use std::fmt::Write;
use std::rc::Rc;

/// Lines shown before and after a site's line.
const CONTEXT: usize = 3;

/// The most sites shown for one trace.
const MAX_SITES: usize = 16;

/// The most calls named under one site (a path that every allocation takes is one site).
const MAX_WHY: usize = 3;

/// The most notes (places not found) kept for one trace.
const MAX_NOTES: usize = 8;

/// The most rows of a function compared side by side.
const MAX_ROWS: usize = 60;

/// The most lines of a commit's hunks shown.
const MAX_HUNK_LINES: usize = 40;

/// The most changed steps of a bisection shown with their source.
const MAX_STEPS: usize = 8;

/// The fewest columns a side of the side-by-side view needs; below it the two
/// versions stand one above the other.
const MIN_SIDE: usize = 36;

const BOOTMEM_C: &str = "mm/bootmem.c";
const BOOTMEM_H: &str = "include/linux/bootmem.h";
const PAGE_ALLOC_C: &str = "mm/page_alloc.c";

/// The files a commit's hunks are looked for in when no marked path names one (a
/// commit that added or removed a call): bootmem's own and the code around it.
const BOOT_FILES: &[&str] = &[
    BOOTMEM_C,
    BOOTMEM_H,
    PAGE_ALLOC_C,
    "arch/i386/mm/discontig.c",
    "include/asm-i386/mmzone.h",
];

/// One place in a release's text that the run reached, and why it is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    /// The file in the tree.
    pub file: String,
    /// The line (1-based).
    pub line: usize,
    /// The function it lies in, when known.
    pub function: Option<String>,
    /// What the run did there: one entry per reason, in trace order, at most
    /// `MAX_WHY` of them.
    pub why: Vec<String>,
    /// How many more reasons reached it.
    pub more: usize,
}

/// What a trace points at in its release's text, and what could not be found.
#[derive(Debug, Default)]
pub struct Sites {
    /// The places, in trace order.
    pub sites: Vec<Site>,
    /// What could not be placed or read, in words, at most `MAX_NOTES` of them.
    pub notes: Vec<String>,
    /// How many more notes there were.
    pub more_notes: usize,
    /// How many places were left out past the cap (16 a trace).
    pub left_out: usize,
}

/// The source view of one run: its heading, then every site.
pub fn run_view(t: &Trace, tree: &SourceTree, style: Style) -> String {
    let mut out = String::new();
    let Ok(release) = versions::find(t.version) else {
        return out;
    };
    let _ = writeln!(
        out,
        "{}",
        style.head(&format!("source of {} in {}", t.version, tree.describe()))
    );
    let sites = sites_of(t, release, tree);
    render_sites(&mut out, &sites, release, tree, style);
    out
}

/// The sites of every call of `t`.
pub fn sites_of(t: &Trace, release: &Release, tree: &SourceTree) -> Sites {
    let mut s = Sites::default();
    for c in &t.calls {
        sites_of_call(&mut s, c, release, tree);
    }
    s
}

fn sites_of_call(s: &mut Sites, c: &CallRecord, release: &Release, tree: &SourceTree) {
    let at = format!("line {}, {}", c.line, c.call);
    let entry = entry_name(&c.call);
    for text in &c.printk {
        match find_call(tree, release, entry, "printk", text) {
            Ok(Some((file, line, f))) => add(s, file, line, f, format!("{at}: printk \"{text}\"")),
            Ok(None) => push_note(
                s,
                format!(
                    "{at}: no printk() in {}'s text prints \"{text}\"",
                    release.name
                ),
            ),
            Err(p) => note(s, p),
        }
    }
    for path in &c.paths {
        let why = format!("{at}: {} {}", versions::short_id(path.commit), path.what);
        match place_path(tree, release, path) {
            Ok(Some((file, line, f))) => add(s, file, line, f, why),
            Ok(None) => push_note(s, format!("{why}: not found in {}'s text", release.name)),
            Err(p) => note(s, p),
        }
    }
    match c.stop() {
        Some(Stop::Bug { file, line }) => {
            let line = usize::try_from(*line).unwrap_or(usize::MAX);
            let function = tree
                .file(release, file)
                .ok()
                .and_then(|f| f.text.function_at(line).map(|f| f.name.clone()));
            match tree.file(release, file) {
                Ok(_) => add(s, (*file).to_string(), line, function, format!("{at}: BUG")),
                Err(p) => note(s, p),
            }
        }
        Some(Stop::Panic { message }) => match find_call(tree, release, entry, "panic", message) {
            Ok(Some((file, line, f))) => {
                add(s, file, line, f, format!("{at}: panic \"{message}\""));
            }
            Ok(None) => push_note(
                s,
                format!(
                    "{at}: no panic() in {}'s text says \"{message}\"",
                    release.name
                ),
            ),
            Err(p) => note(s, p),
        },
        _ => {}
    }
}

fn note(s: &mut Sites, p: Problem) {
    push_note(s, p.to_string());
}

fn push_note(s: &mut Sites, text: String) {
    if s.notes.contains(&text) {
        return;
    }
    if s.notes.len() >= MAX_NOTES {
        s.more_notes += 1;
    } else {
        s.notes.push(text);
    }
}

fn add(s: &mut Sites, file: String, line: usize, function: Option<String>, why: String) {
    if let Some(site) = s
        .sites
        .iter_mut()
        .find(|x| x.file == file && x.line == line)
    {
        if site.why.contains(&why) {
            return;
        }
        if site.why.len() >= MAX_WHY {
            site.more += 1;
        } else {
            site.why.push(why);
        }
        return;
    }
    if s.sites.len() >= MAX_SITES {
        s.left_out += 1;
        return;
    }
    s.sites.push(Site {
        file,
        line,
        function,
        why: vec![why],
        more: 0,
    });
}

/// The kernel name a call line starts with: `alloc_bootmem` of `alloc_bootmem(4096)`.
fn entry_name(call: &str) -> &str {
    let end = call
        .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'))
        .unwrap_or(call.len());
    &call[..end]
}

type Found = Option<(String, usize, Option<String>)>;

/// The `callee` (`printk`, `panic`) call whose format prints `text`: first among the
/// functions `entry` reaches in `mm/bootmem.c` (through its macro in
/// `include/linux/bootmem.h` when it is one), then anywhere in `mm/bootmem.c`, then in
/// `mm/page_alloc.c`.
fn find_call(
    tree: &SourceTree,
    release: &Release,
    entry: &str,
    callee: &str,
    text: &str,
) -> Result<Found, Problem> {
    let c = tree.file(release, BOOTMEM_C)?;
    let mut start = entry.to_string();
    if c.text.function(entry).is_none() {
        if let Ok(h) = tree.file(release, BOOTMEM_H) {
            if let Some(target) = h.text.macro_target(entry) {
                start = target;
            }
        }
    }
    let matching = |file: &SourceFile, functions: Vec<&Function>| -> Found {
        functions.into_iter().find_map(|f| {
            file.text
                .calls_of(f, callee)
                .into_iter()
                .find(|(_, format)| format_matches(format, text))
                .map(|(line, _)| (file.path.clone(), line, Some(f.name.clone())))
        })
    };
    if let Some(found) = matching(&c, c.text.reach(&start)) {
        return Ok(Some(found));
    }
    if let Some(found) = matching(&c, c.text.functions().iter().collect()) {
        return Ok(Some(found));
    }
    Ok(tree
        .file(release, PAGE_ALLOC_C)
        .ok()
        .and_then(|p| matching(&p, p.text.functions().iter().collect())))
}

/// Where a marked path lies in the release's text.
fn place_path(tree: &SourceTree, release: &Release, path: &CodePath) -> Result<Found, Problem> {
    let Some(place) = places::place(path) else {
        return Ok(None);
    };
    let mut problem = None;
    for path in place.files {
        match tree.file(release, path) {
            Ok(file) => {
                if let Some((line, f)) = places::locate(&file.text, &place) {
                    return Ok(Some(((*path).to_string(), line, f.map(|f| f.name.clone()))));
                }
            }
            Err(p @ Problem::NoFile { .. }) => problem = problem.or(Some(p)),
            Err(p) => return Err(p),
        }
    }
    // A file none of the candidates is in is worth saying only when no file was read.
    match problem {
        Some(p) if place.files.len() == 1 => Err(p),
        _ => Ok(None),
    }
}

fn render_sites(
    out: &mut String,
    sites: &Sites,
    release: &Release,
    tree: &SourceTree,
    style: Style,
) {
    let mut warned = Vec::new();
    for site in &sites.sites {
        let Ok(file) = tree.file(release, &site.file) else {
            continue;
        };
        if let Some(v) = &file.mismatch {
            if !warned.contains(v) {
                let _ = writeln!(
                    out,
                    "{}",
                    style.mark(&format!(
                        "  warning: the tree's Makefile says Linux {v}, not {}; its lines may \
                         not be {}'s",
                        release.name, release.name
                    ))
                );
                warned.push(v.clone());
            }
        }
        let within = site
            .function
            .as_ref()
            .map_or_else(String::new, |f| format!(" in {f}()"));
        let _ = writeln!(
            out,
            "  {}{within}  ({})",
            style.head(&format!("{}:{}", site.file, site.line)),
            file.origin
        );
        for why in &site.why {
            let _ = writeln!(out, "    {}", style.dim(why));
        }
        if site.more > 0 {
            let _ = writeln!(
                out,
                "    {}",
                style.dim(&format!("and {} more calls reached this line", site.more))
            );
        }
        excerpt(out, &file.text, site.line, style);
    }
    if sites.left_out > 0 {
        let _ = writeln!(out, "  ... {} more places not shown", sites.left_out);
    }
    for n in &sites.notes {
        let _ = writeln!(out, "  {}", style.dim(&format!("note: {n}")));
    }
    if sites.more_notes > 0 {
        let _ = writeln!(
            out,
            "  {}",
            style.dim(&format!("... {} more notes", sites.more_notes))
        );
    }
    if sites.sites.is_empty() && sites.notes.is_empty() {
        let _ = writeln!(
            out,
            "  (no BUG, panic, printk or marked code path in this run)"
        );
    }
}

/// Lines `line - CONTEXT ..= line + CONTEXT` of `text`, numbered, `line` marked.
fn excerpt(out: &mut String, text: &CText, line: usize, style: Style) {
    let first = line.saturating_sub(CONTEXT).max(1);
    let last = line.saturating_add(CONTEXT).min(text.line_count());
    let room = style.width.saturating_sub(12).max(20);
    for n in first..=last {
        let Some(l) = text.line(n) else { break };
        let shown = clip(&untab(l), room);
        if n == line {
            let _ = writeln!(out, "  {}", style.mark(&format!("> {n:>5} | {shown}")));
        } else {
            let _ = writeln!(out, "    {n:>5} | {shown}");
        }
    }
}

/// `s` with tabs expanded to the next multiple of eight columns, and every other
/// control character shown as `?`: the text is the user's tree's, and an escape
/// sequence in it must not reach the terminal.
fn untab(s: &str) -> String {
    let mut out = String::new();
    let mut column = 0usize;
    for ch in s.chars() {
        if ch == '\t' {
            let pad = 8 - column % 8;
            out.push_str(&" ".repeat(pad));
            column += pad;
        } else {
            out.push(if ch.is_control() { '?' } else { ch });
            column += 1;
        }
    }
    out
}

/// `s` cut to `width` characters, a `~` marking the cut.
fn clip(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('~');
    out
}

/// The source view of a comparison (empty when the runs are identical): where the two
/// runs part, the function there in both releases, the commits' hunks, and each side's
/// sites at that call.
pub fn diff_view(d: &Diff, ta: &Trace, tb: &Trace, tree: &SourceTree, style: Style) -> String {
    let mut out = String::new();
    let (Ok(ra), Ok(rb)) = (versions::find(ta.version), versions::find(tb.version)) else {
        return out;
    };
    // Two runs that behave the same have no place where they part.
    if d.identical() {
        return out;
    }
    let _ = writeln!(
        out,
        "{}",
        style.head(&format!(
            "source of {} and {} in {}",
            ta.version,
            tb.version,
            tree.describe()
        ))
    );
    // Where to look: the call at which the runs part, with the paths that ran in it;
    // or, when no call parts and only what the runs leave behind differs, the first
    // call whose marked path explains it.
    let (line, call, reasons, heading): (usize, String, Vec<&diff::Reason>, &str) =
        match (&d.calls.parting, &d.why) {
            (Some(p), why) => {
                let reasons = match why {
                    Explanation::Parting {
                        first: Why::InCall(r),
                        ..
                    } => r.iter().collect(),
                    _ => Vec::new(),
                };
                (
                    p.call.line,
                    p.call.call.clone(),
                    reasons,
                    "the runs part at",
                )
            }
            (None, Explanation::EndState(r)) if !r.is_empty() => {
                let line = r[0].line;
                let call = tb
                    .calls
                    .iter()
                    .chain(&ta.calls)
                    .find(|c| c.line == line)
                    .map_or_else(String::new, |c| c.call.to_string());
                let here = r.iter().filter(|x| x.line == line).collect();
                (
                    line,
                    call,
                    here,
                    "no call parts; the end states differ through",
                )
            }
            _ => {
                let _ = writeln!(
                    out,
                    "  no call parts, and no marked path explains it; the source of each run \
                     follows ({} then {})",
                    ta.version, tb.version
                );
                for (t, r) in [(ta, ra), (tb, rb)] {
                    let _ = writeln!(out, "  {}:", t.version);
                    render_sites(&mut out, &sites_of(t, r, tree), r, tree, style);
                }
                return out;
            }
        };
    let ca = ta.calls.iter().find(|c| c.line == line);
    let cb = tb.calls.iter().find(|c| c.line == line);
    let function = parting_function(&reasons, [(ca, ra), (cb, rb)], tree, &call);
    let _ = writeln!(
        out,
        "  {heading} line {line}, {call}{}",
        function
            .as_ref()
            .map_or_else(String::new, |(file, f)| format!(", in {f}() of {file}"))
    );
    if let Some((file, f)) = &function {
        side_by_side(&mut out, tree, (ra, ca), (rb, cb), file, f, style);
    }
    let mut shown: Vec<&str> = Vec::new();
    // The commits to show: those whose code ran in that call; when none did, those
    // whose code ran in earlier calls, which the diff names as "earlier".
    let earlier: Vec<&diff::Reason> = match &d.why {
        Explanation::Parting {
            first: Why::Earlier(r),
            ..
        } if reasons.is_empty() => r.iter().collect(),
        _ => Vec::new(),
    };
    for r in reasons.iter().chain(&earlier) {
        let Some((_, commit)) = r.commit else {
            continue;
        };
        // Two paths of one commit show its hunks once.
        if shown.contains(&commit.id) {
            continue;
        }
        shown.push(commit.id);
        let place = reason_path(r).and_then(places::place);
        let files = place.map_or(BOOT_FILES, |p| &p.files[..p.files.len().min(1)]);
        hunk(
            &mut out,
            tree,
            commit,
            files,
            function.as_ref().map(|(_, f)| f.as_str()),
            style,
        );
    }
    for (c, r) in [(ca, ra), (cb, rb)] {
        let Some(c) = c else { continue };
        let mut s = Sites::default();
        sites_of_call(&mut s, c, r, tree);
        let _ = writeln!(out, "  {} at line {line}:", r.name);
        render_sites(&mut out, &s, r, tree, style);
    }
    out
}

/// The code path a reason names, found again among the records by its commit and
/// words.
fn reason_path(r: &diff::Reason) -> Option<&'static CodePath> {
    bootmem_commits::COMMITS
        .iter()
        .flat_map(|c| c.paths.iter().copied())
        .find(|p| p.commit == r.mark && p.what == r.what)
        .or_else(|| {
            r.commit
                .and_then(|(_, c)| c.paths.iter().copied().find(|p| p.what == r.what))
        })
}

/// The function where the runs part, with its file: the place of a path that ran in
/// the parting call, else the function around a BUG, else the function the call
/// enters.
fn parting_function(
    reasons: &[&diff::Reason],
    sides: [(Option<&CallRecord>, &Release); 2],
    tree: &SourceTree,
    call: &str,
) -> Option<(String, String)> {
    for r in reasons {
        if let Some(place) = reason_path(r).and_then(places::place) {
            if let Some(found) = function_of_place(tree, sides, &place) {
                return Some(found);
            }
        }
    }
    for (c, release) in sides {
        if let Some(Stop::Bug { file, line }) = c.and_then(CallRecord::stop) {
            let line = usize::try_from(*line).unwrap_or(usize::MAX);
            if let Ok(text) = tree.file(release, file) {
                if let Some(f) = text.text.function_at(line) {
                    return Some(((*file).to_string(), f.name.clone()));
                }
            }
        }
    }
    let entry = entry_name(call);
    for (_, release) in sides {
        if let Ok(c) = tree.file(release, BOOTMEM_C) {
            if c.text.function(entry).is_some() {
                return Some((BOOTMEM_C.to_string(), entry.to_string()));
            }
            if let Some(target) = tree
                .file(release, BOOTMEM_H)
                .ok()
                .and_then(|h| h.text.macro_target(entry))
            {
                if c.text.function(&target).is_some() {
                    return Some((BOOTMEM_C.to_string(), target));
                }
            }
        }
    }
    None
}

fn function_of_place(
    tree: &SourceTree,
    sides: [(Option<&CallRecord>, &Release); 2],
    place: &Place,
) -> Option<(String, String)> {
    sides.iter().rev().find_map(|(_, release)| {
        place.files.iter().find_map(|path| {
            let file = tree.file(release, path).ok()?;
            let (_, f) = places::locate(&file.text, place)?;
            f.map(|f| ((*path).to_string(), f.name.clone()))
        })
    })
}

/// One side's function: its file, the function's lines, and the line to mark.
struct Version {
    file: Rc<SourceFile>,
    first: usize,
    last: usize,
    mark: Option<usize>,
}

fn version_of(
    tree: &SourceTree,
    release: &Release,
    c: Option<&CallRecord>,
    path: &str,
    function: &str,
) -> Result<Option<Version>, Problem> {
    let file = tree.file(release, path)?;
    let Some(f) = file.text.function(function) else {
        return Ok(None);
    };
    let (first, last) = (f.first_line, f.last_line);
    let mark = match c.and_then(CallRecord::stop) {
        Some(Stop::Bug { file: bf, line }) if *bf == path => usize::try_from(*line)
            .ok()
            .filter(|l| (first..=last).contains(l)),
        _ => None,
    };
    Ok(Some(Version {
        file,
        first,
        last,
        mark,
    }))
}

/// The function in both releases, aligned line by line; lines the two share are
/// shown only near a difference.
fn side_by_side(
    out: &mut String,
    tree: &SourceTree,
    (ra, ca): (&Release, Option<&CallRecord>),
    (rb, cb): (&Release, Option<&CallRecord>),
    path: &str,
    function: &str,
    style: Style,
) {
    let a = version_of(tree, ra, ca, path, function);
    let b = version_of(tree, rb, cb, path, function);
    let (a, b) = match (a, b) {
        (Err(p), _) | (_, Err(p)) => {
            let _ = writeln!(out, "  {}", style.dim(&format!("note: {p}")));
            return;
        }
        (Ok(None), Ok(None)) => {
            let _ = writeln!(
                out,
                "  {}",
                style.dim(&format!(
                    "note: neither release's {path} defines {function}()"
                ))
            );
            return;
        }
        // A function one release lacks stands against nothing: it was added or removed.
        (Ok(a), Ok(b)) => (a, b),
    };
    let lines = |v: &Option<Version>| -> Vec<(usize, String)> {
        v.as_ref().map_or_else(Vec::new, |v| {
            (v.first..=v.last)
                .filter_map(|n| v.file.text.line(n).map(|l| (n, untab(l))))
                .collect()
        })
    };
    let (la, lb) = (lines(&a), lines(&b));
    let rows = align(&la, &lb);
    let side = style.width.saturating_sub(19) / 2;
    let origin = |r: &Release, v: &Option<Version>| match v {
        Some(v) => format!("{} ({})", r.name, v.file.origin),
        None => format!("{} (which does not define it)", r.name),
    };
    let _ = writeln!(
        out,
        "  {function}() in {} and {}:",
        origin(ra, &a),
        origin(rb, &b)
    );
    for (r, v) in [(ra, &a), (rb, &b)] {
        if let Some(m) = v.as_ref().and_then(|v| v.file.mismatch.as_ref()) {
            let _ = writeln!(
                out,
                "{}",
                style.mark(&format!(
                    "  warning: the tree's Makefile says Linux {m}, not {}; its lines may not \
                     be {}'s",
                    r.name, r.name
                ))
            );
        }
    }
    let (mark_a, mark_b) = (a.and_then(|v| v.mark), b.and_then(|v| v.mark));
    let changed: Vec<bool> = rows.iter().map(|r| !r.same).collect();
    if !changed.iter().any(|&c| c) {
        let _ = writeln!(
            out,
            "    {}",
            style.dim("(the function reads the same in both; they part in what it is given)")
        );
        return;
    }
    let near = |k: usize| -> bool {
        let lo = k.saturating_sub(2);
        let hi = (k + 2).min(rows.len().saturating_sub(1));
        (lo..=hi).any(|j| changed[j])
            || rows[k].a.is_some_and(|(n, _)| Some(n) == mark_a)
            || rows[k].b.is_some_and(|(n, _)| Some(n) == mark_b)
    };
    let cell = |x: Option<(usize, &str)>, mark: Option<usize>, w: usize| -> String {
        match x {
            Some((n, t)) => {
                let m = if Some(n) == mark { '>' } else { ' ' };
                format!("{m}{n:>5} {}", clip(t, w))
            }
            None => " ".repeat(7),
        }
    };
    let room = style.width.saturating_sub(12).max(20);
    // One above the other, a changed stretch shows all its first-release lines, then
    // all its second-release lines, as a unified diff does.
    let mut added: Vec<String> = Vec::new();
    let flush = |out: &mut String, added: &mut Vec<String>| {
        for l in added.drain(..) {
            let _ = writeln!(out, "  {}", style.side(diff::Side::B, &l));
        }
    };
    let mut shown = 0usize;
    let mut skipped = false;
    for (k, row) in rows.iter().enumerate() {
        if !near(k) {
            skipped = true;
            continue;
        }
        if row.same || skipped {
            flush(out, &mut added);
        }
        if skipped {
            let _ = writeln!(out, "    {}", style.dim("..."));
            skipped = false;
        }
        if shown >= MAX_ROWS {
            flush(out, &mut added);
            let _ = writeln!(out, "    ... (the rest of the function is not shown)");
            return;
        }
        shown += 1;
        if side >= MIN_SIDE {
            let gutter = if row.same { ' ' } else { '|' };
            let left = cell(row.a, mark_a, side);
            let right = cell(row.b, mark_b, side);
            let line = format!("  {left:<width$} {gutter} {right}", width = side + 7);
            let _ = writeln!(out, "{}", if row.same { line } else { style.mark(&line) });
        } else if row.same {
            let _ = writeln!(out, "   {}", cell(row.a, mark_a, room));
        } else {
            if let Some(x) = row.a {
                let line = format!("-{}", cell(Some(x), mark_a, room));
                let _ = writeln!(out, "  {}", style.side(diff::Side::A, &line));
            }
            if let Some(x) = row.b {
                added.push(format!("+{}", cell(Some(x), mark_b, room)));
            }
        }
    }
    flush(out, &mut added);
    if skipped {
        let _ = writeln!(out, "    {}", style.dim("..."));
    }
}

/// One row of two aligned versions.
struct Row<'a> {
    a: Option<(usize, &'a str)>,
    b: Option<(usize, &'a str)>,
    same: bool,
}

/// The two line lists aligned by their longest common subsequence (a function is a
/// few hundred lines at most, so the quadratic table stays small; longer inputs are
/// cut to `MAX_ALIGN` lines each).
fn align<'a>(a: &'a [(usize, String)], b: &'a [(usize, String)]) -> Vec<Row<'a>> {
    const MAX_ALIGN: usize = 600;
    let a = &a[..a.len().min(MAX_ALIGN)];
    let b = &b[..b.len().min(MAX_ALIGN)];
    let key = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let ka: Vec<String> = a.iter().map(|(_, l)| key(l)).collect();
    let kb: Vec<String> = b.iter().map(|(_, l)| key(l)).collect();
    let (n, m) = (a.len(), b.len());
    let mut table = vec![0u32; (n + 1) * (m + 1)];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i * (m + 1) + j] = if ka[i] == kb[j] {
                table[(i + 1) * (m + 1) + j + 1] + 1
            } else {
                table[(i + 1) * (m + 1) + j].max(table[i * (m + 1) + j + 1])
            };
        }
    }
    let pick = |x: &'a (usize, String)| (x.0, x.1.as_str());
    let mut rows = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && ka[i] == kb[j] {
            rows.push(Row {
                a: Some(pick(&a[i])),
                b: Some(pick(&b[j])),
                same: true,
            });
            i += 1;
            j += 1;
        } else if i < n && (j == m || table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1]) {
            rows.push(Row {
                a: Some(pick(&a[i])),
                b: None,
                same: false,
            });
            i += 1;
        } else {
            rows.push(Row {
                a: None,
                b: Some(pick(&b[j])),
                same: false,
            });
            j += 1;
        }
    }
    // A run of removed lines and the run of added lines after it stand side by side.
    let mut merged: Vec<Row<'a>> = Vec::new();
    let mut k = 0;
    while k < rows.len() {
        if rows[k].same {
            merged.push(Row { ..rows[k] });
            k += 1;
            continue;
        }
        let removed: Vec<_> = rows[k..]
            .iter()
            .take_while(|r| r.b.is_none() && !r.same)
            .map(|r| r.a)
            .collect();
        let added: Vec<_> = rows[k + removed.len()..]
            .iter()
            .take_while(|r| r.a.is_none() && !r.same)
            .map(|r| r.b)
            .collect();
        for x in 0..removed.len().max(added.len()) {
            merged.push(Row {
                a: removed.get(x).copied().flatten(),
                b: added.get(x).copied().flatten(),
                same: false,
            });
        }
        k += removed.len() + added.len();
    }
    merged
}

/// The hunks of `commit` in `path`, those that touch `function` first, when the tree
/// has the commit.
fn hunk(
    out: &mut String,
    tree: &SourceTree,
    commit: &bootmem_core::Commit,
    paths: &[&str],
    function: Option<&str>,
    style: Style,
) {
    let head = format!(
        "  commit {} in {}",
        versions::commit_ref(commit),
        paths.join(", ")
    );
    match tree.patch(commit.id, paths) {
        Ok(Some(patch)) => {
            let _ = writeln!(out, "{}", style.commit(&head));
            let hunks = split_hunks(&patch);
            if hunks.is_empty() {
                let _ = writeln!(out, "    (the commit does not change {})", paths.join(", "));
                return;
            }
            let touches = |h: &&Hunk| {
                function.is_some_and(|f| {
                    h.lines.iter().any(|l| {
                        l.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                            .any(|w| w == f)
                    })
                })
            };
            let mut ordered: Vec<&Hunk> = hunks.iter().filter(touches).collect();
            ordered.extend(hunks.iter().filter(|h| !touches(h)));
            let room = style.width.saturating_sub(6).max(20);
            let mut shown = 0;
            let mut file = "";
            for h in ordered {
                if paths.len() > 1 && h.file != file {
                    file = h.file;
                    let _ = writeln!(out, "    {}", style.commit(&format!("in {file}:")));
                }
                for l in &h.lines {
                    if shown >= MAX_HUNK_LINES {
                        let _ = writeln!(
                            out,
                            "    ... (git show {} -- {} for the rest)",
                            versions::short_id(commit.id),
                            paths.join(" ")
                        );
                        return;
                    }
                    let text = clip(&untab(l), room);
                    let painted = if l.starts_with('+') {
                        style.side(diff::Side::B, &text)
                    } else if l.starts_with('-') {
                        style.side(diff::Side::A, &text)
                    } else {
                        text
                    };
                    let _ = writeln!(out, "    {painted}");
                    shown += 1;
                }
            }
        }
        Ok(None) => {
            let _ = writeln!(
                out,
                "{}",
                style.dim(&format!(
                    "  commit {} is not in the source tree; its hunk is not shown",
                    versions::short_id(commit.id)
                ))
            );
        }
        Err(p) => {
            let _ = writeln!(out, "  {}", style.dim(&format!("note: {p}")));
        }
    }
}

/// The hunks of a patch, each from its `@@` line.
fn split_hunks(patch: &str) -> Vec<Hunk<'_>> {
    let mut hunks: Vec<Hunk> = Vec::new();
    let mut file = "";
    for l in patch.lines() {
        if let Some(f) = l.strip_prefix("+++ b/") {
            file = f;
        } else if l.starts_with("@@") {
            hunks.push(Hunk {
                file,
                lines: vec![l],
            });
        } else if l.starts_with("diff --git") {
            // The next file's header lines belong to no hunk.
            hunks.push(Hunk {
                file: "",
                lines: Vec::new(),
            });
        } else if let Some(h) = hunks.last_mut().filter(|h| !h.lines.is_empty()) {
            h.lines.push(l);
        }
    }
    hunks.retain(|h| !h.lines.is_empty());
    hunks
}

/// One hunk of a patch and the file it changes.
struct Hunk<'a> {
    file: &'a str,
    lines: Vec<&'a str>,
}

/// The source view of a bisection: each step at which the trace changes, as
/// [`diff_view`] shows it, at most `MAX_STEPS` of them.
pub fn bisect_view(b: &Bisect, tree: &SourceTree, style: Style) -> String {
    let mut out = String::new();
    let changes: Vec<&Diff> = b.changes().collect();
    for d in changes.iter().take(MAX_STEPS) {
        let ta = b.traces.iter().find(|t| t.version == d.pair.a);
        let tb = b.traces.iter().find(|t| t.version == d.pair.b);
        if let (Some(ta), Some(tb)) = (ta, tb) {
            out.push_str(&diff_view(d, ta, tb, tree, style));
            out.push('\n');
        }
    }
    if changes.len() > MAX_STEPS {
        let _ = writeln!(
            out,
            "... {} more steps change the trace; `diff A B FILE --source DIR` shows any of them",
            changes.len() - MAX_STEPS
        );
    }
    out
}
