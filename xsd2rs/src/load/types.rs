//! Simple and complex type bodies.

use roxmltree::Node;

use super::build::{bool_attr, Builder};
use super::xml::{self, is};
use crate::model::{
    Builtin, ComplexType, Content, Derivation, DerivationMethod, EnumValue, Facets, SimpleType,
    TypeOrigin, TypeRef, WhiteSpace, XS_NS,
};

impl Builder<'_, '_> {
    /// Converts an `xs:simpleType`.
    pub(crate) fn simple(&mut self, inst: usize, node: Node, path: &[String]) -> SimpleType {
        let mut result = None;
        for child in xml::content_children(node) {
            let converted = match (xml::is_xs(child), child.tag_name().name()) {
                (true, "restriction") => Some(self.simple_restriction(inst, child, path)),
                (true, "list") => Some(self.list(inst, child, path)),
                (true, "union") => Some(self.union(inst, child, path)),
                _ => {
                    let loc = self.loc(inst, child);
                    self.unknown(loc, child, "xs:simpleType");
                    None
                }
            };
            if let Some(c) = converted {
                if result.is_some() {
                    let loc = self.loc(inst, child);
                    self.error(
                        loc,
                        "xs:simpleType with more than one restriction/list/union",
                    );
                } else {
                    result = Some(c);
                }
            }
        }
        result.unwrap_or_else(|| {
            let loc = self.loc(inst, node);
            self.error(loc, "xs:simpleType without restriction, list or union");
            SimpleType::Restriction {
                base: TypeRef::Builtin(Builtin::AnySimpleType),
                facets: Facets::default(),
            }
        })
    }

    /// The base of a restriction: the `base` attribute or an inline simpleType.
    fn restriction_base(&mut self, inst: usize, node: Node, path: &[String]) -> TypeRef {
        if let Some(t) = self.type_attr(inst, node, "base") {
            return t;
        }
        match xml::content_children(node).find(|c| is(*c, XS_NS, "simpleType")) {
            Some(st) => self.anonymous(inst, st, TypeOrigin::AnonymousNested(path.to_vec()), path),
            None => {
                let loc = self.loc(inst, node);
                self.error(
                    loc,
                    "xs:restriction without a `base` or an inline xs:simpleType",
                );
                TypeRef::Builtin(Builtin::AnySimpleType)
            }
        }
    }

    fn simple_restriction(&mut self, inst: usize, node: Node, path: &[String]) -> SimpleType {
        let base = self.restriction_base(inst, node, path);
        let facets = self.facets(inst, node, false);
        SimpleType::Restriction { base, facets }
    }

    fn list(&mut self, inst: usize, node: Node, path: &[String]) -> SimpleType {
        let item = match self.type_attr(inst, node, "itemType") {
            Some(t) => t,
            None => match xml::content_children(node).find(|c| is(*c, XS_NS, "simpleType")) {
                Some(st) => {
                    self.anonymous(inst, st, TypeOrigin::AnonymousNested(path.to_vec()), path)
                }
                None => {
                    let loc = self.loc(inst, node);
                    self.error(
                        loc,
                        "xs:list without an `itemType` or an inline xs:simpleType",
                    );
                    TypeRef::Builtin(Builtin::AnySimpleType)
                }
            },
        };
        for c in xml::content_children(node).filter(|c| !is(*c, XS_NS, "simpleType")) {
            let loc = self.loc(inst, c);
            self.unknown(loc, c, "xs:list");
        }
        SimpleType::List {
            item,
            facets: Facets::default(),
        }
    }

    fn union(&mut self, inst: usize, node: Node, path: &[String]) -> SimpleType {
        let mut members = Vec::new();
        if let Some(raw) = node.attribute("memberTypes") {
            for one in raw.split_whitespace() {
                if let Some(q) = self.resolve(inst, node, "memberTypes", one) {
                    let t = self.lookup_type(
                        super::build::Loc::Inst(inst),
                        node,
                        "memberTypes",
                        one,
                        &q,
                    );
                    members.push(t);
                }
            }
        }
        for c in xml::content_children(node) {
            if is(c, XS_NS, "simpleType") {
                let t = self.anonymous(inst, c, TypeOrigin::AnonymousNested(path.to_vec()), path);
                members.push(t);
            } else {
                let loc = self.loc(inst, c);
                self.unknown(loc, c, "xs:union");
            }
        }
        if members.is_empty() {
            let loc = self.loc(inst, node);
            self.error(loc, "xs:union without member types");
        }
        SimpleType::Union { members }
    }

    /// Reads the facets among the children of a restriction. With `in_complex`, attribute
    /// declarations (simpleContent restriction) are left for the caller.
    pub(crate) fn facets(&mut self, inst: usize, node: Node, in_complex: bool) -> Facets {
        let mut f = Facets::default();
        for c in xml::content_children(node) {
            let name = c.tag_name().name();
            if !xml::is_xs(c) {
                let loc = self.loc(inst, c);
                self.unknown(loc, c, "xs:restriction");
                continue;
            }
            if name == "simpleType" {
                continue;
            }
            if in_complex && matches!(name, "attribute" | "attributeGroup" | "anyAttribute") {
                continue;
            }
            let value = c.attribute("value");
            let Some(value) = value else {
                let loc = self.loc(inst, c);
                if is_facet(name) {
                    self.error(loc, format!("facet `xs:{name}` without a `value`"));
                } else {
                    self.unknown(loc, c, "xs:restriction");
                }
                continue;
            };
            match name {
                "enumeration" => f.enumeration.push(EnumValue {
                    value: value.to_string(),
                    // Kept only for QName-based types (post::qname_enumerations).
                    namespace: qname_namespace(c, value),
                    doc: xml::xs_doc(c),
                    loc: self.loc(inst, c),
                }),
                "pattern" => {
                    // Checked here, with the runtime's own translator and limits (size,
                    // nesting, compiled program), so a pattern no value could ever be
                    // checked against is a located schema error, not a runtime failure.
                    if let Err(e) = xsd2rs_runtime::facets::compile_pattern(value) {
                        let loc = self.attr_loc(inst, c, "value");
                        self.error(loc, format!("xs:pattern refused: {e}"));
                    }
                    f.patterns.push(value.to_string())
                }
                "length" => f.length = self.number(inst, c, value),
                "minLength" => f.min_length = self.number(inst, c, value),
                "maxLength" => f.max_length = self.number(inst, c, value),
                "totalDigits" => {
                    f.total_digits = self
                        .number(inst, c, value)
                        .and_then(|n| u32::try_from(n).ok())
                }
                "fractionDigits" => {
                    f.fraction_digits = self
                        .number(inst, c, value)
                        .and_then(|n| u32::try_from(n).ok())
                }
                "minInclusive" => f.min_inclusive = Some(value.trim().to_string()),
                "maxInclusive" => f.max_inclusive = Some(value.trim().to_string()),
                "minExclusive" => f.min_exclusive = Some(value.trim().to_string()),
                "maxExclusive" => f.max_exclusive = Some(value.trim().to_string()),
                "whiteSpace" => {
                    f.white_space = match value.trim() {
                        "preserve" => Some(WhiteSpace::Preserve),
                        "replace" => Some(WhiteSpace::Replace),
                        "collapse" => Some(WhiteSpace::Collapse),
                        other => {
                            let loc = self.attr_loc(inst, c, "value");
                            self.error(loc, format!("invalid xs:whiteSpace value `{other}`"));
                            None
                        }
                    }
                }
                _ => {
                    let loc = self.loc(inst, c);
                    self.unknown(loc, c, "xs:restriction");
                }
            }
        }
        f
    }

    fn number(&mut self, inst: usize, node: Node, value: &str) -> Option<u64> {
        match value.trim().parse::<u64>() {
            Ok(n) => Some(n),
            Err(_) => {
                let loc = self.attr_loc(inst, node, "value");
                self.error(
                    loc,
                    format!(
                        "facet `xs:{}` needs a non-negative integer, found `{value}`",
                        node.tag_name().name()
                    ),
                );
                None
            }
        }
    }

    /// Converts an `xs:complexType`.
    pub(crate) fn complex(&mut self, inst: usize, node: Node, path: &[String]) -> ComplexType {
        let mut ct = Builder::empty_complex();
        ct.is_abstract = bool_attr(node, "abstract");
        ct.mixed = bool_attr(node, "mixed");
        for child in xml::content_children(node) {
            match (xml::is_xs(child), child.tag_name().name()) {
                (true, "simpleContent") => self.simple_content(inst, child, path, &mut ct),
                (true, "complexContent") => self.complex_content(inst, child, path, &mut ct),
                (true, "sequence" | "choice" | "all" | "group") => {
                    self.set_particle(inst, child, path, &mut ct)
                }
                (true, "attribute" | "attributeGroup" | "anyAttribute") => self.attribute_item(
                    inst,
                    child,
                    path,
                    &mut ct.attributes,
                    &mut ct.any_attribute,
                    None,
                ),
                _ => {
                    let loc = self.loc(inst, child);
                    self.unknown(loc, child, "xs:complexType");
                }
            }
        }
        ct
    }

    fn set_particle(&mut self, inst: usize, node: Node, path: &[String], ct: &mut ComplexType) {
        if let Some(p) = self.particle(inst, node, path) {
            if matches!(ct.content, Content::Empty) {
                ct.content = Content::Elements(p);
            } else {
                let loc = self.loc(inst, node);
                self.error(loc, "complex type with more than one content model");
            }
        }
    }

    /// The extension/restriction child of simpleContent/complexContent.
    fn derivation_child<'a, 'i>(
        &mut self,
        inst: usize,
        node: Node<'a, 'i>,
        what: &str,
    ) -> Option<(Node<'a, 'i>, DerivationMethod)> {
        let mut found = None;
        for c in xml::content_children(node) {
            let method = match (xml::is_xs(c), c.tag_name().name()) {
                (true, "extension") => DerivationMethod::Extension,
                (true, "restriction") => DerivationMethod::Restriction,
                _ => {
                    let loc = self.loc(inst, c);
                    self.unknown(loc, c, what);
                    continue;
                }
            };
            if found.is_none() {
                found = Some((c, method));
            }
        }
        if found.is_none() {
            let loc = self.loc(inst, node);
            self.error(
                loc,
                format!("{what} without xs:extension or xs:restriction"),
            );
        }
        found
    }

    fn base(&mut self, inst: usize, node: Node) -> TypeRef {
        match self.type_attr(inst, node, "base") {
            Some(t) => t,
            None => {
                let loc = self.loc(inst, node);
                self.error(
                    loc,
                    format!("xs:{} without a `base`", node.tag_name().name()),
                );
                TypeRef::Builtin(Builtin::AnyType)
            }
        }
    }

    fn simple_content(&mut self, inst: usize, node: Node, path: &[String], ct: &mut ComplexType) {
        let Some((d, method)) = self.derivation_child(inst, node, "xs:simpleContent") else {
            return;
        };
        let base = self.base(inst, d);
        let mut value_type = base.clone();
        let mut facets = Facets::default();
        if method == DerivationMethod::Restriction {
            if let Some(st) = xml::content_children(d).find(|c| is(*c, XS_NS, "simpleType")) {
                value_type =
                    self.anonymous(inst, st, TypeOrigin::AnonymousNested(path.to_vec()), path);
            }
            facets = self.facets(inst, d, true);
        }
        for c in xml::content_children(d) {
            match (xml::is_xs(c), c.tag_name().name()) {
                (true, "attribute" | "attributeGroup" | "anyAttribute") => self.attribute_item(
                    inst,
                    c,
                    path,
                    &mut ct.attributes,
                    &mut ct.any_attribute,
                    None,
                ),
                _ if method == DerivationMethod::Restriction => {}
                _ => {
                    let loc = self.loc(inst, c);
                    self.unknown(loc, c, "xs:simpleContent/xs:extension");
                }
            }
        }
        ct.derivation = Some(Derivation { base, method });
        ct.content = Content::Simple { value_type, facets };
    }

    fn complex_content(&mut self, inst: usize, node: Node, path: &[String], ct: &mut ComplexType) {
        if node.attribute("mixed").is_some() {
            ct.mixed = bool_attr(node, "mixed");
        }
        let Some((d, method)) = self.derivation_child(inst, node, "xs:complexContent") else {
            return;
        };
        let base = self.base(inst, d);
        ct.derivation = Some(Derivation { base, method });
        for c in xml::content_children(d) {
            match (xml::is_xs(c), c.tag_name().name()) {
                (true, "sequence" | "choice" | "all" | "group") => {
                    self.set_particle(inst, c, path, ct)
                }
                (true, "attribute" | "attributeGroup" | "anyAttribute") => self.attribute_item(
                    inst,
                    c,
                    path,
                    &mut ct.attributes,
                    &mut ct.any_attribute,
                    None,
                ),
                _ => {
                    let loc = self.loc(inst, c);
                    self.unknown(loc, c, "xs:complexContent");
                }
            }
        }
    }
}

fn is_facet(name: &str) -> bool {
    matches!(
        name,
        "enumeration"
            | "pattern"
            | "length"
            | "minLength"
            | "maxLength"
            | "totalDigits"
            | "fractionDigits"
            | "minInclusive"
            | "maxInclusive"
            | "minExclusive"
            | "maxExclusive"
            | "whiteSpace"
    )
}

/// The namespace a QName-looking enumeration value means in the scope of its `xs:enumeration`
/// (unprefixed: the default namespace, or none); `None` when it is not a QName or its prefix is
/// undeclared.
fn qname_namespace(node: Node, value: &str) -> Option<String> {
    let v = value.trim();
    let (prefix, local) = match v.split_once(':') {
        Some((p, l)) => (Some(p), l),
        None => (None, v),
    };
    if local.is_empty() || local.contains(':') || prefix == Some("") {
        return None;
    }
    match node.lookup_namespace_uri(prefix) {
        Some(ns) => Some(ns.to_string()),
        None if prefix == Some("xml") => Some(crate::model::XML_NS.to_string()),
        None if prefix.is_none() => Some(String::new()),
        None => None,
    }
}
