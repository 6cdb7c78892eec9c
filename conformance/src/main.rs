//! `xsd2rs-conformance`: the W3C XML Schema test suite (XSD 1.0 view; Sun, Microsoft, Boeing)
//! through xsd2rs. For every group whose schema the suite expects valid: generate the schema
//! in-process (every global planned), compile the modules in chunks; for every instance it
//! expects valid: decode it strictly with the type of its root element, encode it, validate the
//! output (xmllint for one schema document, Python xmlschema otherwise), and check that the
//! output says the same as the input ([`compare`], with typed values settled by `oracle.py`).
//!
//! Outputs under `target/conformance/`: `results.csv` (one row per group and per instance),
//! `summary.md`; with `--update-known` the committed `conformance/known-failures.txt`; with
//! `--write-readme` README's conformance table. `--check` (CI) fails on a new failure and on a
//! listed failure that now passes.

mod chunk;
mod compare;
mod generate;
mod report;
mod suite;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::Parser;

use crate::chunk::{Builder, Job, RunResult, Unit};
use crate::compare::Comparison;
use crate::report::{Record, Stage};
use crate::suite::{Contributor, Group};

/// Runs the W3C XML Schema test suite (XSD 1.0: Sun, Microsoft, Boeing) through xsd2rs.
#[derive(Parser, Debug)]
#[command(name = "xsd2rs-conformance")]
struct Args {
    /// The suite archive.
    #[arg(
        long,
        default_value = "../shared/conformance/w3c-xsdtests-sun-ms-boeing.tar.xz"
    )]
    archive: PathBuf,
    /// Build directory (the suite unpacks into DIR/xsdtests, results go to DIR/conformance).
    #[arg(long, default_value = "target")]
    target: PathBuf,
    /// CI subset: Boeing plus every Nth group of Sun and of Microsoft.
    #[arg(long, value_name = "N")]
    subset: Option<usize>,
    /// Only groups whose id (`set/group`) contains this text (for investigating).
    #[arg(long)]
    only: Option<String>,
    /// Modules per generated crate.
    #[arg(long, default_value_t = 300)]
    chunk_size: usize,
    /// The known-failures list.
    #[arg(long, default_value = "conformance/known-failures.txt")]
    known: PathBuf,
    /// Fail on a failure not in the list and on a listed failure that now passes.
    #[arg(long)]
    check: bool,
    /// Rewrite the known-failures list from this run.
    #[arg(long)]
    update_known: bool,
    /// Write the summary table into README.md (full runs).
    #[arg(long)]
    write_readme: bool,
}

fn main() -> Result<()> {
    let args = Args::parse();
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .context("workspace root")?
        .to_path_buf();
    std::env::set_current_dir(&workspace)?;
    let started = Instant::now();
    let target = absolute(&args.target)?;
    let suite_dir = unpack(&absolute(&args.archive)?, &target.join("xsdtests"))?;
    let out_dir = target.join("conformance");
    std::fs::create_dir_all(&out_dir)?;

    let mut groups = suite::read(&suite_dir)?;
    if let Some(n) = args.subset {
        let n = n.max(1);
        groups.retain(|g| g.contributor == Contributor::Boeing || g.ordinal % n == 0);
    }
    if let Some(only) = &args.only {
        groups.retain(|g| g.id().contains(only.as_str()));
    }
    let instances: usize = groups.iter().map(|g| g.instances.len()).sum();
    eprintln!(
        "conformance: {} groups, {} instances expected valid",
        groups.len(),
        instances
    );

    let records = run(&args, &workspace, &suite_dir, &out_dir, &groups)?;
    let root_prefix = format!("{}/", suite_dir.display());
    let records: Vec<Record> = records
        .into_iter()
        .map(|mut r| {
            r.reason = r.reason.replace(&root_prefix, "");
            r
        })
        .collect();

    report::write_csv(&out_dir.join("results.csv"), &records)?;
    let table = report::summary(&records);
    std::fs::write(out_dir.join("summary.md"), &table)?;
    println!("{table}");
    println!("top failure categories:");
    for (cat, n) in report::categories(&records).iter().take(25) {
        println!("{n:6}  {cat}");
    }
    println!(
        "results: {} ({:.0?})",
        out_dir.join("results.csv").display(),
        started.elapsed()
    );

    if args.write_readme && args.only.is_some() {
        eprintln!("--only: README's table is left as it is (it shows whole runs)");
    } else if args.write_readme {
        let scope = match args.subset {
            Some(n) => format!("the CI subset (Boeing and every {n}th group of Sun and Microsoft)"),
            None => "the full run".to_owned(),
        };
        let commit = Command::new("git")
            .args(["rev-parse", "--short", "HEAD"])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| format!(" at commit {}", String::from_utf8_lossy(&o.stdout).trim()))
            .unwrap_or_default();
        let note = format!(
            "\nMeasured on {scope}{commit}; queried or disputed tests are counted apart. Rerun with `just conformance`."
        );
        report::write_readme(&workspace.join("README.md"), table.trim_end(), &note)?;
    }
    if args.update_known {
        let (before, after) = report::update_known(&args.known, &records)?;
        println!("{}: {before} → {after} entries", args.known.display());
    }
    if args.check {
        let known = report::read_known(&args.known)?;
        let (new, fixed) = report::check_known(&known, &records);
        for n in &new {
            println!("NEW FAILURE: {n}");
        }
        for f in &fixed {
            println!("NOW PASSES (remove it from {}): {f}", args.known.display());
        }
        if !new.is_empty() || !fixed.is_empty() {
            bail!(
                "{} new failures, {} listed failures now pass (update with --update-known after a full run)",
                new.len(),
                fixed.len()
            );
        }
        println!("conformance check: every failure is listed, every listed test still fails");
    }
    Ok(())
}

fn absolute(p: &Path) -> Result<PathBuf> {
    Ok(if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()?.join(p)
    })
}

/// Unpacks the archive into `dir` unless the same archive already was (idempotent).
fn unpack(archive: &Path, dir: &Path) -> Result<PathBuf> {
    let meta = std::fs::metadata(archive)
        .with_context(|| format!("the suite archive {} is missing", archive.display()))?;
    let stamp_text = format!("{} {}\n", archive.display(), meta.len());
    let stamp = dir.join(".unpacked");
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(stamp_text.as_str()) {
        return Ok(dir.to_path_buf());
    }
    if dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("clearing {}", dir.display()))?;
    }
    std::fs::create_dir_all(dir)?;
    eprintln!("unpacking {} into {}", archive.display(), dir.display());
    let status = Command::new("tar")
        .arg("-xJf")
        .arg(archive)
        .arg("-C")
        .arg(dir)
        .status()
        .context("running tar")?;
    if !status.success() {
        bail!("tar -xJf {} failed ({status})", archive.display());
    }
    std::fs::write(&stamp, stamp_text)?;
    Ok(dir.to_path_buf())
}

/// A file-name-safe version of an id part.
fn safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// An instance waiting for the validator / oracle.
struct Pending {
    record: usize,
    group: usize,
    input: PathBuf,
    output: PathBuf,
}

fn run(
    args: &Args,
    workspace: &Path,
    suite_dir: &Path,
    out_dir: &Path,
    groups: &[Group],
) -> Result<Vec<Record>> {
    let _ = suite_dir;
    let mut log = std::fs::File::create(out_dir.join("run.log"))?;
    let mut records: Vec<Record> = Vec::new();
    // group index → record index of its schema row
    let mut group_record = Vec::with_capacity(groups.len());

    // 1. Generate (one module per distinct schema document list).
    generate::install_panic_hook();
    let t = Instant::now();
    let mut module_of: BTreeMap<Vec<PathBuf>, (usize, Result<generate::Module, String>)> =
        BTreeMap::new();
    let mut group_module: Vec<usize> = Vec::with_capacity(groups.len());
    for g in groups {
        let next = module_of.len();
        let (index, result) = module_of
            .entry(g.schemas.clone())
            .or_insert_with(|| (next, generate::generate(&g.schemas)));
        group_module.push(*index);
        let (stage, reason) = match result {
            Ok(_) => (Stage::Generated, String::new()),
            Err(e) => (Stage::None, e.clone()),
        };
        group_record.push(records.len());
        records.push(Record {
            contributor: g.contributor,
            set: g.set.clone(),
            group: g.name.clone(),
            instance: None,
            contested: g.contested,
            stage,
            reason,
        });
    }
    let _ = std::panic::take_hook();
    eprintln!(
        "generated {} distinct schemas in {:.0?}",
        module_of.len(),
        t.elapsed()
    );

    // 2. Compile in chunks, then run the instances of each chunk.
    let mut units: Vec<Unit> = Vec::new();
    let mut by_index: Vec<(usize, Option<String>)> = Vec::new();
    for (index, result) in module_of.values() {
        by_index.push((*index, result.as_ref().err().cloned()));
        if let Ok(m) = result {
            units.push(Unit {
                index: *index,
                code: m.code.clone(),
                dispatch: m.dispatch.clone(),
            });
        }
    }
    units.sort_by_key(|u| u.index);
    let builder = Builder {
        crates_dir: out_dir.join("crates"),
        target_dir: out_dir.join("cargo-target"),
        workspace: workspace.to_path_buf(),
    };
    let mut compile_error: BTreeMap<usize, String> = BTreeMap::new();
    let mut pending: Vec<Pending> = Vec::new();
    let outputs = out_dir.join("out");
    let chunks: Vec<&[Unit]> = units.chunks(args.chunk_size.max(1)).collect();
    for (number, chunk_units) in chunks.iter().enumerate() {
        let t = Instant::now();
        let built = builder.build(number, chunk_units, &mut log)?;
        compile_error.extend(built.failed.clone());
        let in_chunk: std::collections::BTreeSet<usize> =
            chunk_units.iter().map(|u| u.index).collect();
        // groups of this chunk
        let mut jobs = Vec::new();
        let mut job_meta = Vec::new();
        for (gi, g) in groups.iter().enumerate() {
            let m = group_module[gi];
            if !in_chunk.contains(&m) {
                continue;
            }
            let rec = group_record[gi];
            if let Some(e) = built.failed.get(&m) {
                records[rec].reason = e.clone();
                continue;
            }
            records[rec].stage = Stage::Compiled;
            for inst in &g.instances {
                let output = outputs
                    .join(safe(&g.set))
                    .join(safe(&g.name))
                    .join(format!("{}.xml", safe(&inst.name)));
                if let Some(parent) = output.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                let _ = std::fs::remove_file(&output);
                let r = records.len();
                records.push(Record {
                    contributor: g.contributor,
                    set: g.set.clone(),
                    group: g.name.clone(),
                    instance: Some(inst.name.clone()),
                    contested: g.contested || inst.contested,
                    stage: Stage::Compiled,
                    reason: String::new(),
                });
                jobs.push(Job {
                    module: m,
                    input: inst.path.clone(),
                    output: output.clone(),
                });
                job_meta.push(Pending {
                    record: r,
                    group: gi,
                    input: inst.path.clone(),
                    output,
                });
            }
        }
        let results = match &built.binary {
            Some(bin) if !jobs.is_empty() => chunk::run_jobs(bin, &jobs)?,
            _ => Vec::new(),
        };
        for (meta, result) in job_meta.into_iter().zip(results) {
            let rec = &mut records[meta.record];
            match result {
                RunResult::Ok => {
                    rec.stage = Stage::Encoded;
                    pending.push(meta);
                }
                RunResult::Decode(e) => rec.reason = e,
                RunResult::NoRoot(e) => rec.reason = e,
                RunResult::Encode(e) => {
                    rec.stage = Stage::Decoded;
                    rec.reason = e;
                }
                RunResult::Panic(e) => rec.reason = format!("panic: {e}"),
                RunResult::Crash(e) => rec.reason = format!("crash: {e}"),
            }
        }
        writeln!(
            log,
            "chunk {number:03}: {} modules, {} failed to compile, {:.0?}",
            chunk_units.len(),
            built.failed.len(),
            t.elapsed()
        )?;
        eprintln!(
            "chunk {}/{}: {} modules, {} did not compile, {:.0?}",
            number + 1,
            chunks.len(),
            chunk_units.len(),
            built.failed.len(),
            t.elapsed()
        );
    }
    // Instances of groups whose schema did not generate or compile: rows at the group's
    // stage (counted, not listed separately: the group's entry says why).
    let _ = by_index;
    for (gi, g) in groups.iter().enumerate() {
        let group_row = records[group_record[gi]].clone();
        if group_row.stage >= Stage::Compiled {
            continue;
        }
        for inst in &g.instances {
            records.push(Record {
                instance: Some(inst.name.clone()),
                contested: g.contested || inst.contested,
                reason: format!("schema: {}", group_row.reason),
                ..group_row.clone()
            });
        }
    }

    // 3. Validate outputs: xmllint for a single schema document, xmlschema otherwise.
    let t = Instant::now();
    let mut oracle_requests: Vec<serde_json::Value> = Vec::new();
    let mut oracle_kind: Vec<(usize, bool)> = Vec::new(); // (pending index, is validate)
    let mut validated: Vec<Option<bool>> = vec![None; pending.len()];
    for (pi, p) in pending.iter().enumerate() {
        let g = &groups[p.group];
        if g.schemas.len() == 1 {
            match xmllint(&g.schemas[0], &p.output)? {
                Lint::Valid => validated[pi] = Some(true),
                Lint::Invalid(why) => {
                    // xmllint may disagree with the suite: ask xmlschema when xmllint
                    // rejects the input too.
                    match xmllint(&g.schemas[0], &p.input)? {
                        Lint::Valid => {
                            validated[pi] = Some(false);
                            records[p.record].reason = format!("output invalid (xmllint): {why}");
                        }
                        _ => {
                            oracle_kind.push((pi, true));
                            oracle_requests.push(validate_request(
                                oracle_requests.len(),
                                g,
                                &p.output,
                                &p.input,
                            ));
                        }
                    }
                }
                Lint::SchemaError => {
                    oracle_kind.push((pi, true));
                    oracle_requests.push(validate_request(
                        oracle_requests.len(),
                        g,
                        &p.output,
                        &p.input,
                    ));
                }
            }
        } else {
            oracle_kind.push((pi, true));
            oracle_requests.push(validate_request(
                oracle_requests.len(),
                g,
                &p.output,
                &p.input,
            ));
        }
    }
    let answers = oracle(out_dir, workspace, &oracle_requests)?;
    for ((pi, _), (ok, reason)) in oracle_kind.iter().zip(answers) {
        validated[*pi] = Some(ok);
        if !ok {
            records[pending[*pi].record].reason = format!("output invalid ({reason})");
        }
    }
    eprintln!("validated {} outputs in {:.0?}", pending.len(), t.elapsed());

    // 4. Says the same: structure here, typed values by the oracle.
    let t = Instant::now();
    let mut requests = Vec::new();
    let mut waiting = Vec::new();
    for (pi, p) in pending.iter().enumerate() {
        if validated[pi] != Some(true) {
            continue;
        }
        let rec = &mut records[p.record];
        rec.stage = Stage::Valid;
        let input = read_text(&p.input);
        let output = read_text(&p.output);
        match compare::compare(&input, &output) {
            Comparison::Same => rec.stage = Stage::Same,
            Comparison::Different(why) => rec.reason = why,
            Comparison::Values(diffs) => {
                rec.reason = compare::describe(&diffs);
                let g = &groups[p.group];
                let diffs: Vec<serde_json::Value> = diffs
                    .iter()
                    .map(|d| {
                        serde_json::json!({
                            "path": d.path, "attr": d.attr, "input": d.input,
                            "output": d.output, "location": d.location,
                        })
                    })
                    .collect();
                requests.push(serde_json::json!({
                    "id": requests.len(), "op": "compare",
                    "schemas": g.schemas, "input": p.input, "output": p.output,
                    "diffs": diffs,
                }));
                waiting.push(p.record);
            }
        }
    }
    let answers = oracle(out_dir, workspace, &requests)?;
    for (r, (ok, reason)) in waiting.into_iter().zip(answers) {
        if ok {
            records[r].stage = Stage::Same;
            records[r].reason.clear();
        } else {
            records[r].reason = reason;
        }
    }
    eprintln!("compared in {:.0?}", t.elapsed());
    Ok(records)
}

fn read_text(p: &Path) -> String {
    std::fs::read(p)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

/// Is `doc` (an output) valid against the schema of `g`, which `instance` (the suite's input)
/// may complete with xsi:schemaLocation hints?
fn validate_request(id: usize, g: &Group, doc: &Path, instance: &Path) -> serde_json::Value {
    serde_json::json!({
        "id": id, "op": "validate", "schemas": g.schemas, "doc": doc, "instance": instance,
    })
}

/// How long xmllint may take for one document.
const XMLLINT_LIMIT: std::time::Duration = std::time::Duration::from_secs(20);

enum Lint {
    Valid,
    Invalid(String),
    SchemaError,
}

fn xmllint(schema: &Path, doc: &Path) -> Result<Lint> {
    let mut child = Command::new("xmllint")
        .arg("--noout")
        .arg("--nonet")
        .arg("--schema")
        .arg(schema)
        .arg(doc)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .context("running xmllint (install it with scripts/install-test-deps.sh)")?;
    // libxml2 builds an automaton per content model; large occurrence bounds make it explode.
    // Past the limit, xmllint cannot answer: xmlschema is asked instead.
    let deadline = Instant::now() + XMLLINT_LIMIT;
    while child.try_wait()?.is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(Lint::SchemaError);
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let out = child.wait_with_output()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let first = stderr
        .lines()
        .find(|l| !l.trim().is_empty() && !l.ends_with(" validates"))
        .unwrap_or("")
        .to_owned();
    let first = match first.split_once(": ") {
        // drop the file name xmllint starts with
        Some((file, rest)) if file.ends_with(".xml") || file.contains(".xml:") => rest.to_owned(),
        _ => first,
    };
    Ok(match out.status.code() {
        Some(0) => Lint::Valid,
        Some(3) => Lint::Invalid(first),
        _ => Lint::SchemaError,
    })
}

/// Runs `oracle.py` over `requests` (one process); one `(ok, reason)` per request.
fn oracle(
    out_dir: &Path,
    workspace: &Path,
    requests: &[serde_json::Value],
) -> Result<Vec<(bool, String)>> {
    if requests.is_empty() {
        return Ok(Vec::new());
    }
    let file = out_dir.join("oracle-requests.jsonl");
    let mut text = String::new();
    for r in requests {
        text.push_str(&r.to_string());
        text.push('\n');
    }
    std::fs::write(&file, text)?;
    let out = Command::new("python3")
        .arg(workspace.join("conformance/oracle.py"))
        .arg(&file)
        .output()
        .context("running python3 conformance/oracle.py")?;
    if !out.status.success() {
        bail!(
            "oracle.py failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or("")
        );
    }
    let mut answers: BTreeMap<u64, (bool, String)> = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).context("oracle answer")?;
        answers.insert(
            v["id"].as_u64().unwrap_or(u64::MAX),
            (
                v["ok"].as_bool().unwrap_or(false),
                v["reason"].as_str().unwrap_or("").to_owned(),
            ),
        );
    }
    (0..requests.len() as u64)
        .map(|i| {
            answers
                .remove(&i)
                .with_context(|| format!("oracle gave no answer to request {i}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/oracle")
            .join(name)
    }

    /// The oracle's answer to each value difference between `input.xml` and `doc`, by location.
    fn judge(doc: &str) -> Vec<(String, bool)> {
        let (input, output) = (fixture("input.xml"), fixture(doc));
        let Comparison::Values(diffs) = compare::compare(&read_text(&input), &read_text(&output))
        else {
            panic!("{doc}: expected value differences only");
        };
        let requests: Vec<serde_json::Value> = diffs
            .iter()
            .enumerate()
            .map(|(i, d)| {
                serde_json::json!({
                    "id": i, "op": "compare", "schemas": [fixture("values.xsd")],
                    "input": input, "output": output,
                    "diffs": [{"path": d.path, "attr": d.attr, "input": d.input,
                               "output": d.output, "location": d.location}],
                })
            })
            .collect();
        let dir = std::env::temp_dir().join(format!("xsd2rs-oracle-{}-{doc}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        let answers = oracle(&dir, &workspace, &requests).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        diffs
            .iter()
            .zip(answers)
            .map(|(d, (ok, _))| (d.location.clone(), ok))
            .collect()
    }

    #[test]
    fn oracle_accepts_another_lexical_form_of_the_same_value() {
        let verdicts = judge("same.xml");
        let locations: Vec<&str> = verdicts.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(
            locations,
            [
                "/r/@int",
                "/r/decimal[1]",
                "/r/boolean[2]",
                "/r/hex[3]",
                "/r/base64[4]",
                "/r/qname[5]",
                "/r/token[6]",
                "/r/list[8]",
                "/r/defaulted[9]",
                "/r/blank[10]",
            ]
        );
        for (location, ok) in verdicts {
            assert!(ok, "{location}: the same value, judged different");
        }
    }

    #[test]
    fn oracle_rejects_other_values_and_untyped_changes() {
        for (location, ok) in judge("other.xml") {
            // xs:token collapses whitespace: "a  b" is the value "a b".
            let expected = location == "/r/token[6]";
            assert_eq!(ok, expected, "{location}");
        }
    }
}
