//! Throughput and memory of the generated codec against two baselines, over the same bytes.
//!
//! Documents (built deterministically by `tests::bench_docs`): a ~5 MB
//! GetMessageTrackingReportResponse envelope, a ~2 MB FindMessageTrackingReportResponse
//! envelope and a small GetUserOofSettingsResponse envelope (latency).
//!
//! Contenders per document, all reported in MB/s of the document's size:
//! - `scan`: bare quick-xml `NsReader::read_resolved_event` over every event (the speed limit);
//! - `serde_decode` / `serde_encode`: quick-xml + serde with hand-written structs;
//! - `gen_decode` / `gen_encode`: the generated types of `generated::{mtrk, oof}` on the
//!   `xsd2rs_runtime` codec (body root element decoded from the envelope, encoded back).
//!
//! `cargo bench -p tests` runs criterion, then prints a summary with the goal ratios (generated
//! decode ÷ scan ≥ 0.60, generated encode ÷ scan ≥ 1.0, peak decode memory ÷ size ≤ 3). Under
//! `cargo test --benches` every benchmark runs once and the summary is skipped.

mod alloc;
mod generated_codec;
mod scan;
mod serde_model;

use std::hint::black_box;
use std::time::{Duration, Instant};

use ::generated::{mtrk, oof};
use criterion::{Criterion, Throughput};
use serde::{de::DeserializeOwned, Serialize};
use serde_model::Entries;
use tests::bench_docs;
use xsd2rs_runtime::codec::XmlRoot;

#[global_allocator]
static ALLOC: alloc::Counting = alloc::Counting;

/// One benchmarked operation over one document: returns a number that depends on the work done.
type Op = Box<dyn Fn() -> usize>;

/// One document and its contenders.
struct Doc {
    /// Short name, used as the criterion group.
    name: &'static str,
    /// Size of the envelope in bytes (the throughput unit for every contender).
    len: usize,
    /// `(contender name, operation)`.
    ops: Vec<(&'static str, Op)>,
    /// `(contender name, peak live bytes during one decode)`.
    peaks: Vec<(&'static str, usize)>,
}

/// Builds the serde contenders for `xml`, after checking that serde reads the document and
/// reads back what it writes.
fn serde_ops<B>(
    xml: &'static str,
    entries: usize,
    ops: &mut Vec<(&'static str, Op)>,
    peaks: &mut Vec<(&'static str, usize)>,
) where
    B: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug + Entries + 'static,
{
    let (decoded, peak) = alloc::peak_during(|| serde_model::decode::<B>(xml));
    let decoded = decoded.expect("serde decodes the benchmark document");
    peaks.push(("serde_decode", peak));
    assert_eq!(decoded.body.entries(), entries, "serde read every entry");
    let encoded = serde_model::encode(&decoded, xml.len()).expect("serde encodes");
    let again = serde_model::decode::<B>(&encoded).expect("serde decodes what it wrote");
    assert_eq!(again, decoded, "serde round trip");

    ops.push((
        "serde_decode",
        Box::new(move || match serde_model::decode::<B>(xml) {
            Ok(env) => {
                black_box(env);
                1
            }
            Err(_) => 0,
        }),
    ));
    ops.push((
        "serde_encode",
        Box::new(move || {
            serde_model::encode(&decoded, xml.len())
                .map(|s| black_box(s).len())
                .unwrap_or(0)
        }),
    ));
}

/// Builds the generated-code contenders for `xml` (body root `B`, header block `H`), after
/// checking that the generated decoder reads every entry (`count`) and nothing unknown, and
/// reads back what the encoder writes.
fn generated_ops<B, H>(
    xml: &'static str,
    entries: usize,
    count: fn(&B) -> usize,
    ops: &mut Vec<(&'static str, Op)>,
    peaks: &mut Vec<(&'static str, usize)>,
) where
    B: XmlRoot + PartialEq + std::fmt::Debug + 'static,
    H: XmlRoot + PartialEq + std::fmt::Debug + 'static,
{
    // One decode first: process-wide one-time set-up (e.g. compiling a facet's pattern, cached
    // for the life of the process) is not part of what one message costs.
    drop(generated_codec::decode::<B, H>(xml.as_bytes()));
    let (decoded, peak) = alloc::peak_during(|| generated_codec::decode::<B, H>(xml.as_bytes()));
    let decoded = decoded.expect("the generated code decodes the benchmark document");
    peaks.push(("gen_decode", peak));
    assert_eq!(
        count(&decoded.body),
        entries,
        "generated decode read every entry"
    );
    assert!(decoded.headers.is_some(), "ServerVersionInfo decoded");
    assert!(
        decoded.unknown.is_empty(),
        "unknown content: {:?}",
        decoded.unknown.first()
    );
    let encoded = generated_codec::encode(&decoded).expect("the generated code encodes");
    let again = generated_codec::decode::<B, H>(&encoded).expect("generated decodes what it wrote");
    assert_eq!(again, decoded, "generated round trip");

    ops.push((
        "gen_decode",
        Box::new(
            move || match generated_codec::decode::<B, H>(xml.as_bytes()) {
                Ok(m) => count(&black_box(m).body),
                Err(_) => 0,
            },
        ),
    ));
    ops.push((
        "gen_encode",
        Box::new(move || {
            generated_codec::encode(&decoded)
                .map(|v| black_box(v).len())
                .unwrap_or(0)
        }),
    ));
}

/// Builds the contenders of one document.
fn doc(name: &'static str, xml: String) -> Doc {
    // The documents live for the whole run; leaking them lets the closures borrow them.
    let xml: &'static str = Box::leak(xml.into_boxed_str());
    let mut ops: Vec<(&'static str, Op)> = Vec::new();
    let mut peaks = Vec::new();

    let (events, peak) = alloc::peak_during(|| scan::scan(xml.as_bytes()));
    assert!(events.expect("the document is well-formed") > 0);
    peaks.push(("scan", peak));
    ops.push((
        "scan",
        Box::new(move || scan::scan(xml.as_bytes()).unwrap_or(0)),
    ));

    let entries = |tag: &str| xml.matches(tag).count();
    match name {
        "gmtr_5mb" => {
            let n = entries("<t:RecipientTrackingEvent>");
            generated_ops::<
                mtrk::GetMessageTrackingReportResponseMessageType,
                mtrk::ServerVersionInfo,
            >(
                xml,
                n,
                |b| {
                    b.message_tracking_report.as_ref().map_or(0, |r| {
                        r.recipient_tracking_events.recipient_tracking_event.len()
                    })
                },
                &mut ops,
                &mut peaks,
            );
            serde_ops::<serde_model::GmtrBody>(xml, n, &mut ops, &mut peaks);
        }
        "fmtr_2mb" => {
            let n = entries("<t:MessageTrackingSearchResult>");
            generated_ops::<
                mtrk::FindMessageTrackingReportResponseMessageType,
                mtrk::ServerVersionInfo,
            >(
                xml,
                n,
                |b| {
                    b.message_tracking_search_results
                        .as_ref()
                        .map_or(0, |r| r.message_tracking_search_result.len())
                },
                &mut ops,
                &mut peaks,
            );
            serde_ops::<serde_model::FmtrBody>(xml, n, &mut ops, &mut peaks);
        }
        _ => {
            let n = entries("<t:OofSettings>");
            generated_ops::<oof::GetUserOofSettingsResponse, oof::ServerVersionInfo>(
                xml,
                n,
                |b| usize::from(b.oof_settings.is_some()),
                &mut ops,
                &mut peaks,
            );
            serde_ops::<serde_model::OofBody>(xml, n, &mut ops, &mut peaks);
        }
    }

    Doc {
        name,
        len: xml.len(),
        ops,
        peaks,
    }
}

/// The median of `values` (`NaN` when empty).
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Seconds per run of every contender of `d`, measured round-robin (one batch of each per
/// round, at least 5 rounds, about `budget` in all), so that a change of machine load affects
/// all contenders alike: `rounds[r][i]` is contender `i` in round `r`.
fn interleaved_rounds(d: &Doc, budget: Duration) -> Vec<Vec<f64>> {
    // Small documents are timed in batches so that one sample is well above timer resolution.
    let batch: u32 = if d.len < 100_000 { 200 } else { 1 };
    let mut rounds = Vec::new();
    let start = Instant::now();
    while rounds.len() < 5 || start.elapsed() < budget {
        let round = d
            .ops
            .iter()
            .map(|(_, op)| {
                let t = Instant::now();
                for _ in 0..batch {
                    black_box(op());
                }
                t.elapsed().as_secs_f64() / f64::from(batch)
            })
            .collect();
        rounds.push(round);
    }
    rounds
}

/// The 1-minute load average (Linux), to judge how noisy the figures are.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Prints MB/s of every contender and the goal ratios, from a short interleaved timing of its
/// own (the same operations criterion measured; criterion's report above has the confidence
/// intervals, but times contenders one after the other, so its ratios suffer from load changes).
fn summary(docs: &[Doc]) {
    println!("\n=== codec benchmark summary (MB/s = 10^6 bytes of the envelope per second) ===");
    println!(
        "(medians of interleaved rounds; load average {})",
        load_average()
    );
    for d in docs {
        let budget = Duration::from_millis(if d.len > 100_000 { 3000 } else { 1000 });
        let rounds = interleaved_rounds(d, budget);
        let index = |n: &str| d.ops.iter().position(|(k, _)| *k == n);
        println!("{} ({} bytes, {} rounds):", d.name, d.len, rounds.len());
        for (i, (n, _)) in d.ops.iter().enumerate() {
            let secs = median(rounds.iter().filter_map(|r| r.get(i).copied()).collect());
            println!("  {n:<14} {:>9.1} MB/s", d.len as f64 / secs / 1e6);
        }
        if let Some(scan) = index("scan") {
            for (n, goal) in [
                ("gen_decode", Some(0.60)),
                ("gen_encode", Some(1.0)),
                ("serde_decode", None),
                ("serde_encode", None),
            ] {
                let Some(i) = index(n) else { continue };
                // Per round: scan time / contender time = contender MB/s / scan MB/s.
                let ratio = median(
                    rounds
                        .iter()
                        .filter_map(|r| Some(r.get(scan)? / r.get(i)?))
                        .collect(),
                );
                let goal = goal.map_or(String::new(), |g| format!("  (goal >= {g:.2})"));
                println!("  ratio {n} / scan = {ratio:.2}{goal}");
            }
        }
        for (n, peak) in &d.peaks {
            let goal = if *n == "gen_decode" {
                "  (goal <= 3.0)"
            } else {
                ""
            };
            println!(
                "  peak memory {n:<13} {peak:>10} bytes = {:.2} x size{goal}",
                *peak as f64 / d.len as f64
            );
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // No summary in test mode (`cargo test --benches`) nor when profiling (`--profile-time`).
    let bench_mode =
        args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--profile-time");
    let docs = vec![
        doc(
            "gmtr_5mb",
            bench_docs::get_message_tracking_report_response(bench_docs::GET_REPORT_BYTES),
        ),
        doc(
            "fmtr_2mb",
            bench_docs::find_message_tracking_report_response(bench_docs::FIND_REPORT_BYTES),
        ),
        doc("oof_small", bench_docs::get_user_oof_settings_response()),
    ];

    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    for d in &docs {
        let mut group = c.benchmark_group(d.name);
        group.throughput(Throughput::BytesDecimal(d.len as u64));
        if d.len < 100_000 {
            group.sample_size(50);
        }
        for (name, op) in &d.ops {
            group.bench_function(*name, |b| b.iter(|| black_box(op())));
        }
        group.finish();
    }
    c.final_summary();

    if bench_mode {
        summary(&docs);
    }
}
