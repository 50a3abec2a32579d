//! The `.boot` scenario parser: header lines, then one call per line.
//!
//! It works line by line and reports every malformed line, each with its file, line and
//! column, the line itself with a caret under the fault, and what was expected there.

use bootmem_core::{Arch, Call, CallId, CallSpec, Config, Param, CALLS, MAX_NUMNODES};
use std::fmt;

/// A parsed scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    /// Where it came from, for messages.
    pub file: String,
    /// The machine profile, after `arch` and `set` lines.
    pub arch: Arch,
    /// The configuration, after `config` lines.
    pub config: Config,
    /// The calls, in order.
    pub statements: Vec<Statement>,
}

/// One call line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    /// 1-based line number in the file.
    pub line: usize,
    /// The call with its arguments.
    pub call: Call,
    /// The call as written, normalised to `name(a, b)` (or `saved_max_pfn = v`), with
    /// each number spelled as in the file.
    pub text: String,
}

impl Statement {
    /// The call's row of the table.
    pub fn spec(&self) -> &'static CallSpec {
        self.call.spec()
    }

    /// Which call it is.
    pub fn id(&self) -> CallId {
        self.call.id()
    }
}

/// One malformed line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The whole line as written.
    pub source_line: String,
    /// What was wrong, and what was expected.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let number = self.line.to_string();
        let pad = " ".repeat(number.len());
        writeln!(f, "error: {}", self.message)?;
        writeln!(f, "{pad} --> {}:{}:{}", self.file, self.line, self.column)?;
        writeln!(f, "{pad} |")?;
        writeln!(f, "{number} | {}", self.source_line)?;
        let before: String = self
            .source_line
            .chars()
            .take(self.column.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        write!(f, "{pad} | {before}^")
    }
}

/// All the errors of one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseErrors(pub Vec<ParseError>);

impl fmt::Display for ParseErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (k, e) in self.0.iter().enumerate() {
            if k > 0 {
                writeln!(f)?;
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseErrors {}

/// The most errors reported for one file; past this the rest are likely one mistake.
const MAX_ERRORS: usize = 20;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Ident(String),
    Number { value: u64, text: String },
    Punct(char),
}

#[derive(Clone, Debug)]
struct Token {
    tok: Tok,
    column: usize,
}

struct Fault {
    column: usize,
    message: String,
}

fn fault(column: usize, message: impl Into<String>) -> Fault {
    Fault {
        column,
        message: message.into(),
    }
}

/// Splits one line (comment already removed) into tokens.
fn tokenize(line: &str) -> Result<Vec<Token>, Fault> {
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
fn number(text: &str) -> Result<u64, String> {
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

/// Parses scenario text. `file` names it in messages.
pub fn parse(file: &str, text: &str) -> Result<Scenario, crate::error::Error> {
    let mut scenario = Scenario {
        file: file.to_string(),
        arch: Arch::default(),
        config: Config::default(),
        statements: Vec::new(),
    };
    let mut errors = Vec::new();
    let mut seen_arch = false;
    let mut seen_set = false;
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let code = match raw.find('#') {
            Some(at) => &raw[..at],
            None => raw,
        };
        let result = tokenize(code).and_then(|tokens| {
            parse_line(
                &mut scenario,
                &tokens,
                code,
                &mut seen_arch,
                &mut seen_set,
                line,
            )
        });
        if let Err(f) = result {
            errors.push(ParseError {
                file: file.to_string(),
                line,
                column: f.column,
                source_line: raw.to_string(),
                message: f.message,
            });
            if errors.len() >= MAX_ERRORS {
                break;
            }
        }
    }
    if errors.is_empty() {
        Ok(scenario)
    } else {
        Err(ParseErrors(errors).into())
    }
}

fn end_column(code: &str) -> usize {
    code.trim_end().chars().count() + 1
}

fn describe(t: Option<&Token>) -> String {
    match t.map(|t| &t.tok) {
        None => "the end of the line".to_string(),
        Some(Tok::Ident(s)) => format!("'{s}'"),
        Some(Tok::Number { text, .. }) => format!("'{text}'"),
        Some(Tok::Punct(c)) => format!("'{c}'"),
    }
}

fn col(tokens: &[Token], k: usize, code: &str) -> usize {
    tokens.get(k).map_or_else(|| end_column(code), |t| t.column)
}

/// Accepts an optional `;` and then nothing more.
fn finish(tokens: &[Token], k: usize, code: &str) -> Result<(), Fault> {
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

fn parse_line(
    sc: &mut Scenario,
    tokens: &[Token],
    code: &str,
    seen_arch: &mut bool,
    seen_set: &mut bool,
    line: usize,
) -> Result<(), Fault> {
    let Some(first) = tokens.first() else {
        return Ok(());
    };
    let Tok::Ident(word) = &first.tok else {
        return Err(fault(
            first.column,
            format!(
                "expected a call, 'arch', 'set' or 'config', found {}",
                describe(Some(first))
            ),
        ));
    };
    let header = matches!(word.as_str(), "arch" | "set" | "config");
    if header && !sc.statements.is_empty() {
        return Err(fault(
            first.column,
            format!("'{word}' lines must come before the first call"),
        ));
    }
    match word.as_str() {
        "arch" => {
            if *seen_arch || *seen_set {
                return Err(fault(
                    first.column,
                    "only one 'arch' line is allowed, and it must come before any 'set' line",
                ));
            }
            let name = match tokens.get(1).map(|t| &t.tok) {
                Some(Tok::Ident(n)) => n.clone(),
                _ => {
                    return Err(fault(
                        col(tokens, 1, code),
                        format!(
                            "expected a machine profile ({}), found {}",
                            Arch::NAMES.join(", "),
                            describe(tokens.get(1))
                        ),
                    ))
                }
            };
            sc.arch = Arch::profile(&name).ok_or_else(|| {
                fault(
                    col(tokens, 1, code),
                    format!(
                        "unknown machine profile '{name}'; expected one of {}",
                        Arch::NAMES.join(", ")
                    ),
                )
            })?;
            *seen_arch = true;
            finish(tokens, 2, code)
        }
        "set" => {
            *seen_set = true;
            parse_set(sc, tokens, code)
        }
        "config" => parse_config(sc, tokens, code),
        name => match CallSpec::find(name) {
            Some(spec) if spec.assignment => parse_assignment(sc, tokens, code, spec, line),
            _ => parse_call(sc, tokens, code, name, line),
        },
    }
}

/// A call the language writes as an assignment to a kernel variable: `NAME = VALUE`.
fn parse_assignment(
    sc: &mut Scenario,
    tokens: &[Token],
    code: &str,
    spec: &'static CallSpec,
    line: usize,
) -> Result<(), Fault> {
    let name = spec.name;
    match tokens.get(1).map(|t| &t.tok) {
        Some(Tok::Punct('=')) => {}
        Some(Tok::Punct('(')) => {
            return Err(fault(
                tokens[1].column,
                format!("{name} is a variable; expected '{name} = VALUE'"),
            ))
        }
        _ => {
            return Err(fault(
                col(tokens, 1, code),
                format!("expected '=', found {}", describe(tokens.get(1))),
            ))
        }
    }
    let Some(Token {
        tok: Tok::Number { value, text },
        ..
    }) = tokens.get(2)
    else {
        return Err(fault(
            col(tokens, 2, code),
            format!("expected a number, found {}", describe(tokens.get(2))),
        ));
    };
    finish(tokens, 3, code)?;
    let call = Call::new(spec.id, &[*value])
        .ok_or_else(|| fault(tokens[0].column, format!("{name} takes one value")))?;
    sc.statements.push(Statement {
        line,
        call,
        text: format!("{name} = {text}"),
    });
    Ok(())
}

fn parse_call(
    sc: &mut Scenario,
    tokens: &[Token],
    code: &str,
    name: &str,
    line: usize,
) -> Result<(), Fault> {
    let Some(spec) = CallSpec::find(name).filter(|c| !c.assignment) else {
        let hint = closest(name)
            .map(|c| format!(" (did you mean '{c}'?)"))
            .unwrap_or_default();
        return Err(fault(
            tokens[0].column,
            format!(
                "unknown call '{name}'{hint}; expected a bootmem call of the scenario language"
            ),
        ));
    };
    match tokens.get(1).map(|t| &t.tok) {
        Some(Tok::Punct('(')) => {}
        _ => {
            return Err(fault(
                col(tokens, 1, code),
                format!(
                    "expected '(' after '{name}', found {}",
                    describe(tokens.get(1))
                ),
            ))
        }
    }
    let mut k = 2;
    let mut args = Vec::new();
    let mut texts = Vec::new();
    if matches!(tokens.get(k).map(|t| &t.tok), Some(Tok::Punct(')'))) {
        k += 1;
    } else {
        loop {
            let Some(Token {
                tok: Tok::Number { value, text },
                column,
            }) = tokens.get(k)
            else {
                return Err(fault(
                    col(tokens, k, code),
                    format!("expected a number, found {}", describe(tokens.get(k))),
                ));
            };
            if let Some((pname, kind)) = spec.params.get(args.len()) {
                check_param(pname, *kind, *value, *column)?;
            }
            args.push(*value);
            texts.push(text.clone());
            k += 1;
            match tokens.get(k).map(|t| &t.tok) {
                Some(Tok::Punct(',')) => k += 1,
                Some(Tok::Punct(')')) => {
                    k += 1;
                    break;
                }
                _ => {
                    return Err(fault(
                        col(tokens, k, code),
                        format!("expected ',' or ')', found {}", describe(tokens.get(k))),
                    ))
                }
            }
        }
    }
    if args.len() != spec.params.len() {
        let names: Vec<&str> = spec.params.iter().map(|p| p.0).collect();
        return Err(fault(
            tokens[1].column,
            format!(
                "{name} takes {} argument{} ({}), found {}",
                spec.params.len(),
                if spec.params.len() == 1 { "" } else { "s" },
                names.join(", "),
                args.len()
            ),
        ));
    }
    finish(tokens, k, code)?;
    let call = Call::new(spec.id, &args)
        .ok_or_else(|| fault(tokens[0].column, format!("{name} has no such form")))?;
    sc.statements.push(Statement {
        line,
        call,
        text: format!("{name}({})", texts.join(", ")),
    });
    Ok(())
}

fn check_param(name: &str, kind: Param, value: u64, column: usize) -> Result<(), Fault> {
    match kind {
        Param::Nid if value >= MAX_NUMNODES as u64 => Err(fault(
            column,
            format!(
                "{name} must be a node id from 0 to {}, found {value}",
                MAX_NUMNODES - 1
            ),
        )),
        Param::Byte if value > 0xff => Err(fault(
            column,
            format!("{name} must be a byte value from 0 to 255, found {value}"),
        )),
        _ => Ok(()),
    }
}

/// The known call nearest in spelling, for "did you mean".
fn closest(name: &str) -> Option<&'static str> {
    CALLS
        .iter()
        .map(|c| (distance(name, c.name), c.name))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, n)| n)
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

fn parse_set(sc: &mut Scenario, tokens: &[Token], code: &str) -> Result<(), Fault> {
    const NAMES: &str =
        "BITS_PER_LONG, PAGE_SHIFT, SMP_CACHE_BYTES, MAX_DMA_ADDRESS or SIZEOF_STRUCT_PAGE";
    let Some(Token {
        tok: Tok::Ident(name),
        column,
    }) = tokens.get(1)
    else {
        return Err(fault(
            col(tokens, 1, code),
            format!("expected {NAMES}, found {}", describe(tokens.get(1))),
        ));
    };
    let Some(Token {
        tok: Tok::Number { value, .. },
        column: vcol,
    }) = tokens.get(2)
    else {
        return Err(fault(
            col(tokens, 2, code),
            format!("expected a number, found {}", describe(tokens.get(2))),
        ));
    };
    let (value, vcol) = (*value, *vcol);
    let a = &mut sc.arch;
    match name.as_str() {
        "BITS_PER_LONG" => {
            if value != 32 && value != 64 {
                return Err(fault(
                    vcol,
                    format!("BITS_PER_LONG must be 32 or 64, found {value}"),
                ));
            }
            a.bits_per_long = value as u32;
        }
        "PAGE_SHIFT" => {
            if !(12..=16).contains(&value) {
                return Err(fault(
                    vcol,
                    format!("PAGE_SHIFT must be from 12 to 16, found {value}"),
                ));
            }
            a.page_shift = value as u32;
        }
        "SMP_CACHE_BYTES" => {
            if !value.is_power_of_two() {
                return Err(fault(
                    vcol,
                    format!("SMP_CACHE_BYTES must be a power of two, found {value}"),
                ));
            }
            a.smp_cache_bytes = value;
        }
        "MAX_DMA_ADDRESS" => a.max_dma_address = value,
        "SIZEOF_STRUCT_PAGE" => a.sizeof_struct_page = value,
        _ => {
            return Err(fault(
                *column,
                format!("unknown setting '{name}'; expected {NAMES}"),
            ))
        }
    }
    if a.bits_per_long == 32 {
        // A 32-bit profile keeps its values in 32 bits, and its kernel mapping too.
        if a.smp_cache_bytes > u64::from(u32::MAX) || a.max_dma_address > u64::from(u32::MAX) {
            return Err(fault(
                vcol,
                "the value does not fit in a 32-bit unsigned long",
            ));
        }
        if a.page_offset > u64::from(u32::MAX) {
            a.page_offset = 0xc000_0000;
        }
    }
    finish(tokens, 3, code)
}

fn parse_config(sc: &mut Scenario, tokens: &[Token], code: &str) -> Result<(), Fault> {
    let names = Config::NAMES.join(", ");
    let Some(Token {
        tok: Tok::Ident(name),
        column,
    }) = tokens.get(1)
    else {
        return Err(fault(
            col(tokens, 1, code),
            format!(
                "expected a configuration option ({names}), found {}",
                describe(tokens.get(1))
            ),
        ));
    };
    if !matches!(tokens.get(2).map(|t| &t.tok), Some(Tok::Punct('='))) {
        return Err(fault(
            col(tokens, 2, code),
            format!(
                "expected '=' after {name}, found {}",
                describe(tokens.get(2))
            ),
        ));
    }
    let on = match tokens.get(3).map(|t| &t.tok) {
        Some(Tok::Ident(v)) if v == "y" => true,
        Some(Tok::Ident(v)) if v == "n" => false,
        _ => {
            return Err(fault(
                col(tokens, 3, code),
                format!("expected y or n, found {}", describe(tokens.get(3))),
            ))
        }
    };
    if !sc.config.set(name, on) {
        return Err(fault(
            *column,
            format!("unknown configuration option '{name}'; expected one of {names}"),
        ));
    }
    finish(tokens, 4, code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    fn first_error(text: &str) -> ParseError {
        match parse("t.boot", text) {
            Err(crate::error::Error::Parse(ParseErrors(e))) => e[0].clone(),
            other => panic!("expected a parse error for {text:?}, got {other:?}"),
        }
    }

    #[test]
    fn the_spec_example_parses() {
        let text = "# Two nodes\narch x86_64\n\ninit_bootmem_node(1, 0x200, 0x200, 0x400)   # nid\n\
                    init_bootmem_node(0, 0x1f0, 0x0, 0x200)\nfree_bootmem_node(1, 0x200000, 0x200000);\n\
                    __alloc_bootmem_node(0, 4096, 4096, 0)\nfree_all_bootmem_node(1)\n";
        let sc = parse("ex.boot", text).unwrap();
        assert_eq!(sc.arch.name, "x86_64");
        assert_eq!(sc.statements.len(), 5);
        assert_eq!(sc.statements[0].line, 4);
        assert_eq!(
            sc.statements[0].text,
            "init_bootmem_node(1, 0x200, 0x200, 0x400)"
        );
        assert_eq!(sc.statements[0].call.args(), vec![1, 0x200, 0x200, 0x400]);
        assert_eq!(sc.statements[4].text, "free_all_bootmem_node(1)");
    }

    #[test]
    fn numbers_take_hex_and_binary_suffixes() {
        assert_eq!(number("16M"), Ok(0x100_0000));
        assert_eq!(number("0x10K"), Ok(0x4000));
        assert_eq!(number("4G"), Ok(1 << 32));
        assert_eq!(number("0xffffffffffffffff"), Ok(u64::MAX));
        assert!(number("0x1_0").is_err());
        assert!(number("17179869184G").unwrap_err().contains("64 bits"));
        assert!(number("18446744073709551616")
            .unwrap_err()
            .contains("64 bits"));
        assert!(number("12k").is_err());
    }

    #[test]
    fn headers_set_the_machine_and_configuration() {
        let sc = parse(
            "h.boot",
            "arch i386\nset PAGE_SHIFT 13\nconfig CONFIG_DEBUG_BOOTMEM=y\nconfig CONFIG_MMU=n\nfree_all_bootmem()\n",
        )
        .unwrap();
        assert_eq!(sc.arch.bits_per_long, 32);
        assert_eq!(sc.arch.page_shift, 13);
        assert!(sc.config.debug_bootmem);
        assert!(!sc.config.mmu);
    }

    #[test]
    fn saved_max_pfn_is_an_assignment() {
        let sc = parse("s.boot", "saved_max_pfn = 0x1000;").unwrap();
        assert_eq!(sc.statements[0].text, "saved_max_pfn = 0x1000");
        assert_eq!(sc.statements[0].call.args(), vec![0x1000]);
    }

    #[test]
    fn errors_name_line_and_column_and_show_a_caret() {
        let e = first_error("arch x86_64\n\ninit_bootmem(0x10, 0x1000\n");
        assert_eq!((e.line, e.column), (3, 26));
        assert_eq!(e.message, "expected ',' or ')', found the end of the line");
        assert_eq!(
            e.to_string(),
            "error: expected ',' or ')', found the end of the line\n  --> t.boot:3:26\n  |\n3 | init_bootmem(0x10, 0x1000\n  |                          ^"
        );
    }

    #[test]
    fn each_kind_of_mistake_says_what_was_expected() {
        let cases = [
            (
                "alloc_bootmem(1, 2)",
                1,
                14,
                "alloc_bootmem takes 1 argument (size), found 2",
            ),
            (
                "alloc_bootmen(1)",
                1,
                1,
                "unknown call 'alloc_bootmen' (did you mean 'alloc_bootmem'?)",
            ),
            (
                "alloc_bootmem 1",
                1,
                15,
                "expected '(' after 'alloc_bootmem', found '1'",
            ),
            ("alloc_bootmem(-1)", 1, 15, "negative numbers"),
            (
                "alloc_bootmem(1) x",
                1,
                18,
                "expected the end of the line, found 'x'",
            ),
            ("alloc_bootmem(0xg)", 1, 15, "malformed number '0xg'"),
            (
                "free_all_bootmem_node(64)",
                1,
                23,
                "nid must be a node id from 0 to 63",
            ),
            (
                "memset(0, 256, 1)",
                1,
                11,
                "byte must be a byte value from 0 to 255",
            ),
            ("arch sparc", 1, 6, "unknown machine profile 'sparc'"),
            (
                "set PAGE_SHIFT 11",
                1,
                16,
                "PAGE_SHIFT must be from 12 to 16",
            ),
            ("set SMP_CACHE_BYTES 48", 1, 21, "must be a power of two"),
            ("set FOO 1", 1, 5, "unknown setting 'FOO'"),
            (
                "config CONFIG_FOO=y",
                1,
                8,
                "unknown configuration option 'CONFIG_FOO'",
            ),
            ("config CONFIG_MMU=m", 1, 19, "expected y or n, found 'm'"),
            (
                "free_all_bootmem()\narch i386",
                2,
                1,
                "'arch' lines must come before the first call",
            ),
            ("set PAGE_SHIFT 12\narch i386", 2, 1, "only one 'arch' line"),
            ("saved_max_pfn(3)", 1, 14, "saved_max_pfn is a variable"),
            ("alloc_bootmem(1) @", 1, 18, "unexpected character '@'"),
            (
                "42",
                1,
                1,
                "expected a call, 'arch', 'set' or 'config', found '42'",
            ),
        ];
        for (text, line, column, message) in cases {
            let e = first_error(text);
            assert_eq!((e.line, e.column), (line, column), "{text}: {}", e.message);
            assert!(e.message.contains(message), "{text}: {}", e.message);
        }
    }

    #[test]
    fn every_bad_line_is_reported() {
        let Err(crate::error::Error::Parse(ParseErrors(errors))) =
            parse("t.boot", "foo()\nfree_all_bootmem()\nbar()\n")
        else {
            panic!("expected errors");
        };
        assert_eq!(
            errors.iter().map(|e| e.line).collect::<Vec<_>>(),
            vec![1, 3]
        );
    }

    #[test]
    fn comments_blank_lines_and_semicolons_are_free() {
        let sc = parse(
            "c.boot",
            "  # only a comment\n\n\tfree_all_bootmem() ; # trailing\n",
        )
        .unwrap();
        assert_eq!(sc.statements.len(), 1);
        assert_eq!(sc.statements[0].line, 3);
    }

    #[test]
    fn arbitrary_text_never_panics() {
        for text in [
            "(",
            ")",
            "=",
            ";;",
            "arch",
            "set",
            "config",
            "config X",
            "config CONFIG_MMU=",
            "saved_max_pfn",
            "saved_max_pfn =",
            "memset(",
            "memset(1,",
            "\u{0}",
            "é(1)",
            "init_bootmem(1,,2)",
            "0x",
            "0xK",
            "K",
            "set BITS_PER_LONG 32\nset MAX_DMA_ADDRESS 0x100000000",
        ] {
            let _ = parse("x.boot", text);
        }
    }
}
