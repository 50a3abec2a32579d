//! One line of a scenario: the header lines (`arch`, `set`, `config`), or a call.

use super::call::{parse_assignment, parse_call};
use super::lex::{col, describe, fault, finish, shorten, Fault, Tok, Token};
use super::{FileState, Scenario};
use bootmem_core::{Arch, CallSpec, Config};

pub(super) fn parse_line(
    sc: &mut Scenario,
    tokens: &[Token],
    code: &str,
    st: &mut FileState,
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
    let word = *word;
    let header = matches!(word, "arch" | "set" | "config");
    if header && !sc.statements.is_empty() {
        return Err(fault(
            first.column,
            format!("'{word}' lines must come before the first call"),
        ));
    }
    match word {
        "arch" => {
            if st.seen_arch || st.seen_set {
                return Err(fault(
                    first.column,
                    "only one 'arch' line is allowed, and it must come before any 'set' line",
                ));
            }
            let name = match tokens.get(1).map(|t| &t.tok) {
                Some(Tok::Ident(n)) => *n,
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
            sc.arch = Arch::profile(name).ok_or_else(|| {
                fault(
                    col(tokens, 1, code),
                    format!(
                        "unknown machine profile '{}'; expected one of {}",
                        shorten(name),
                        Arch::NAMES.join(", ")
                    ),
                )
            })?;
            st.seen_arch = true;
            finish(tokens, 2, code)
        }
        "set" => {
            st.seen_set = true;
            parse_set(sc, tokens, code)
        }
        "config" => parse_config(sc, tokens, code),
        name => match CallSpec::find(name) {
            Some(spec) if spec.assignment => parse_assignment(sc, tokens, code, spec, line),
            spec => parse_call(sc, tokens, code, name, spec, &mut st.text, line),
        },
    }
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
    match *name {
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
                format!("unknown setting '{}'; expected {NAMES}", shorten(name)),
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
                "expected '=' after {}, found {}",
                shorten(name),
                describe(tokens.get(2))
            ),
        ));
    }
    let on = match tokens.get(3).map(|t| &t.tok) {
        Some(Tok::Ident("y")) => true,
        Some(Tok::Ident("n")) => false,
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
            format!(
                "unknown configuration option '{}'; expected one of {names}",
                shorten(name)
            ),
        ));
    }
    finish(tokens, 4, code)
}
