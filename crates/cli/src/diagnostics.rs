//! Errors as located diagnostics, rendered by annotate-snippets: the message, the file,
//! line and column, the line itself and the whole bad token underlined. A parse error
//! and the refusal of an oversized machine take the same form.

use crate::output::Problem;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use bootmem_history::Error;

/// The byte range of the token that starts at 1-based character `column` of `line`: a
/// word (letters, digits, `_`) or number with its suffix, a quoted string, or one other
/// character. A column past the end gives an empty range at the end.
pub fn token(line: &str, column: usize) -> (usize, usize) {
    let start = line
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(at, _)| at);
    let rest = &line[start..];
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    let end = match rest.chars().next() {
        None => start,
        Some('"') => rest[1..]
            .find('"')
            .map_or(line.len(), |at| start + 1 + at + 1),
        Some(c) if word(c) => start + rest.find(|c: char| !word(c)).unwrap_or(rest.len()),
        Some(c) => start + c.len_utf8(),
    };
    (start, end)
}

/// The statement on a line: the line without its comment and surrounding blanks, as a
/// byte range (the whole line when it is blank).
fn statement(line: &str) -> (usize, usize) {
    let code = line.find('#').map_or(line, |at| &line[..at]);
    let trimmed = code.trim_end();
    let start = trimmed.len() - trimmed.trim_start().len();
    if start == trimmed.len() {
        (0, line.len())
    } else {
        (start, trimmed.len())
    }
}

/// A message wrapped to fit after the renderer's `error: ` (seven columns), which
/// indents its continuation lines to match.
fn wrapped(message: &str, width: usize) -> String {
    let options = textwrap::Options::new(width.saturating_sub(7).max(20)).break_words(false);
    message
        .lines()
        .map(|l| textwrap::fill(l, &options))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One located error: `message` at `range` of line `number` of `file`.
fn located(
    (renderer, width): (&Renderer, usize),
    message: &str,
    file: &str,
    number: usize,
    line: &str,
    range: (usize, usize),
) -> String {
    let message = wrapped(message, width);
    let report = &[Level::ERROR.primary_title(message).element(
        Snippet::source(line)
            .line_start(number)
            .path(file)
            .annotation(AnnotationKind::Primary.span(range.0..range.1)),
    )];
    renderer.render(report)
}

/// A problem as text for standard error, ending in a newline.
pub fn render(p: &Problem, color: bool, width: usize) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .term_width(width);
    let plain = |message: &str| {
        let message = wrapped(message, width);
        renderer.render(&[Group::with_title(Level::ERROR.primary_title(message))])
    };
    let mut out = match p {
        Problem::Usage(m) => plain(m),
        Problem::Library { error, text } => match error {
            Error::Parse(list) => list
                .0
                .iter()
                .map(|e| {
                    let range = token(&e.source_line, e.column);
                    located(
                        (&renderer, width),
                        &e.message,
                        &e.file,
                        e.line,
                        &e.source_line,
                        range,
                    )
                })
                .collect::<Vec<_>>()
                .join("\n\n"),
            Error::TooLarge(t) => {
                let line = text
                    .as_deref()
                    .and_then(|text| text.lines().nth(t.line.saturating_sub(1)));
                match line {
                    Some(line) => located(
                        (&renderer, width),
                        &t.reason(),
                        &t.file,
                        t.line,
                        line,
                        statement(line),
                    ),
                    None => plain(&error.to_string()),
                }
            }
            Error::NoCall(n) => {
                let line = text
                    .as_deref()
                    .and_then(|text| text.lines().nth(n.line.saturating_sub(1)));
                match line {
                    Some(line) => located(
                        (&renderer, width),
                        &n.reason(),
                        &n.file,
                        n.line,
                        line,
                        statement(line),
                    ),
                    None => plain(&n.to_string()),
                }
            }
            // The list of covered releases follows the sentence, not indented under it.
            Error::UnknownRelease(_) => {
                let text = error.to_string();
                let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
                format!("{}\n{rest}", plain(first).trim_end())
            }
            other => plain(&other.to_string()),
        },
    };
    out = out.trim_end().to_string();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_the_whole_word_number_or_one_mark() {
        let line = "alloc_bootmem(0x10zz, 4096) # x";
        let at = |c| {
            let (a, b) = token(line, c);
            &line[a..b]
        };
        assert_eq!(at(1), "alloc_bootmem");
        assert_eq!(at(15), "0x10zz");
        assert_eq!(at(14), "(");
        assert_eq!(at(23), "4096");
        assert_eq!(token(line, 99), (line.len(), line.len()));
        assert_eq!(token("set X \"ab c\" y", 7), (6, 12));
    }

    #[test]
    fn a_parse_error_underlines_the_whole_token() {
        let e =
            bootmem_history::parse::parse("t.boot", "arch i386\nalloc_botmem(100)\n").unwrap_err();
        let text = render(&Problem::plain(e), false, 80);
        assert!(text.contains("t.boot:2:1"), "{text}");
        assert!(text.contains("2 | alloc_botmem(100)"), "{text}");
        assert!(text.contains("  | ^^^^^^^^^^^^"), "{text}");
    }

    #[test]
    fn an_oversized_machine_is_refused_in_the_same_located_form() {
        let text = "arch x86_64\ninit_bootmem_node(0, 0x0, 0x0, 0x800000000)  # 32 TiB\n";
        let s = bootmem_history::parse::parse("big.boot", text).unwrap();
        let e = bootmem_history::run::check_limits(&s).unwrap_err();
        let problem = Problem::Library {
            error: e,
            text: Some(text.into()),
        };
        let shown = render(&problem, false, 80);
        assert!(shown.lines().all(|l| l.chars().count() <= 80), "{shown}");
        assert!(shown.contains("big.boot:2:1"), "{shown}");
        let wide = render(&problem, false, 400);
        assert!(wide.contains("page frames in all"), "{wide}");
        let carets = "^".repeat("init_bootmem_node(0, 0x0, 0x0, 0x800000000)".len());
        assert!(shown.contains(&carets), "{shown}");
    }
}
