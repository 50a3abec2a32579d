//! The wrapping of paragraphs.

use super::*;

#[test]
fn wrap_keeps_words_whole_and_indents_continuations() {
    assert_eq!(wrap("aa bb cc dd", 5, 2), "aa bb\n  cc\n  dd");
    assert_eq!(wrap("", 10, 0), "");
}
