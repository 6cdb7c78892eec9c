//! Results: per-test records, the CSV, the summary table and the known-failures list.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};

use crate::suite::Contributor;

/// How far a test got. A group record stops at `Compiled`; an instance goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Nothing passed (the schema did not generate).
    None,
    /// Generated, did not compile.
    Generated,
    /// Compiled, the instance did not decode.
    Compiled,
    /// Decoded, did not encode.
    Decoded,
    /// Encoded, the output is not valid.
    Encoded,
    /// Output valid, it does not say the same as the input.
    Valid,
    /// Says the same.
    Same,
}

impl Stage {
    /// The last stage passed, for the CSV.
    pub fn reached(self) -> &'static str {
        match self {
            Stage::None => "-",
            Stage::Generated => "generated",
            Stage::Compiled => "compiled",
            Stage::Decoded => "decoded",
            Stage::Encoded => "encoded",
            Stage::Valid => "output-valid",
            Stage::Same => "same",
        }
    }

    /// The stage that failed, for the known-failures list.
    pub fn failed(self) -> &'static str {
        match self {
            Stage::None => "generate",
            Stage::Generated => "compile",
            Stage::Compiled => "decode",
            Stage::Decoded => "encode",
            Stage::Encoded => "validate",
            Stage::Valid => "compare",
            Stage::Same => "-",
        }
    }
}

/// One row: a group (instance `None`) or an instance.
#[derive(Debug, Clone)]
pub struct Record {
    /// Contribution.
    pub contributor: Contributor,
    /// Test set name.
    pub set: String,
    /// Group name.
    pub group: String,
    /// Instance name (`None` for the group's schema row).
    pub instance: Option<String>,
    /// Queried or disputed (counted apart).
    pub contested: bool,
    /// How far it got.
    pub stage: Stage,
    /// Why it stopped (empty when it passed).
    pub reason: String,
}

impl Record {
    /// `set/group` or `set/group/instance`.
    pub fn id(&self) -> String {
        match &self.instance {
            Some(i) => format!("{}/{}/{}", self.set, self.group, i),
            None => format!("{}/{}", self.set, self.group),
        }
    }

    /// Whether this row is a failure to list: a group that did not compile, or an instance
    /// of a compiled group that does not say the same (instances of groups that failed
    /// earlier are implied by the group's entry).
    pub fn is_listed_failure(&self) -> bool {
        match self.instance {
            None => self.stage < Stage::Compiled,
            Some(_) => self.stage >= Stage::Compiled && self.stage < Stage::Same,
        }
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// Writes the per-test CSV.
pub fn write_csv(path: &Path, records: &[Record]) -> Result<()> {
    let mut out = String::from("set,test_set,group,instance,contested,stage_reached,reason\n");
    for r in records {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{}",
            r.contributor.name(),
            csv_field(&r.set),
            csv_field(&r.group),
            csv_field(r.instance.as_deref().unwrap_or("")),
            if r.contested { "yes" } else { "" },
            r.stage.reached(),
            csv_field(&r.reason)
        );
    }
    std::fs::write(path, out).with_context(|| format!("writing {}", path.display()))
}

#[derive(Default, Clone, Copy)]
struct Row {
    groups: usize,
    generated: usize,
    compiled: usize,
    instances: usize,
    decoded: usize,
    valid: usize,
    same: usize,
}

impl Row {
    fn add(&mut self, r: &Record) {
        match r.instance {
            None => {
                self.groups += 1;
                self.generated += usize::from(r.stage >= Stage::Generated);
                self.compiled += usize::from(r.stage >= Stage::Compiled);
            }
            Some(_) => {
                self.instances += 1;
                self.decoded += usize::from(r.stage >= Stage::Decoded);
                self.valid += usize::from(r.stage >= Stage::Valid);
                self.same += usize::from(r.stage >= Stage::Same);
            }
        }
    }

    fn line(&self, name: &str) -> String {
        format!(
            "| {name} | {} | {} | {} | {} | {} | {} | {} |",
            self.groups,
            self.generated,
            self.compiled,
            self.instances,
            self.decoded,
            self.valid,
            self.same
        )
    }
}

/// The summary table (Markdown): one row per contribution, the total, and the queried or
/// disputed tests apart.
pub fn summary(records: &[Record]) -> String {
    let mut rows: BTreeMap<Contributor, Row> = BTreeMap::new();
    let mut total = Row::default();
    let mut contested = Row::default();
    for r in records {
        if r.contested {
            contested.add(r);
        } else {
            rows.entry(r.contributor).or_default().add(r);
            total.add(r);
        }
    }
    let mut out = String::from(
        "| set | groups | generated | compiled | instances | decoded (strict) | output valid | says the same |\n|---|---|---|---|---|---|---|---|\n",
    );
    for c in Contributor::ALL {
        if let Some(row) = rows.get(&c) {
            out.push_str(&row.line(c.name()));
            out.push('\n');
        }
    }
    out.push_str(&total.line("**total**"));
    out.push('\n');
    if contested.groups + contested.instances > 0 {
        out.push_str(&contested.line("queried / disputed (apart)"));
        out.push('\n');
    }
    out
}

/// The failure categories: the reason with quoted values, numbers and names blurred, counted.
pub fn categories(records: &[Record]) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for r in records.iter().filter(|r| r.is_listed_failure()) {
        *counts.entry(category(r)).or_default() += 1;
    }
    let mut v: Vec<(String, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

fn category(r: &Record) -> String {
    let mut out = String::new();
    let mut chars = r.reason.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' | '`' => {
                // a quoted value
                for d in chars.by_ref() {
                    if d == c {
                        break;
                    }
                }
                out.push('…');
            }
            '{' => {
                for d in chars.by_ref() {
                    if d == '}' {
                        break;
                    }
                }
            }
            '/' if chars.peek().is_some_and(|n| n.is_alphanumeric()) => {
                while chars
                    .peek()
                    .is_some_and(|n| !n.is_whitespace() && *n != ':' && *n != ',')
                {
                    chars.next();
                }
                out.push_str("/…");
            }
            c if c.is_ascii_digit() => {
                while chars.peek().is_some_and(|n| n.is_ascii_digit()) {
                    chars.next();
                }
                out.push('N');
            }
            c => out.push(c),
        }
    }
    let out: String = out.chars().take(110).collect();
    format!("{}: {out}", r.stage.failed())
}

/// One entry of the known-failures list.
#[derive(Debug, Clone)]
pub struct Known {
    /// The failing stage when it was listed.
    pub stage: String,
    /// Why (measured, or written by hand).
    pub reason: String,
}

const KNOWN_HEADER: &str = "\
# Known failures of the W3C XML Schema conformance run (XSD 1.0 view: Sun, Microsoft, Boeing).
# One per line: test id <TAB> failing stage <TAB> reason (the first error, or a hand-written note
# starting with `note:`).
# A group listed here (set/group) failed to generate or compile; its instances are implied.
# Rewrite with `cargo run -p conformance -- --update-known` (a full run): measured reasons are
# refreshed, `note:` reasons of entries still failing at the same stage are kept. The CI subset
# fails on a test that fails and is not listed, and on a listed test that now passes.
";

/// How a hand-written reason starts (kept by `--update-known` while the test still fails).
const NOTE: &str = "note:";

/// Reads the known-failures list (missing file = empty).
pub fn read_known(path: &Path) -> Result<BTreeMap<String, Known>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    let mut out = BTreeMap::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut parts = line.splitn(3, '\t');
        let id = parts.next().unwrap_or("").to_owned();
        let stage = parts.next().unwrap_or("").to_owned();
        let reason = parts.next().unwrap_or("").to_owned();
        out.insert(id, Known { stage, reason });
    }
    Ok(out)
}

/// Rewrites the list: entries of tests that ran are replaced by this run's failures (keeping
/// a hand-written `note:` reason of an entry still failing at the same stage); entries of
/// tests that did not run are kept.
pub fn update_known(path: &Path, records: &[Record]) -> Result<(usize, usize)> {
    let old = read_known(path)?;
    let ran: BTreeSet<String> = records.iter().map(Record::id).collect();
    let mut new: BTreeMap<String, Known> = old
        .iter()
        .filter(|(id, _)| !ran.contains(*id))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for r in records.iter().filter(|r| r.is_listed_failure()) {
        let id = r.id();
        let stage = r.stage.failed().to_owned();
        let reason = match old.get(&id) {
            Some(k) if k.stage == stage && k.reason.starts_with(NOTE) => k.reason.clone(),
            _ => r.reason.clone(),
        };
        new.insert(id, Known { stage, reason });
    }
    let mut text = String::from(KNOWN_HEADER);
    for (id, k) in &new {
        let _ = writeln!(
            text,
            "{id}\t{}\t{}",
            k.stage,
            k.reason.replace(['\n', '\t'], " ")
        );
    }
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
    Ok((old.len(), new.len()))
}

/// Compares this run with the list: (new failures, listed tests that now pass).
pub fn check_known(
    known: &BTreeMap<String, Known>,
    records: &[Record],
) -> (Vec<String>, Vec<String>) {
    let mut new = Vec::new();
    let mut fixed = Vec::new();
    for r in records {
        let id = r.id();
        let listed = known.contains_key(&id);
        if r.is_listed_failure() && !listed {
            new.push(format!("{id}\t{}\t{}", r.stage.failed(), r.reason));
        }
        let passes = match r.instance {
            None => r.stage >= Stage::Compiled,
            Some(_) => r.stage == Stage::Same,
        };
        if passes && listed {
            fixed.push(id);
        }
    }
    (new, fixed)
}

/// Replaces the README's conformance table (between the markers) with `table`.
pub fn write_readme(readme: &Path, table: &str, note: &str) -> Result<()> {
    const BEGIN: &str = "<!-- conformance-table:begin -->";
    const END: &str = "<!-- conformance-table:end -->";
    let text =
        std::fs::read_to_string(readme).with_context(|| format!("reading {}", readme.display()))?;
    let (Some(b), Some(e)) = (text.find(BEGIN), text.find(END)) else {
        anyhow::bail!("{} has no {BEGIN} … {END} markers", readme.display());
    };
    let mut out = String::new();
    out.push_str(&text[..b + BEGIN.len()]);
    out.push('\n');
    out.push_str(table);
    out.push('\n');
    out.push_str(note);
    out.push('\n');
    out.push_str(&text[e..]);
    std::fs::write(readme, out).with_context(|| format!("writing {}", readme.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(instance: Option<&str>, stage: Stage, reason: &str) -> Record {
        Record {
            contributor: Contributor::Boeing,
            set: "S".into(),
            group: "g".into(),
            instance: instance.map(str::to_owned),
            contested: false,
            stage,
            reason: reason.into(),
        }
    }

    #[test]
    fn known_list_detects_new_and_fixed() {
        let mut known = BTreeMap::new();
        known.insert(
            "S/g/a".to_owned(),
            Known {
                stage: "decode".into(),
                reason: "x".into(),
            },
        );
        let records = vec![
            rec(None, Stage::Compiled, ""),
            rec(Some("a"), Stage::Same, ""),
            rec(Some("b"), Stage::Valid, "text"),
        ];
        let (new, fixed) = check_known(&known, &records);
        assert_eq!(fixed, vec!["S/g/a".to_owned()]);
        assert_eq!(new.len(), 1);
        assert!(new[0].starts_with("S/g/b\tcompare"));
    }

    #[test]
    fn update_refreshes_measured_reasons_and_keeps_notes() {
        let dir = std::env::temp_dir().join(format!("xsd2rs-known-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("known.txt");
        std::fs::write(
            &path,
            "S/g/a\tcompare\told reason\nS/g/b\tcompare\tnote: out of reach\nS/g/c\tdecode\tgone\n",
        )
        .unwrap();
        let records = vec![
            rec(Some("a"), Stage::Valid, "new reason"),
            rec(Some("b"), Stage::Valid, "measured"),
            rec(Some("c"), Stage::Same, ""),
        ];
        update_known(&path, &records).unwrap();
        let known = read_known(&path).unwrap();
        assert_eq!(known["S/g/a"].reason, "new reason");
        assert_eq!(known["S/g/b"].reason, "note: out of reach");
        assert!(!known.contains_key("S/g/c"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn categories_blur_values() {
        let r = rec(
            Some("a"),
            Stage::Compiled,
            "expected xs:float, found \"\" at /a/b[2]",
        );
        assert_eq!(category(&r), "decode: expected xs:float, found … at /…");
    }
}
