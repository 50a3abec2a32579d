//! The parser's tests: accepted scenarios, numbers, headers, and located errors.

use super::lex::number;
use super::*;
use pretty_assertions::assert_eq;

fn first_error(text: &str) -> ParseError {
    match parse("t.boot", text) {
        Err(crate::error::Error::Parse(ParseErrors(e, _))) => e[0].clone(),
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
        &*sc.statements[0].text,
        "init_bootmem_node(1, 0x200, 0x200, 0x400)"
    );
    assert_eq!(sc.statements[0].call.args(), vec![1, 0x200, 0x200, 0x400]);
    assert_eq!(&*sc.statements[4].text, "free_all_bootmem_node(1)");
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
    assert_eq!(&*sc.statements[0].text, "saved_max_pfn = 0x1000");
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
    let Err(crate::error::Error::Parse(ParseErrors(errors, _))) =
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

#[test]
fn lines_split_as_the_standard_library_splits_them() {
    for text in [
        "",
        "a",
        "a\n",
        "a\r",
        "a\r\nb\r",
        "\r",
        "a\n\r\n",
        "x\ry\n",
        "\n\n",
        "a\nb\r\n\r\nc",
    ] {
        assert_eq!(
            super::lines(text).collect::<Vec<_>>(),
            text.lines().collect::<Vec<_>>(),
            "{text:?}"
        );
    }
}
