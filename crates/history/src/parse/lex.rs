//! The tokens of one line, and the helpers that point at them in errors.
//!
//! Tokens borrow the line's text and a line yields at most [`MAX_TOKENS`] of them, so
//! that a line of any length costs time in proportion to its length and memory in
//! proportion to what a call can hold; what an error quotes from the line is shortened
//! and escaped (see [`shorten`], [`describe_char`]).

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Tok<'a> {
    Ident(&'a str),
    Number { value: u64, text: &'a str },
    Punct(char),
}

#[derive(Clone, Debug)]
pub(super) struct Token<'a> {
    pub(super) tok: Tok<'a>,
    pub(super) column: usize,
}

pub(super) struct Fault {
    pub(super) column: usize,
    pub(super) message: String,
}

pub(super) fn fault(column: usize, message: impl Into<String>) -> Fault {
    Fault {
        column,
        message: message.into(),
    }
}

/// The most tokens one line may hold. The longest statement of the language,
/// `__alloc_bootmem_node_limit(nid, size, align, goal, limit);`, has 13; past this
/// many the line cannot be a statement, and reading on would cost memory for nothing.
pub(super) const MAX_TOKENS: usize = 64;

/// The most characters of a name or number an error quotes.
const QUOTE_CHARS: usize = 40;

/// `text` as an error quotes it: at most [`QUOTE_CHARS`] characters, then an ellipsis
/// and how long it really was.
pub(super) fn shorten(text: &str) -> String {
    match text.char_indices().nth(QUOTE_CHARS) {
        None => text.to_string(),
        Some((at, _)) => format!("{}… ({} characters)", &text[..at], text.chars().count()),
    }
}

/// A name for a character that shows nothing, or shows what it is not: a control
/// character, a byte order mark, a zero-width or non-breaking space.
fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\0' => "NUL",
        '\u{7f}' => "DEL",
        '\u{a0}' => "no-break space",
        '\u{ad}' => "soft hyphen",
        '\u{200b}' => "zero-width space",
        '\u{200c}' => "zero-width non-joiner",
        '\u{200d}' => "zero-width joiner",
        '\u{200e}' => "left-to-right mark",
        '\u{200f}' => "right-to-left mark",
        '\u{2028}' => "line separator",
        '\u{2029}' => "paragraph separator",
        '\u{2060}' => "word joiner",
        '\u{feff}' => "byte order mark",
        '\u{fffd}' => "replacement character",
        c if c.is_control() => "control character",
        _ => return None,
    })
}

/// Whether `c` is shown escaped when an error echoes a line.
pub(super) fn is_invisible(c: char) -> bool {
    c != '\t' && invisible_name(c).is_some()
}

/// How an echoed line shows `c`: as itself, or escaped (`\0`, `U+FEFF`).
pub(super) fn escape_char(c: char) -> String {
    match c {
        '\0' => "\\0".to_string(),
        c if is_invisible(c) => format!("U+{:04X}", u32::from(c)),
        c => c.to_string(),
    }
}

/// A character as an error names it: `'x'`, or its code point and name when it is not
/// plain ASCII, so that an invisible one is seen.
pub(super) fn describe_char(c: char) -> String {
    match invisible_name(c) {
        Some(name) if c == '\0' => format!("\\0 (U+0000, {name})"),
        Some(name) => format!("U+{:04X} ({name})", u32::from(c)),
        None if c.is_ascii() => format!("'{c}'"),
        None => format!("'{c}' (U+{:04X})", u32::from(c)),
    }
}

/// Splits one line (comment already removed) into at most [`MAX_TOKENS`] tokens, in
/// place of what `out` held: the parser passes the same vector for every line of a
/// file, so a boot of thousands of lines allocates it once. Columns count characters
/// from 1.
pub(super) fn tokenize<'a>(line: &'a str, out: &mut Vec<Token<'a>>) -> Result<(), Fault> {
    let bytes = line.as_bytes();
    out.clear();
    let mut column = 1;
    let mut k = 0;
    let word = |b: u8| WORD[usize::from(b)];
    while k < bytes.len() {
        let b = bytes[k];
        if out.len() == MAX_TOKENS && !char::from(b).is_whitespace() {
            return Err(fault(
                column,
                format!(
                    "more than {MAX_TOKENS} tokens on one line; a statement is one call \
                     with at most five arguments"
                ),
            ));
        }
        if word(b) {
            let start = k;
            while k < bytes.len() && word(bytes[k]) {
                k += 1;
            }
            // Names and numbers are ASCII: one character a byte.
            let text = &line[start..k];
            let tok = if b.is_ascii_digit() {
                let value = number(text).map_err(|m| fault(column, m))?;
                Tok::Number { value, text }
            } else {
                Tok::Ident(text)
            };
            out.push(Token { tok, column });
            column += k - start;
            continue;
        }
        if b.is_ascii() {
            let c = char::from(b);
            if b"(),;=".contains(&b) {
                out.push(Token {
                    tok: Tok::Punct(c),
                    column,
                });
            } else if c == '-' {
                return Err(fault(
                    column,
                    "negative numbers are not part of the language; write the unsigned value",
                ));
            } else if !c.is_whitespace() {
                return Err(unexpected(column, c));
            }
            k += 1;
            column += 1;
            continue;
        }
        // A character beyond ASCII: whitespace is free, anything else is refused.
        let c = line[k..].chars().next().unwrap_or('\u{fffd}');
        if !c.is_whitespace() {
            return Err(unexpected(column, c));
        }
        k += c.len_utf8();
        column += 1;
    }
    Ok(())
}

fn unexpected(column: usize, c: char) -> Fault {
    let bom = if c == '\u{feff}' {
        "; a byte order mark is accepted only at the very start of the file"
    } else {
        ""
    };
    fault(
        column,
        format!(
            "unexpected character {}{bom}; expected a name, a number, or one of ( ) , ; =",
            describe_char(c)
        ),
    )
}

/// Which bytes a name or number is made of: ASCII letters, digits and `_`.
static WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    t
};

/// Each byte's value as a digit of any radix up to 16, or 16 for a byte that is none.
static DIGIT: [u32; 256] = {
    let mut t = [16; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = match c {
            b'0'..=b'9' => (c - b'0') as u32,
            b'a'..=b'f' => (c - b'a' + 10) as u32,
            b'A'..=b'F' => (c - b'A' + 10) as u32,
            _ => 16,
        };
        b += 1;
    }
    t
};

/// A decimal or `0x` hexadecimal number with an optional `K`, `M` or `G` suffix.
pub(super) fn number(text: &str) -> Result<u64, String> {
    let bytes = text.as_bytes();
    let (body, shift) = match bytes.last() {
        Some(b'K') => (&bytes[..bytes.len() - 1], 10),
        Some(b'M') => (&bytes[..bytes.len() - 1], 20),
        Some(b'G') => (&bytes[..bytes.len() - 1], 30),
        _ => (bytes, 0),
    };
    let (digits, radix) = match body {
        [b'0', b'x' | b'X', hex @ ..] => (hex, 16),
        _ => (body, 10),
    };
    let bad = || {
        format!(
            "malformed number '{}'; expected decimal digits or 0x and hex digits, \
             optionally followed by K, M or G",
            shorten(text)
        )
    };
    if digits.is_empty() {
        return Err(bad());
    }
    // One pass: every digit is checked, and an overflow is only noted, so that a
    // malformed number is called malformed however long it is.
    let mut value: u64 = 0;
    let mut overflow = false;
    for &d in digits {
        let x = DIGIT[usize::from(d)];
        if x >= radix {
            return Err(bad());
        }
        match value
            .checked_mul(u64::from(radix))
            .and_then(|v| v.checked_add(u64::from(x)))
        {
            Some(v) => value = v,
            None => overflow = true,
        }
    }
    let too_big = || format!("number '{}' does not fit in 64 bits", shorten(text));
    if overflow {
        return Err(too_big());
    }
    if shift > 0 && value.leading_zeros() < shift {
        return Err(too_big());
    }
    Ok(value << shift)
}

pub(super) fn end_column(code: &str) -> usize {
    code.trim_end().chars().count() + 1
}

pub(super) fn describe(t: Option<&Token>) -> String {
    match t.map(|t| &t.tok) {
        None => "the end of the line".to_string(),
        Some(Tok::Ident(s)) => format!("'{}'", shorten(s)),
        Some(Tok::Number { text, .. }) => format!("'{}'", shorten(text)),
        Some(Tok::Punct(c)) => format!("'{c}'"),
    }
}

pub(super) fn col(tokens: &[Token], k: usize, code: &str) -> usize {
    tokens.get(k).map_or_else(|| end_column(code), |t| t.column)
}

/// Accepts an optional `;` and then nothing more.
pub(super) fn finish(tokens: &[Token], k: usize, code: &str) -> Result<(), Fault> {
    let k = match tokens.get(k) {
        Some(Token {
            tok: Tok::Punct(';'),
            ..
        }) => k + 1,
        _ => k,
    };
    match tokens.get(k) {
        None => Ok(()),
        Some(t) => Err(fault(
            t.column,
            format!("expected the end of the line, found {}", describe(Some(t))),
        )),
    }
    .map(|_| ())
    .or_else(|e| if code.is_empty() { Ok(()) } else { Err(e) })
}
