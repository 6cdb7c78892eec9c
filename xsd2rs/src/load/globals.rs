//! The global components: built-in `xml:` attributes, named types (ids first, bodies
//! after), global attributes and element declarations, and a check of every group.

use super::build::{bool_attr, Builder, Loc, Site};
use super::index::Kind;
use super::xml;
use crate::diag::Diagnostic;
use crate::model::{
    AttributeDecl, Builtin, ElementDecl, ElementScope, Facets, Model, QName, SimpleType, TypeKind,
    TypeOrigin, TypeRef, WhiteSpace, XML_NS, XS_NS,
};

/// The lexical space of `xml:lang`: xs:language's pattern (XML Schema 1.0 §3.3.3), or empty.
const XML_LANG_PATTERN: &str = "([a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*)?";

impl Builder<'_, '_> {
    /// Converts every schema component (WSDL documents come after, see `wsdls`).
    pub(crate) fn populate(&mut self) {
        self.builtin_xml_attributes();
        self.allocate_named_types();
        self.global_attributes();
        self.global_elements();
        self.named_type_bodies();
        for (inst, node_id, id, path) in std::mem::take(&mut self.pending) {
            let node = self
                .insts
                .get(inst)
                .and_then(|i| self.docs.get(i.file))
                .and_then(|d| d.as_ref())
                .and_then(|d| d.get_node(node_id));
            if let Some(node) = node {
                let kind = self.type_body(inst, node, &path);
                self.set_kind(id, kind);
            }
        }
        self.check_groups();
    }

    /// Expands every model group and attribute group once on its own, so that errors
    /// inside groups nobody references are reported too. What the expansion builds is
    /// thrown away (duplicate diagnostics of referenced groups are merged later).
    fn check_groups(&mut self) {
        let mark = self.model.types.len();
        let index = self.index;
        for ((kind, name), def) in &index.defs {
            let Some(node) = self.def_node(def) else {
                continue;
            };
            let path = vec![name.local.clone()];
            match kind {
                Kind::Group => {
                    self.group_stack.push((name.clone(), 0));
                    for c in xml::content_children(node) {
                        if xml::is_xs(c)
                            && matches!(c.tag_name().name(), "sequence" | "choice" | "all")
                        {
                            let _ = self.particle(def.inst, c, &path);
                        } else {
                            let loc = self.loc(def.inst, c);
                            self.unknown(loc, c, "xs:group");
                        }
                    }
                    self.group_stack.pop();
                }
                Kind::AttributeGroup => {
                    let (mut attrs, mut any) = (Vec::new(), None);
                    self.agroup_stack.push((name.clone(), 0));
                    for c in xml::content_children(node) {
                        if xml::is_xs(c)
                            && matches!(
                                c.tag_name().name(),
                                "attribute" | "attributeGroup" | "anyAttribute"
                            )
                        {
                            self.attribute_item(
                                def.inst,
                                c,
                                &path,
                                &mut attrs,
                                &mut any,
                                Some(name),
                            );
                        } else {
                            let loc = self.loc(def.inst, c);
                            self.unknown(loc, c, "xs:attributeGroup");
                        }
                    }
                    self.agroup_stack.pop();
                }
                _ => {}
            }
        }
        self.model.types.truncate(mark);
    }

    /// The model and the diagnostics found. The built-in `xml:` attributes stay in the
    /// model only when something refers to them.
    pub(crate) fn finish(mut self) -> (Model, Vec<Diagnostic>) {
        if self
            .used_xml_attributes
            .contains(&QName::new(XML_NS, "lang"))
        {
            self.xml_lang_type();
        }
        let used = &self.used_xml_attributes;
        self.model
            .attributes
            .retain(|name, _| name.ns != XML_NS || used.contains(name));
        (self.model, self.diags)
    }

    fn builtin_xml_attributes(&mut self) {
        let loc = self.nowhere();
        for (name, ty) in [
            ("lang", Builtin::Language),
            ("space", Builtin::NcName),
            ("base", Builtin::AnyUri),
            ("id", Builtin::Id),
        ] {
            let q = QName::new(XML_NS, name);
            self.model.attributes.insert(
                q.clone(),
                AttributeDecl {
                    name: q,
                    type_ref: TypeRef::Builtin(ty),
                    default: None,
                    fixed: None,
                    doc: None,
                    loc: loc.clone(),
                },
            );
        }
    }

    /// Types `xml:lang` as the W3C `xml.xsd` means it: an `xs:language` or the empty string
    /// (`xml:lang=""` means "no language"). xml.xsd writes a union of `xs:language` and an
    /// enumeration of `""`; it is modelled here as the equivalent restriction of `xs:string`
    /// (xs:language's pattern made optional, whitespace collapsed), because a generated union
    /// keeps text no member accepts, so invalid values would no longer be refused. The type is
    /// appended only when `xml:lang` is referenced (other models keep their type ids), and
    /// every use is retyped: uses copied the placeholder `xs:language` of the declaration.
    fn xml_lang_type(&mut self) {
        let name = QName::new(XML_NS, "lang");
        let loc = self.nowhere();
        let id = self.alloc(
            None,
            TypeOrigin::AnonymousAttribute(vec![name.local.clone()]),
            Some("A language tag (xs:language) or the empty string (no language).".into()),
            loc,
        );
        self.set_kind(
            id,
            TypeKind::Simple(SimpleType::Restriction {
                base: TypeRef::Builtin(Builtin::String),
                facets: Facets {
                    patterns: vec![XML_LANG_PATTERN.to_string()],
                    white_space: Some(WhiteSpace::Collapse),
                    ..Facets::default()
                },
            }),
        );
        let lang = TypeRef::Defined(id);
        if let Some(decl) = self.model.attributes.get_mut(&name) {
            decl.type_ref = lang.clone();
        }
        for ty in &mut self.model.types {
            if let TypeKind::Complex(ct) = &mut ty.kind {
                for a in ct.attributes.iter_mut().filter(|a| a.name == name) {
                    a.type_ref = lang.clone();
                }
            }
        }
    }

    fn allocate_named_types(&mut self) {
        let index = self.index;
        for ((kind, name), def) in &index.defs {
            if *kind != Kind::Type {
                continue;
            }
            let Some(node) = self.def_node(def) else {
                continue;
            };
            let loc = self.loc(def.inst, node);
            let id = self.alloc(
                Some(name.clone()),
                TypeOrigin::Named,
                xml::xs_doc(node),
                loc,
            );
            self.model.type_names.insert(name.clone(), id);
            // A chain of redefinitions (A redefines B, which redefines C): one type per
            // level; level k's self-reference means level k + 1.
            let mut chain = Vec::new();
            let mut orig = def.original.as_deref();
            while let Some(o) = orig {
                let Some(onode) = self.def_node(o) else {
                    break;
                };
                let oloc = self.loc(o.inst, onode);
                let mut origin_path = vec![name.local.clone()];
                if !chain.is_empty() {
                    origin_path.push(format!("{}", chain.len() + 1));
                }
                chain.push(self.alloc(
                    None,
                    TypeOrigin::AnonymousNested(origin_path),
                    xml::xs_doc(onode),
                    oloc,
                ));
                orig = o.original.as_deref();
            }
            if !chain.is_empty() {
                self.redefined_types.insert(name.clone(), chain);
            }
        }
    }

    fn named_type_bodies(&mut self) {
        let index = self.index;
        for ((kind, name), def) in &index.defs {
            if *kind != Kind::Type {
                continue;
            }
            let Some(node) = self.def_node(def) else {
                continue;
            };
            let path = vec![name.local.clone()];
            let chain = self.redefined_types.get(name).cloned().unwrap_or_default();
            let mut orig = def.original.as_deref();
            for (level, oid) in chain.iter().enumerate() {
                let Some(o) = orig else { break };
                if let Some(onode) = self.def_node(o) {
                    // Its own self-reference means the next level down (none at the bottom).
                    self.redefining_type = Some((name.clone(), level + 1));
                    let kind = self.type_body(o.inst, onode, &path);
                    self.set_kind(*oid, kind);
                }
                orig = o.original.as_deref();
            }
            self.redefining_type = (!chain.is_empty()).then(|| (name.clone(), 0));
            let kind = self.type_body(def.inst, node, &path);
            self.redefining_type = None;
            if let Some(id) = self.model.type_names.get(name).copied() {
                self.set_kind(id, kind);
            }
        }
    }

    fn global_attributes(&mut self) {
        let index = self.index;
        for ((kind, name), def) in &index.defs {
            // A schema document for the xml namespace does not redefine the built-in ones.
            if *kind != Kind::Attribute
                || (name.ns == XML_NS && self.model.attributes.contains_key(name))
            {
                continue;
            }
            let Some(node) = self.def_node(def) else {
                continue;
            };
            let inst = def.inst;
            let path = vec![name.local.clone()];
            let type_ref = match self.type_attr(inst, node, "type") {
                Some(t) => t,
                None => {
                    match xml::content_children(node).find(|c| xml::is(*c, XS_NS, "simpleType")) {
                        Some(st) => self.anonymous(
                            inst,
                            st,
                            TypeOrigin::AnonymousAttribute(path.clone()),
                            &path,
                        ),
                        None => TypeRef::Builtin(Builtin::AnySimpleType),
                    }
                }
            };
            let decl = AttributeDecl {
                name: name.clone(),
                type_ref,
                default: node.attribute("default").map(str::to_string),
                fixed: node.attribute("fixed").map(str::to_string),
                doc: xml::xs_doc(node),
                loc: self.loc(inst, node),
            };
            self.model.attributes.insert(name.clone(), decl);
        }
    }

    fn global_elements(&mut self) {
        let index = self.index;
        let mut untyped = Vec::new();
        for ((kind, name), def) in &index.defs {
            if *kind != Kind::Element {
                continue;
            }
            let Some(node) = self.def_node(def) else {
                continue;
            };
            let inst = def.inst;
            let loc = self.loc(inst, node);
            let path = vec![name.local.clone()];
            let type_ref = match self.type_attr(inst, node, "type") {
                Some(t) => t,
                None => match xml::content_children(node)
                    .find(|c| xml::is(*c, XS_NS, "simpleType") || xml::is(*c, XS_NS, "complexType"))
                {
                    Some(anon) => {
                        let id = self.alloc(
                            None,
                            TypeOrigin::AnonymousElement(path.clone()),
                            xml::xs_doc(anon),
                            self.loc(inst, anon),
                        );
                        self.pending.push((inst, anon.id(), id, path.clone()));
                        TypeRef::Defined(id)
                    }
                    None => {
                        untyped.push(name.clone());
                        TypeRef::Builtin(Builtin::AnyType)
                    }
                },
            };
            self.check_element_children(inst, node);
            let substitution_group = match node.attribute("substitutionGroup") {
                Some(raw) => self.resolve(inst, node, "substitutionGroup", raw),
                None => None,
            };
            let decl = ElementDecl {
                name: name.clone(),
                type_ref,
                scope: ElementScope::Global,
                nillable: bool_attr(node, "nillable"),
                is_abstract: bool_attr(node, "abstract"),
                default: node.attribute("default").map(str::to_string),
                fixed: node.attribute("fixed").map(str::to_string),
                fixed_ns: xml::value_bindings(node, node.attribute("fixed")),
                substitution_group,
                doc: xml::xs_doc(node),
                loc,
            };
            self.model.elements.insert(name.clone(), decl);
        }
        // Substitution group heads must exist.
        let names: Vec<QName> = self.model.elements.keys().cloned().collect();
        for name in &names {
            let Some(head) = self
                .model
                .elements
                .get(name)
                .and_then(|e| e.substitution_group.clone())
            else {
                continue;
            };
            if self.model.elements.contains_key(&head) {
                continue;
            }
            if let Some(def) = index.get(Kind::Element, name) {
                if let Some(node) = self.def_node(def) {
                    let raw = node.attribute("substitutionGroup").unwrap_or_default();
                    self.unresolved(
                        "element",
                        Site {
                            at: Loc::Inst(def.inst),
                            node,
                            attr: "substitutionGroup",
                            raw,
                        },
                        &head,
                        names.iter(),
                    );
                }
            }
            if let Some(e) = self.model.elements.get_mut(name) {
                e.substitution_group = None;
            }
        }
        // An element without a type takes its substitution group head's.
        for name in untyped {
            let mut cur = name.clone();
            let mut found = None;
            for _ in 0..names.len() {
                let Some(head) = self
                    .model
                    .elements
                    .get(&cur)
                    .and_then(|e| e.substitution_group.clone())
                else {
                    break;
                };
                let Some(h) = self.model.elements.get(&head) else {
                    break;
                };
                if h.type_ref != TypeRef::Builtin(Builtin::AnyType)
                    || h.substitution_group.is_none()
                {
                    found = Some(h.type_ref.clone());
                    break;
                }
                cur = head;
            }
            if let (Some(t), Some(e)) = (found, self.model.elements.get_mut(&name)) {
                e.type_ref = t;
            }
        }
    }
}
