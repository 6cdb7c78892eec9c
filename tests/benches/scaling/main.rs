//! Scaling: each hostile shape timed at n and 10·n; the printed ratio should stay near 10
//! (linear). A ratio above ~12 is a regression (issue 9).
//!
//! `cargo bench -p tests --bench scaling` runs criterion over every shape at both sizes, then
//! prints a table: shape, n, time at n, time at 10·n, ratio (each time the minimum of a few
//! runs measured after criterion, interleaved). Under `cargo test --benches` each shape runs
//! once at its small size and no table is printed.
//!
//! Shapes: messages decoded by the generated OOF code and envelopes (attributes on one
//! element, namespaced attributes, namespace declarations with header blocks, unknown
//! siblings, unknown records on one long line, text size, the dispatcher) and schemas loaded
//! and generated (unresolved references with suggestions, global elements, enumeration
//! values, an extension chain).

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

use ::generated::oof;
use criterion::Criterion;
use xsd2rs::load::{Loader, MemorySource};
use xsd2rs_runtime::codec::decode_document;
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

fn decode_oof(xml: &[u8]) -> usize {
    match decode_document::<oof::GetUserOofSettingsRequest>(xml) {
        Ok(d) => d.unknown.len() + d.value.mailbox.address.len(),
        Err(e) => e.to_string().len(),
    }
}

fn decode_oof_envelope(xml: &[u8]) -> usize {
    match decode_envelope::<oof::GetUserOofSettingsRequest, oof::GetUserOofSettingsInputHeaders>(
        xml,
        None,
        &Limits::default(),
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
            name: "schema: extension chain",
            n: 20,
            make: |n| {
                let s = extension_chain(n);
                Box::new(move || load_and_generate(&s))
            },
        },
    ]
}

fn min_time(op: &dyn Fn() -> usize, runs: usize) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(op());
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
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
    let shapes = shapes();
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
    println!("\n| shape | n | time at n | time at 10·n | ratio (linear = 10, goal ≤ 12) |");
    println!("|---|---|---|---|---|");
    for s in &shapes {
        let small = (s.make)(s.n);
        let big = (s.make)(s.n * 10);
        let (mut a, mut b) = (Duration::MAX, Duration::MAX);
        for _ in 0..3 {
            a = a.min(min_time(&*small, 3));
            b = b.min(min_time(&*big, 1));
        }
        let ratio = b.as_secs_f64() / a.as_secs_f64().max(1e-9);
        println!(
            "| {} | {} | {:.2?} | {:.2?} | {:.1}{} |",
            s.name,
            s.n,
            a,
            b,
            ratio,
            if ratio > 12.0 { " ⚠" } else { "" }
        );
    }
}
