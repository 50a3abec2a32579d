//! `Ulong`: a C `unsigned long` whose width (32 or 64 bits) is chosen when the machine is.
//!
//! Every kernel value the version crates compute is a `Ulong`, so that wrapping happens
//! exactly where C wraps and nowhere else. The width travels with the value because one
//! binary runs both `i386` and 64-bit scenarios; an operation takes the width of its
//! left operand, and mixing widths is a bug in the caller that debug builds catch.

use std::cmp::Ordering;
use std::fmt;
use std::ops::{
    Add, AddAssign, BitAnd, BitAndAssign, BitOr, BitOrAssign, BitXor, Div, Mul, Not, Rem, Shl,
    ShlAssign, Shr, ShrAssign, Sub, SubAssign,
};

/// A C `unsigned long` of 32 or 64 bits. The width is kept as the mask of its bits,
/// which every operation applies: a mask kept was a comparison and a shift less in
/// each of the simulator's many `unsigned long` operations than a width kept, at the
/// same size.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ulong {
    value: u64,
    mask: u64,
}

impl Ulong {
    /// Builds a value of `bits` width (32 or 64), truncating as a C cast would.
    pub fn new(value: u64, bits: u32) -> Ulong {
        debug_assert!(bits == 32 || bits == 64, "unsigned long is 32 or 64 bits");
        let mask = if bits == 32 {
            u64::from(u32::MAX)
        } else {
            u64::MAX
        };
        Ulong {
            value: value & mask,
            mask,
        }
    }

    /// Zero of the given width.
    pub fn zero(bits: u32) -> Ulong {
        Ulong::new(0, bits)
    }

    /// The raw value, zero-extended to 64 bits.
    pub fn get(self) -> u64 {
        self.value
    }

    /// The width in bits (`BITS_PER_LONG`).
    pub fn bits(self) -> u32 {
        if self.mask == u64::MAX {
            64
        } else {
            32
        }
    }

    /// A value of the same width as `self`, truncated as a C cast would.
    pub fn with(self, value: u64) -> Ulong {
        Ulong {
            value: value & self.mask,
            mask: self.mask,
        }
    }

    /// `ALIGN(x, a)` of `include/linux/kernel.h`, `((x + a - 1) & ~(a - 1))`, with C's
    /// wrapping: the same expression in every release that has the macro or wrote it out.
    pub fn align_up(self, a: Ulong) -> Ulong {
        (self + a - 1) & !(a - 1)
    }

    /// True for zero, as C's `!x`.
    pub fn is_zero(self) -> bool {
        self.value == 0
    }

    /// The value reinterpreted as a C `long` of the same width.
    pub fn as_signed(self) -> i64 {
        if self.mask != u64::MAX {
            i64::from(self.value as u32 as i32)
        } else {
            self.value as i64
        }
    }
}

impl fmt::Debug for Ulong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#x}", self.value)
    }
}

impl fmt::Display for Ulong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.value)
    }
}

impl fmt::LowerHex for Ulong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::LowerHex::fmt(&self.value, f)
    }
}

impl PartialOrd for Ulong {
    fn partial_cmp(&self, other: &Ulong) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ulong {
    fn cmp(&self, other: &Ulong) -> Ordering {
        debug_assert_eq!(
            self.mask, other.mask,
            "compared unsigned longs of two widths"
        );
        self.value.cmp(&other.value)
    }
}

impl PartialEq<u64> for Ulong {
    fn eq(&self, other: &u64) -> bool {
        self.value == other & self.mask
    }
}

impl PartialOrd<u64> for Ulong {
    fn partial_cmp(&self, other: &u64) -> Option<Ordering> {
        Some(self.value.cmp(&(other & self.mask)))
    }
}

macro_rules! binary {
    ($trait:ident, $method:ident, $assign_trait:ident, $assign:ident, |$a:ident, $b:ident| $body:expr) => {
        impl $trait<Ulong> for Ulong {
            type Output = Ulong;
            fn $method(self, rhs: Ulong) -> Ulong {
                debug_assert_eq!(self.mask, rhs.mask, "mixed unsigned long widths");
                let ($a, $b) = (self.value, rhs.value);
                self.with($body)
            }
        }
        impl $trait<u64> for Ulong {
            type Output = Ulong;
            fn $method(self, rhs: u64) -> Ulong {
                let ($a, $b) = (self.value, self.with(rhs).value);
                self.with($body)
            }
        }
        impl $assign_trait<Ulong> for Ulong {
            fn $assign(&mut self, rhs: Ulong) {
                *self = $trait::$method(*self, rhs);
            }
        }
        impl $assign_trait<u64> for Ulong {
            fn $assign(&mut self, rhs: u64) {
                *self = $trait::$method(*self, rhs);
            }
        }
    };
}

binary!(Add, add, AddAssign, add_assign, |a, b| a.wrapping_add(b));
binary!(Sub, sub, SubAssign, sub_assign, |a, b| a.wrapping_sub(b));
binary!(BitAnd, bitand, BitAndAssign, bitand_assign, |a, b| a & b);
binary!(BitOr, bitor, BitOrAssign, bitor_assign, |a, b| a | b);

impl Mul<u64> for Ulong {
    type Output = Ulong;
    fn mul(self, rhs: u64) -> Ulong {
        self.with(self.value.wrapping_mul(rhs))
    }
}

impl Mul<Ulong> for Ulong {
    type Output = Ulong;
    fn mul(self, rhs: Ulong) -> Ulong {
        self * rhs.value
    }
}

impl BitXor<u64> for Ulong {
    type Output = Ulong;
    fn bitxor(self, rhs: u64) -> Ulong {
        self.with(self.value ^ rhs)
    }
}

/// Division by zero has no C meaning; bootmem only divides by constants, so a zero
/// divisor yields zero rather than a Rust panic.
impl Div<u64> for Ulong {
    type Output = Ulong;
    fn div(self, rhs: u64) -> Ulong {
        self.with(self.value.checked_div(self.with(rhs).value).unwrap_or(0))
    }
}

impl Div<Ulong> for Ulong {
    type Output = Ulong;
    fn div(self, rhs: Ulong) -> Ulong {
        self / rhs.value
    }
}

impl Rem<u64> for Ulong {
    type Output = Ulong;
    fn rem(self, rhs: u64) -> Ulong {
        self.with(self.value.checked_rem(self.with(rhs).value).unwrap_or(0))
    }
}

impl Not for Ulong {
    type Output = Ulong;
    fn not(self) -> Ulong {
        self.with(!self.value)
    }
}

/// Shift counts are taken modulo the width, as the x86 and ia64 shift instructions do;
/// C leaves an oversized shift undefined, and the machines we simulate behave this way.
impl Shl<u32> for Ulong {
    type Output = Ulong;
    fn shl(self, rhs: u32) -> Ulong {
        self.with(self.value << (rhs % self.bits()))
    }
}

impl Shr<u32> for Ulong {
    type Output = Ulong;
    fn shr(self, rhs: u32) -> Ulong {
        self.with(self.value >> (rhs % self.bits()))
    }
}

impl ShlAssign<u32> for Ulong {
    fn shl_assign(&mut self, rhs: u32) {
        *self = *self << rhs;
    }
}

impl ShrAssign<u32> for Ulong {
    fn shr_assign(&mut self, rhs: u32) {
        *self = *self >> rhs;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_two_bit_arithmetic_wraps_at_four_gib() {
        let a = Ulong::new(0xffff_f000, 32);
        assert_eq!((a + 0x2000).get(), 0x1000);
        assert_eq!((Ulong::zero(32) - 1).get(), 0xffff_ffff);
        assert_eq!((!Ulong::zero(32)).get(), 0xffff_ffff);
        assert_eq!((a * 16).get(), 0xffff_0000);
    }

    #[test]
    fn sixty_four_bit_arithmetic_wraps_at_two_to_the_sixty_four() {
        let a = Ulong::new(u64::MAX, 64);
        assert_eq!((a + 1).get(), 0);
        assert_eq!((Ulong::zero(64) - 1).get(), u64::MAX);
    }

    #[test]
    fn new_truncates_like_a_cast() {
        assert_eq!(Ulong::new(0x1_2345_6789, 32).get(), 0x2345_6789);
        assert_eq!(Ulong::new(0x1_2345_6789, 64).get(), 0x1_2345_6789);
    }

    #[test]
    fn shifts_take_the_count_modulo_the_width() {
        assert_eq!((Ulong::new(1, 32) << 33).get(), 2);
        assert_eq!((Ulong::new(0x8000_0000, 32) << 1).get(), 0);
        assert_eq!((Ulong::new(1, 64) << 63).get(), 1 << 63);
    }

    #[test]
    fn division_by_zero_is_zero_not_a_panic() {
        assert_eq!((Ulong::new(7, 64) / 0).get(), 0);
        assert_eq!((Ulong::new(7, 64) % 0).get(), 0);
    }

    #[test]
    fn signed_view_matches_c_long() {
        assert_eq!(Ulong::new(0xffff_ffff, 32).as_signed(), -1);
        assert_eq!(Ulong::new(0xffff_ffff, 64).as_signed(), 0xffff_ffff);
    }

    #[test]
    fn comparisons_with_literals_truncate_the_literal() {
        assert!(Ulong::new(5, 32) == 5);
        assert!(Ulong::new(5, 32) < 6);
        assert!(Ulong::new(0, 32) == 0x1_0000_0000);
    }
}
