//! Documentation text sanitised for rustdoc.

use proc_macro2::TokenStream;
use quote::quote;

/// Escapes text for rustdoc: brackets and angle brackets escaped, bare URLs wrapped in
/// `<...>`, whitespace normalised to one paragraph per blank-line-separated block (no
/// indentation, so nothing becomes a code block or a doctest).
pub fn sanitize(text: &str) -> String {
    let mut paras: Vec<String> = Vec::new();
    for block in text.split("\n\n") {
        let words: Vec<String> = block.split_whitespace().map(word).collect();
        if !words.is_empty() {
            paras.push(words.join(" "));
        }
    }
    paras.join("\n\n")
}

fn word(w: &str) -> String {
    if w.starts_with("http://") || w.starts_with("https://") {
        let end = w.trim_end_matches(['.', ',', ';', ':', ')']);
        let rest = &w[end.len()..];
        if !end.contains(['<', '>', '[', ']', '`']) {
            return format!("<{end}>{}", escape(rest));
        }
    }
    escape(w)
}

fn escape(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    for c in w.chars() {
        match c {
            '[' | ']' | '<' | '>' | '*' | '_' | '`' | '#' | '|' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A lexical value as an inline code span (escaped text if it holds a backtick).
pub fn code(v: &str) -> String {
    if v.contains('`') || v.contains('\n') {
        sanitize(v)
    } else {
        format!("`{v}`")
    }
}

/// `#[doc = "..."]` attributes for already-safe markdown (one per line).
pub fn attrs(markdown: &str) -> TokenStream {
    let lines = markdown.lines().map(|l| format!(" {l}"));
    quote! { #( #[doc = #lines] )* }
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn escapes() {
        assert_eq!(
            sanitize("See  http://example.com/x. and [a] <b>\n  indented"),
            "See <http://example.com/x>. and \\[a\\] \\<b\\> indented"
        );
        assert_eq!(sanitize("one\n\n\n two"), "one\n\ntwo");
    }
}
