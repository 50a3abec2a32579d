//! The tokens of one line, and the helpers that point at them in errors.

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Tok {
    Ident(String),
    Number { value: u64, text: String },
    Punct(char),
}

#[derive(Clone, Debug)]
pub(super) struct Token {
    pub(super) tok: Tok,
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

/// Splits one line (comment already removed) into tokens.
pub(super) fn tokenize(line: &str) -> Result<Vec<Token>, Fault> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        let column = k + 1;
        if c.is_whitespace() {
            k += 1;
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = k;
            while k < chars.len() && (chars[k].is_ascii_alphanumeric() || chars[k] == '_') {
                k += 1;
            }
            out.push(Token {
                tok: Tok::Ident(chars[start..k].iter().collect()),
                column,
            });
        } else if c.is_ascii_digit() {
            let start = k;
            while k < chars.len() && (chars[k].is_ascii_alphanumeric() || chars[k] == '_') {
                k += 1;
            }
            let text: String = chars[start..k].iter().collect();
            let value = number(&text).map_err(|m| fault(column, m))?;
            out.push(Token {
                tok: Tok::Number { value, text },
                column,
            });
        } else if "(),;=".contains(c) {
            out.push(Token {
                tok: Tok::Punct(c),
                column,
            });
            k += 1;
        } else if c == '-' {
            return Err(fault(
                column,
                "negative numbers are not part of the language; write the unsigned value",
            ));
        } else {
            return Err(fault(
                column,
                format!(
                    "unexpected character '{c}'; expected a name, a number, or one of ( ) , ; ="
                ),
            ));
        }
    }
    Ok(out)
}

/// A decimal or `0x` hexadecimal number with an optional `K`, `M` or `G` suffix.
pub(super) fn number(text: &str) -> Result<u64, String> {
    let (body, shift) = match text.chars().last() {
        Some('K') => (&text[..text.len() - 1], 10),
        Some('M') => (&text[..text.len() - 1], 20),
        Some('G') => (&text[..text.len() - 1], 30),
        _ => (text, 0),
    };
    let (digits, radix) = match body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        Some(hex) => (hex, 16),
        None => (body, 10),
    };
    let bad = || {
        format!(
            "malformed number '{text}'; expected decimal digits or 0x and hex digits, \
             optionally followed by K, M or G"
        )
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return Err(bad());
    }
    let value = u64::from_str_radix(digits, radix)
        .map_err(|_| format!("number '{text}' does not fit in 64 bits"))?;
    if shift > 0 && value.leading_zeros() < shift {
        return Err(format!("number '{text}' does not fit in 64 bits"));
    }
    Ok(value << shift)
}

pub(super) fn end_column(code: &str) -> usize {
    code.trim_end().chars().count() + 1
}

pub(super) fn describe(t: Option<&Token>) -> String {
    match t.map(|t| &t.tok) {
        None => "the end of the line".to_string(),
        Some(Tok::Ident(s)) => format!("'{s}'"),
        Some(Tok::Number { text, .. }) => format!("'{text}'"),
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
