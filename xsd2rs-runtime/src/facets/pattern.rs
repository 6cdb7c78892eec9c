//! XML Schema regular expressions (`xs:pattern`) translated onto the `regex` crate.
//!
//! Differences handled: the whole value must match (implicit anchoring); `^` and `$` are
//! ordinary characters; `.` excludes CR as well as LF; `\s`, `\w`, `\d` have XML Schema's
//! meanings; `\i`, `\c` (and `\I`, `\C`) are the XML name character classes;
//! `\p{IsBlock}` block escapes; character-class subtraction `[a-z-[aeiou]]`.
//!
//! Unicode version: XML Schema 1.0 defines categories by Unicode 3.1. `\d`, `\D`, `\p{Nd}`
//! and `\P{Nd}` use the 3.1 decimal digits ([`digits`](super::digits): the Ethiopic digits
//! U+1369–U+1371 are digits, Tamil zero U+0BE6, added in 4.1, is not), and `\p{No}` leaves
//! those out. The other categories (and `\w`, defined by them) follow the `regex` crate's
//! current Unicode: pinning them to 3.1 would make every character assigned since 2001 a
//! non-letter (`Cn`), so `\w` would refuse it. `\i`, `\c` are XML 1.0's name characters, the
//! block escapes the 3.1 blocks.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::{Arc, Mutex, OnceLock};

use regex::Regex;

use super::blocks::block_ranges;
use super::digits::ND_UNICODE_3_1;
use crate::types::{NAME_CHAR_EXTRA, NAME_START_RANGES};

/// Why a pattern cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatternError {
    /// The pattern is not a valid XML Schema regular expression.
    #[error("invalid XML Schema pattern at character {pos}: {msg}")]
    Syntax {
        /// 0-based character position.
        pos: usize,
        /// What is wrong.
        msg: String,
    },
    /// `\p{..}` names a category or block that is not known.
    #[error("unknown Unicode category or block `{0}`")]
    UnknownProperty(String),
    /// The translation was not accepted by the `regex` crate (e.g. too large).
    #[error("the translated pattern does not compile: {0}")]
    Regex(String),
    /// The pattern is longer than [`MAX_PATTERN_CHARS`] or nests groups and class
    /// subtractions deeper than [`MAX_PATTERN_NESTING`] (its compiled program is bounded by the
    /// `regex` crate's size limits: [`Regex`](PatternError::Regex)).
    #[error("pattern too large: {0}")]
    TooLarge(String),
}

/// Longest accepted pattern, in characters.
pub const MAX_PATTERN_CHARS: usize = 16 * 1024;

/// Deepest accepted nesting of groups and character-class subtractions.
pub const MAX_PATTERN_NESTING: usize = 100;

/// Most heap the compiled program of one pattern may use (the `regex` crate's `size_limit`).
const REGEX_SIZE_LIMIT: usize = 4 << 20;

/// Most heap the lazy DFA of one pattern may use (`dfa_size_limit`).
const REGEX_DFA_SIZE_LIMIT: usize = 2 << 20;

/// XML Schema 1.0 general categories usable in `\p{..}`.
const CATEGORIES: &[&str] = &[
    "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc",
    "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Z", "Zs", "Zl", "Zp", "S", "Sm", "Sc", "Sk", "So", "C",
    "Cc", "Cf", "Co", "Cn",
];

/// One escape: a single character or a set (written so it is valid inside and outside a
/// class).
enum Esc {
    Char(char),
    Set(String),
}

struct Translator {
    chars: Vec<char>,
    pos: usize,
    out: String,
    /// Groups and class subtractions open: recursion is bounded by [`MAX_PATTERN_NESTING`].
    depth: usize,
}

/// Writes a literal character for the `regex` crate.
fn lit(out: &mut String, c: char) {
    if c.is_alphanumeric() {
        out.push(c);
    } else {
        let _ = write!(out, "\\x{{{:X}}}", u32::from(c));
    }
}

fn ranges_class(negated: bool, ranges: impl IntoIterator<Item = (u32, u32)>) -> String {
    let mut s = String::from(if negated { "[^" } else { "[" });
    for (lo, hi) in ranges {
        let _ = write!(s, "\\x{{{lo:X}}}-\\x{{{hi:X}}}");
    }
    s.push(']');
    s
}

fn char_ranges(r: &[(char, char)]) -> impl Iterator<Item = (u32, u32)> + '_ {
    r.iter().map(|&(a, b)| (u32::from(a), u32::from(b)))
}

/// The translation of `\p{name}` (`\P{name}` when `negated`) for a known general category:
/// `Nd` from the Unicode 3.1 table, `No` without those digits, the others the `regex` crate's.
fn category(name: &str, negated: bool) -> String {
    let digits = || ND_UNICODE_3_1.iter().copied();
    match name {
        "Nd" => ranges_class(negated, digits()),
        "No" => {
            let neg = if negated { "^" } else { "" };
            format!("[{neg}[\\p{{No}}--{}]]", ranges_class(false, digits()))
        }
        _ => format!("\\{}{{{name}}}", if negated { 'P' } else { 'p' }),
    }
}

impl Translator {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.pos + n).copied()
    }

    /// Enters a group or subtraction (one recursion level).
    fn enter(&mut self) -> Result<(), PatternError> {
        self.depth += 1;
        if self.depth > MAX_PATTERN_NESTING {
            return Err(PatternError::TooLarge(format!(
                "groups nested deeper than {MAX_PATTERN_NESTING} levels at character {}",
                self.pos
            )));
        }
        Ok(())
    }

    fn err<T>(&self, msg: &str) -> Result<T, PatternError> {
        Err(PatternError::Syntax {
            pos: self.pos,
            msg: msg.to_owned(),
        })
    }

    fn regexp(&mut self) -> Result<(), PatternError> {
        loop {
            self.branch()?;
            if self.peek() == Some('|') {
                self.pos += 1;
                self.out.push('|');
            } else {
                return Ok(());
            }
        }
    }

    fn branch(&mut self) -> Result<(), PatternError> {
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            self.atom()?;
            self.quantifier()?;
        }
        Ok(())
    }

    fn atom(&mut self) -> Result<(), PatternError> {
        let Some(c) = self.peek() else {
            return self.err("expected an atom");
        };
        match c {
            '(' => {
                self.enter()?;
                self.pos += 1;
                self.out.push_str("(?:");
                self.regexp()?;
                if self.peek() != Some(')') {
                    return self.err("missing `)`");
                }
                self.pos += 1;
                self.out.push(')');
                self.depth -= 1;
            }
            '[' => {
                let class = self.class_expr()?;
                self.out.push_str(&class);
            }
            '\\' => match self.escape()? {
                Esc::Char(ch) => lit(&mut self.out, ch),
                Esc::Set(s) => self.out.push_str(&s),
            },
            '.' => {
                self.pos += 1;
                self.out.push_str("[^\\n\\r]");
            }
            '?' | '*' | '+' => return self.err("quantifier without an atom"),
            _ => {
                self.pos += 1;
                lit(&mut self.out, c);
            }
        }
        Ok(())
    }

    fn quantifier(&mut self) -> Result<(), PatternError> {
        match self.peek() {
            Some(c @ ('?' | '*' | '+')) => {
                self.pos += 1;
                self.out.push(c);
            }
            Some('{') => {
                self.pos += 1;
                let min = self.number();
                let max = if self.peek() == Some(',') {
                    self.pos += 1;
                    Some(self.number())
                } else {
                    None
                };
                if self.peek() != Some('}') {
                    return self.err("malformed quantifier");
                }
                self.pos += 1;
                let Some(min) = min else {
                    return self.err("quantifier without a minimum");
                };
                match max {
                    None => {
                        let _ = write!(self.out, "{{{min}}}");
                    }
                    Some(None) => {
                        let _ = write!(self.out, "{{{min},}}");
                    }
                    Some(Some(max)) if max >= min => {
                        let _ = write!(self.out, "{{{min},{max}}}");
                    }
                    Some(Some(_)) => return self.err("quantifier maximum below its minimum"),
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.pos;
        while matches!(self.peek(), Some('0'..='9')) {
            self.pos += 1;
        }
        let s: String = self.chars.get(start..self.pos)?.iter().collect();
        s.parse().ok()
    }

    /// At `\`: a single-character, multi-character or category escape.
    fn escape(&mut self) -> Result<Esc, PatternError> {
        self.pos += 1;
        let Some(c) = self.peek() else {
            return self.err("pattern ends in `\\`");
        };
        self.pos += 1;
        let set = |s: &str| Ok(Esc::Set(s.to_owned()));
        match c {
            'n' => Ok(Esc::Char('\n')),
            'r' => Ok(Esc::Char('\r')),
            't' => Ok(Esc::Char('\t')),
            '\\' | '|' | '.' | '?' | '*' | '+' | '(' | ')' | '{' | '}' | '-' | '[' | ']' | '^'
            | '$' => Ok(Esc::Char(c)),
            's' => set("[\\t\\n\\r\\x20]"),
            'S' => set("[^\\t\\n\\r\\x20]"),
            'd' | 'D' => Ok(Esc::Set(category("Nd", c == 'D'))),
            'w' => set("[^\\p{P}\\p{Z}\\p{C}]"),
            'W' => set("[\\p{P}\\p{Z}\\p{C}]"),
            'i' | 'I' => Ok(Esc::Set(ranges_class(
                c == 'I',
                char_ranges(NAME_START_RANGES),
            ))),
            'c' | 'C' => Ok(Esc::Set(ranges_class(
                c == 'C',
                char_ranges(NAME_START_RANGES).chain(char_ranges(NAME_CHAR_EXTRA)),
            ))),
            'p' | 'P' => self.property(c == 'P'),
            _ => {
                self.pos -= 1;
                self.err("unknown escape")
            }
        }
    }

    /// After `\p` / `\P`: `{Name}`.
    fn property(&mut self, negated: bool) -> Result<Esc, PatternError> {
        if self.peek() != Some('{') {
            return self.err("expected `{` after `\\p`");
        }
        self.pos += 1;
        let start = self.pos;
        while matches!(self.peek(), Some(c) if c != '}') {
            self.pos += 1;
        }
        if self.peek() != Some('}') {
            return self.err("missing `}` in `\\p{..}`");
        }
        let name: String = self
            .chars
            .get(start..self.pos)
            .unwrap_or_default()
            .iter()
            .collect();
        self.pos += 1;
        if let Some(block) = name.strip_prefix("Is") {
            let Some(ranges) = block_ranges(block) else {
                return Err(PatternError::UnknownProperty(name));
            };
            if ranges.is_empty() {
                // a surrogate block: no character is in it
                return Ok(Esc::Set(ranges_class(!negated, [(0, 0x10FFFF)])));
            }
            return Ok(Esc::Set(ranges_class(negated, ranges)));
        }
        if !CATEGORIES.contains(&name.as_str()) {
            return Err(PatternError::UnknownProperty(name));
        }
        Ok(Esc::Set(category(&name, negated)))
    }

    /// At `[`: a character class, possibly with a subtraction; returns its translation.
    fn class_expr(&mut self) -> Result<String, PatternError> {
        self.pos += 1;
        let negated = if self.peek() == Some('^') {
            self.pos += 1;
            true
        } else {
            false
        };
        let mut items = String::new();
        let mut any = false;
        loop {
            let Some(c) = self.peek() else {
                return self.err("unterminated character class");
            };
            match c {
                ']' if any => {
                    self.pos += 1;
                    break;
                }
                ']' => return self.err("empty character class"),
                '-' if any && self.peek_at(1) == Some('[') => {
                    self.enter()?;
                    self.pos += 1;
                    let sub = self.class_expr()?;
                    self.depth -= 1;
                    if self.peek() != Some(']') {
                        return self.err("a subtraction must end its character class");
                    }
                    self.pos += 1;
                    let neg = if negated { "^" } else { "" };
                    return Ok(format!("[[{neg}{items}]--{sub}]"));
                }
                '[' => return self.err("unescaped `[` in a character class"),
                _ => {
                    self.class_item(&mut items)?;
                    any = true;
                }
            }
        }
        Ok(format!("[{}{items}]", if negated { "^" } else { "" }))
    }

    /// One class item: a character, a range `a-z`, or an escape.
    fn class_item(&mut self, items: &mut String) -> Result<(), PatternError> {
        let first = match self.class_char()? {
            Esc::Set(s) => {
                items.push_str(&s);
                return Ok(());
            }
            Esc::Char(c) => c,
        };
        let is_range =
            self.peek() == Some('-') && !matches!(self.peek_at(1), Some(']' | '[') | None);
        if !is_range {
            lit(items, first);
            return Ok(());
        }
        self.pos += 1;
        let last = match self.class_char()? {
            Esc::Char(c) => c,
            Esc::Set(_) => return self.err("a range cannot end in a multi-character escape"),
        };
        if last < first {
            return self.err("range out of order");
        }
        lit(items, first);
        items.push('-');
        lit(items, last);
        Ok(())
    }

    fn class_char(&mut self) -> Result<Esc, PatternError> {
        match self.peek() {
            Some('\\') => self.escape(),
            Some(c) => {
                self.pos += 1;
                Ok(Esc::Char(c))
            }
            None => self.err("unterminated character class"),
        }
    }
}

/// Translates an XML Schema pattern into an anchored `regex` crate pattern.
///
/// Patterns longer than [`MAX_PATTERN_CHARS`] or nested deeper than [`MAX_PATTERN_NESTING`]
/// are refused ([`PatternError::TooLarge`]): the translation recurses once per level.
pub fn translate_pattern(pattern: &str) -> Result<String, PatternError> {
    let len = pattern.chars().count();
    if len > MAX_PATTERN_CHARS {
        return Err(PatternError::TooLarge(format!(
            "{len} characters, more than {MAX_PATTERN_CHARS}"
        )));
    }
    let mut t = Translator {
        chars: pattern.chars().collect(),
        pos: 0,
        out: String::from("\\A(?:"),
        depth: 0,
    };
    t.regexp()?;
    if t.pos < t.chars.len() {
        return t.err("unmatched `)`");
    }
    t.out.push_str(")\\z");
    Ok(t.out)
}

type Cache = Mutex<HashMap<String, Result<Arc<Regex>, PatternError>>>;

/// Translates and compiles a pattern, once per distinct pattern text (cached process-wide).
pub fn compile_pattern(pattern: &str) -> Result<Arc<Regex>, PatternError> {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(hit) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(pattern) {
        return hit.clone();
    }
    let compiled = translate_pattern(pattern).and_then(|rust| {
        regex::RegexBuilder::new(&rust)
            .size_limit(REGEX_SIZE_LIMIT)
            .dfa_size_limit(REGEX_DFA_SIZE_LIMIT)
            .build()
            .map(Arc::new)
            .map_err(|e| PatternError::Regex(e.to_string()))
    });
    cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(pattern.to_owned(), compiled.clone());
    compiled
}

/// Checks that `pattern` (a `pattern` facet's value) is a valid XML Schema regular expression
/// within the size limits, as [`compile_pattern`] will need it: for schema loaders, which report
/// the facet's location. The compiled pattern is cached.
pub fn check_pattern(pattern: &str) -> Result<(), PatternError> {
    compile_pattern(pattern).map(|_| ())
}
