//! The call lines: a call with its arguments, or an assignment to a kernel variable.

use super::lex::{col, describe, fault, finish, shorten, Fault, Tok, Token};
use super::{Scenario, Statement};
use bootmem_core::{Call, CallSpec, Param, CALLS, MAX_NUMNODES};

/// The most arguments a call of the table takes.
const MAX_ARGS: usize = {
    let mut most = 0;
    let mut k = 0;
    while k < CALLS.len() {
        if CALLS[k].params.len() > most {
            most = CALLS[k].params.len();
        }
        k += 1;
    }
    most
};

/// A call the language writes as an assignment to a kernel variable: `NAME = VALUE`.
pub(super) fn parse_assignment(
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
        column: tokens[0].column,
        call,
        text: format!("{name} = {text}").into(),
    });
    Ok(())
}

/// A call line: `name(args…)`, where `spec` is the row of `name` if it names a call of
/// the table that is not an assignment, and `text` the file's room for the call's text.
pub(super) fn parse_call(
    sc: &mut Scenario,
    tokens: &[Token],
    code: &str,
    name: &str,
    spec: Option<&'static CallSpec>,
    text: &mut String,
    line: usize,
) -> Result<(), Fault> {
    let Some(spec) = spec else {
        let hint = closest(name)
            .map(|c| format!(" (did you mean '{c}'?)"))
            .unwrap_or_default();
        return Err(fault(
            tokens[0].column,
            format!(
                "unknown call '{}'{hint}; expected a bootmem call of the scenario language",
                shorten(name)
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
    // The arguments as numbers (a count of any beyond what a call takes, an error
    // below), and the call as the trace writes it, normalised to one space after each
    // comma, built as the arguments are read.
    let mut args = [0u64; MAX_ARGS];
    let mut given = 0;
    text.clear();
    text.push_str(name);
    text.push('(');
    if matches!(tokens.get(k).map(|t| &t.tok), Some(Tok::Punct(')'))) {
        k += 1;
    } else {
        loop {
            let Some(Token {
                tok:
                    Tok::Number {
                        value,
                        text: number_text,
                    },
                column,
            }) = tokens.get(k)
            else {
                return Err(fault(
                    col(tokens, k, code),
                    format!("expected a number, found {}", describe(tokens.get(k))),
                ));
            };
            if let Some((pname, kind)) = spec.params.get(given) {
                check_param(pname, *kind, *value, *column)?;
            }
            if given > 0 {
                text.push_str(", ");
            }
            if let Some(slot) = args.get_mut(given) {
                *slot = *value;
            }
            given += 1;
            text.push_str(number_text);
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
    if given != spec.params.len() {
        let names: Vec<&str> = spec.params.iter().map(|p| p.0).collect();
        return Err(fault(
            tokens[1].column,
            format!(
                "{name} takes {} argument{} ({}), found {}",
                spec.params.len(),
                if spec.params.len() == 1 { "" } else { "s" },
                names.join(", "),
                given
            ),
        ));
    }
    finish(tokens, k, code)?;
    let call = args
        .get(..given)
        .and_then(|args| Call::new(spec.id, args))
        .ok_or_else(|| fault(tokens[0].column, format!("{name} has no such form")))?;
    text.push(')');
    sc.statements.push(Statement {
        line,
        column: tokens[0].column,
        call,
        text: text.as_str().into(),
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

/// The most edits a "did you mean" suggestion is away from what was written.
const SUGGEST_DISTANCE: usize = 3;

/// The known call nearest in spelling, for "did you mean". Names whose lengths differ
/// by more than [`SUGGEST_DISTANCE`] are never that near, so they are not compared:
/// the search costs at most the table's size times its longest name squared, however
/// long the unknown name is.
fn closest(name: &str) -> Option<&'static str> {
    let len = name.len();
    CALLS
        .iter()
        .filter(|c| c.name.len().abs_diff(len) <= SUGGEST_DISTANCE)
        .map(|c| (distance(name, c.name), c.name))
        .filter(|(d, _)| *d <= SUGGEST_DISTANCE)
        .min()
        .map(|(_, n)| n)
}

/// Levenshtein distance, in characters: how many single-character edits turn `a` into
/// `b`. The command's "did you mean" for scenario names uses it too.
pub fn distance(a: &str, b: &str) -> usize {
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
