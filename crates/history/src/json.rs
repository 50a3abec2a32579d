//! The JSON trace of the spec's section 3, written as a stream: a large 2.4 boot hands
//! over millions of single pages, and each must appear as its own object.

use crate::run::{CallRecord, Trace, Value};
use bootmem_core::Stop;
use std::fmt::Write;

fn string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

fn hex(v: u64) -> String {
    format!("\"{v:#x}\"")
}

fn value(v: &Value) -> String {
    match v {
        Value::Nothing => "null".to_string(),
        Value::Number(n) => n.to_string(),
        Value::Pointer(Some(a)) => hex(*a),
        Value::Pointer(None) => "\"NULL\"".to_string(),
    }
}

fn stop(c: &CallRecord, s: &Stop, note: Option<&String>) -> String {
    let mut o = format!("{{\"line\": {}, \"kind\": \"{}\"", c.line, s.kind());
    match s {
        Stop::Bug { file, line } => {
            let _ = write!(o, ", \"file\": {}, \"at\": {line}", string(file));
        }
        Stop::Panic { message } => {
            let _ = write!(o, ", \"message\": {}", string(message));
        }
        Stop::Oops {
            reason, address, ..
        } => {
            let _ = write!(o, ", \"reason\": {}", string(reason));
            if let Some(address) = address {
                let _ = write!(o, ", \"address\": {}", hex(*address));
            }
        }
        Stop::Hang { function } => {
            let _ = write!(o, ", \"function\": {}", string(function));
        }
        Stop::Unavailable { call } => {
            let _ = write!(o, ", \"call\": {}", string(call.name()));
            if let Some(note) = note {
                let _ = write!(o, ", \"note\": {}", string(note));
            }
        }
        Stop::Limit { reason } => {
            let _ = write!(o, ", \"message\": {}", string(reason));
        }
    }
    o.push('}');
    o
}

/// Writes the trace as one JSON object.
pub fn write(t: &Trace, out: &mut impl std::io::Write) -> std::io::Result<()> {
    let a = &t.arch;
    writeln!(out, "{{")?;
    writeln!(out, "  \"version\": {},", string(t.version))?;
    writeln!(
        out,
        "  \"arch\": {{\"name\": {}, \"bits_per_long\": {}, \"page_shift\": {}, \"smp_cache_bytes\": {}, \"max_dma_address\": {}, \"sizeof_struct_page\": {}}},",
        string(&a.name),
        a.bits_per_long,
        a.page_shift,
        a.smp_cache_bytes,
        hex(a.max_dma_address),
        a.sizeof_struct_page
    )?;
    let config: Vec<String> = t
        .config
        .options()
        .iter()
        .map(|(n, on)| format!("{}: {on}", string(n)))
        .collect();
    writeln!(out, "  \"config\": {{{}}},", config.join(", "))?;
    // The spec's trace lists the returned calls, the log, the paths and the stop
    // apart, each entry naming its scenario line.
    write!(out, "  \"steps\": [")?;
    let mut first = true;
    for c in &t.calls {
        let crate::run::Outcome::Returned(result) = &c.outcome else {
            continue;
        };
        let sep = if first { "\n" } else { ",\n" };
        first = false;
        write!(
            out,
            "{sep}    {{\"line\": {}, \"call\": {}, \"result\": {}}}",
            c.line,
            string(&c.call),
            value(result)
        )?;
    }
    writeln!(out, "{}],", if first { "" } else { "\n  " })?;
    write!(out, "  \"printk\": [")?;
    let mut first = true;
    for c in &t.calls {
        for text in &c.printk {
            let sep = if first { "\n" } else { ",\n" };
            first = false;
            write!(
                out,
                "{sep}    {{\"line\": {}, \"text\": {}}}",
                c.line,
                string(text)
            )?;
        }
    }
    writeln!(out, "{}],", if first { "" } else { "\n  " })?;
    write!(out, "  \"paths\": [")?;
    let mut first = true;
    for c in &t.calls {
        for p in &c.paths {
            let sep = if first { "\n" } else { ",\n" };
            first = false;
            write!(
                out,
                "{sep}    {{\"line\": {}, \"commit\": {}, \"what\": {}}}",
                c.line,
                string(p.commit),
                string(p.what)
            )?;
        }
    }
    writeln!(out, "{}],", if first { "" } else { "\n  " })?;
    match t.calls.last() {
        Some(c) => match &c.outcome {
            crate::run::Outcome::Stopped { stop: s, note } => {
                writeln!(out, "  \"stop\": {},", stop(c, s, note.as_ref()))?
            }
            crate::run::Outcome::Returned(_) => writeln!(out, "  \"stop\": null,")?,
        },
        None => writeln!(out, "  \"stop\": null,")?,
    }
    write!(out, "  \"nodes\": [")?;
    for (k, n) in t.end.nodes.iter().enumerate() {
        let sep = if k == 0 { "\n" } else { ",\n" };
        let reserved = match &n.reserved {
            None => "null".to_string(),
            Some(r) => {
                let runs: Vec<String> = r.iter().map(|(a, b)| format!("[{a}, {b}]")).collect();
                format!("[{}]", runs.join(", "))
            }
        };
        write!(
            out,
            "{sep}    {{\"nid\": {}, \"node_boot_start\": {}, \"node_low_pfn\": {}, \"node_bootmem_map\": {}, \"reserved\": {}, \"last_pos\": {}, \"last_offset\": {}",
            n.nid,
            hex(n.node_boot_start),
            n.node_low_pfn,
            n.node_bootmem_map.map_or_else(|| "null".to_string(), hex),
            reserved,
            n.last_pos,
            n.last_offset
        )?;
        if let Some(s) = n.last_success {
            write!(out, ", \"last_success\": {}", hex(s))?;
        }
        write!(out, "}}")?;
    }
    writeln!(
        out,
        "{}],",
        if t.end.nodes.is_empty() { "" } else { "\n  " }
    )?;
    if let Some(v) = t.end.saved_max_pfn {
        writeln!(out, "  \"saved_max_pfn\": {v},")?;
    }
    write!(out, "  \"freed\": [")?;
    let mut first = true;
    for run in &t.end.freed {
        for (pfn, order, bad) in run.each() {
            let sep = if first { "\n" } else { ",\n" };
            first = false;
            let bad = if bad { ", \"bad\": true" } else { "" };
            write!(out, "{sep}    {{\"pfn\": {pfn}, \"order\": {order}{bad}}}")?;
        }
    }
    writeln!(out, "{}]", if first { "" } else { "\n  " })?;
    writeln!(out, "}}")
}

/// The trace as a JSON string.
pub fn to_string(t: &Trace) -> String {
    let mut buf = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write(t, &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}
