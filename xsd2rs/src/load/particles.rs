//! Content models (particles, local elements, group references) and attribute uses.

use roxmltree::Node;

use super::build::{bool_attr, pick_def, Builder, Loc, Site, MAX_DEPTH};
use super::index::Kind;
use super::xml::{self, is};
use crate::model::{
    AttributeUse, AttributeUseKind, Builtin, Compositor, ElementDecl, ElementScope, MaxOccurs,
    ModelGroup, Particle, ProcessContents, QName, Term, TypeOrigin, TypeRef, Wildcard, XS_NS,
};

impl Builder<'_, '_> {
    /// Converts a particle: element, sequence, choice, all, group reference or any.
    /// `None` when it cannot be used (an error was reported).
    pub(crate) fn particle(
        &mut self,
        inst: usize,
        node: Node,
        path: &[String],
    ) -> Option<Particle> {
        if !self.spend(inst, node) {
            return None;
        }
        let loc = self.loc(inst, node);
        if self.depth >= MAX_DEPTH {
            self.error(loc, "content model nested too deeply");
            return None;
        }
        let (min_occurs, max_occurs) = self.occurs(inst, node);
        self.depth += 1;
        let term = self.term(inst, node, path);
        self.depth -= 1;
        Some(Particle {
            min_occurs,
            max_occurs,
            term: term?,
            loc,
        })
    }

    fn term(&mut self, inst: usize, node: Node, path: &[String]) -> Option<Term> {
        if !xml::is_xs(node) {
            let loc = self.loc(inst, node);
            self.unknown(loc, node, "a content model");
            return None;
        }
        match node.tag_name().name() {
            "element" => self
                .element_term(inst, node, path)
                .map(|e| Term::Element(Box::new(e))),
            "sequence" => Some(Term::Group(self.model_group(
                inst,
                node,
                path,
                Compositor::Sequence,
            ))),
            "choice" => Some(Term::Group(self.model_group(
                inst,
                node,
                path,
                Compositor::Choice,
            ))),
            "all" => Some(Term::Group(self.model_group(
                inst,
                node,
                path,
                Compositor::All,
            ))),
            "group" => self.group_ref(inst, node, path).map(Term::Group),
            "any" => Some(Term::Any(wildcard(node, self.tns(inst)))),
            _ => {
                let loc = self.loc(inst, node);
                self.unknown(loc, node, "a content model");
                None
            }
        }
    }

    fn model_group(
        &mut self,
        inst: usize,
        node: Node,
        path: &[String],
        compositor: Compositor,
    ) -> ModelGroup {
        let particles = xml::content_children(node)
            .filter_map(|c| self.particle(inst, c, path))
            .collect();
        ModelGroup {
            compositor,
            particles,
            group_name: None,
        }
    }

    /// Expands `<xs:group ref="..."/>` in place.
    fn group_ref(&mut self, inst: usize, node: Node, path: &[String]) -> Option<ModelGroup> {
        let Some(raw) = node.attribute("ref") else {
            let loc = self.loc(inst, node);
            self.error(loc, "xs:group inside a content model needs a `ref`");
            return None;
        };
        let q = self.resolve(inst, node, "ref", raw)?;
        let index = self.index;
        let Some(def) = index.get(Kind::Group, &q) else {
            self.unresolved(
                "group",
                Site {
                    at: Loc::Inst(inst),
                    node,
                    attr: "ref",
                    raw,
                },
                &q,
                index.names(Kind::Group),
            );
            return None;
        };
        let Some((def, level)) = pick_def(def, &self.group_stack, &q) else {
            let loc = self.attr_loc(inst, node, "ref");
            self.error(
                loc,
                format!("group `{}` is part of a reference cycle", raw.trim()),
            );
            return None;
        };
        let gnode = self.def_node(def)?;
        let ginst = def.inst;
        let mut body = None;
        for c in xml::content_children(gnode) {
            let compositor = match (xml::is_xs(c), c.tag_name().name()) {
                (true, "sequence") => Compositor::Sequence,
                (true, "choice") => Compositor::Choice,
                (true, "all") => Compositor::All,
                _ => {
                    let loc = self.loc(ginst, c);
                    self.unknown(loc, c, "xs:group");
                    continue;
                }
            };
            if body.is_none() {
                body = Some((c, compositor));
            }
        }
        let Some((content, compositor)) = body else {
            let loc = self.loc(ginst, gnode);
            self.error(loc, "xs:group without a sequence, choice or all");
            return None;
        };
        self.group_stack.push((q.clone(), level));
        let mut group = self.model_group(ginst, content, path, compositor);
        self.group_stack.pop();
        // Occurrence bounds on the group's own compositor are folded away only when trivial.
        let (min, max) = self.occurs(ginst, content);
        if min != 1 || max != MaxOccurs::Bounded(1) {
            let loc = self.loc(ginst, content);
            group = ModelGroup {
                compositor: Compositor::Sequence,
                particles: vec![Particle {
                    min_occurs: min,
                    max_occurs: max,
                    term: Term::Group(group),
                    loc,
                }],
                group_name: None,
            };
        }
        group.group_name = Some(q);
        Some(group)
    }

    /// A local element declaration or a reference to a global one.
    fn element_term(&mut self, inst: usize, node: Node, path: &[String]) -> Option<ElementDecl> {
        let loc = self.loc(inst, node);
        if let Some(raw) = node.attribute("ref") {
            let q = self.resolve(inst, node, "ref", raw)?;
            return match self.model.elements.get(&q) {
                Some(global) => {
                    let mut e = global.clone();
                    e.scope = ElementScope::Ref;
                    e.loc = loc;
                    if let Some(d) = xml::xs_doc(node) {
                        e.doc = Some(d);
                    }
                    Some(e)
                }
                None => {
                    let index = self.index;
                    self.unresolved(
                        "element",
                        Site {
                            at: Loc::Inst(inst),
                            node,
                            attr: "ref",
                            raw,
                        },
                        &q,
                        index.names(Kind::Element),
                    );
                    None
                }
            };
        }
        let Some(name) = node.attribute("name").map(str::trim) else {
            self.error(loc, "local xs:element without a `name` or `ref`");
            return None;
        };
        let qualified = match node.attribute("form").map(str::trim) {
            Some("qualified") => true,
            Some("unqualified") => false,
            _ => self.forms(inst).elements_qualified,
        };
        let ns = if qualified {
            self.tns(inst)
        } else {
            String::new()
        };
        let mut sub = path.to_vec();
        sub.push(name.to_string());
        let type_ref = self.element_type(inst, node, &sub);
        self.check_element_children(inst, node);
        Some(ElementDecl {
            name: QName::new(ns, name),
            type_ref,
            scope: ElementScope::Local,
            nillable: bool_attr(node, "nillable"),
            is_abstract: false,
            default: node.attribute("default").map(str::to_string),
            fixed: node.attribute("fixed").map(str::to_string),
            fixed_ns: xml::value_bindings(node, node.attribute("fixed")),
            substitution_group: None,
            doc: xml::xs_doc(node),
            loc,
        })
    }

    /// The type of a local element: `type`, an anonymous type, or anyType.
    fn element_type(&mut self, inst: usize, node: Node, path: &[String]) -> TypeRef {
        if let Some(t) = self.type_attr(inst, node, "type") {
            return t;
        }
        match xml::content_children(node)
            .find(|c| is(*c, XS_NS, "simpleType") || is(*c, XS_NS, "complexType"))
        {
            Some(anon) => self.anonymous(
                inst,
                anon,
                TypeOrigin::AnonymousElement(path.to_vec()),
                path,
            ),
            None => TypeRef::Builtin(Builtin::AnyType),
        }
    }

    /// minOccurs / maxOccurs. A bound too large for 64 bits (a valid nonNegativeInteger all the
    /// same) is saturated with a warning: `maxOccurs` becomes unbounded, `minOccurs` the
    /// largest count (no document can hold that many anyway).
    fn occurs(&mut self, inst: usize, node: Node) -> (u64, MaxOccurs) {
        let min = match node.attribute("minOccurs").map(str::trim) {
            None => 1,
            Some(v) => match parse_occurs(v) {
                Some(Ok(n)) => n,
                Some(Err(())) => {
                    let loc = self.attr_loc(inst, node, "minOccurs");
                    self.warning(
                        loc,
                        format!(
                            "minOccurs `{v}` is too large to count; treated as {}",
                            u64::MAX
                        ),
                    );
                    u64::MAX
                }
                None => {
                    let loc = self.attr_loc(inst, node, "minOccurs");
                    self.error(loc, format!("invalid minOccurs `{v}`"));
                    1
                }
            },
        };
        let max = match node.attribute("maxOccurs").map(str::trim) {
            None => MaxOccurs::Bounded(1),
            Some("unbounded") => MaxOccurs::Unbounded,
            Some(v) => match parse_occurs(v) {
                Some(Ok(n)) => MaxOccurs::Bounded(n),
                Some(Err(())) => {
                    let loc = self.attr_loc(inst, node, "maxOccurs");
                    self.warning(
                        loc,
                        format!("maxOccurs `{v}` is too large to count; treated as unbounded"),
                    );
                    MaxOccurs::Unbounded
                }
                None => {
                    let loc = self.attr_loc(inst, node, "maxOccurs");
                    self.error(loc, format!("invalid maxOccurs `{v}`"));
                    MaxOccurs::Bounded(1)
                }
            },
        };
        if let MaxOccurs::Bounded(m) = max {
            if min > m {
                let loc = self.loc(inst, node);
                self.error(
                    loc,
                    format!("minOccurs {min} is greater than maxOccurs {m}"),
                );
            }
        }
        (min, max)
    }

    /// An `xs:attribute`, `xs:attributeGroup ref` or `xs:anyAttribute` of a complex type.
    pub(crate) fn attribute_item(
        &mut self,
        inst: usize,
        node: Node,
        path: &[String],
        attrs: &mut Vec<AttributeUse>,
        any: &mut Option<crate::model::Wildcard>,
        group: Option<&QName>,
    ) {
        if !self.spend(inst, node) {
            return;
        }
        match node.tag_name().name() {
            "attribute" => {
                if let Some(a) = self.attribute_use(inst, node, path, group) {
                    attrs.push(a);
                }
            }
            "anyAttribute" => {
                if any.is_none() {
                    *any = Some(wildcard(node, self.tns(inst)));
                }
            }
            _ => self.attribute_group_ref(inst, node, path, attrs, any),
        }
    }

    fn attribute_group_ref(
        &mut self,
        inst: usize,
        node: Node,
        path: &[String],
        attrs: &mut Vec<AttributeUse>,
        any: &mut Option<crate::model::Wildcard>,
    ) {
        let Some(raw) = node.attribute("ref") else {
            let loc = self.loc(inst, node);
            self.error(loc, "xs:attributeGroup inside a type needs a `ref`");
            return;
        };
        let Some(q) = self.resolve(inst, node, "ref", raw) else {
            return;
        };
        let index = self.index;
        let Some(def) = index.get(Kind::AttributeGroup, &q) else {
            self.unresolved(
                "attributeGroup",
                Site {
                    at: Loc::Inst(inst),
                    node,
                    attr: "ref",
                    raw,
                },
                &q,
                index.names(Kind::AttributeGroup),
            );
            return;
        };
        let Some((def, level)) = pick_def(def, &self.agroup_stack, &q) else {
            let loc = self.attr_loc(inst, node, "ref");
            self.error(
                loc,
                format!(
                    "attributeGroup `{}` is part of a reference cycle",
                    raw.trim()
                ),
            );
            return;
        };
        let Some(gnode) = self.def_node(def) else {
            return;
        };
        if self.agroup_stack.len() >= MAX_DEPTH {
            let loc = self.loc(inst, node);
            self.error(loc, "attribute groups nested too deeply");
            return;
        }
        let ginst = def.inst;
        self.agroup_stack.push((q.clone(), level));
        for c in xml::content_children(gnode) {
            match (xml::is_xs(c), c.tag_name().name()) {
                (true, "attribute" | "attributeGroup" | "anyAttribute") => {
                    self.attribute_item(ginst, c, path, attrs, any, Some(&q))
                }
                _ => {
                    let loc = self.loc(ginst, c);
                    self.unknown(loc, c, "xs:attributeGroup");
                }
            }
        }
        self.agroup_stack.pop();
    }

    fn attribute_use(
        &mut self,
        inst: usize,
        node: Node,
        path: &[String],
        group: Option<&QName>,
    ) -> Option<AttributeUse> {
        let loc = self.loc(inst, node);
        let use_ = match node.attribute("use").map(str::trim) {
            None | Some("optional") => AttributeUseKind::Optional,
            Some("required") => AttributeUseKind::Required,
            Some("prohibited") => AttributeUseKind::Prohibited,
            Some(other) => {
                let l = self.attr_loc(inst, node, "use");
                self.error(l, format!("invalid attribute use `{other}`"));
                AttributeUseKind::Optional
            }
        };
        let default = node.attribute("default").map(str::to_string);
        let fixed = node.attribute("fixed").map(str::to_string);
        if let Some(raw) = node.attribute("ref") {
            let q = self.resolve(inst, node, "ref", raw)?;
            if q.ns == crate::model::XML_NS {
                self.used_xml_attributes.insert(q.clone());
            }
            let Some(global) = self.model.attributes.get(&q).cloned() else {
                let index = self.index;
                self.unresolved(
                    "attribute",
                    Site {
                        at: Loc::Inst(inst),
                        node,
                        attr: "ref",
                        raw,
                    },
                    &q,
                    index.names(Kind::Attribute),
                );
                return None;
            };
            return Some(AttributeUse {
                name: global.name,
                type_ref: global.type_ref,
                use_,
                default: default.or(global.default),
                fixed: fixed.or(global.fixed),
                is_ref: true,
                group_name: group.cloned(),
                doc: xml::xs_doc(node).or(global.doc),
                loc,
            });
        }
        let Some(name) = node.attribute("name").map(str::trim) else {
            self.error(loc, "xs:attribute without a `name` or `ref`");
            return None;
        };
        let qualified = match node.attribute("form").map(str::trim) {
            Some("qualified") => true,
            Some("unqualified") => false,
            _ => self.forms(inst).attributes_qualified,
        };
        let ns = if qualified {
            self.tns(inst)
        } else {
            String::new()
        };
        let type_ref = match self.type_attr(inst, node, "type") {
            Some(t) => t,
            None => match xml::content_children(node).find(|c| is(*c, XS_NS, "simpleType")) {
                Some(st) => {
                    let mut sub = path.to_vec();
                    sub.push(name.to_string());
                    self.anonymous(inst, st, TypeOrigin::AnonymousAttribute(sub.clone()), &sub)
                }
                None => TypeRef::Builtin(Builtin::AnySimpleType),
            },
        };
        Some(AttributeUse {
            name: QName::new(ns, name),
            type_ref,
            use_,
            default,
            fixed,
            is_ref: false,
            group_name: group.cloned(),
            doc: xml::xs_doc(node),
            loc,
        })
    }
}

/// Reads an `xs:any` / `xs:anyAttribute`.
fn wildcard(node: Node, target_namespace: String) -> Wildcard {
    Wildcard {
        target_namespace,
        namespace: node
            .attribute("namespace")
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_else(|| "##any".to_string()),
        process_contents: match node.attribute("processContents").map(str::trim) {
            Some("lax") => ProcessContents::Lax,
            Some("skip") => ProcessContents::Skip,
            _ => ProcessContents::Strict,
        },
    }
}

/// An occurrence bound (`xs:nonNegativeInteger`): `Some(Ok(n))`, `Some(Err(()))` for a valid
/// number too large for 64 bits, `None` when it is not a nonNegativeInteger.
fn parse_occurs(v: &str) -> Option<Result<u64, ()>> {
    let digits = v.strip_prefix('+').unwrap_or(v);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(digits.parse::<u64>().map_err(|_| ()))
}
