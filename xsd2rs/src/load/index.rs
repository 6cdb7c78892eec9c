//! Stage 2: an index of every global schema component by kind and qualified name.
//!
//! Reports duplicate definitions and applies `xs:redefine` (the redefinition replaces
//! the original in the index and keeps it reachable for its self-reference).

use std::collections::BTreeMap;

use roxmltree::{Document, Node, NodeId};

use super::collect::{FileRec, Inst};
use super::xml::{self, is, is_xs, Positions};
use crate::diag::Diagnostic;
use crate::model::{QName, XS_NS};

/// The kinds of named global schema components.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Kind {
    /// simpleType or complexType.
    Type,
    /// Global element.
    Element,
    /// Global attribute.
    Attribute,
    /// Model group.
    Group,
    /// Attribute group.
    AttributeGroup,
}

impl Kind {
    /// Word used in messages.
    pub(crate) fn word(self) -> &'static str {
        match self {
            Kind::Type => "type",
            Kind::Element => "element",
            Kind::Attribute => "attribute",
            Kind::Group => "group",
            Kind::AttributeGroup => "attributeGroup",
        }
    }
}

/// Where a global component is defined.
#[derive(Debug, Clone)]
pub(crate) struct Def {
    /// The schema instance.
    pub(crate) inst: usize,
    /// The defining element.
    pub(crate) node: NodeId,
    /// For a redefinition: the definition it replaces.
    pub(crate) original: Option<Box<Def>>,
}

/// All global components.
#[derive(Debug, Default)]
pub(crate) struct Index {
    /// By kind and name, ordered for determinism.
    pub(crate) defs: BTreeMap<(Kind, QName), Def>,
}

impl Index {
    /// Looks a component up.
    pub(crate) fn get(&self, kind: Kind, name: &QName) -> Option<&Def> {
        self.defs.get(&(kind, name.clone()))
    }

    /// All names of one kind.
    pub(crate) fn names(&self, kind: Kind) -> impl Iterator<Item = &QName> {
        self.defs
            .keys()
            .filter(move |(k, _)| *k == kind)
            .map(|(_, n)| n)
    }
}

fn kind_of(node: Node) -> Option<Kind> {
    if !is_xs(node) {
        return None;
    }
    match node.tag_name().name() {
        "simpleType" | "complexType" => Some(Kind::Type),
        "element" => Some(Kind::Element),
        "attribute" => Some(Kind::Attribute),
        "group" => Some(Kind::Group),
        "attributeGroup" => Some(Kind::AttributeGroup),
        _ => None,
    }
}

/// Top-level schema children that are not components and need no index entry.
const NON_COMPONENTS: &[&str] = &["include", "import", "redefine", "annotation", "notation"];

/// Builds the index over all schema instances.
pub(crate) fn build(
    files: &[FileRec],
    docs: &[Option<Document>],
    insts: &[Inst],
    diags: &mut Vec<Diagnostic>,
) -> Index {
    let set = DocSet { files, docs, insts };
    let mut index = Index::default();
    let mut redefines = Vec::new();
    for (i, inst) in insts.iter().enumerate() {
        let (Some(f), Some(Some(doc))) = (files.get(inst.file), docs.get(inst.file)) else {
            continue;
        };
        let Some(schema) = doc.get_node(inst.schema) else {
            continue;
        };
        let pos = Positions {
            file: &f.display,
            text: &f.text,
            lines: &f.lines,
        };
        for child in schema.children().filter(|c| c.is_element()) {
            if let Some(kind) = kind_of(child) {
                add(&mut index, &set, diags, pos, i, child, kind);
            } else if is(child, XS_NS, "redefine") {
                redefines.push((i, child.id()));
            } else if is_xs(child) && NON_COMPONENTS.contains(&child.tag_name().name()) {
            } else if is_xs(child) {
                diags.push(Diagnostic::error(
                    Some(pos.node(child)),
                    format!(
                        "unknown construct `{}` at the top level of a schema",
                        xml::display_tag(child)
                    ),
                ));
            } else {
                diags.push(Diagnostic::warning(
                    Some(pos.node(child)),
                    format!(
                        "foreign element `{}` in a schema is ignored",
                        xml::display_tag(child)
                    ),
                ));
            }
        }
    }
    // Redefinitions replace what the redefined documents defined. A redefining document is
    // always loaded before the one it redefines, so the deepest redefinitions of a chain
    // (A redefines B, which redefines C) are applied first: A's then replaces B's, whose
    // original is C's.
    for (i, node_id) in redefines.into_iter().rev() {
        let Some(inst) = insts.get(i) else { continue };
        let (Some(f), Some(Some(doc))) = (files.get(inst.file), docs.get(inst.file)) else {
            continue;
        };
        let Some(redefine) = doc.get_node(node_id) else {
            continue;
        };
        let pos = Positions {
            file: &f.display,
            text: &f.text,
            lines: &f.lines,
        };
        for child in redefine.children().filter(|c| c.is_element()) {
            match kind_of(child) {
                Some(kind @ (Kind::Type | Kind::Group | Kind::AttributeGroup)) => {
                    let Some(name) = child.attribute("name").map(str::trim) else {
                        diags.push(Diagnostic::error(
                            Some(pos.node(child)),
                            format!("redefined `{}` without a name", xml::display_tag(child)),
                        ));
                        continue;
                    };
                    let key = (kind, QName::new(inst.tns.clone(), name));
                    let original = index.defs.remove(&key);
                    if original.is_none() {
                        diags.push(Diagnostic::error(
                            Some(pos.attr(child, "name")),
                            format!(
                                "xs:redefine of {} `{name}`, which the redefined schema does not define",
                                kind.word()
                            ),
                        ));
                    }
                    index.defs.insert(
                        key,
                        Def {
                            inst: i,
                            node: child.id(),
                            original: original.map(Box::new),
                        },
                    );
                }
                _ if is(child, XS_NS, "annotation") => {}
                _ => diags.push(Diagnostic::error(
                    Some(pos.node(child)),
                    format!(
                        "`{}` cannot be redefined (only simpleType, complexType, group, attributeGroup)",
                        xml::display_tag(child)
                    ),
                )),
            }
        }
    }
    index
}

/// The documents of a load, for looking definitions up.
struct DocSet<'s, 'a> {
    files: &'s [FileRec],
    docs: &'s [Option<Document<'a>>],
    insts: &'s [Inst],
}

/// Adds one global component, reporting a duplicate.
fn add(
    index: &mut Index,
    set: &DocSet,
    diags: &mut Vec<Diagnostic>,
    pos: Positions,
    inst: usize,
    node: Node,
    kind: Kind,
) {
    let Some(name) = node.attribute("name").map(str::trim) else {
        diags.push(Diagnostic::error(
            Some(pos.node(node)),
            format!("global `{}` without a `name`", xml::display_tag(node)),
        ));
        return;
    };
    let tns = set
        .insts
        .get(inst)
        .map(|i| i.tns.clone())
        .unwrap_or_default();
    let key = (kind, QName::new(tns, name));
    if let Some(prev) = index.defs.get(&key) {
        let prev_loc = def_location(set.files, set.docs, set.insts, prev);
        let mut d = Diagnostic::error(
            Some(pos.attr(node, "name")),
            format!("duplicate definition of {} `{name}`", kind.word()),
        );
        if let Some(l) = prev_loc {
            d = d.with_suggestion(format!("first defined at {l}"));
        }
        diags.push(d);
        return;
    }
    index.defs.insert(
        key,
        Def {
            inst,
            node: node.id(),
            original: None,
        },
    );
}

/// The location of a definition's `name` attribute.
pub(crate) fn def_location(
    files: &[FileRec],
    docs: &[Option<Document>],
    insts: &[Inst],
    def: &Def,
) -> Option<crate::model::Location> {
    let inst = insts.get(def.inst)?;
    let f = files.get(inst.file)?;
    let doc = docs.get(inst.file)?.as_ref()?;
    let node = doc.get_node(def.node)?;
    let pos = Positions {
        file: &f.display,
        text: &f.text,
        lines: &f.lines,
    };
    Some(pos.attr(node, "name"))
}
