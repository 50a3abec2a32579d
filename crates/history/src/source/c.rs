//! Just enough of C's lexical structure to find things in a release's file: function
//! definitions and their bodies, `#define` macros and what they expand to, the
//! identifiers a function calls, and the `printk()`/`panic()` calls with their format
//! strings. Nothing here knows a kernel text; it is given one at run time.
//!
//! The text is scanned once into a mask in which comments and the insides of string
//! and character literals are blanked, so that braces, parentheses and identifiers
//! are only ever found in code.

use std::ops::Range;

/// The most functions a reach follows from its entry.
const MAX_REACH: usize = 24;

/// How deep a reach follows calls.
const MAX_DEPTH: usize = 4;

/// How many lines a call's argument list may span when its strings are gathered.
const MAX_CALL_LINES: usize = 12;

/// A C file, with its code mask and line starts.
#[derive(Debug)]
pub struct CText {
    text: String,
    mask: Vec<u8>,
    line_starts: Vec<usize>,
    functions: Vec<Function>,
}

/// A function definition found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Function {
    /// Its name.
    pub name: String,
    /// The line (1-based) of its name.
    pub name_line: usize,
    /// The first line of the definition (the return type may stand on the line
    /// before the name).
    pub first_line: usize,
    /// The line of its closing brace.
    pub last_line: usize,
    /// The bytes of its body, braces included.
    body: Range<usize>,
}

impl CText {
    /// Scans `text`.
    pub fn new(text: &str) -> CText {
        let text = text.to_string();
        let mask = mask(text.as_bytes());
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        let mut c = CText {
            text,
            mask,
            line_starts,
            functions: Vec::new(),
        };
        c.functions = c.find_functions();
        c
    }

    /// How many lines the file has.
    pub fn line_count(&self) -> usize {
        let n = self.line_starts.len();
        if self.text.ends_with('\n') {
            n - 1
        } else {
            n
        }
    }

    /// Line `n` (1-based), without its end, or `None` past the end.
    pub fn line(&self, n: usize) -> Option<&str> {
        if n == 0 || n > self.line_count() {
            return None;
        }
        let start = self.line_starts[n - 1];
        let end = self
            .line_starts
            .get(n)
            .map_or(self.text.len(), |&e| e.saturating_sub(1));
        self.text.get(start..end).map(|l| l.trim_end_matches('\r'))
    }

    /// The line (1-based) that holds byte `at`.
    pub fn line_of(&self, at: usize) -> usize {
        match self.line_starts.binary_search(&at) {
            Ok(k) => k + 1,
            Err(k) => k,
        }
    }

    /// Every function defined in the file, in its order.
    pub fn functions(&self) -> &[Function] {
        &self.functions
    }

    /// The function called `name`, if the file defines it.
    pub fn function(&self, name: &str) -> Option<&Function> {
        self.functions.iter().find(|f| f.name == name)
    }

    /// The function whose definition holds line `n`.
    pub fn function_at(&self, n: usize) -> Option<&Function> {
        self.functions
            .iter()
            .find(|f| f.first_line <= n && n <= f.last_line)
    }

    /// What the macro `name` expands to first: the first identifier its body calls
    /// (`#define alloc_bootmem(x) __alloc_bootmem(...)` gives `__alloc_bootmem`).
    pub fn macro_target(&self, name: &str) -> Option<String> {
        for n in 1..=self.line_count() {
            let line = self.masked_line(n)?;
            let Some(rest) = line.trim_start().strip_prefix('#') else {
                continue;
            };
            let Some(rest) = rest.trim_start().strip_prefix("define") else {
                continue;
            };
            let rest = rest.trim_start();
            if !rest.starts_with(name) || !rest[name.len()..].starts_with('(') {
                continue;
            }
            // The body runs on over lines that end with a backslash.
            let mut body = rest[name.len()..].to_string();
            let mut k = n;
            while body.trim_end().ends_with('\\') && k - n < MAX_CALL_LINES {
                k += 1;
                body.push(' ');
                body.push_str(self.masked_line(k).unwrap_or(""));
            }
            // Skip the parameter list, then take the first called identifier.
            let after = body.find(')').map_or("", |p| &body[p + 1..]);
            return called(after).into_iter().next();
        }
        None
    }

    /// The lines (1-based) in `f` where the identifier `ident` stands in code.
    pub fn lines_with(&self, f: &Function, ident: &str) -> Vec<usize> {
        let mut lines: Vec<usize> = identifiers(&self.mask, f.body.clone())
            .filter(|(_, r)| &self.text[r.clone()] == ident)
            .map(|(_, r)| self.line_of(r.start))
            .collect();
        lines.dedup();
        lines
    }

    /// The lines (1-based) where the identifier `ident` stands in code: in `f`, or
    /// anywhere in the file (preprocessor lines included) when `f` is `None`.
    pub fn anchor_lines(&self, f: Option<&Function>, ident: &str) -> Vec<usize> {
        match f {
            Some(f) => self.lines_with(f, ident),
            None => {
                let mut lines: Vec<usize> = identifiers(&self.mask, 0..self.mask.len())
                    .filter(|(_, r)| &self.text[r.clone()] == ident)
                    .map(|(_, r)| self.line_of(r.start))
                    .collect();
                lines.dedup();
                lines
            }
        }
    }

    /// The functions of this file that `entry` reaches by calls, itself first, in the
    /// order found, at most `MAX_REACH` of them and `MAX_DEPTH` calls deep.
    pub fn reach(&self, entry: &str) -> Vec<&Function> {
        let mut out: Vec<&Function> = Vec::new();
        let mut layer: Vec<String> = vec![entry.to_string()];
        for _ in 0..=MAX_DEPTH {
            let mut next = Vec::new();
            for name in layer {
                let Some(f) = self.function(&name) else {
                    continue;
                };
                if out.iter().any(|g| g.name == f.name) || out.len() >= MAX_REACH {
                    continue;
                }
                out.push(f);
                let body = String::from_utf8_lossy(&self.mask[f.body.clone()]).into_owned();
                next.extend(called(&body));
            }
            layer = next;
        }
        out
    }

    /// The calls of `callee` (`printk`, `panic`) in `f`: the line of each, and its
    /// format: the string literals of its argument list, joined.
    pub fn calls_of(&self, f: &Function, callee: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for (_, r) in identifiers(&self.mask, f.body.clone()) {
            if &self.text[r.clone()] != callee {
                continue;
            }
            let after = skip_space(&self.mask, r.end);
            if self.mask.get(after) != Some(&b'(') {
                continue;
            }
            let line = self.line_of(r.start);
            let limit = self
                .line_starts
                .get(line + MAX_CALL_LINES)
                .copied()
                .unwrap_or(self.text.len())
                .min(f.body.end);
            let end = matching(&self.mask, after, limit).unwrap_or(limit);
            out.push((line, literals(&self.text, &self.mask, after..end)));
        }
        out
    }

    fn masked_line(&self, n: usize) -> Option<&str> {
        let line = self.line(n)?;
        let start = self.line_starts[n - 1];
        std::str::from_utf8(&self.mask[start..start + line.len()]).ok()
    }

    /// Function definitions: at brace depth 0, outside preprocessor lines, a name
    /// followed by a parenthesised list and then `{`.
    fn find_functions(&self) -> Vec<Function> {
        let m = &self.mask;
        let mut out = Vec::new();
        let mut depth = 0usize;
        let mut at = 0usize;
        let mut last_name: Option<Range<usize>> = None;
        while at < m.len() {
            let b = m[at];
            if b == b'#' && self.at_line_start(at) {
                // A preprocessor line, with its continuations.
                while at < m.len() && !(m[at] == b'\n' && m[at.saturating_sub(1)] != b'\\') {
                    at += 1;
                }
                continue;
            }
            match b {
                b'{' => depth += 1,
                b'}' => depth = depth.saturating_sub(1),
                b'(' if depth == 0 => {
                    if let Some(name) = last_name.take() {
                        if let Some(close) = matching(m, at, m.len()) {
                            let open = skip_space(m, close + 1);
                            if m.get(open) == Some(&b'{') {
                                if let Some(end) = matching(m, open, m.len()) {
                                    out.push(self.function_from(name, open..end + 1));
                                    at = end + 1;
                                    continue;
                                }
                            }
                            at = close + 1;
                            continue;
                        }
                        // A parenthesis never closed: nothing after it is at depth 0,
                        // and looking again from every later one would be quadratic.
                        break;
                    }
                }
                _ => {}
            }
            if is_ident_start(b) && (at == 0 || !is_ident(m[at - 1])) {
                let mut end = at;
                while end < m.len() && is_ident(m[end]) {
                    end += 1;
                }
                last_name = (depth == 0).then_some(at..end);
                at = end;
                continue;
            }
            if !b.is_ascii_whitespace() {
                last_name = None;
            }
            at += 1;
        }
        out
    }

    fn function_from(&self, name: Range<usize>, body: Range<usize>) -> Function {
        let name_line = self.line_of(name.start);
        // The return type stands on the line before when the name opens its line.
        let before = self.line(name_line.saturating_sub(1)).unwrap_or("").trim();
        let opens = self
            .line(name_line)
            .is_some_and(|l| l.trim_start().starts_with(&self.text[name.clone()]));
        let first_line = if opens
            && name_line > 1
            && !before.is_empty()
            && !before.ends_with(';')
            && !before.ends_with('}')
            && !before.ends_with("*/")
            && !before.starts_with('#')
        {
            name_line - 1
        } else {
            name_line
        };
        Function {
            name: self.text[name].to_string(),
            name_line,
            first_line,
            last_line: self.line_of(body.end.saturating_sub(1)),
            body,
        }
    }

    fn at_line_start(&self, at: usize) -> bool {
        self.mask[..at]
            .iter()
            .rev()
            .take_while(|&&b| b != b'\n')
            .all(|b| b.is_ascii_whitespace())
    }
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The identifiers of `m[range]`, each with its byte range.
fn identifiers(m: &[u8], range: Range<usize>) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
    let mut at = range.start;
    let end = range.end.min(m.len());
    std::iter::from_fn(move || {
        while at < end {
            if is_ident_start(m[at]) && (at == 0 || !is_ident(m[at - 1])) {
                let start = at;
                while at < end && is_ident(m[at]) {
                    at += 1;
                }
                return Some((start, start..at));
            }
            at += 1;
        }
        None
    })
}

/// The identifiers of masked code `s` that are called (followed by `(`), in order,
/// without C's keywords.
fn called(s: &str) -> Vec<String> {
    const KEYWORDS: &[&str] = &[
        "if", "for", "while", "switch", "return", "sizeof", "defined", "do",
    ];
    let b = s.as_bytes();
    let mut out: Vec<String> = Vec::new();
    for (_, r) in identifiers(b, 0..b.len()) {
        let name = &s[r.clone()];
        if b.get(skip_space(b, r.end)) == Some(&b'(')
            && !KEYWORDS.contains(&name)
            && !out.iter().any(|o| o == name)
        {
            out.push(name.to_string());
        }
    }
    out
}

fn skip_space(m: &[u8], mut at: usize) -> usize {
    while at < m.len() && m[at].is_ascii_whitespace() {
        at += 1;
    }
    at
}

/// The position of the bracket that closes the one at `open`, looking no further than
/// `limit`.
fn matching(m: &[u8], open: usize, limit: usize) -> Option<usize> {
    let (o, c) = match m.get(open)? {
        b'(' => (b'(', b')'),
        b'{' => (b'{', b'}'),
        _ => return None,
    };
    let mut depth = 0usize;
    for (k, &b) in m.iter().enumerate().take(limit.min(m.len())).skip(open) {
        if b == o {
            depth += 1;
        } else if b == c {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some(k);
            }
        }
    }
    None
}

/// The string literals of `text[range]`, their escapes read, joined.
fn literals(text: &str, m: &[u8], range: Range<usize>) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut at = range.start;
    while at < range.end.min(bytes.len()) {
        // A literal's opening quote is kept in the mask; its inside is blanked.
        if m[at] == b'"' {
            at += 1;
            while at < bytes.len() && m[at] != b'"' {
                if bytes[at] == b'\\' && at + 1 < bytes.len() {
                    at += 1;
                    out.push(match bytes[at] {
                        b'n' => b'\n',
                        b't' => b'\t',
                        other => other,
                    });
                } else {
                    out.push(bytes[at]);
                }
                at += 1;
            }
        }
        at += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `text` with comments and the insides of literals blanked (newlines kept), and the
/// quotes of literals kept so that literals can be found again.
fn mask(text: &[u8]) -> Vec<u8> {
    let mut m = text.to_vec();
    let mut at = 0;
    while at < m.len() {
        match text[at] {
            b'/' if text.get(at + 1) == Some(&b'*') => {
                let end = find(text, at + 2, b"*/").map_or(text.len(), |e| e + 2);
                blank(&mut m, at..end);
                at = end;
            }
            b'/' if text.get(at + 1) == Some(&b'/') => {
                let end = find(text, at, b"\n").unwrap_or(text.len());
                blank(&mut m, at..end);
                at = end;
            }
            q @ (b'"' | b'\'') => {
                let mut end = at + 1;
                while end < text.len() && text[end] != q && text[end] != b'\n' {
                    end += if text[end] == b'\\' { 2 } else { 1 };
                }
                let end = end.min(text.len());
                blank(&mut m, at + 1..end);
                at = end + 1;
            }
            _ => at += 1,
        }
    }
    m
}

fn blank(m: &mut [u8], r: Range<usize>) {
    let end = r.end.min(m.len());
    for b in &mut m[r.start.min(end)..end] {
        if *b != b'\n' {
            *b = b' ';
        }
    }
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Whether `text`, a logged line, is what the `printf` format `format` prints: its
/// literal pieces, between the conversions, found in order, the first at the start and
/// the last at the end (surrounding white space aside).
pub fn format_matches(format: &str, text: &str) -> bool {
    let pieces = format_pieces(format);
    let text = text.trim();
    let n = pieces.len();
    if n == 1 {
        return pieces[0].trim() == text;
    }
    let first = pieces[0].trim_start();
    let last = pieces[n - 1].trim_end();
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    for piece in &pieces[1..n - 1] {
        match rest.find(piece.as_str()) {
            Some(p) => rest = &rest[p + piece.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// The literal pieces of a format, split at its conversions (`%lu`, `%08lx`, `%s`);
/// `%%` stays as a `%`.
fn format_pieces(format: &str) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut chars = format.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch != '%' {
            if let Some(p) = pieces.last_mut() {
                p.push(ch);
            }
            continue;
        }
        if chars.peek() == Some(&'%') {
            chars.next();
            if let Some(p) = pieces.last_mut() {
                p.push('%');
            }
            continue;
        }
        // Flags, width, precision and length, then the conversion letter.
        while let Some(&c) = chars.peek() {
            chars.next();
            if c.is_ascii_alphabetic() && !matches!(c, 'l' | 'h' | 'L' | 'z' | 't' | 'j' | 'q') {
                break;
            }
        }
        pieces.push(String::new());
    }
    pieces
}
