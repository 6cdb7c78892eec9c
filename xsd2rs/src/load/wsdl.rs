//! WSDL 1.1: messages, port types, bindings (SOAP 1.1 and 1.2) and services.

use std::collections::BTreeMap;

use roxmltree::Node;

use super::build::{Builder, Loc, Site};
use super::xml::{self, is, SOAP11_NS, SOAP12_NS, WSDL_NS};
use crate::model::{
    Binding, BindingFault, BindingIo, BindingOperation, Message, Operation, OperationIo, Part,
    PartContent, Port, PortType, QName, Service, SoapBinding, SoapBody, SoapHeader, SoapStyle,
    SoapUse, SoapVersion, WsdlDefinitions,
};

/// The WSDL documents of a load, with their global names.
struct Names {
    /// Message → its part names.
    messages: BTreeMap<QName, Vec<String>>,
    /// Port type → its operations (name, input message, output message).
    port_types: BTreeMap<QName, Vec<OpMessages>>,
    bindings: Vec<QName>,
}

/// An abstract operation's name with its input and output messages.
#[derive(Debug, Clone)]
struct OpMessages {
    name: String,
    input: Option<QName>,
    output: Option<QName>,
}

impl<'a, 'i> Builder<'a, 'i> {
    /// Converts every WSDL document.
    pub(crate) fn wsdls(&mut self, files: &[usize]) {
        let mut defs = Vec::new();
        let mut names = Names {
            messages: BTreeMap::new(),
            port_types: BTreeMap::new(),
            bindings: Vec::new(),
        };
        // Pass 1: messages and port-type names of every document (they refer across documents).
        for &file in files {
            let Some(root) = self.root(file) else {
                continue;
            };
            let tns = root.attribute("targetNamespace").unwrap_or("").to_string();
            let pos = self.file_pos(file);
            let mut d = WsdlDefinitions {
                target_namespace: tns.clone(),
                name: root.attribute("name").map(str::trim).map(str::to_string),
                doc: xml::wsdl_doc(root),
                loc: match pos {
                    Some(p) => p.node(root),
                    None => continue,
                },
                messages: BTreeMap::new(),
                port_types: BTreeMap::new(),
                bindings: BTreeMap::new(),
                services: BTreeMap::new(),
            };
            for c in root.children().filter(|c| is(*c, WSDL_NS, "message")) {
                if let Some(m) = self.message(file, &tns, c) {
                    if self.check_duplicate(
                        file,
                        c,
                        "message",
                        names.messages.contains_key(&m.name),
                    ) {
                        names.messages.insert(
                            m.name.clone(),
                            m.parts.iter().map(|p| p.name.clone()).collect(),
                        );
                        d.messages.insert(m.name.clone(), m);
                    }
                }
            }
            for c in root.children().filter(|c| is(*c, WSDL_NS, "portType")) {
                if let Some(name) = c.attribute("name").map(str::trim) {
                    let q = QName::new(tns.clone(), name);
                    let ops = c
                        .children()
                        .filter(|o| is(*o, WSDL_NS, "operation"))
                        .filter_map(|o| {
                            let message = |which: &str| {
                                let io = o.children().find(|c| is(*c, WSDL_NS, which))?;
                                self.peek_qname(io, "message")
                            };
                            Some(OpMessages {
                                name: o.attribute("name").map(str::trim)?.to_string(),
                                input: message("input"),
                                output: message("output"),
                            })
                        })
                        .collect();
                    if self.check_duplicate(file, c, "portType", names.port_types.contains_key(&q))
                    {
                        names.port_types.insert(q, ops);
                    }
                }
            }
            for c in root.children().filter(|c| is(*c, WSDL_NS, "binding")) {
                if let Some(name) = c.attribute("name").map(str::trim) {
                    let q = QName::new(tns.clone(), name);
                    if self.check_duplicate(file, c, "binding", names.bindings.contains(&q)) {
                        names.bindings.push(q);
                    }
                }
            }
            defs.push((file, d));
        }
        // Pass 2: everything that refers to messages, port types and bindings.
        for (file, d) in &mut defs {
            let file = *file;
            let Some(root) = self.root(file) else {
                continue;
            };
            let tns = d.target_namespace.clone();
            for c in root.children().filter(|c| c.is_element()) {
                if !is_wsdl(c) {
                    continue;
                }
                match c.tag_name().name() {
                    "portType" => {
                        if let Some(pt) = self.port_type(file, &tns, c, &names) {
                            d.port_types.entry(pt.name.clone()).or_insert(pt);
                        }
                    }
                    "binding" => {
                        if let Some(b) = self.binding(file, &tns, c, &names) {
                            d.bindings.entry(b.name.clone()).or_insert(b);
                        }
                    }
                    "service" => {
                        if let Some(s) = self.service(file, &tns, c, &names) {
                            d.services.insert(s.name.clone(), s);
                        }
                    }
                    "import" | "types" | "message" | "documentation" => {}
                    _ => {
                        let loc = self.node_loc(file, c);
                        self.error(
                            loc,
                            format!("unknown WSDL construct `{}`", xml::display_tag(c)),
                        );
                    }
                }
            }
        }
        self.model.wsdl = defs.into_iter().map(|(_, d)| d).collect();
    }

    fn root(&self, file: usize) -> Option<Node<'a, 'i>> {
        let docs: &'a [Option<roxmltree::Document<'i>>] = self.docs;
        docs.get(file)?.as_ref().map(|d| d.root_element())
    }

    fn node_loc(&self, file: usize, node: Node) -> crate::model::Location {
        match self.file_pos(file) {
            Some(p) => p.node(node),
            None => self.loc(usize::MAX, node),
        }
    }

    fn attr_file_loc(&self, file: usize, node: Node, attr: &str) -> crate::model::Location {
        match self.file_pos(file) {
            Some(p) => p.attr(node, attr),
            None => self.loc(usize::MAX, node),
        }
    }

    /// Reports a duplicate WSDL definition; true when the definition is new.
    fn check_duplicate(&mut self, file: usize, node: Node, what: &str, exists: bool) -> bool {
        if exists {
            let loc = self.attr_file_loc(file, node, "name");
            self.error(
                loc,
                format!(
                    "duplicate definition of {what} `{}`",
                    node.attribute("name").map(str::trim).unwrap_or_default()
                ),
            );
        }
        !exists
    }

    /// A QName attribute of a WSDL element (WSDL references have no chameleon rules).
    fn wsdl_qname(&mut self, file: usize, node: Node, attr: &str) -> Option<(QName, String)> {
        let raw = node.attribute(attr)?.trim().to_string();
        let (prefix, local) = match raw.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, raw.as_str()),
        };
        match node.lookup_namespace_uri(prefix) {
            Some(ns) => Some((QName::new(ns, local), raw.clone())),
            None if prefix == Some("xml") => {
                Some((QName::new(crate::model::XML_NS, local), raw.clone()))
            }
            None if prefix.is_none() => Some((QName::new("", local), raw.clone())),
            None => {
                let loc = self.attr_file_loc(file, node, attr);
                self.error(loc, format!("undeclared namespace prefix in `{raw}`"));
                None
            }
        }
    }

    /// A required attribute; reports its absence.
    fn required<'n>(&mut self, file: usize, node: Node<'n, '_>, attr: &str) -> Option<&'n str> {
        let v = node.attribute(attr).map(str::trim);
        if v.is_none() {
            let loc = self.node_loc(file, node);
            self.error(
                loc,
                format!("`{}` without a `{attr}` attribute", xml::display_tag(node)),
            );
        }
        v
    }

    fn message(&mut self, file: usize, tns: &str, node: Node) -> Option<Message> {
        let name = self.required(file, node, "name")?;
        let mut parts = Vec::new();
        for p in node.children().filter(|c| is(*c, WSDL_NS, "part")) {
            let Some(pname) = self.required(file, p, "name") else {
                continue;
            };
            let loc = self.node_loc(file, p);
            let content = if p.attribute("element").is_some() {
                let Some((q, raw)) = self.wsdl_qname(file, p, "element") else {
                    continue;
                };
                if !self.model.elements.contains_key(&q) {
                    // Cloned only while suggestions have budget left (each spends at least
                    // one unit per candidate): linear in the schema overall.
                    let names: Vec<QName> = if self.suggest_budget > 0 {
                        self.model.elements.keys().cloned().collect()
                    } else {
                        Vec::new()
                    };
                    self.unresolved(
                        "element",
                        Site {
                            at: Loc::File(file),
                            node: p,
                            attr: "element",
                            raw: &raw,
                        },
                        &q,
                        names.iter(),
                    );
                }
                PartContent::Element(q)
            } else if p.attribute("type").is_some() {
                let Some((q, raw)) = self.wsdl_qname(file, p, "type") else {
                    continue;
                };
                PartContent::Type(self.lookup_type(Loc::File(file), p, "type", &raw, &q))
            } else {
                self.error(loc, "wsdl:part needs an `element` or a `type`");
                continue;
            };
            parts.push(Part {
                name: pname.to_string(),
                content,
                loc,
            });
        }
        Some(Message {
            name: QName::new(tns, name),
            parts,
            doc: xml::wsdl_doc(node),
            loc: self.node_loc(file, node),
        })
    }

    /// A reference to a message; reports it when unknown.
    fn message_ref(&mut self, file: usize, node: Node, attr: &str, names: &Names) -> Option<QName> {
        let (q, raw) = self.wsdl_qname(file, node, attr)?;
        if !names.messages.contains_key(&q) {
            self.unresolved(
                "message",
                Site {
                    at: Loc::File(file),
                    node,
                    attr,
                    raw: &raw,
                },
                &q,
                names.messages.keys(),
            );
        }
        Some(q)
    }

    fn port_type(&mut self, file: usize, tns: &str, node: Node, names: &Names) -> Option<PortType> {
        let name = self.required(file, node, "name")?;
        let mut operations = Vec::new();
        for o in node.children().filter(|c| is(*c, WSDL_NS, "operation")) {
            let Some(oname) = self.required(file, o, "name") else {
                continue;
            };
            let mut op = Operation {
                name: oname.to_string(),
                input: None,
                output: None,
                faults: Vec::new(),
                doc: xml::wsdl_doc(o),
                loc: self.node_loc(file, o),
            };
            for io in o.children().filter(|c| c.is_element()) {
                let which = io.tag_name().name();
                if !is_wsdl(io) || which == "documentation" {
                    continue;
                }
                if !matches!(which, "input" | "output" | "fault") {
                    let loc = self.node_loc(file, io);
                    self.error(
                        loc,
                        format!("unknown WSDL construct `{}`", xml::display_tag(io)),
                    );
                    continue;
                }
                let Some(message) = self.message_ref(file, io, "message", names) else {
                    if io.attribute("message").is_none() {
                        let loc = self.node_loc(file, io);
                        self.error(loc, format!("wsdl:{which} without a `message`"));
                    }
                    continue;
                };
                let v = OperationIo {
                    name: io.attribute("name").map(str::trim).map(str::to_string),
                    message,
                };
                match which {
                    "input" => op.input = Some(v),
                    "output" => op.output = Some(v),
                    _ => op.faults.push(v),
                }
            }
            operations.push(op);
        }
        Some(PortType {
            name: QName::new(tns, name),
            operations,
            doc: xml::wsdl_doc(node),
            loc: self.node_loc(file, node),
        })
    }

    fn binding(&mut self, file: usize, tns: &str, node: Node, names: &Names) -> Option<Binding> {
        let name = self.required(file, node, "name")?;
        let (port_type, raw) = match self.wsdl_qname(file, node, "type") {
            Some(v) => v,
            None => {
                self.required(file, node, "type");
                return None;
            }
        };
        let ops = names.port_types.get(&port_type);
        if ops.is_none() {
            self.unresolved(
                "portType",
                Site {
                    at: Loc::File(file),
                    node,
                    attr: "type",
                    raw: &raw,
                },
                &port_type,
                names.port_types.keys(),
            );
        }
        let mut soap = None;
        for c in node.children().filter(|c| c.is_element()) {
            if let Some(version) = soap_version(c, "binding") {
                soap = Some(SoapBinding {
                    version,
                    transport: c.attribute("transport").map(str::to_string),
                    style: style(c.attribute("style")).unwrap_or(SoapStyle::Document),
                });
            }
        }
        let default_style = soap
            .as_ref()
            .map(|s| s.style)
            .unwrap_or(SoapStyle::Document);
        let mut operations = Vec::new();
        for o in node.children().filter(|c| is(*c, WSDL_NS, "operation")) {
            let Some(oname) = self.required(file, o, "name") else {
                continue;
            };
            let abstract_op = ops.and_then(|ops| ops.iter().find(|op| op.name == oname));
            if let (Some(ops), None) = (ops, abstract_op) {
                let cands: Vec<QName> = ops
                    .iter()
                    .map(|op| QName::new("", op.name.clone()))
                    .collect();
                self.unresolved(
                    "operation",
                    Site {
                        at: Loc::File(file),
                        node: o,
                        attr: "name",
                        raw: oname,
                    },
                    &QName::new("", oname),
                    cands.iter(),
                );
            }
            let messages = (
                abstract_op.and_then(|op| op.input.clone()),
                abstract_op.and_then(|op| op.output.clone()),
            );
            operations.push(self.binding_operation(file, o, oname, default_style, names, messages));
        }
        Some(Binding {
            name: QName::new(tns, name),
            port_type,
            soap,
            operations,
            doc: xml::wsdl_doc(node),
            loc: self.node_loc(file, node),
        })
    }

    /// A QName attribute resolved without reporting anything (problems are reported
    /// where the attribute is converted).
    fn peek_qname(&self, node: Node, attr: &str) -> Option<QName> {
        let raw = node.attribute(attr)?.trim();
        let (prefix, local) = match raw.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, raw),
        };
        let ns = node.lookup_namespace_uri(prefix).unwrap_or("");
        Some(QName::new(ns, local))
    }

    fn binding_operation(
        &mut self,
        file: usize,
        o: Node,
        name: &str,
        default_style: SoapStyle,
        names: &Names,
        (input_msg, output_msg): (Option<QName>, Option<QName>),
    ) -> BindingOperation {
        let mut op = BindingOperation {
            name: name.to_string(),
            soap_action: None,
            style: default_style,
            input: None,
            output: None,
            faults: Vec::new(),
            loc: self.node_loc(file, o),
        };
        for c in o.children().filter(|c| c.is_element()) {
            if soap_version(c, "operation").is_some() {
                op.soap_action = c.attribute("soapAction").map(str::to_string);
                if let Some(s) = style(c.attribute("style")) {
                    op.style = s;
                }
            } else if is(c, WSDL_NS, "input") {
                op.input = Some(self.binding_io(file, c, names, input_msg.as_ref()));
            } else if is(c, WSDL_NS, "output") {
                op.output = Some(self.binding_io(file, c, names, output_msg.as_ref()));
            } else if is(c, WSDL_NS, "fault") {
                let fname = c
                    .attribute("name")
                    .map(str::trim)
                    .unwrap_or_default()
                    .to_string();
                let use_ = c
                    .children()
                    .find(|f| soap_version(*f, "fault").is_some())
                    .map(|f| soap_use(f.attribute("use")))
                    .unwrap_or(SoapUse::Literal);
                op.faults.push(BindingFault { name: fname, use_ });
            }
        }
        op
    }

    fn binding_io(
        &mut self,
        file: usize,
        node: Node,
        names: &Names,
        msg: Option<&QName>,
    ) -> BindingIo {
        let mut io = BindingIo {
            body: None,
            headers: Vec::new(),
            rpc: None,
        };
        for c in node.children().filter(|c| c.is_element()) {
            if soap_version(c, "body").is_some() {
                let parts: Option<Vec<String>> = c
                    .attribute("parts")
                    .map(|p| p.split_whitespace().map(str::to_string).collect());
                if let (Some(parts), Some(msg)) = (&parts, msg) {
                    if let Some(known) = names.messages.get(msg) {
                        for p in parts {
                            if !known.contains(p) {
                                self.unknown_part(file, c, "parts", p, msg, known);
                            }
                        }
                    }
                }
                io.body = Some(SoapBody {
                    parts,
                    use_: soap_use(c.attribute("use")),
                    namespace: c.attribute("namespace").map(str::to_string),
                });
            } else if soap_version(c, "header").is_some() {
                let Some(message) = self.message_ref(file, c, "message", names) else {
                    self.required(file, c, "message");
                    continue;
                };
                let Some(part) = self.required(file, c, "part") else {
                    continue;
                };
                if let Some(known) = names.messages.get(&message) {
                    if !known.iter().any(|k| k == part) {
                        self.unknown_part(file, c, "part", part, &message, known);
                    }
                }
                io.headers.push(SoapHeader {
                    message,
                    part: part.to_string(),
                    use_: soap_use(c.attribute("use")),
                    loc: self.node_loc(file, c),
                });
            }
        }
        io
    }

    fn unknown_part(
        &mut self,
        file: usize,
        node: Node,
        attr: &str,
        part: &str,
        msg: &QName,
        known: &[String],
    ) {
        let cands: Vec<QName> = if self.suggest_budget > 0 {
            known.iter().map(|k| QName::new("", k.clone())).collect()
        } else {
            Vec::new()
        };
        let wanted = QName::new("", part);
        let loc = self.attr_file_loc(file, node, attr);
        let mut d = crate::diag::Diagnostic::error(
            Some(loc),
            format!(
                "unresolved part reference `{part}` (message `{}` has no such part)",
                msg.local
            ),
        );
        if let Some(c) =
            super::suggest::closest_within(&wanted, cands.iter(), &mut self.suggest_budget)
        {
            d = d.with_suggestion(format!("did you mean `{}`?", c.local));
        }
        self.diags.push(d);
    }

    fn service(&mut self, file: usize, tns: &str, node: Node, names: &Names) -> Option<Service> {
        let name = self.required(file, node, "name")?;
        let mut ports = Vec::new();
        for p in node.children().filter(|c| is(*c, WSDL_NS, "port")) {
            let Some(pname) = self.required(file, p, "name") else {
                continue;
            };
            let Some((binding, raw)) = self.wsdl_qname(file, p, "binding") else {
                self.required(file, p, "binding");
                continue;
            };
            if !names.bindings.contains(&binding) {
                self.unresolved(
                    "binding",
                    Site {
                        at: Loc::File(file),
                        node: p,
                        attr: "binding",
                        raw: &raw,
                    },
                    &binding,
                    names.bindings.iter(),
                );
            }
            let address = p
                .children()
                .find(|a| soap_version(*a, "address").is_some())
                .and_then(|a| a.attribute("location"))
                .map(str::to_string);
            ports.push(Port {
                name: pname.to_string(),
                binding,
                address,
            });
        }
        Some(Service {
            name: QName::new(tns, name),
            ports,
            doc: xml::wsdl_doc(node),
            loc: self.node_loc(file, node),
        })
    }
}

fn is_wsdl(node: Node) -> bool {
    node.tag_name().namespace() == Some(WSDL_NS)
}

/// The SOAP version of a `soap:<local>` / `soap12:<local>` element.
fn soap_version(node: Node, local: &str) -> Option<SoapVersion> {
    if is(node, SOAP11_NS, local) {
        Some(SoapVersion::Soap11)
    } else if is(node, SOAP12_NS, local) {
        Some(SoapVersion::Soap12)
    } else {
        None
    }
}

fn style(v: Option<&str>) -> Option<SoapStyle> {
    match v.map(str::trim) {
        Some("rpc") => Some(SoapStyle::Rpc),
        Some("document") => Some(SoapStyle::Document),
        _ => None,
    }
}

fn soap_use(v: Option<&str>) -> SoapUse {
    match v.map(str::trim) {
        Some("encoded") => SoapUse::Encoded,
        _ => SoapUse::Literal,
    }
}
