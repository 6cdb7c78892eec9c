//! Text dump of the resolved model: deterministic, readable, diff-friendly
//! (`xsd2rs dump`, and the insta snapshots of the project's schemas).
//!
//! Layout: counts; files; prefixes; named types (sorted by name) then anonymous types
//! (by id); global elements; global attributes; substitution groups; then per WSDL
//! document its messages, port types, bindings (operations with soapAction, style,
//! body parts with their elements, header parts, faults) and services.

use std::fmt::Write;

use crate::model::{
    AttributeUse, AttributeUseKind, Binding, BindingIo, Builtin, ComplexType, Compositor, Content,
    DerivationMethod, ElementDecl, Facets, MaxOccurs, Message, Model, PartContent, Particle,
    ProcessContents, QName, RpcBody, SimpleType, SoapStyle, SoapUse, SoapVersion, SourceKind, Term,
    TypeDef, TypeKind, TypeOrigin, TypeRef, Wildcard, WsdlDefinitions, XS_NS,
};

/// Summary counts of a model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// All types in the arena.
    pub types: usize,
    /// Named types.
    pub named_types: usize,
    /// Anonymous types.
    pub anonymous_types: usize,
    /// Global elements.
    pub elements: usize,
    /// Global attributes (the built-in `xml:` ones included).
    pub attributes: usize,
    /// WSDL messages.
    pub messages: usize,
    /// Port-type operations.
    pub operations: usize,
    /// Binding operations.
    pub binding_operations: usize,
}

impl Counts {
    /// Counts a model.
    pub fn of(model: &Model) -> Counts {
        let named = model.types.iter().filter(|t| t.name.is_some()).count();
        Counts {
            types: model.types.len(),
            named_types: named,
            anonymous_types: model.types.len() - named,
            elements: model.elements.len(),
            attributes: model.attributes.len(),
            messages: model.wsdl.iter().map(|d| d.messages.len()).sum(),
            operations: model
                .wsdl
                .iter()
                .flat_map(|d| d.port_types.values())
                .map(|p| p.operations.len())
                .sum(),
            binding_operations: model
                .wsdl
                .iter()
                .flat_map(|d| d.bindings.values())
                .map(|b| b.operations.len())
                .sum(),
        }
    }
}

/// Renders the whole model as text.
pub fn dump(model: &Model) -> String {
    let mut d = Dumper {
        model,
        out: String::new(),
    };
    d.all();
    d.out
}

struct Dumper<'m> {
    model: &'m Model,
    out: String,
}

impl<'m> Dumper<'m> {
    fn line(&mut self, indent: usize, text: impl AsRef<str>) {
        for _ in 0..indent {
            self.out.push_str("  ");
        }
        self.out.push_str(text.as_ref());
        self.out.push('\n');
    }

    fn all(&mut self) {
        let c = Counts::of(self.model);
        self.line(
            0,
            format!(
                "counts: {} types ({} named, {} anonymous), {} elements, {} attributes, {} messages, {} operations ({} bound)",
                c.types, c.named_types, c.anonymous_types, c.elements, c.attributes, c.messages, c.operations, c.binding_operations
            ),
        );
        self.line(0, "files:");
        for f in &self.model.files {
            let kind = match f.kind {
                SourceKind::Wsdl => "wsdl",
                SourceKind::Schema => "xsd",
            };
            self.line(1, format!("{} ({kind})", f.path));
        }
        self.line(0, "prefixes:");
        for (ns, p) in &self.model.prefixes {
            self.line(1, format!("{p} = {ns}"));
        }
        self.line(0, "types:");
        let mut named: Vec<&TypeDef> = self
            .model
            .types
            .iter()
            .filter(|t| t.name.is_some())
            .collect();
        named.sort_by(|a, b| a.name.cmp(&b.name));
        for t in named {
            self.type_def(t);
        }
        for t in self.model.types.iter().filter(|t| t.name.is_none()) {
            self.type_def(t);
        }
        self.line(0, "elements:");
        for e in self.model.elements.values() {
            let s = self.element(e);
            self.line(1, s);
        }
        self.line(0, "attributes:");
        for a in self.model.attributes.values() {
            let mut s = format!("{}: {}", self.q(&a.name), self.t(&a.type_ref));
            push_value(&mut s, "default", &a.default);
            push_value(&mut s, "fixed", &a.fixed);
            self.line(1, s);
        }
        self.line(0, "substitution groups:");
        for (head, members) in &self.model.substitution_groups {
            let m: Vec<String> = members.iter().map(|m| self.q(m)).collect();
            self.line(1, format!("{}: {}", self.q(head), m.join(", ")));
        }
        for w in &self.model.wsdl {
            self.wsdl(w);
        }
    }

    /// A qualified name with the model's preferred prefix.
    fn q(&self, name: &QName) -> String {
        if name.ns.is_empty() {
            return name.local.clone();
        }
        if name.ns == XS_NS {
            return format!("xs:{}", name.local);
        }
        if name.ns == crate::model::XML_NS {
            return format!("xml:{}", name.local);
        }
        match self.model.prefixes.get(&name.ns) {
            Some(p) => format!("{p}:{}", name.local),
            None => name.to_string(),
        }
    }

    /// A type reference.
    fn t(&self, t: &TypeRef) -> String {
        match t {
            TypeRef::Builtin(b) => builtin(*b),
            TypeRef::Defined(id) => match self.model.types.get(id.0) {
                Some(TypeDef { name: Some(n), .. }) => self.q(n),
                Some(_) => format!("#{}", id.0),
                None => format!("#{}?", id.0),
            },
        }
    }

    fn type_def(&mut self, t: &TypeDef) {
        let head = match &t.name {
            Some(n) => self.q(n),
            None => format!("#{} {}", t.id.0, origin(&t.origin)),
        };
        match &t.kind {
            TypeKind::Simple(s) => {
                self.line(1, format!("simpleType {head}"));
                self.simple(2, s);
            }
            TypeKind::Complex(c) => {
                let mut flags = String::new();
                if c.is_abstract {
                    flags.push_str(" abstract");
                }
                if c.mixed {
                    flags.push_str(" mixed");
                }
                self.line(1, format!("complexType {head}{flags}"));
                self.complex(2, c);
            }
        }
        if let Some(doc) = &t.doc {
            self.line(2, format!("doc: {}", short(doc)));
        }
    }

    fn simple(&mut self, indent: usize, s: &SimpleType) {
        match s {
            SimpleType::Restriction { base, facets } => {
                self.line(indent, format!("restriction of {}", self.t(base)));
                self.facets(indent + 1, facets);
            }
            SimpleType::List { item, facets } => {
                self.line(indent, format!("list of {}", self.t(item)));
                self.facets(indent + 1, facets);
            }
            SimpleType::Union { members } => {
                let m: Vec<String> = members.iter().map(|m| self.t(m)).collect();
                self.line(indent, format!("union of {}", m.join(" | ")));
            }
        }
    }

    fn facets(&mut self, indent: usize, f: &Facets) {
        if !f.enumeration.is_empty() {
            self.line(indent, format!("enumeration ({}):", f.enumeration.len()));
            // Wrapped at about 100 columns so long enumerations stay readable.
            let mut line = String::new();
            for e in &f.enumeration {
                if !line.is_empty() && line.len() + e.value.len() > 96 {
                    self.line(indent + 1, std::mem::take(&mut line));
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(&e.value);
            }
            if !line.is_empty() {
                self.line(indent + 1, line);
            }
        }
        for p in &f.patterns {
            self.line(indent, format!("pattern: {p}"));
        }
        let nums = [
            ("length", f.length),
            ("minLength", f.min_length),
            ("maxLength", f.max_length),
            ("totalDigits", f.total_digits.map(u64::from)),
            ("fractionDigits", f.fraction_digits.map(u64::from)),
        ];
        for (name, v) in nums {
            if let Some(v) = v {
                self.line(indent, format!("{name}: {v}"));
            }
        }
        let lex = [
            ("minInclusive", &f.min_inclusive),
            ("maxInclusive", &f.max_inclusive),
            ("minExclusive", &f.min_exclusive),
            ("maxExclusive", &f.max_exclusive),
        ];
        for (name, v) in lex {
            if let Some(v) = v {
                self.line(indent, format!("{name}: {v}"));
            }
        }
        if let Some(ws) = f.white_space {
            self.line(indent, format!("whiteSpace: {ws:?}"));
        }
    }

    fn complex(&mut self, indent: usize, c: &ComplexType) {
        if let Some(d) = &c.derivation {
            let m = match d.method {
                DerivationMethod::Extension => "extension",
                DerivationMethod::Restriction => "restriction",
            };
            self.line(indent, format!("{m} of {}", self.t(&d.base)));
        }
        match &c.content {
            Content::Empty => {}
            Content::Simple { value_type, facets } => {
                self.line(indent, format!("simple content: {}", self.t(value_type)));
                self.facets(indent + 1, facets);
            }
            Content::Elements(p) => self.particle(indent, p),
        }
        for a in &c.attributes {
            let s = self.attribute(a);
            self.line(indent, s);
        }
        if let Some(w) = &c.any_attribute {
            self.line(indent, format!("anyAttribute {}", wildcard(w)));
        }
    }

    fn particle(&mut self, indent: usize, p: &Particle) {
        let occurs = occurs(p.min_occurs, p.max_occurs);
        match &p.term {
            Term::Element(e) => {
                let s = self.element(e);
                self.line(indent, format!("{s}{occurs}"));
            }
            Term::Any(w) => self.line(indent, format!("any {}{occurs}", wildcard(w))),
            Term::Group(g) => {
                let c = match g.compositor {
                    Compositor::Sequence => "sequence",
                    Compositor::Choice => "choice",
                    Compositor::All => "all",
                };
                let from = match &g.group_name {
                    Some(n) => format!(" (group {})", self.q(n)),
                    None => String::new(),
                };
                self.line(indent, format!("{c}{occurs}{from}"));
                for child in &g.particles {
                    self.particle(indent + 1, child);
                }
            }
        }
    }

    fn element(&self, e: &ElementDecl) -> String {
        let mut s = format!("element {}: {}", self.q(&e.name), self.t(&e.type_ref));
        if e.scope == crate::model::ElementScope::Ref {
            s.push_str(" (ref)");
        }
        if e.nillable {
            s.push_str(" nillable");
        }
        if e.is_abstract {
            s.push_str(" abstract");
        }
        if let Some(h) = &e.substitution_group {
            let _ = write!(s, " substitutes {}", self.q(h));
        }
        push_value(&mut s, "default", &e.default);
        push_value(&mut s, "fixed", &e.fixed);
        s
    }

    fn attribute(&self, a: &AttributeUse) -> String {
        let mut s = format!("attribute {}: {}", self.q(&a.name), self.t(&a.type_ref));
        match a.use_ {
            AttributeUseKind::Optional => {}
            AttributeUseKind::Required => s.push_str(" required"),
            AttributeUseKind::Prohibited => s.push_str(" prohibited"),
        }
        if a.is_ref {
            s.push_str(" (ref)");
        }
        push_value(&mut s, "default", &a.default);
        push_value(&mut s, "fixed", &a.fixed);
        if let Some(g) = &a.group_name {
            let _ = write!(s, " (attributeGroup {})", self.q(g));
        }
        s
    }

    fn wsdl(&mut self, w: &WsdlDefinitions) {
        let name = w.name.as_deref().unwrap_or("(unnamed)");
        self.line(
            0,
            format!("wsdl {name} {{{}}} ({})", w.target_namespace, w.loc.file),
        );
        self.line(1, "messages:");
        for m in w.messages.values() {
            self.line(2, format!("message {}", self.q(&m.name)));
            for p in &m.parts {
                let what = match &p.content {
                    PartContent::Element(e) => format!("element {}", self.q(e)),
                    PartContent::Type(t) => format!("type {}", self.t(t)),
                };
                self.line(3, format!("part {}: {what}", p.name));
            }
        }
        self.line(1, "port types:");
        for pt in w.port_types.values() {
            self.line(2, format!("portType {}", self.q(&pt.name)));
            for op in &pt.operations {
                let io = |x: &Option<crate::model::OperationIo>| {
                    x.as_ref()
                        .map(|m| self.q(&m.message))
                        .unwrap_or_else(|| "-".into())
                };
                let mut s = format!(
                    "operation {}: {} -> {}",
                    op.name,
                    io(&op.input),
                    io(&op.output)
                );
                for f in &op.faults {
                    let _ = write!(s, " fault {}", self.q(&f.message));
                }
                self.line(3, s);
            }
        }
        self.line(1, "bindings:");
        for b in w.bindings.values() {
            self.binding(b);
        }
        self.line(1, "services:");
        for s in w.services.values() {
            self.line(2, format!("service {}", self.q(&s.name)));
            for p in &s.ports {
                let addr = p.address.as_deref().unwrap_or("(no address)");
                self.line(
                    3,
                    format!("port {} ({}): {addr}", p.name, self.q(&p.binding)),
                );
            }
        }
    }

    fn binding(&mut self, b: &Binding) {
        let soap = match &b.soap {
            Some(s) => {
                let v = match s.version {
                    SoapVersion::Soap11 => "SOAP 1.1",
                    SoapVersion::Soap12 => "SOAP 1.2",
                };
                format!("{v}, {}", style(s.style))
            }
            None => "not SOAP".to_string(),
        };
        self.line(
            2,
            format!(
                "binding {} of {} ({soap})",
                self.q(&b.name),
                self.q(&b.port_type)
            ),
        );
        for op in &b.operations {
            self.line(3, format!("operation {}", op.name));
            self.line(
                4,
                format!(
                    "soapAction: {}",
                    op.soap_action.as_deref().unwrap_or("(none)")
                ),
            );
            self.line(4, format!("style: {}", style(op.style)));
            let (input, output) = self.messages_of(b, &op.name);
            if let Some(io) = &op.input {
                self.io(4, "input", io, input);
            }
            if let Some(io) = &op.output {
                self.io(4, "output", io, output);
            }
            for f in &op.faults {
                self.line(4, format!("fault {} ({})", f.name, soap_use(f.use_)));
            }
        }
    }

    /// The input and output messages of a bound operation, via its port type.
    fn messages_of(&self, b: &Binding, op: &str) -> (Option<&'m Message>, Option<&'m Message>) {
        let model: &'m Model = self.model;
        let pt = model
            .wsdl
            .iter()
            .find_map(|d| d.port_types.get(&b.port_type));
        let op = pt.and_then(|pt| pt.operations.iter().find(|o| o.name == op));
        let msg = |m: Option<&crate::model::OperationIo>| {
            m.and_then(|m| model.wsdl.iter().find_map(|d| d.messages.get(&m.message)))
        };
        (
            msg(op.and_then(|o| o.input.as_ref())),
            msg(op.and_then(|o| o.output.as_ref())),
        )
    }

    fn part_element(&self, msg: Option<&Message>, part: &str) -> String {
        let p = msg.and_then(|m| m.parts.iter().find(|p| p.name == part));
        match p.map(|p| &p.content) {
            Some(PartContent::Element(e)) => format!("element {}", self.q(e)),
            Some(PartContent::Type(t)) => format!("type {}", self.t(t)),
            None => "?".to_string(),
        }
    }

    fn io(&mut self, indent: usize, which: &str, io: &BindingIo, msg: Option<&Message>) {
        self.line(indent, format!("{which}:"));
        if let Some(body) = &io.body {
            let parts: Vec<String> = match &body.parts {
                Some(p) => p.clone(),
                None => msg
                    .map(|m| m.parts.iter().map(|p| p.name.clone()).collect())
                    .unwrap_or_default(),
            };
            let all = if body.parts.is_none() {
                " (all parts)"
            } else {
                ""
            };
            self.line(indent + 1, format!("body{all} ({}):", soap_use(body.use_)));
            for p in parts {
                let e = self.part_element(msg, &p);
                self.line(indent + 2, format!("part {p}: {e}"));
            }
        }
        match &io.rpc {
            Some(RpcBody::Wrapper(q)) => {
                let q = self.q(q);
                self.line(indent + 1, format!("rpc wrapper: element {q}"));
            }
            Some(RpcBody::Refused(why)) => {
                self.line(indent + 1, format!("rpc wrapper: none ({why})"));
            }
            None => {}
        }
        for h in &io.headers {
            let m = self
                .model
                .wsdl
                .iter()
                .find_map(|d| d.messages.get(&h.message));
            let e = self.part_element(m, &h.part);
            self.line(
                indent + 1,
                format!(
                    "header part {}: {e} (message {}, {})",
                    h.part,
                    self.q(&h.message),
                    soap_use(h.use_)
                ),
            );
        }
    }
}

fn builtin(b: Builtin) -> String {
    format!("xs:{}", b.xsd_name())
}

fn origin(o: &TypeOrigin) -> String {
    match o {
        TypeOrigin::Named => "(named)".to_string(),
        TypeOrigin::AnonymousElement(p) => format!("(anonymous, element {})", p.join("/")),
        TypeOrigin::AnonymousAttribute(p) => format!("(anonymous, attribute {})", p.join("/")),
        TypeOrigin::AnonymousNested(p) => format!("(anonymous, nested in {})", p.join("/")),
    }
}

fn occurs(min: u64, max: MaxOccurs) -> String {
    match (min, max) {
        (1, MaxOccurs::Bounded(1)) => String::new(),
        (min, MaxOccurs::Bounded(max)) => format!(" [{min}..{max}]"),
        (min, MaxOccurs::Unbounded) => format!(" [{min}..*]"),
    }
}

fn wildcard(w: &Wildcard) -> String {
    let pc = match w.process_contents {
        ProcessContents::Strict => "strict",
        ProcessContents::Lax => "lax",
        ProcessContents::Skip => "skip",
    };
    format!("{} {pc}", w.namespace)
}

fn style(s: SoapStyle) -> &'static str {
    match s {
        SoapStyle::Document => "document",
        SoapStyle::Rpc => "rpc",
    }
}

fn soap_use(u: SoapUse) -> &'static str {
    match u {
        SoapUse::Literal => "literal",
        SoapUse::Encoded => "encoded",
    }
}

fn push_value(s: &mut String, name: &str, v: &Option<String>) {
    if let Some(v) = v {
        let _ = write!(s, " {name}={v:?}");
    }
}

/// Documentation shortened to one line of at most 100 characters.
fn short(doc: &str) -> String {
    let mut s: String = doc.chars().take(100).collect();
    if doc.chars().count() > 100 {
        s.push('…');
    }
    s
}
