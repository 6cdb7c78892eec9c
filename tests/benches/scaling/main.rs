//! Scaling: each hostile shape timed at n and 10·n; the printed ratio should stay near 10
//! (linear). A ratio above ~12 is a regression (issue 9).
//!
//! `cargo bench -p tests --bench scaling` runs criterion over every shape at both sizes, then
//! prints a table: shape, n, time at n, time at 10·n, ratio. Each time in the table is the
//! fastest of several rounds (sizes interleaved), a round timing a batch of runs of at least
//! 100 ms, so a shared machine's stalls do not land on one size only. Under
//! `cargo test --benches` each shape runs once at its small size and no table is printed.
//!
//! Environment: `SCALING_ONLY=TEXT` keeps the shapes whose name contains TEXT (criterion's own
//! filter argument selects criterion groups; `-- --bench none` skips them and prints only
//! the table); `SCALING_SIZES=1,10,100` times other multiples of n (a ratio per step);
//! `SCALING_ROUNDS=N` (default 5).
//!
//! Shapes: messages decoded by the generated OOF code and envelopes (attributes on one
//! element, namespaced attributes, namespace declarations with header blocks, unknown
//! siblings, unknown records on one long line, text size), the writer (elements each in a
//! namespace of its own) and schemas loaded and generated (unresolved references with
//! suggestions, global elements, enumeration values, enumeration values that collide as
//! identifiers, extension chains of depth 8, one extension chain).

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

use ::generated::oof;
use criterion::Criterion;
use xsd2rs::load::{Loader, MemorySource};
use xsd2rs_runtime::codec::{decode_document_with, ReadOptions, WriteOptions, XmlWriter};
use xsd2rs_runtime::soap::{decode_envelope, Limits};

const M: &str = "http://schemas.microsoft.com/exchange/services/2006/messages";
const T: &str = "http://schemas.microsoft.com/exchange/services/2006/types";
const SOAP: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const XS: &str = r#"xmlns:xs="http://www.w3.org/2001/XMLSchema""#;

/// A GetUserOofSettingsRequest whose Mailbox start tag carries `attrs`, whose Mailbox holds
/// `inner` before its Address, and whose address is `address`.
fn oof_request(attrs: &str, inner: &str, address: &str) -> Vec<u8> {
    format!(
        "<m:GetUserOofSettingsRequest xmlns:m=\"{M}\" xmlns:t=\"{T}\"><t:Mailbox{attrs}>{inner}<t:Address>{address}</t:Address></t:Mailbox></m:GetUserOofSettingsRequest>"
    )
    .into_bytes()
}

fn attributes(n: usize) -> Vec<u8> {
    let mut a = String::new();
    for i in 0..n {
        let _ = write!(a, " a{i}=\"1\"");
    }
    oof_request(&a, "", "a@example.com")
}

fn namespaced_attributes(n: usize) -> Vec<u8> {
    let mut a = String::from(" xmlns:p=\"urn:p\"");
    for i in 0..n {
        let _ = write!(a, " p:a{i}=\"1\"");
    }
    oof_request(&a, "", "a@example.com")
}

fn siblings(n: usize) -> Vec<u8> {
    oof_request("", &"<t:Unknown>x</t:Unknown>".repeat(n), "a@example.com")
}

fn unknown_one_line(n: usize) -> Vec<u8> {
    // n·100 bytes of spaces, then n unknown elements, all on the first line.
    let inner = format!("{}{}", " ".repeat(n * 100), "<t:U/>".repeat(n));
    oof_request("", &inner, "a@example.com")
}

fn text(n: usize) -> Vec<u8> {
    oof_request("", "", &"x".repeat(n * 1024))
}

fn namespace_declarations(n: usize) -> Vec<u8> {
    let mut decls = String::new();
    let mut blocks = String::new();
    for i in 0..n {
        let _ = write!(decls, " xmlns:p{i}=\"urn:p{i}\"");
        let _ = write!(blocks, "<p{i}:H/>");
    }
    format!(
        "<soap:Envelope xmlns:soap=\"{SOAP}\"{decls}><soap:Header>{blocks}</soap:Header><soap:Body>{}</soap:Body></soap:Envelope>",
        String::from_utf8_lossy(&oof_request("", "", "a@example.com"))
    )
    .into_bytes()
}

/// Read options with the count limits lifted: the shapes measure the decoder's own cost (with
/// the defaults, 10·n attributes, declarations or unknown records are refused at the limit).
fn unlimited() -> ReadOptions {
    ReadOptions {
        max_attributes: usize::MAX,
        max_namespaces: usize::MAX,
        max_unknown_records: usize::MAX,
        ..ReadOptions::default()
    }
}

fn decode_oof(xml: &[u8]) -> usize {
    match decode_document_with::<oof::GetUserOofSettingsRequest>(xml, &unlimited()) {
        Ok(d) => d.unknown.len() + d.value.mailbox.address.len(),
        Err(e) => e.to_string().len(),
    }
}

fn decode_oof_envelope(xml: &[u8]) -> usize {
    let limits = Limits {
        max_attributes: usize::MAX,
        max_namespaces: usize::MAX,
        max_unknown_records: usize::MAX,
        ..Limits::default()
    };
    match decode_envelope::<oof::GetUserOofSettingsRequest, oof::GetUserOofSettingsInputHeaders>(
        xml, None, &limits,
    ) {
        Ok((_, env)) => env.body.mailbox.address.len() + 1,
        Err(e) => e.to_string().len(),
    }
}

fn schema(body: &str) -> String {
    format!("<xs:schema {XS} xmlns:t=\"urn:t\" targetNamespace=\"urn:t\">\n{body}</xs:schema>")
}

fn unresolved_references(n: usize) -> String {
    let mut b = String::new();
    for i in 0..2 * n {
        let _ = writeln!(b, "<xs:complexType name=\"{}T{i:05}\"/>", "N".repeat(94));
    }
    for i in 0..n {
        let _ = writeln!(
            b,
            "<xs:element name=\"e{i}\" type=\"t:{}U{i:05}\"/>",
            "N".repeat(94)
        );
    }
    schema(&b)
}

fn elements(n: usize) -> String {
    let mut b = String::new();
    for i in 0..n {
        let _ = writeln!(
            b,
            "<xs:element name=\"E{i}\"><xs:complexType><xs:sequence><xs:element name=\"A\" type=\"xs:string\"/><xs:element name=\"B\" type=\"xs:int\" minOccurs=\"0\"/></xs:sequence><xs:attribute name=\"c\" type=\"xs:date\"/></xs:complexType></xs:element>"
        );
    }
    schema(&b)
}

fn enumeration(n: usize) -> String {
    let mut b = String::from(
        "<xs:element name=\"e\" type=\"t:E\"/><xs:simpleType name=\"E\"><xs:restriction base=\"xs:string\">",
    );
    for i in 0..n {
        let _ = write!(b, "<xs:enumeration value=\"Value{i}\"/>");
    }
    b.push_str("</xs:restriction></xs:simpleType>\n");
    schema(&b)
}

fn extension_chain(n: usize) -> String {
    let mut b = String::from(
        "<xs:complexType name=\"T0\"><xs:sequence><xs:element name=\"F0\" type=\"xs:string\"/></xs:sequence></xs:complexType>\n",
    );
    for i in 1..n {
        let _ = writeln!(
            b,
            "<xs:complexType name=\"T{i}\"><xs:complexContent><xs:extension base=\"t:T{}\"><xs:sequence><xs:element name=\"F{i}\" type=\"xs:string\"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>",
            i - 1
        );
    }
    let _ = writeln!(b, "<xs:element name=\"Top\" type=\"t:T{}\"/>", n - 1);
    schema(&b)
}

/// Enumeration values that all make the same identifier (`Value`, `Value2`, ...): `i` written
/// in binary with `+` and `-` (no letter or digit, so no identifier of its own).
fn colliding_enumeration(n: usize) -> String {
    let mut b = String::from(
        "<xs:element name=\"e\" type=\"t:E\"/><xs:simpleType name=\"E\"><xs:restriction base=\"xs:string\">",
    );
    for i in 0..n {
        let v: String = format!("{:b}", i + 1)
            .chars()
            .map(|c| if c == '1' { '+' } else { '-' })
            .collect();
        let _ = write!(b, "<xs:enumeration value=\"{v}\"/>");
    }
    b.push_str("</xs:restriction></xs:simpleType>\n");
    schema(&b)
}

/// n types in chains of 8 (each type one field more than its base).
fn extension_chains(n: usize) -> String {
    let mut b = String::new();
    for c in (0..n).step_by(8) {
        let _ = writeln!(
            b,
            "<xs:complexType name=\"T{c}\"><xs:sequence><xs:element name=\"F{c}\" type=\"xs:string\"/></xs:sequence></xs:complexType>"
        );
        for i in c + 1..(c + 8).min(n) {
            let _ = writeln!(
                b,
                "<xs:complexType name=\"T{i}\"><xs:complexContent><xs:extension base=\"t:T{}\"><xs:sequence><xs:element name=\"F{i}\" type=\"xs:string\"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>",
                i - 1
            );
        }
    }
    schema(&b)
}

/// n sibling elements, each in a namespace of its own, each with an attribute in it: the
/// writer looks up (and declares) a namespace per element.
fn write_namespaces(n: usize) -> usize {
    let mut w = XmlWriter::new(&WriteOptions::default().prefix("m", M));
    let mut uris = Vec::with_capacity(n);
    for i in 0..n {
        uris.push(format!("urn:p{i}"));
    }
    let mut ok = w.start(M, "Root").is_ok();
    for uri in &uris {
        ok &= w.start(uri, "E").is_ok();
        ok &= w.attr_str(uri, "a", "1").is_ok();
        ok &= w.end().is_ok();
    }
    ok &= w.end().is_ok();
    w.finish().len() + usize::from(ok)
}

/// Loads and (when the load succeeds) generates every global; the size of what came out.
fn load_and_generate(text: &str) -> usize {
    let loaded = Loader::new()
        .source(MemorySource::new().with("s.xsd", text))
        .input("s.xsd")
        .load();
    match loaded {
        Ok(l) => {
            #[allow(clippy::field_reassign_with_default)]
            let opts = {
                let mut o = xsd2rs::plan::PlanOptions::default();
                o.all_globals = true;
                o
            };
            xsd2rs::builder::render(&l.model, &opts, None)
                .map(|s| s.len())
                .unwrap_or(0)
        }
        Err(d) => d.items.len(),
    }
}

/// One shape: name, n, and the operation at a given size (input built outside the timing).
struct Shape {
    name: &'static str,
    n: usize,
    make: fn(usize) -> Box<dyn Fn() -> usize>,
}

fn shapes() -> Vec<Shape> {
    vec![
        Shape {
            name: "attributes on one element",
            n: 2_000,
            make: |n| {
                let d = attributes(n);
                Box::new(move || decode_oof(&d))
            },
        },
        Shape {
            name: "namespaced attributes on one element",
            n: 2_000,
            make: |n| {
                let d = namespaced_attributes(n);
                Box::new(move || decode_oof(&d))
            },
        },
        Shape {
            name: "namespace declarations + header blocks",
            n: 1_000,
            make: |n| {
                let d = namespace_declarations(n);
                Box::new(move || decode_oof_envelope(&d))
            },
        },
        Shape {
            name: "unknown siblings",
            n: 2_000,
            make: |n| {
                let d = siblings(n);
                Box::new(move || decode_oof(&d))
            },
        },
        Shape {
            name: "unknown records on one line",
            n: 1_000,
            make: |n| {
                let d = unknown_one_line(n);
                Box::new(move || decode_oof(&d))
            },
        },
        Shape {
            name: "text size (KiB)",
            n: 100,
            make: |n| {
                let d = text(n);
                Box::new(move || decode_oof(&d))
            },
        },
        Shape {
            name: "schema: unresolved references",
            n: 100,
            make: |n| {
                let s = unresolved_references(n);
                Box::new(move || load_and_generate(&s))
            },
        },
        Shape {
            name: "schema: global elements",
            n: 200,
            make: |n| {
                let s = elements(n);
                Box::new(move || load_and_generate(&s))
            },
        },
        Shape {
            name: "schema: enumeration values",
            n: 1_000,
            make: |n| {
                let s = enumeration(n);
                Box::new(move || load_and_generate(&s))
            },
        },
        Shape {
            name: "writer: elements each in its own namespace",
            n: 1_000,
            make: |n| Box::new(move || write_namespaces(n)),
        },
        Shape {
            name: "schema: enumeration values colliding as identifiers",
            n: 1_000,
            make: |n| {
                let s = colliding_enumeration(n);
                Box::new(move || load_and_generate(&s))
            },
        },
        Shape {
            name: "schema: extension chains of depth 8 (types)",
            n: 80,
            make: |n| {
                let s = extension_chains(n);
                Box::new(move || load_and_generate(&s))
            },
        },
        Shape {
            name: "schema: one extension chain (n·(n+1)/2 fields)",
            n: 6,
            make: |n| {
                let s = extension_chain(n);
                Box::new(move || load_and_generate(&s))
            },
        },
    ]
}

/// The time of one run of `op`: runs it in a batch of at least 100 ms (at least once) and
/// divides.
fn batch_time(op: &dyn Fn() -> usize) -> Duration {
    let start = Instant::now();
    let mut runs = 0u32;
    loop {
        black_box(op());
        runs += 1;
        let elapsed = start.elapsed();
        if elapsed >= Duration::from_millis(100) || runs == u32::MAX {
            return elapsed / runs;
        }
    }
}

fn env_list(name: &str) -> Option<Vec<usize>> {
    let v = std::env::var(name).ok()?;
    let list: Vec<usize> = v.split(',').filter_map(|x| x.trim().parse().ok()).collect();
    (!list.is_empty()).then_some(list)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bench_mode =
        args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--profile-time");
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_secs(1))
        .configure_from_args();
    let only = std::env::var("SCALING_ONLY").unwrap_or_default();
    let shapes: Vec<Shape> = shapes()
        .into_iter()
        .filter(|s| s.name.contains(only.as_str()))
        .collect();
    for s in &shapes {
        let mut group = c.benchmark_group(format!("scaling/{}", s.name));
        let sizes: &[usize] = if bench_mode { &[1, 10] } else { &[1] };
        for &k in sizes {
            let op = (s.make)(s.n * k);
            group.bench_function(format!("n={}", s.n * k), |b| b.iter(|| black_box(op())));
        }
        group.finish();
    }
    c.final_summary();
    if !bench_mode {
        return;
    }
    let factors = env_list("SCALING_SIZES").unwrap_or_else(|| vec![1, 10]);
    let rounds = env_list("SCALING_ROUNDS")
        .and_then(|r| r.first().copied())
        .unwrap_or(5);
    let mut header = String::from("| shape | n |");
    let mut rule = String::from("|---|---|");
    for f in &factors {
        let _ = write!(header, " time at {f}·n |");
        rule.push_str("---|");
    }
    for w in factors.windows(2) {
        let _ = write!(header, " ratio {}·n ÷ {}·n |", w[1], w[0]);
        rule.push_str("---|");
    }
    println!("\n{header}\n{rule}");
    for s in &shapes {
        let ops: Vec<Box<dyn Fn() -> usize>> = factors.iter().map(|f| (s.make)(s.n * f)).collect();
        let mut best = vec![Duration::MAX; ops.len()];
        for _ in 0..rounds {
            for (b, op) in best.iter_mut().zip(&ops) {
                *b = (*b).min(batch_time(&**op));
            }
        }
        let mut line = format!("| {} | {} |", s.name, s.n);
        for b in &best {
            let _ = write!(line, " {b:.2?} |");
        }
        for (w, f) in best.windows(2).zip(factors.windows(2)) {
            let ratio = w[1].as_secs_f64() / w[0].as_secs_f64().max(1e-9);
            let linear = (f[1] as f64) / (f[0] as f64);
            let flag = if ratio > linear * 1.2 { " ⚠" } else { "" };
            let _ = write!(line, " {ratio:.1}{flag} |");
        }
        println!("{line}");
    }
}
