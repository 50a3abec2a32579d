//! The calls of the scenario language, written once as one table.
//!
//! The table at the bottom of this file is the only place a call is named. From it the
//! `calls_table!` macro derives everything else that knows the calls:
//!
//! - [`CallId`], one variant per call, under the kernel's own name;
//! - [`CALLS`], each call's parameters and return kind, for the parser and the traces;
//! - [`Call`], a typed call with its arguments, as the parser produces it;
//! - the [`Bootmem`] trait, one method per kernel call, whose default body reports the
//!   call as unavailable;
//! - [`dispatch`], which performs a [`Call`] on a kernel and a machine;
//! - [`implement_bootmem!`](crate::implement_bootmem), with which a version crate
//!   names the calls its release has and so implements exactly those.
//!
//! Adding a call to the language is one row here, plus its implementation in the
//! releases that have it.

use crate::{Config, KResult, Machine, NodeState, Stop, Ulong};

/// A node id, as `NODE_DATA(nid)` takes it.
pub type Nid = usize;

/// Node ids a scenario may use: 0 to `MAX_NUMNODES - 1`.
pub const MAX_NUMNODES: usize = 64;

/// What one parameter is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Param {
    /// A node id, 0 to 63.
    Nid,
    /// A byte value, 0 to 255.
    Byte,
    /// Any `unsigned long`.
    Value,
}

/// What a call gives back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Returns {
    /// Nothing (`void`).
    Nothing,
    /// A count or size.
    Number,
    /// A pointer: an address or NULL.
    Pointer,
}

/// Who carries a call out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The release's kernel code, through [`Bootmem`].
    Kernel,
    /// The machine itself: other boot code writing memory.
    Machine,
}

/// A configuration option that a call needs, beyond the release having it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Needs {
    /// `CONFIG_CRASH_DUMP=y`.
    CrashDump,
    /// `CONFIG_HAVE_ARCH_ALLOC_REMAP=y`.
    HaveArchAllocRemap,
}

impl Needs {
    /// The option as a `.config` line names it.
    pub fn option(self) -> &'static str {
        match self {
            Needs::CrashDump => "CONFIG_CRASH_DUMP",
            Needs::HaveArchAllocRemap => "CONFIG_HAVE_ARCH_ALLOC_REMAP",
        }
    }

    /// Whether `config` sets it.
    pub fn holds(self, config: &Config) -> bool {
        match self {
            Needs::CrashDump => config.crash_dump,
            Needs::HaveArchAllocRemap => config.have_arch_alloc_remap,
        }
    }
}

/// One call of the language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallSpec {
    /// The call.
    pub id: CallId,
    /// Its name, as the kernel spells it.
    pub name: &'static str,
    /// Parameter names and kinds, in order.
    pub params: &'static [(&'static str, Param)],
    /// What it returns.
    pub returns: Returns,
    /// Who carries it out.
    pub target: Target,
    /// The configuration option it needs, if any.
    pub needs: Option<Needs>,
    /// How a scenario writes it: `name(args)`, or `name = value` for a variable.
    pub assignment: bool,
}

impl CallSpec {
    /// The call of that name.
    pub fn find(name: &str) -> Option<&'static CallSpec> {
        CALLS.iter().find(|c| c.name == name)
    }
}

/// What a performed call gave back, before a trace turns pointers into addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ret {
    /// A `void` call returned.
    Nothing,
    /// A count or size.
    Number(Ulong),
    /// A kernel pointer; zero is NULL.
    Pointer(Ulong),
}

/// Turns a Rust return value into a [`Ret`] of the table's kind.
trait IntoRet {
    fn into_ret(self, returns: Returns) -> Ret;
}

impl IntoRet for () {
    fn into_ret(self, _: Returns) -> Ret {
        Ret::Nothing
    }
}

impl IntoRet for Ulong {
    fn into_ret(self, returns: Returns) -> Ret {
        match returns {
            Returns::Pointer => Ret::Pointer(self),
            _ => Ret::Number(self),
        }
    }
}

/// The calls a machine carries out itself, whatever the release.
pub mod machine_calls {
    use crate::{KResult, Machine, Ulong};

    /// `memset(addr, byte, size)` by other boot code, at a physical address.
    pub fn memset(m: &mut Machine, addr: Ulong, byte: u8, size: Ulong) -> KResult<()> {
        m.memset_phys(addr, byte, size)
    }
}

/// Expands the call table into the types, trait and dispatcher this module documents.
macro_rules! calls_table {
    (
        $(
            $(#[doc = $doc:literal])*
            $target:ident $name:ident ( $( $p:ident : $k:ident ),* ) -> $r:ident
                $( if $needs:ident )? $( as $assign:ident )? ;
        )*
    ) => {
        /// Every call of the language, under its kernel name.
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum CallId {
            $( $(#[doc = $doc])* $name, )*
        }

        impl CallId {
            /// Its name, as the kernel spells it.
            pub fn name(self) -> &'static str {
                match self {
                    $( CallId::$name => stringify!($name), )*
                }
            }

            /// Its row of [`CALLS`].
            pub fn spec(self) -> &'static CallSpec {
                &CALLS[self as usize]
            }
        }

        impl std::fmt::Display for CallId {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }

        /// Every call of the language, in the order of the table.
        pub const CALLS: &[CallSpec] = &[
            $(
                CallSpec {
                    id: CallId::$name,
                    name: stringify!($name),
                    params: &[$( (stringify!($p), Param::$k) ),*],
                    returns: Returns::$r,
                    target: Target::$target,
                    needs: calls_table!(@needs $( $needs )?),
                    assignment: calls_table!(@assign $( $assign )?),
                },
            )*
        ];

        /// A call with its arguments, as a scenario line gives it.
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Call {
            $(
                $(#[doc = $doc])*
                $name { $( #[allow(missing_docs)] $p: calls_table!(@raw $k) ),* },
            )*
        }

        impl Call {
            /// Which call this is.
            pub fn id(&self) -> CallId {
                match self {
                    $( Call::$name { .. } => CallId::$name, )*
                }
            }

            /// Its row of [`CALLS`].
            pub fn spec(&self) -> &'static CallSpec {
                self.id().spec()
            }

            /// The call `id` with `args`, one per parameter of the table; `None` when
            /// the count is wrong. Node ids and bytes are taken as given: the parser
            /// has already checked their range.
            pub fn new(id: CallId, args: &[u64]) -> Option<Call> {
                match id {
                    $(
                        CallId::$name => match args {
                            [$( $p ),*] => Some(Call::$name {
                                $( $p: calls_table!(@from $k, *$p) ),*
                            }),
                            #[allow(unreachable_patterns)]
                            _ => None,
                        },
                    )*
                }
            }

            /// The argument at position `k` of the table's order, without building
            /// the whole list; `None` past the last.
            pub fn arg(&self, k: usize) -> Option<u64> {
                match *self {
                    $( Call::$name { $( $p ),* } => [$( $p as u64 ),*].get(k).copied(), )*
                }
            }

            /// The arguments, in the table's order.
            pub fn args(&self) -> Vec<u64> {
                match *self {
                    $( Call::$name { $( $p ),* } => vec![$( $p as u64 ),*], )*
                }
            }
        }

        /// The boot memory allocator of one release: one method per kernel call of
        /// the table. Every call has a default body that reports it unavailable, so a
        /// version crate implements the calls its release has (through
        /// [`implement_bootmem!`](crate::implement_bootmem)) and the rest answer for
        /// themselves.
        #[allow(unused_variables)]
        pub trait Bootmem: KernelState {
            $(
                calls_table!(@method $target $name ( $( $p : $k ),* ) -> $r);
            )*

            /// The calls this release has.
            fn calls(&self) -> &'static [CallId];
        }

        /// Performs `call` on kernel `k` and machine `m`. A call that needs a
        /// configuration option the machine lacks is unavailable before any code
        /// runs, as it would not have been compiled in.
        pub fn dispatch(k: &mut dyn Bootmem, m: &mut Machine, call: &Call) -> KResult<Ret> {
            let spec = call.spec();
            if let Some(needs) = spec.needs {
                if !needs.holds(m.config()) {
                    return Err(Stop::unavailable(spec.id));
                }
            }
            match *call {
                $(
                    Call::$name { $( $p ),* } => {
                        $( let $p = calls_table!(@arg m, $k, $p); )*
                        calls_table!(@perform $target k m $name ( $( $p ),* ))
                            .map(|r| r.into_ret(Returns::$r))
                    }
                )*
            }
        }

        /// One forwarding method of [`implement_bootmem!`](crate::implement_bootmem).
        #[doc(hidden)]
        #[macro_export]
        macro_rules! __forward_call {
            $(
                ($name) => {
                    $crate::__forward_method!($target $name ( $( $p : $k ),* ) -> $r);
                };
            )*
        }
    };

    (@needs) => { None };
    (@needs $needs:ident) => { Some(Needs::$needs) };
    (@assign) => { false };
    (@assign $assign:ident) => { true };

    (@raw Nid) => { Nid };
    (@raw Byte) => { u8 };
    (@raw Value) => { u64 };
    (@from Nid, $v:expr) => { $v as Nid };
    (@from Byte, $v:expr) => { $v as u8 };
    (@from Value, $v:expr) => { $v };
    (@arg $m:ident, Nid, $v:ident) => { $v };
    (@arg $m:ident, Byte, $v:ident) => { $v };
    (@arg $m:ident, Value, $v:ident) => { $m.ul($v) };

    (@method Kernel $name:ident ( $( $p:ident : $k:ident ),* ) -> $r:ident) => {
        #[doc = concat!("`", stringify!($name), "`.")]
        fn $name(
            &mut self,
            m: &mut Machine,
            $( $p: $crate::__call_type!($k) ),*
        ) -> KResult<$crate::__call_type!(@ret $r)> {
            Err(Stop::unavailable(CallId::$name))
        }
    };
    (@method Machine $name:ident ( $( $p:ident : $k:ident ),* ) -> $r:ident) => {};

    (@perform Kernel $k:ident $m:ident $name:ident ( $( $p:ident ),* )) => {
        $k.$name($m, $( $p ),*)
    };
    (@perform Machine $k:ident $m:ident $name:ident ( $( $p:ident ),* )) => {
        machine_calls::$name($m, $( $p ),*)
    };

}

/// The final state a trace shows of a release's kernel, beside its calls.
pub trait KernelState {
    /// Every node in `pgdat_list`, in list order, in place of what `out` held; a cycle
    /// is cut where it closes. The checkers read the nodes after every call, so a run
    /// passes one vector for all of them.
    fn nodes_into(&self, m: &Machine, out: &mut Vec<NodeState>);

    /// Every node in `pgdat_list`, in list order, as [`KernelState::nodes_into`] gives
    /// them.
    fn nodes(&self, m: &Machine) -> Vec<NodeState> {
        let mut out = Vec::new();
        self.nodes_into(m, &mut out);
        out
    }

    /// `saved_max_pfn`, where the release and configuration have it.
    fn read_saved_max_pfn(&self, m: &Machine) -> Option<Ulong> {
        let _ = m;
        None
    }
}

/// Implements [`Bootmem`] for a version crate's kernel type: every call named in the
/// list goes to the inherent method of the same name and signature, the others stay
/// unavailable, and `calls()` answers the list. The list is the release's statement of
/// which calls it has.
///
/// ```text
/// bootmem_core::implement_bootmem!(Kernel: init_bootmem, reserve_bootmem, free_all_bootmem);
/// ```
#[macro_export]
macro_rules! implement_bootmem {
    ($kernel:ty : $( $call:ident ),* $(,)?) => {
        impl $crate::Bootmem for $kernel {
            $( $crate::__forward_call!($call); )*

            fn calls(&self) -> &'static [$crate::CallId] {
                <$kernel>::CALLS
            }
        }

        impl $kernel {
            /// The calls this release has, in the table's order of listing here.
            pub const CALLS: &'static [$crate::CallId] = &[$( $crate::CallId::$call ),*];
        }
    };
}

/// One forwarding method of [`implement_bootmem!`](crate::implement_bootmem), by the
/// call's target: kernel calls forward, machine calls have no method.
#[doc(hidden)]
#[macro_export]
macro_rules! __forward_method {
    (Kernel $name:ident ( $( $p:ident : $k:ident ),* ) -> $r:ident) => {
        fn $name(
            &mut self,
            m: &mut $crate::Machine,
            $( $p: $crate::__call_type!($k) ),*
        ) -> $crate::KResult<$crate::__call_type!(@ret $r)> {
            Self::$name(self, m, $( $p ),*)
        }
    };
    (Machine $name:ident ( $( $p:ident : $k:ident ),* ) -> $r:ident) => {};
}

/// The Rust type of a parameter or return kind, for macros expanded in version crates.
#[doc(hidden)]
#[macro_export]
macro_rules! __call_type {
    (Nid) => {
        $crate::Nid
    };
    (Byte) => {
        u8
    };
    (Value) => {
        $crate::Ulong
    };
    (@ret Nothing) => {
        ()
    };
    (@ret Number) => {
        $crate::Ulong
    };
    (@ret Pointer) => {
        $crate::Ulong
    };
}

calls_table! {
    /// `init_bootmem(start_pfn, pages)`: node 0 from pfn 0, bitmap at `start_pfn`.
    Kernel init_bootmem(start_pfn: Value, pages: Value) -> Number;
    /// `init_bootmem_node(NODE_DATA(nid), freepfn, startpfn, endpfn)`.
    Kernel init_bootmem_node(nid: Nid, freepfn: Value, startpfn: Value, endpfn: Value) -> Number;
    /// `bootmem_bootmap_pages(pages)`.
    Kernel bootmem_bootmap_pages(pages: Value) -> Number;
    /// `free_bootmem(addr, size)`.
    Kernel free_bootmem(addr: Value, size: Value) -> Nothing;
    /// `free_bootmem_node(NODE_DATA(nid), addr, size)`.
    Kernel free_bootmem_node(nid: Nid, addr: Value, size: Value) -> Nothing;
    /// `reserve_bootmem(addr, size)`.
    Kernel reserve_bootmem(addr: Value, size: Value) -> Nothing;
    /// `reserve_bootmem_node(NODE_DATA(nid), addr, size)`.
    Kernel reserve_bootmem_node(nid: Nid, addr: Value, size: Value) -> Nothing;
    /// `__alloc_bootmem(size, align, goal)`.
    Kernel __alloc_bootmem(size: Value, align: Value, goal: Value) -> Pointer;
    /// `__alloc_bootmem_node(NODE_DATA(nid), size, align, goal)`.
    Kernel __alloc_bootmem_node(nid: Nid, size: Value, align: Value, goal: Value) -> Pointer;
    /// The `alloc_bootmem(x)` macro.
    Kernel alloc_bootmem(size: Value) -> Pointer;
    /// The `alloc_bootmem_low(x)` macro.
    Kernel alloc_bootmem_low(size: Value) -> Pointer;
    /// The `alloc_bootmem_pages(x)` macro.
    Kernel alloc_bootmem_pages(size: Value) -> Pointer;
    /// The `alloc_bootmem_low_pages(x)` macro.
    Kernel alloc_bootmem_low_pages(size: Value) -> Pointer;
    /// The `alloc_bootmem_node(pgdat, x)` macro.
    Kernel alloc_bootmem_node(nid: Nid, size: Value) -> Pointer;
    /// The `alloc_bootmem_pages_node(pgdat, x)` macro.
    Kernel alloc_bootmem_pages_node(nid: Nid, size: Value) -> Pointer;
    /// The `alloc_bootmem_low_pages_node(pgdat, x)` macro.
    Kernel alloc_bootmem_low_pages_node(nid: Nid, size: Value) -> Pointer;
    /// `__alloc_bootmem_limit(size, align, goal, limit)`.
    Kernel __alloc_bootmem_limit(size: Value, align: Value, goal: Value, limit: Value) -> Pointer;
    /// `__alloc_bootmem_node_limit(NODE_DATA(nid), size, align, goal, limit)`.
    Kernel __alloc_bootmem_node_limit(nid: Nid, size: Value, align: Value, goal: Value, limit: Value) -> Pointer;
    /// The `alloc_bootmem_limit(x, limit)` macro.
    Kernel alloc_bootmem_limit(size: Value, limit: Value) -> Pointer;
    /// The `alloc_bootmem_low_limit(x, limit)` macro.
    Kernel alloc_bootmem_low_limit(size: Value, limit: Value) -> Pointer;
    /// The `alloc_bootmem_pages_limit(x, limit)` macro.
    Kernel alloc_bootmem_pages_limit(size: Value, limit: Value) -> Pointer;
    /// The `alloc_bootmem_low_pages_limit(x, limit)` macro.
    Kernel alloc_bootmem_low_pages_limit(size: Value, limit: Value) -> Pointer;
    /// The `alloc_bootmem_node_limit(pgdat, x, limit)` macro.
    Kernel alloc_bootmem_node_limit(nid: Nid, size: Value, limit: Value) -> Pointer;
    /// The `alloc_bootmem_pages_node_limit(pgdat, x, limit)` macro.
    Kernel alloc_bootmem_pages_node_limit(nid: Nid, size: Value, limit: Value) -> Pointer;
    /// The `alloc_bootmem_low_pages_node_limit(pgdat, x, limit)` macro.
    Kernel alloc_bootmem_low_pages_node_limit(nid: Nid, size: Value, limit: Value) -> Pointer;
    /// `__alloc_bootmem_low(size, align, goal)`.
    Kernel __alloc_bootmem_low(size: Value, align: Value, goal: Value) -> Pointer;
    /// `__alloc_bootmem_low_node(NODE_DATA(nid), size, align, goal)`.
    Kernel __alloc_bootmem_low_node(nid: Nid, size: Value, align: Value, goal: Value) -> Pointer;
    /// `alloc_remap(nid, size)`: i386's remap allocator, or the stub that answers NULL.
    Kernel alloc_remap(nid: Nid, size: Value) -> Pointer;
    /// Declares node `nid`'s remap (KVA) area, as i386 NUMA set-up does.
    Kernel remap_area(nid: Nid, addr: Value, size: Value) -> Nothing if HaveArchAllocRemap;
    /// `alloc_node_mem_map(NODE_DATA(nid))` of `mm/page_alloc.c`; returns the map.
    Kernel alloc_node_mem_map(nid: Nid) -> Pointer;
    /// `saved_max_pfn = value`: a store to the kdump variable.
    Kernel saved_max_pfn(value: Value) -> Nothing if CrashDump as assignment;
    /// `free_all_bootmem()`.
    Kernel free_all_bootmem() -> Number;
    /// `free_all_bootmem_node(NODE_DATA(nid))`.
    Kernel free_all_bootmem_node(nid: Nid) -> Number;
    /// `memset(addr, byte, size)`: a write to physical memory by other boot code.
    Machine memset(addr: Value, byte: Byte, size: Value) -> Nothing;
}

/// Walks a release's `pgdat_list` from `first` as `for_each_pgdat()` does, into `out`:
/// `node` gives a node's state and its next link, or `None` for a node never set up,
/// where the walk ends (the kernel would oops there; a trace shows the nodes before).
/// A node met a second time ends it too, so that a list a scenario made circular is
/// listed once round.
pub fn walk_pgdat_list(
    first: Option<Nid>,
    out: &mut Vec<NodeState>,
    node: impl Fn(Nid) -> Option<(NodeState, Option<Nid>)>,
) {
    out.clear();
    let mut pgdat = first;
    while let Some(nid) = pgdat {
        let Some((state, next)) = node(nid) else {
            break;
        };
        if out.iter().any(|n| n.nid == nid) {
            break;
        }
        out.push(state);
        pgdat = next;
    }
}

/// Implements [`KernelState`] for a version crate's kernel type, which holds
/// `node_data` (a `pg_data_t` a node, `None` where never set up, each with its
/// `bdata`) and `pgdat_list`. `next` names the release's link field (`node_next` in
/// 2.4, `pgdat_next` later); `last_success` names the `bootmem_data_t` field, or is
/// `none` for the releases before it; `saved_max_pfn`, where given, names the variable
/// the trace shows under `CONFIG_CRASH_DUMP`.
///
/// ```text
/// bootmem_core::implement_kernel_state!(Kernel { next: node_next, last_success: none });
/// ```
#[macro_export]
macro_rules! implement_kernel_state {
    ($kernel:ty { next: $next:ident, last_success: $ls:ident $(, saved_max_pfn: $smp:ident)? $(,)? }) => {
        impl $crate::KernelState for $kernel {
            fn nodes_into(&self, _m: &$crate::Machine, out: &mut Vec<$crate::NodeState>) {
                $crate::walk_pgdat_list(self.pgdat_list, out, |nid| {
                    let node = self.node_data.get(nid)?.as_ref()?;
                    let b = &node.bdata;
                    let state = $crate::NodeState {
                        nid,
                        node_boot_start: b.node_boot_start,
                        node_low_pfn: b.node_low_pfn,
                        node_bootmem_map: b.node_bootmem_map,
                        last_pos: b.last_pos,
                        last_offset: b.last_offset,
                        last_success: $crate::implement_kernel_state!(@last_success b $ls),
                    };
                    Some((state, node.$next))
                })
            }

            $(
                fn read_saved_max_pfn(&self, m: &$crate::Machine) -> Option<$crate::Ulong> {
                    m.config().crash_dump.then_some(self.$smp)
                }
            )?
        }
    };
    (@last_success $b:ident none) => {
        None
    };
    (@last_success $b:ident $field:ident) => {
        Some($b.$field)
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_call_is_in_the_table_once_in_its_own_place() {
        assert_eq!(CALLS.len(), 34);
        for (i, c) in CALLS.iter().enumerate() {
            assert_eq!(c.id as usize, i);
            assert_eq!(c.id.name(), c.name);
            assert_eq!(CallSpec::find(c.name).map(|s| s.id), Some(c.id));
        }
        assert_eq!(CallSpec::find("alloc_bootmem_foo"), None);
    }

    #[test]
    fn typed_calls_carry_their_arguments_in_the_table_order() {
        let call = Call::new(CallId::__alloc_bootmem_node, &[1, 4096, 64, 0]);
        assert_eq!(
            call,
            Some(Call::__alloc_bootmem_node {
                nid: 1,
                size: 4096,
                align: 64,
                goal: 0
            })
        );
        assert_eq!(call.map(|c| c.args()), Some(vec![1, 4096, 64, 0]));
        assert_eq!(Call::new(CallId::free_all_bootmem, &[1]), None);
        assert_eq!(CallId::saved_max_pfn.spec().needs, Some(Needs::CrashDump));
        assert!(CallId::saved_max_pfn.spec().assignment);
        assert_eq!(CallId::memset.spec().target, Target::Machine);
    }
}
