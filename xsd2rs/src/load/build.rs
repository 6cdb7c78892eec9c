//! Stage 3: the resolved model, built from the indexed components.
//!
//! Named types get their ids first, so references between types never recurse; global
//! attributes and element headers come next (so `ref`s can be copied), then the bodies
//! of all types, with anonymous types hoisted into the arena as they are met.

use std::collections::HashMap;
use std::sync::Arc;

use roxmltree::{Document, Node};

use super::collect::{FileRec, Inst, Unavailable};
use super::index::{Def, Index, Kind};
use super::suggest;
use super::xml::{self, Positions};
use crate::diag::Diagnostic;
use crate::model::{
    Builtin, ComplexType, Content, Location, Model, QName, SimpleType, TypeDef, TypeId, TypeKind,
    TypeOrigin, TypeRef, XML_NS, XS_NS,
};

/// How deep anonymous types and model groups may nest before the input is rejected
/// (protects the stack against hostile input).
pub(crate) const MAX_DEPTH: usize = 200;

/// How many particles and attribute uses a load may build in all (group references are
/// expanded in place, so nested references could otherwise multiply without bound).
pub(crate) const MAX_ITEMS: usize = 250_000;

/// Per-instance form defaults.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Forms {
    /// `elementFormDefault="qualified"`.
    pub(crate) elements_qualified: bool,
    /// `attributeFormDefault="qualified"`.
    pub(crate) attributes_qualified: bool,
}

/// The state of stage 3.
pub(crate) struct Builder<'a, 'i> {
    pub(crate) files: &'a [FileRec],
    pub(crate) docs: &'a [Option<Document<'i>>],
    pub(crate) insts: &'a [Inst],
    pub(crate) forms: Vec<Forms>,
    pub(crate) index: &'a Index,
    pub(crate) model: Model,
    pub(crate) diags: Vec<Diagnostic>,
    /// Model groups being expanded (name, redefinition level: 0 is the effective definition,
    /// 1 what it redefines, and so on down a chain of redefinitions).
    pub(crate) group_stack: Vec<(QName, usize)>,
    /// Attribute groups being expanded (name, redefinition level).
    pub(crate) agroup_stack: Vec<(QName, usize)>,
    /// Ids of the originals of redefined types, down the chain (what the effective definition
    /// redefines first).
    pub(crate) redefined_types: HashMap<QName, Vec<TypeId>>,
    /// While converting one level of a redefined type: its name and the index in
    /// `redefined_types` of what its self-reference means (the original it redefines).
    pub(crate) redefining_type: Option<(QName, usize)>,
    /// Anonymous types being converted, by (instance, node): meeting one again (a group that
    /// recurs through a local element) refers to the type instead of expanding it again.
    pub(crate) anon_in_progress: HashMap<(usize, roxmltree::NodeId), TypeId>,
    /// Current nesting depth.
    pub(crate) depth: usize,
    /// Particles and attribute uses built so far (see [`MAX_ITEMS`]).
    pub(crate) items: usize,
    /// Built-in `xml:` attributes something refers to.
    pub(crate) used_xml_attributes: std::collections::BTreeSet<QName>,
    /// Anonymous types of global elements still to convert.
    pub(crate) pending: Vec<(usize, roxmltree::NodeId, TypeId, Vec<String>)>,
    /// File display name used for built-in declarations.
    builtin_file: Arc<str>,
    /// Work left for "did you mean" suggestions (see [`suggest::PER_LOAD`]).
    pub(crate) suggest_budget: usize,
    /// Includes and imports that provided nothing (named by unresolved references).
    pub(crate) unavailable: Vec<Unavailable>,
}

impl<'a, 'i> Builder<'a, 'i> {
    /// A builder over the collected documents.
    pub(crate) fn new(
        files: &'a [FileRec],
        docs: &'a [Option<Document<'i>>],
        insts: &'a [Inst],
        index: &'a Index,
    ) -> Self {
        let forms = insts
            .iter()
            .map(|inst| {
                let schema = docs
                    .get(inst.file)
                    .and_then(|d| d.as_ref())
                    .and_then(|d| d.get_node(inst.schema));
                let q = |attr: &str| {
                    schema.and_then(|s| s.attribute(attr)).map(str::trim) == Some("qualified")
                };
                Forms {
                    elements_qualified: q("elementFormDefault"),
                    attributes_qualified: q("attributeFormDefault"),
                }
            })
            .collect();
        Builder {
            files,
            docs,
            insts,
            forms,
            index,
            model: Model::default(),
            diags: Vec::new(),
            group_stack: Vec::new(),
            agroup_stack: Vec::new(),
            redefined_types: HashMap::new(),
            redefining_type: None,
            anon_in_progress: HashMap::new(),
            depth: 0,
            items: 0,
            used_xml_attributes: Default::default(),
            pending: Vec::new(),
            builtin_file: Arc::from("(built-in xml namespace)"),
            suggest_budget: suggest::PER_LOAD,
            unavailable: Vec::new(),
        }
    }

    /// Positions in the file of a schema instance.
    pub(crate) fn pos(&self, inst: usize) -> Option<Positions<'a>> {
        let file = self.insts.get(inst)?.file;
        self.file_pos(file)
    }

    /// Positions in a file.
    pub(crate) fn file_pos(&self, file: usize) -> Option<Positions<'a>> {
        let f = self.files.get(file)?;
        Some(Positions {
            file: &f.display,
            text: &f.text,
            lines: &f.lines,
        })
    }

    /// Location of an element of a schema instance.
    pub(crate) fn loc(&self, inst: usize, node: Node) -> Location {
        match self.pos(inst) {
            Some(p) => p.node(node),
            None => self.nowhere(),
        }
    }

    /// Location of an attribute of an element of a schema instance.
    pub(crate) fn attr_loc(&self, inst: usize, node: Node, attr: &str) -> Location {
        match self.pos(inst) {
            Some(p) => p.attr(node, attr),
            None => self.nowhere(),
        }
    }

    pub(crate) fn nowhere(&self) -> Location {
        Location {
            file: self.builtin_file.clone(),
            line: 1,
            column: 1,
        }
    }

    /// The element a definition points at.
    pub(crate) fn def_node(&self, def: &Def) -> Option<Node<'a, 'i>> {
        let inst = self.insts.get(def.inst)?;
        self.docs.get(inst.file)?.as_ref()?.get_node(def.node)
    }

    /// Effective target namespace of an instance.
    pub(crate) fn tns(&self, inst: usize) -> String {
        self.insts
            .get(inst)
            .map(|i| i.tns.clone())
            .unwrap_or_default()
    }

    /// Form defaults of an instance.
    pub(crate) fn forms(&self, inst: usize) -> Forms {
        self.forms.get(inst).copied().unwrap_or_default()
    }

    /// Counts one more particle or attribute use; false (with one error for the whole
    /// load) once the budget is spent.
    pub(crate) fn spend(&mut self, inst: usize, node: Node) -> bool {
        self.items += 1;
        if self.items == MAX_ITEMS {
            let loc = self.loc(inst, node);
            self.error(
                loc,
                format!("the expanded content models exceed {MAX_ITEMS} particles and attributes (group references nested too many times)"),
            );
        }
        self.items < MAX_ITEMS
    }

    /// Records an error.
    pub(crate) fn error(&mut self, loc: Location, msg: impl Into<String>) {
        self.diags.push(Diagnostic::error(Some(loc), msg));
    }

    /// Records a warning.
    pub(crate) fn warning(&mut self, loc: Location, msg: impl Into<String>) {
        self.diags.push(Diagnostic::warning(Some(loc), msg));
    }

    /// Resolves a QName written in an attribute value, in the scope of `node`.
    /// Reports and returns `None` for an undeclared prefix.
    pub(crate) fn resolve(
        &mut self,
        inst: usize,
        node: Node,
        attr: &str,
        raw: &str,
    ) -> Option<QName> {
        let raw = raw.trim();
        let (prefix, local) = match raw.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, raw),
        };
        if local.is_empty() || prefix == Some("") {
            let loc = self.attr_loc(inst, node, attr);
            self.error(loc, format!("`{raw}` is not a valid qualified name"));
            return None;
        }
        let ns = match node.lookup_namespace_uri(prefix) {
            Some(ns) => ns.to_string(),
            None if prefix == Some("xml") => XML_NS.to_string(),
            None if prefix.is_none() => String::new(),
            None => {
                let loc = self.attr_loc(inst, node, attr);
                self.error(
                    loc,
                    format!(
                        "undeclared namespace prefix `{}` in `{raw}`",
                        prefix.unwrap_or_default()
                    ),
                );
                return None;
            }
        };
        let chameleon = self.insts.get(inst).is_some_and(|i| i.chameleon);
        let ns = if ns.is_empty() && chameleon {
            self.tns(inst)
        } else {
            ns
        };
        Some(QName::new(ns, local))
    }

    /// Reports an unresolved reference with a did-you-mean suggestion.
    pub(crate) fn unresolved<'c>(
        &mut self,
        what: &str,
        site: Site,
        wanted: &QName,
        candidates: impl Iterator<Item = &'c QName>,
    ) {
        let loc = match site.at {
            Loc::Inst(i) => self.attr_loc(i, site.node, site.attr),
            Loc::File(f) => match self.file_pos(f) {
                Some(p) => p.attr(site.node, site.attr),
                None => self.nowhere(),
            },
        };
        let mut d = Diagnostic::error(
            Some(loc),
            format!(
                "unresolved {what} reference `{}` ({wanted})",
                site.raw.trim()
            ),
        );
        let sources: Vec<String> = self
            .unavailable
            .iter()
            .filter(|u| u.ns == wanted.ns)
            .map(|u| format!("{} at {}", u.what, u.at))
            .collect();
        let schema_kind = matches!(
            what,
            "type" | "element" | "attribute" | "group" | "attributeGroup"
        );
        let missing_ns = schema_kind
            && !self.insts.iter().any(|i| i.tns == wanted.ns)
            && wanted.ns != XS_NS
            && wanted.ns != XML_NS;
        if !sources.is_empty() {
            d.message.push_str(&format!(
                "; namespace `{}` was to come from {}, which provided nothing",
                wanted.ns,
                sources.join(" and ")
            ));
        } else if missing_ns {
            d.message.push_str(&format!(
                ": no schema for namespace `{}` is loaded",
                wanted.ns
            ));
        }
        if missing_ns {
            // A whole namespace is missing: names from other namespaces are no suggestion;
            // the import that mentions it is (unless the sources above name it already).
            if sources.is_empty() {
                d = d.with_suggestion(self.import_hint(&wanted.ns));
            }
        } else if let Some(s) = suggest::did_you_mean(
            site.node,
            site.raw,
            wanted,
            candidates,
            &mut self.suggest_budget,
        ) {
            d = d.with_suggestion(s);
        }
        self.diags.push(d);
    }

    /// Where a namespace is imported (the first `xs:import` naming it) and how to provide it.
    fn import_hint(&self, ns: &str) -> String {
        for (i, inst) in self.insts.iter().enumerate() {
            let Some(schema) = self
                .docs
                .get(inst.file)
                .and_then(Option::as_ref)
                .and_then(|d| d.get_node(inst.schema))
            else {
                continue;
            };
            let import = schema.children().find(|c| {
                c.is_element()
                    && c.tag_name().namespace() == Some(XS_NS)
                    && c.tag_name().name() == "import"
                    && c.attribute("namespace").unwrap_or("") == ns
            });
            if let Some(node) = import {
                let at = self.attr_loc(i, node, "namespace");
                return match node.attribute("schemaLocation") {
                    Some(l) if super::source::is_remote(l) => format!(
                        "imported at {at} from `{l}`, which is never fetched: map it to a local copy with `--map {l}=PATH` or a catalog, or pass the copy as an input"
                    ),
                    Some(l) => format!(
                        "imported at {at} from `{l}`, which did not load: pass the schema as an input"
                    ),
                    None => format!(
                        "imported at {at} without a schemaLocation: pass the schema as an input"
                    ),
                };
            }
        }
        "no loaded schema imports it: pass a schema for it as an input".to_string()
    }

    /// Looks a type up by name (built-ins included), reporting it when unknown.
    pub(crate) fn lookup_type(
        &mut self,
        at: Loc,
        node: Node,
        attr: &str,
        raw: &str,
        q: &QName,
    ) -> TypeRef {
        if q.ns == XS_NS {
            if let Some(b) = Builtin::from_xsd_name(&q.local) {
                return TypeRef::Builtin(b);
            }
        }
        if let Some((name, level)) = &self.redefining_type {
            if name == q {
                let below = self.redefined_types.get(q).and_then(|c| c.get(*level));
                if let Some(id) = below {
                    return TypeRef::Defined(*id);
                }
            }
        }
        if let Some(id) = self.model.type_names.get(q) {
            return TypeRef::Defined(*id);
        }
        let builtins: Vec<QName> = Builtin::ALL
            .iter()
            .map(|b| QName::new(XS_NS, b.xsd_name()))
            .collect();
        let index = self.index;
        self.unresolved(
            "type",
            Site {
                at,
                node,
                attr,
                raw,
            },
            q,
            index.names(Kind::Type).chain(builtins.iter()),
        );
        TypeRef::Builtin(Builtin::AnyType)
    }

    /// The type named by attribute `attr` of `node`, if the attribute is present.
    pub(crate) fn type_attr(&mut self, inst: usize, node: Node, attr: &str) -> Option<TypeRef> {
        let raw = node.attribute(attr)?;
        let Some(q) = self.resolve(inst, node, attr, raw) else {
            return Some(TypeRef::Builtin(Builtin::AnyType));
        };
        Some(self.lookup_type(Loc::Inst(inst), node, attr, raw, &q))
    }

    /// Adds a type to the arena (with a placeholder body) and returns its id.
    pub(crate) fn alloc(
        &mut self,
        name: Option<QName>,
        origin: TypeOrigin,
        doc: Option<String>,
        loc: Location,
    ) -> TypeId {
        let id = TypeId(self.model.types.len());
        self.model.types.push(TypeDef {
            id,
            name,
            origin,
            doc,
            loc,
            kind: TypeKind::Simple(SimpleType::Restriction {
                base: TypeRef::Builtin(Builtin::AnySimpleType),
                facets: Default::default(),
            }),
        });
        id
    }

    /// Sets the body of an allocated type.
    pub(crate) fn set_kind(&mut self, id: TypeId, kind: TypeKind) {
        if let Some(t) = self.model.types.get_mut(id.0) {
            t.kind = kind;
        }
    }

    /// Converts an anonymous `xs:simpleType`/`xs:complexType` into the arena.
    pub(crate) fn anonymous(
        &mut self,
        inst: usize,
        node: Node,
        origin: TypeOrigin,
        path: &[String],
    ) -> TypeRef {
        let loc = self.loc(inst, node);
        if self.depth >= MAX_DEPTH {
            self.error(loc, "types nested too deeply");
            return TypeRef::Builtin(Builtin::AnyType);
        }
        let key = (inst, node.id());
        if let Some(id) = self.anon_in_progress.get(&key) {
            // The type contains itself through a group reference: a recursive type.
            return TypeRef::Defined(*id);
        }
        let id = self.alloc(None, origin, xml::xs_doc(node), loc);
        self.anon_in_progress.insert(key, id);
        // A group referenced inside the type's content is not a direct group→group
        // recursion of the groups being expanded around it.
        let groups = std::mem::take(&mut self.group_stack);
        self.depth += 1;
        let kind = self.type_body(inst, node, path);
        self.depth -= 1;
        self.group_stack = groups;
        self.anon_in_progress.remove(&key);
        self.set_kind(id, kind);
        TypeRef::Defined(id)
    }

    /// Converts the body of a simpleType or complexType element.
    pub(crate) fn type_body(&mut self, inst: usize, node: Node, path: &[String]) -> TypeKind {
        if node.tag_name().name() == "complexType" {
            TypeKind::Complex(self.complex(inst, node, path))
        } else {
            TypeKind::Simple(self.simple(inst, node, path))
        }
    }

    /// Reports unknown children of an element declaration, and a `type` attribute
    /// given together with an anonymous type.
    pub(crate) fn check_element_children(&mut self, inst: usize, node: Node) {
        let anonymous = xml::content_children(node)
            .any(|c| xml::is(c, XS_NS, "simpleType") || xml::is(c, XS_NS, "complexType"));
        if anonymous && node.attribute("type").is_some() {
            let loc = self.loc(inst, node);
            self.error(
                loc,
                format!(
                    "xs:element `{}` has both a `type` attribute and an anonymous type",
                    node.attribute("name").map(str::trim).unwrap_or_default()
                ),
            );
        }
        for c in xml::content_children(node) {
            let ok = xml::is_xs(c)
                && matches!(
                    c.tag_name().name(),
                    "simpleType" | "complexType" | "key" | "keyref" | "unique"
                );
            if !ok {
                let loc = self.loc(inst, c);
                self.unknown(loc, c, "xs:element");
            }
        }
    }

    /// Reports an unexpected child element.
    pub(crate) fn unknown(&mut self, loc: Location, node: Node, inside: &str) {
        if xml::is_xs(node) {
            self.error(
                loc,
                format!(
                    "unexpected construct `{}` inside {inside}",
                    xml::display_tag(node)
                ),
            );
        } else {
            self.warning(
                loc,
                format!(
                    "foreign element `{}` inside {inside} is ignored",
                    xml::display_tag(node)
                ),
            );
        }
    }

    /// A complex type with no content, attributes or derivation yet.
    pub(crate) fn empty_complex() -> ComplexType {
        ComplexType {
            is_abstract: false,
            mixed: false,
            derivation: None,
            content: Content::Empty,
            attributes: Vec::new(),
            any_attribute: None,
        }
    }
}

/// Where a reference is written: the element, the attribute holding it, and its text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Site<'n, 'a, 'i> {
    /// Schema instance or file.
    pub(crate) at: Loc,
    /// The referencing element.
    pub(crate) node: Node<'a, 'i>,
    /// The attribute holding the reference.
    pub(crate) attr: &'n str,
    /// The reference as written.
    pub(crate) raw: &'n str,
}

/// Where a reference stands: in a schema instance, or directly in a (WSDL) file.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Loc {
    /// A schema instance.
    Inst(usize),
    /// A file index.
    File(usize),
}

/// Reads a boolean attribute (`true`/`1`).
pub(crate) fn bool_attr(node: Node, attr: &str) -> bool {
    matches!(node.attribute(attr).map(str::trim), Some("true" | "1"))
}

/// The effective `Def` to expand for a group reference, considering redefinitions: inside the
/// expansion of level k of a (redefined) group, a reference to its own name means level k + 1,
/// the definition that level redefines. `None` when there is no such level: a reference cycle.
pub(crate) fn pick_def<'d>(
    def: &'d Def,
    stack: &[(QName, usize)],
    name: &QName,
) -> Option<(&'d Def, usize)> {
    let level = stack
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, l)| *l)
        .max()
        .map_or(0, |l| l + 1);
    let mut d = def;
    for _ in 0..level {
        d = d.original.as_deref()?;
    }
    Some((d, level))
}
