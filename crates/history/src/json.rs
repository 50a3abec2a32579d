//! The JSON model every command prints, typed with serde: the trace of the spec's
//! section 3, and the pieces the comparisons share with it (addresses, results, stops,
//! nodes, hand-offs, commits), so that a field has one name and one form everywhere.
//! `docs/json.md` documents it and `docs/json.schema.json` describes it.
//!
//! The forms, once: a physical address, and every kernel field that holds one
//! (`node_boot_start`, `node_bootmem_map`, `last_success`, a pointer result,
//! `max_dma_address`, an oops's `address`), is a string `"0x…"` in lower-case hex; NULL
//! is the string `"NULL"`; page frame numbers, page indices, byte offsets within a page,
//! counts and line numbers are JSON numbers.

use crate::parse::Scenario;
use crate::run::{CallRecord, FinalState, NodeTrace, Outcome, Session, Trace, Value};
use bootmem_core::{Arch, Config, Costs, FreedRun, Stop};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// A physical address, written `"0x…"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Address(pub u64);

impl Serialize for Address {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Written by hand into a buffer on the stack: a trace has an address on most
        // of its steps, and the formatting machinery was a tenth of printing one.
        let mut buf = [0u8; 20];
        let at = hex_address(self.0, &mut buf);
        let text = &buf[at..buf.len() - 1];
        s.serialize_str(std::str::from_utf8(text).unwrap_or("0x?"))
    }
}

/// Writes `0x…` for `v` into the end of `buf`, before its last byte (left for a
/// closing quote), and returns where it begins; a byte before it is left for an
/// opening quote.
fn hex_address(mut v: u64, buf: &mut [u8; 20]) -> usize {
    let mut at = buf.len() - 1;
    loop {
        at -= 1;
        buf[at] = b"0123456789abcdef"[(v & 0xf) as usize];
        v >>= 4;
        if v == 0 {
            break;
        }
    }
    at -= 2;
    buf[at] = b'0';
    buf[at + 1] = b'x';
    at
}

/// What a call returned: `null` for a void call, a number for a count or size, an
/// [`Address`] for a pointer and `"NULL"` for a null pointer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Returned(pub Value);

impl Serialize for Returned {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Nothing => s.serialize_unit(),
            Value::Number(n) => s.serialize_u64(n),
            Value::Pointer(Some(a)) => Address(a).serialize(s),
            Value::Pointer(None) => s.serialize_str("NULL"),
        }
    }
}

/// How a call stopped the boot. `kind` says which of the optional fields are there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StopJson {
    /// The scenario line of the call that stopped (in a trace; a diff names the line
    /// on the call instead).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// `bug`, `panic`, `oops`, `hang`, `unavailable` or `limit`.
    pub kind: &'static str,
    /// `bug`: the release's source file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<&'static str>,
    /// `bug`: the line of that file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<u32>,
    /// `panic`: its message; `limit`: which limit and why it exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// `oops`: what was dereferenced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// `oops`: the virtual address that faulted, when it is not NULL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// `hang`: the C function that would never return.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub function: Option<&'static str>,
    /// `unavailable`: the call the release lacks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call: Option<&'static str>,
    /// `unavailable`: where in history the call came or went.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// In a trace, what the stopping call cost the release's C before it stopped,
    /// when it did any of the work counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<Box<CostJson>>,
}

/// What a call, or a run, cost the release's own C: the counters of [`Costs`] that are
/// not zero, named and ordered as [`Costs::fields`] gives them; a counter left out is
/// zero, as the text's `cost:` lines read. Most calls do one or two kinds of counted
/// work, so listing all eight made the cost objects most of a JSON trace.
/// `docs/json.md` says what C operation each counts and when.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CostJson(pub Costs);

impl Serialize for CostJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = self.0.fields();
        let present = fields.iter().filter(|(_, v)| *v != 0).count();
        let mut map = serializer.serialize_map(Some(present))?;
        for (name, value) in fields.iter().filter(|(_, v)| *v != 0) {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

impl CostJson {
    /// The counters of `c`.
    pub fn new(c: &Costs) -> CostJson {
        CostJson(*c)
    }

    /// The counters of `c`, or `None` when the call did none of the work counted.
    pub fn of_call(c: &Costs) -> Option<CostJson> {
        (!c.is_zero()).then(|| CostJson::new(c))
    }
}

impl StopJson {
    /// How call `c` stopped the boot, as a trace shows it (with its line and what it
    /// cost), if it did.
    pub fn of_call(c: &CallRecord) -> Option<StopJson> {
        match &c.outcome {
            Outcome::Stopped { stop, note } => Some(StopJson {
                cost: CostJson::of_call(&c.costs).map(Box::new),
                ..StopJson::new(stop, note.as_ref(), Some(c.line))
            }),
            Outcome::Returned(_) => None,
        }
    }

    /// A stop, with the scenario line where a trace shows it.
    pub fn new(stop: &Stop, note: Option<&String>, line: Option<usize>) -> StopJson {
        let mut j = StopJson {
            line,
            kind: stop.kind(),
            file: None,
            at: None,
            message: None,
            reason: None,
            address: None,
            function: None,
            call: None,
            note: None,
            cost: None,
        };
        match stop {
            Stop::Bug { file, line } => {
                j.file = Some(file);
                j.at = Some(*line);
            }
            Stop::Panic { message } => j.message = Some(message.clone()),
            Stop::Oops {
                reason, address, ..
            } => {
                j.reason = Some(reason.clone());
                j.address = address.map(Address);
            }
            Stop::Hang { function } => j.function = Some(function),
            Stop::Unavailable { call, .. } => {
                j.call = Some(call.name());
                j.note = note.cloned();
            }
            Stop::Limit { reason } => j.message = Some(reason.clone()),
        }
        j
    }
}

/// A node's fields, as `bootmem_data_t` holds them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NodeFields {
    /// The node id.
    pub nid: usize,
    /// `node_boot_start`, an address.
    pub node_boot_start: Address,
    /// `node_low_pfn`, a pfn.
    pub node_low_pfn: u64,
    /// The bitmap's physical address; `null` once `free_all_bootmem` dropped it.
    pub node_bootmem_map: Option<Address>,
    /// `last_pos`, a page index relative to the node's start.
    pub last_pos: u64,
    /// `last_offset`, a byte offset within that page.
    pub last_offset: u64,
    /// `last_success`, a byte offset from the node's start kept as an address; only
    /// for releases that have it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_success: Option<Address>,
}

impl NodeFields {
    /// The fields of one node of a trace.
    pub fn new(n: &NodeTrace) -> NodeFields {
        NodeFields {
            nid: n.nid,
            node_boot_start: Address(n.node_boot_start),
            node_low_pfn: n.node_low_pfn,
            node_bootmem_map: n.node_bootmem_map.map(Address),
            last_pos: n.last_pos,
            last_offset: n.last_offset,
            last_success: n.last_success.map(Address),
        }
    }
}

/// A node of the final state: its fields and its reserved pages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Node {
    /// The fields.
    #[serde(flatten)]
    pub fields: NodeFields,
    /// The set bits of the bitmap as half-open absolute pfn ranges, merged; `null` once
    /// the bitmap is dropped.
    pub reserved: Option<Vec<[u64; 2]>>,
}

/// Blocks handed to the page allocator: `count` blocks of one order, one after the
/// other from `pfn` (`count` is left out when it is 1, `bad` when it is false).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Freed {
    /// The first block's pfn.
    pub pfn: u64,
    /// The order of every block.
    pub order: u32,
    /// How many blocks, when more than one.
    #[serde(skip_serializing_if = "is_one")]
    pub count: u64,
    /// Whether the release's page allocator would report them as bad pages.
    #[serde(skip_serializing_if = "is_false")]
    pub bad: bool,
}

fn is_one(n: &u64) -> bool {
    *n == 1
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Freed {
    /// One run of the hand-off log.
    pub fn new(r: &FreedRun) -> Freed {
        Freed {
            pfn: r.pfn,
            order: r.order,
            count: r.count,
            bad: r.bad,
        }
    }
}

/// The machine profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ArchJson<'a> {
    /// The profile's name.
    pub name: &'a str,
    /// `BITS_PER_LONG`.
    pub bits_per_long: u32,
    /// `PAGE_SHIFT`.
    pub page_shift: u32,
    /// `SMP_CACHE_BYTES`.
    pub smp_cache_bytes: u64,
    /// `MAX_DMA_ADDRESS`, physical.
    pub max_dma_address: Address,
    /// `sizeof(struct page)`.
    pub sizeof_struct_page: u64,
}

/// The configuration: every option, in the order the language lists them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigJson(pub Vec<(&'static str, bool)>);

impl Serialize for ConfigJson {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (name, on) in &self.0 {
            map.serialize_entry(name, on)?;
        }
        map.end()
    }
}

/// A call that returned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step<'a> {
    /// The scenario line.
    pub line: usize,
    /// The call as written.
    pub call: &'a str,
    /// What it returned.
    pub result: Returned,
    /// What it cost the release's C, when it did any of the work counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<CostJson>,
}

/// A kernel log line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Printk<'a> {
    /// The scenario line of the call that printed it.
    pub line: usize,
    /// The text, without its `KERN_*` level.
    pub text: &'a str,
}

/// A marked code path that ran (code a specific upstream commit brought), once, with
/// every call in which it ran. A boot of thousands of allocations runs the same few
/// paths on most calls; one entry a call made them a third of the trace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PathJson {
    /// The commit's full id.
    pub commit: &'static str,
    /// What the code does.
    pub what: &'static str,
    /// The scenario lines of the calls in which it ran, in the order they ran.
    pub lines: Vec<usize>,
}

impl PathJson {
    /// Adds the paths call `c` ran to `list`: a path already listed gets the call's
    /// line, a new one is listed after the others. The descriptions are compared
    /// first: they differ in length where the commit ids (all 40 characters) would
    /// each take a full comparison.
    fn add(list: &mut Vec<PathJson>, c: &CallRecord) {
        for p in &c.paths {
            match list
                .iter_mut()
                .find(|j| j.what == p.what && j.commit == p.commit)
            {
                Some(j) => j.lines.push(c.line),
                None => list.push(PathJson {
                    commit: p.commit,
                    what: p.what,
                    lines: vec![c.line],
                }),
            }
        }
    }
}

/// One run of one scenario on one release: the spec's JSON trace. It borrows the
/// trace's text rather than copying it, as it exists only to be written. It is the
/// reference form: [`write()`] and [`write_session`] write the same members in the
/// same order by hand, and `tests/schema.rs` holds them to it byte for byte.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TraceJson<'a> {
    /// The release that ran.
    pub version: &'static str,
    /// The scenario, as it was named.
    pub file: &'a str,
    /// The machine profile.
    pub arch: ArchJson<'a>,
    /// The configuration.
    pub config: ConfigJson,
    /// Every call that returned, in order.
    pub steps: Steps<'a>,
    /// Every kernel log line, in order.
    pub printk: PrintkLines<'a>,
    /// Every marked code path that ran, once each, in the order each first ran.
    pub paths: Vec<PathJson>,
    /// How the boot stopped; `null` when every line ran.
    pub stop: Option<StopJson>,
    /// Every node in `pgdat_list` order.
    pub nodes: Vec<Node>,
    /// `saved_max_pfn`, where the release and configuration have it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub saved_max_pfn: Option<u64>,
    /// The hand-off to the page allocator, as runs.
    pub freed: Vec<Freed>,
    /// What the whole run cost the release's C, the stopping call included.
    pub cost: CostJson,
    /// What the checkers found, call by call; left out when they found nothing.
    #[serde(skip_serializing_if = "Warnings::is_empty")]
    pub warnings: Warnings<'a>,
}

/// The steps of a trace, written one by one from its calls rather than gathered first:
/// a boot of thousands of calls would hold them all twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Steps<'a>(pub &'a [CallRecord]);

impl Serialize for Steps<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().filter_map(|c| match c.outcome {
            Outcome::Returned(v) => Some(Step {
                line: c.line,
                call: &c.call,
                result: Returned(v),
                cost: CostJson::of_call(&c.costs),
            }),
            Outcome::Stopped { .. } => None,
        }))
    }
}

/// The kernel log of a trace, line by line from its calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PrintkLines<'a>(pub &'a [CallRecord]);

impl Serialize for PrintkLines<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(
            self.0
                .iter()
                .flat_map(|c| c.printk.iter().map(|text| Printk { line: c.line, text })),
        )
    }
}

/// The checkers' warnings of a trace, call by call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Warnings<'a>(pub &'a [CallRecord]);

impl Warnings<'_> {
    fn is_empty(&self) -> bool {
        self.0.iter().all(|c| c.warnings.is_empty())
    }
}

impl Serialize for Warnings<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().flat_map(|c| {
            c.warnings.iter().map(|w| WarningJson {
                line: c.line,
                kind: w.kind.label(),
                message: &w.message,
            })
        }))
    }
}

/// A checker's warning, on the line of the call that caused it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WarningJson<'a> {
    /// The scenario line.
    pub line: usize,
    /// `overlap`, `past_bitmap`, `bitmap_outside_ram`, `on_bitmap` or
    /// `free_unreserved`.
    pub kind: &'static str,
    /// What happened, with the addresses, bits and lines involved.
    pub message: &'a str,
}

impl<'a> TraceJson<'a> {
    /// The JSON form of a trace.
    pub fn new(t: &'a Trace) -> TraceJson<'a> {
        let mut paths = Vec::new();
        for c in &t.calls {
            PathJson::add(&mut paths, c);
        }
        TraceJson {
            version: t.version,
            file: &t.file,
            arch: ArchJson::new(&t.arch),
            config: ConfigJson(t.config.options().to_vec()),
            steps: Steps(&t.calls),
            printk: PrintkLines(&t.calls),
            paths,
            stop: t.calls.last().and_then(StopJson::of_call),
            nodes: t.end.nodes.iter().map(Node::new).collect(),
            saved_max_pfn: t.end.saved_max_pfn,
            freed: t.end.freed.iter().map(Freed::new).collect(),
            cost: CostJson::new(&t.total_costs()),
            warnings: Warnings(&t.calls),
        }
    }
}

impl<'a> ArchJson<'a> {
    /// The profile of a trace or scenario.
    pub fn new(a: &'a Arch) -> ArchJson<'a> {
        ArchJson {
            name: &a.name,
            bits_per_long: a.bits_per_long,
            page_shift: a.page_shift,
            smp_cache_bytes: a.smp_cache_bytes,
            max_dma_address: Address(a.max_dma_address),
            sizeof_struct_page: a.sizeof_struct_page,
        }
    }
}

impl Node {
    /// A node of a run's final state.
    pub fn new(n: &NodeTrace) -> Node {
        Node {
            fields: NodeFields::new(n),
            reserved: n
                .reserved
                .as_ref()
                .map(|r| r.iter().map(|&(a, b)| [a, b]).collect()),
        }
    }
}

/// How deep a container still puts each member on a line of its own: the top object
/// and the lists and objects it holds. Deeper containers (a step, a node, a freed run,
/// a cost object) are written on one line, as `docs/json.md` shows them, so that a
/// trace reads a call a line and is about half the size of a JSON indented throughout.
const LINE_DEPTH: usize = 2;

/// The layout of every JSON the tool prints: each member of the top two levels on a
/// line of its own, indented; anything deeper on one line, with a space after each
/// comma and colon.
#[derive(Clone, Copy, Debug, Default)]
pub struct Layout {
    depth: usize,
    has_value: bool,
}

impl Layout {
    fn line(&self, w: &mut (impl std::io::Write + ?Sized)) -> std::io::Result<()> {
        const SPACES: &[u8] = b"                                ";
        w.write_all(b"\n")?;
        let mut left = self.depth * 2;
        while left > 0 {
            let n = left.min(SPACES.len());
            w.write_all(&SPACES[..n])?;
            left -= n;
        }
        Ok(())
    }

    fn open(&mut self, w: &mut (impl std::io::Write + ?Sized), c: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(c)
    }

    fn close(&mut self, w: &mut (impl std::io::Write + ?Sized), c: &[u8]) -> std::io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.has_value && self.depth < LINE_DEPTH {
            self.line(w)?;
        }
        w.write_all(c)
    }

    fn member(
        &mut self,
        w: &mut (impl std::io::Write + ?Sized),
        first: bool,
    ) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if self.depth <= LINE_DEPTH {
            self.line(w)
        } else if first {
            Ok(())
        } else {
            w.write_all(b" ")
        }
    }
}

impl serde_json::ser::Formatter for Layout {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.member(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.member(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes `value` in the tool's [`Layout`] and a newline.
pub fn write_value(value: &impl Serialize, out: &mut impl std::io::Write) -> std::io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, Layout::default());
    value.serialize(&mut ser).map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}

/// Writes the trace as one JSON object, byte for byte as [`write_value`] writes its
/// [`TraceJson`], and a newline, with the steps laid out directly rather than through
/// serde (a quarter of a large boot's run, through serde). `tests/schema.rs` holds the
/// two equal on every trace of the corpus.
pub fn write(t: &Trace, out: &mut impl std::io::Write) -> std::io::Result<()> {
    let mut w = TraceWriter::begin(out, t.version, &t.file, &t.arch, &t.config)?;
    for c in &t.calls {
        w.call(c)?;
    }
    w.end(&t.end)
}

/// Runs `session` through `scenario` and writes its trace as [`write()`] would, call by
/// call as the calls are made, keeping none of their records: a boot of thousands of
/// calls held a megabyte of them only to write them out. Returns how the boot
/// stopped, if it did.
pub fn write_session(
    session: &mut Session,
    scenario: &Scenario,
    out: &mut impl std::io::Write,
) -> std::io::Result<Option<Stop>> {
    let name = session.release().name;
    let mut w = TraceWriter::begin(out, name, &scenario.file, &scenario.arch, &scenario.config)?;
    let mut written = Ok(());
    let mut stop = None;
    let end = session.run_into(scenario, |c| {
        stop = c.stop().cloned();
        written = w.call(&c);
        written.is_ok()
    });
    written?;
    w.end(&end)?;
    Ok(stop)
}

/// Writes one trace as its calls come. The steps, a line each and most of a trace,
/// are laid out here directly, gathered a batch at a time in a buffer where a write is
/// a copy the compiler can see: through serde, every key and string of a step went
/// through the general escaping and layout machinery, a few thousand instructions a
/// step. What comes after the steps (log lines, paths, warnings, the stop and the
/// total cost) is gathered from the calls and written at the end through serde.
struct TraceWriter<'w, W: std::io::Write> {
    out: &'w mut W,
    batch: Vec<u8>,
    steps: usize,
    printk: Vec<(usize, String)>,
    paths: Vec<PathJson>,
    warnings: Vec<(usize, &'static str, String)>,
    cost: Costs,
    stop: Option<StopJson>,
}

impl<'w, W: std::io::Write> TraceWriter<'w, W> {
    /// Writes the members before the steps, and opens the steps.
    fn begin(
        out: &'w mut W,
        version: &str,
        file: &str,
        arch: &Arch,
        config: &Config,
    ) -> std::io::Result<Self> {
        out.write_all(b"{")?;
        top_member(out, true, "version", &version)?;
        top_member(out, false, "file", &file)?;
        top_member(out, false, "arch", &ArchJson::new(arch))?;
        top_member(out, false, "config", &ConfigJson(config.options().to_vec()))?;
        let mut batch = Vec::with_capacity(STEP_BATCH + 256);
        batch.extend_from_slice(b",\n  \"steps\": [");
        Ok(TraceWriter {
            out,
            batch,
            steps: 0,
            printk: Vec::new(),
            paths: Vec::new(),
            warnings: Vec::new(),
            cost: Costs::default(),
            stop: None,
        })
    }

    /// One call: its step if it returned, and what the later members take from it.
    fn call(&mut self, c: &CallRecord) -> std::io::Result<()> {
        match c.outcome {
            Outcome::Returned(v) => {
                let sep: &[u8] = if self.steps == 0 {
                    b"\n    "
                } else {
                    b",\n    "
                };
                self.batch.extend_from_slice(sep);
                self.steps += 1;
                write_step(&mut self.batch, c, v);
                if self.batch.len() >= STEP_BATCH {
                    self.out.write_all(&self.batch)?;
                    self.batch.clear();
                }
            }
            Outcome::Stopped { .. } => self.stop = StopJson::of_call(c),
        }
        self.printk
            .extend(c.printk.iter().map(|text| (c.line, text.clone())));
        PathJson::add(&mut self.paths, c);
        self.warnings.extend(
            c.warnings
                .iter()
                .map(|w| (c.line, w.kind.label(), w.message.clone())),
        );
        self.cost = self.cost.plus(&c.costs);
        Ok(())
    }

    /// Closes the steps and writes the members after them, the final state's
    /// included.
    fn end(mut self, end: &FinalState) -> std::io::Result<()> {
        let close: &[u8] = if self.steps == 0 { b"]" } else { b"\n  ]" };
        self.batch.extend_from_slice(close);
        let out = self.out;
        out.write_all(&self.batch)?;
        let printk: Vec<Printk> = self
            .printk
            .iter()
            .map(|(line, text)| Printk { line: *line, text })
            .collect();
        top_member(out, false, "printk", &printk)?;
        top_member(out, false, "paths", &self.paths)?;
        top_member(out, false, "stop", &self.stop)?;
        let nodes: Vec<Node> = end.nodes.iter().map(Node::new).collect();
        top_member(out, false, "nodes", &nodes)?;
        if let Some(pfn) = &end.saved_max_pfn {
            top_member(out, false, "saved_max_pfn", pfn)?;
        }
        let freed: Vec<Freed> = end.freed.iter().map(Freed::new).collect();
        top_member(out, false, "freed", &freed)?;
        top_member(out, false, "cost", &CostJson::new(&self.cost))?;
        if !self.warnings.is_empty() {
            let warnings: Vec<WarningJson> = self
                .warnings
                .iter()
                .map(|(line, kind, message)| WarningJson {
                    line: *line,
                    kind,
                    message,
                })
                .collect();
            top_member(out, false, "warnings", &warnings)?;
        }
        out.write_all(b"\n}\n")
    }
}

/// One member of a top-level object, its value laid out as [`Layout`] lays out a
/// value at that depth.
fn top_member(
    out: &mut impl std::io::Write,
    first: bool,
    name: &str,
    value: &impl Serialize,
) -> std::io::Result<()> {
    out.write_all(if first { b"\n  \"" } else { b",\n  \"" })?;
    out.write_all(name.as_bytes())?;
    out.write_all(b"\": ")?;
    let layout = Layout {
        depth: 1,
        has_value: false,
    };
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, layout);
    value.serialize(&mut ser).map_err(std::io::Error::from)
}

/// How many bytes of steps [`write()`] gathers before it writes them: as many as the
/// command's output buffer holds, so that the buffer passes a batch straight on
/// rather than copying it.
const STEP_BATCH: usize = 1 << 16;

/// A [`Step`] on its line: `{"line": 3, "call": "…", "result": …, "cost": {…}}`.
fn write_step(out: &mut Vec<u8>, c: &CallRecord, result: Value) {
    out.extend_from_slice(b"{\"line\": ");
    push_u64(out, c.line as u64);
    out.extend_from_slice(b", \"call\": ");
    push_str(out, &c.call);
    out.extend_from_slice(b", \"result\": ");
    match result {
        Value::Nothing => out.extend_from_slice(b"null"),
        Value::Number(n) => push_u64(out, n),
        Value::Pointer(Some(a)) => {
            let mut buf = [0u8; 20];
            let at = hex_address(a, &mut buf);
            buf[at - 1] = b'"';
            buf[19] = b'"';
            out.extend_from_slice(&buf[at - 1..]);
        }
        Value::Pointer(None) => out.extend_from_slice(b"\"NULL\""),
    }
    if !c.costs.is_zero() {
        out.extend_from_slice(b", \"cost\": {");
        let keys = &*COST_KEYS;
        let mut first = true;
        for (k, (_, value)) in c.costs.fields().iter().enumerate() {
            if *value == 0 {
                continue;
            }
            if let Some((lead, rest)) = keys.get(k) {
                out.extend_from_slice(if first { lead } else { rest }.as_bytes());
            }
            first = false;
            push_u64(out, *value);
        }
        out.push(b'}');
    }
    out.push(b'}');
}

/// Each cost counter's key as a step writes it, `"name": ` when it comes first in its
/// object and `, "name": ` after another, in the order of [`Costs::fields`]: one copy
/// where three pieces were.
static COST_KEYS: std::sync::LazyLock<Vec<(String, String)>> = std::sync::LazyLock::new(|| {
    Costs::default()
        .fields()
        .iter()
        .map(|(name, _)| (format!("\"{name}\": "), format!(", \"{name}\": ")))
        .collect()
});

/// A string as serde_json writes it: as it is when nothing in it needs an escape,
/// else through serde_json's own escaping.
fn push_str(out: &mut Vec<u8>, s: &str) {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        // Writing into a vector cannot fail.
        let _ = serde_json::to_writer(out, s);
    }
}

/// A number in decimal, as serde_json writes it (with the same `itoa`).
fn push_u64(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
}
/// The trace as a JSON string.
pub fn to_string(t: &Trace) -> String {
    let mut out = Vec::new();
    match write(t, &mut out) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse::parse, run::run, versions};

    #[test]
    fn the_step_writer_writes_strings_and_numbers_as_serde_json_does() {
        for text in ["alloc_bootmem(0x10)", "", "a\"b\\c\nd\u{1}e\u{7f}é"] {
            let mut out = Vec::new();
            push_str(&mut out, text);
            assert_eq!(out, serde_json::to_vec(text).unwrap(), "{text:?}");
        }
        for n in [0, 7, 10, 4096, u64::MAX] {
            let mut out = Vec::new();
            push_u64(&mut out, n);
            assert_eq!(out, serde_json::to_vec(&n).unwrap());
        }
    }

    #[test]
    fn a_trace_in_json_has_the_spec_fields_in_their_forms() {
        let s = parse(
            "t.boot",
            "arch i386\n\
             init_bootmem_node(0, 0x10, 0x0, 0x40)\n\
             free_bootmem(0x0, 0x40000)\n\
             reserve_bootmem(0x10000, 0x1000)\n\
             alloc_bootmem(100)\n\
             free_all_bootmem()\n\
             alloc_bootmem(100)\n",
        )
        .unwrap();
        let t = run(versions::find("2.4.0").unwrap(), &s).unwrap();
        let j: serde_json::Value = serde_json::from_str(&to_string(&t)).unwrap();
        assert_eq!(j["version"], "2.4.0");
        assert_eq!(j["arch"]["max_dma_address"], "0x1000000");
        assert_eq!(j["config"]["CONFIG_MMU"], true);
        assert_eq!(j["steps"][0]["result"], 8);
        assert_eq!(j["steps"][1]["result"], serde_json::Value::Null);
        assert_eq!(j["steps"][3]["result"], "0x0");
        assert_eq!(j["nodes"][0]["node_boot_start"], "0x0");
        assert_eq!(j["nodes"][0]["node_low_pfn"], 64);
        assert_eq!(j["nodes"][0]["node_bootmem_map"], serde_json::Value::Null);
        assert_eq!(j["nodes"][0]["reserved"], serde_json::Value::Null);
        // 2.4.0 hands every free page over on its own; consecutive ones collapse.
        let freed = j["freed"].as_array().unwrap();
        assert_eq!(
            freed[0],
            serde_json::json!({"pfn": 1, "order": 0, "count": 15})
        );
        assert_eq!(freed[2], serde_json::json!({"pfn": 16, "order": 0}));
        // After the hand-off 2.4.0 keeps a NULL bitmap and reads it.
        assert_eq!(j["stop"]["kind"], "oops");
        assert_eq!(j["stop"]["line"], 7);
        assert_eq!(j["stop"]["reason"], "test_bit() on a NULL bitmap");
        // Costs: the bitmap's ones, the bit-by-bit free, one test per frame at the
        // hand-off; the stopping call's one test_bit() is on the stop and in the total.
        assert_eq!(j["steps"][0]["cost"]["bytes_filled"], 8);
        assert_eq!(j["steps"][1]["cost"]["test_and_clear_bit"], 64);
        assert_eq!(j["steps"][3]["cost"]["bytes_zeroed"], 100);
        assert_eq!(
            j["steps"][4]["cost"],
            serde_json::json!({"test_bit": 64, "pages_freed": 63})
        );
        assert_eq!(j["stop"]["cost"]["test_bit"], 1);
        assert_eq!(j["cost"]["test_bit"], 64 + 1 + 1);
        assert_eq!(j["cost"]["pages_freed"], 63);
    }

    #[test]
    fn warnings_carry_the_line_and_kind_and_are_left_out_when_none() {
        let s = parse(
            "t.boot",
            "arch i386\n\
             init_bootmem(0x10, 0x100)\n\
             free_bootmem(0x0, 0x100000)\n\
             __alloc_bootmem(100, 0x10, 0)\n\
             __alloc_bootmem(100, 0, 0)\n",
        )
        .unwrap();
        let t = run(versions::find("2.6.16").unwrap(), &s).unwrap();
        let j: serde_json::Value = serde_json::from_str(&to_string(&t)).unwrap();
        let w = j["warnings"].as_array().unwrap();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0]["line"], 5);
        assert_eq!(w[0]["kind"], "overlap");
        assert_eq!(
            w[0]["message"],
            "the block 0x0-0x64 overlaps 0x0-0x64 of the block line 4 allocated, which no \
             call has freed"
        );
        let quiet = parse("t.boot", "arch i386\ninit_bootmem(0x10, 0x100)\n").unwrap();
        let t = run(versions::find("2.6.16").unwrap(), &quiet).unwrap();
        let j: serde_json::Value = serde_json::from_str(&to_string(&t)).unwrap();
        assert_eq!(j.get("warnings"), None);
    }

    #[test]
    fn a_call_that_did_no_counted_work_has_no_cost() {
        let s = parse("t.boot", "arch i386\nmemset(0x0, 0xff, 16)\n").unwrap();
        let t = run(versions::find("2.6.16").unwrap(), &s).unwrap();
        let j: serde_json::Value = serde_json::from_str(&to_string(&t)).unwrap();
        assert_eq!(j["steps"][0].get("cost"), None);
        assert_eq!(j["cost"], serde_json::json!({}));
    }

    #[test]
    fn each_path_is_listed_once_with_every_line_that_ran_it() {
        let s = parse(
            "t.boot",
            "init_bootmem_node(0, 0x10, 0x0, 0x40)\n\
             free_bootmem_node(0, 0x0, 0x40000)\n\
             alloc_bootmem(100)\n\
             alloc_bootmem_pages(0x1000)\n\
             alloc_bootmem(100)\n\
             alloc_bootmem_pages(0x1000)\n\
             free_all_bootmem_node(0)\n",
        )
        .unwrap();
        let t = run(versions::find("2.6.16").unwrap(), &s).unwrap();
        let j: serde_json::Value = serde_json::from_str(&to_string(&t)).unwrap();
        let paths = j["paths"].as_array().unwrap();
        let mut seen = std::collections::BTreeSet::new();
        let mut listed = 0;
        for p in paths {
            assert!(
                seen.insert((p["commit"].to_string(), p["what"].to_string())),
                "{p}"
            );
            let lines: Vec<u64> = p["lines"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l.as_u64().unwrap())
                .collect();
            assert!(lines.windows(2).all(|w| w[0] < w[1]), "{p}");
            listed += lines.len();
        }
        let ran: usize = t.calls.iter().map(|c| c.paths.len()).sum();
        assert_eq!(listed, ran);
        // Each page-aligned request after a partial page takes 344391c7's path: one
        // entry, two lines.
        let no_merge: Vec<_> = paths
            .iter()
            .filter(|p| {
                p["commit"]
                    .as_str()
                    .is_some_and(|c| c.starts_with("344391c7"))
            })
            .collect();
        assert_eq!(no_merge.len(), 1, "{j}");
        assert_eq!(no_merge[0]["lines"], serde_json::json!([4, 6]), "{j}");
    }

    #[test]
    fn the_layout_puts_a_member_a_line_to_the_second_level_and_the_rest_on_one() {
        let value = serde_json::json!({
            "empty": [],
            "steps": [{"cost": {"test_bit": 2}, "line": 1}, {"line": 2, "lines": [3, 4]}],
            "top": {"deep": {"a": [1, {"b": null}]}},
        });
        let mut out = Vec::new();
        write_value(&value, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\n  \"empty\": [],\n  \"steps\": [\n    \
             {\"cost\": {\"test_bit\": 2}, \"line\": 1},\n    \
             {\"line\": 2, \"lines\": [3, 4]}\n  ],\n  \"top\": {\n    \
             \"deep\": {\"a\": [1, {\"b\": null}]}\n  }\n}\n"
        );
    }
}
