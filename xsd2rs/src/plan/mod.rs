//! The Rust plan: language-level items (structs, enums, newtypes) computed from the
//! resolved [`Model`](crate::model::Model), with Rust names, wrappers and XML names.
//!
//! # Mapping
//!
//! | XML Schema | Rust |
//! |---|---|
//! | complex type, or anonymous type of an element | `struct` (anonymous types are named after their path, e.g. `ResponseMessageTypeMessageXml`) |
//! | element or attribute with `minOccurs="0"` / `use="optional"` | `Option<T>` |
//! | `maxOccurs` > 1 | `Vec<T>` |
//! | `nillable="true"` | `xsd2rs_runtime::codec::Nillable<T>` (inside the `Option`/`Vec` when both apply): nil is distinct from absent |
//! | nested sequence | its fields are flattened into the owner (all optional if the sequence is optional) |
//! | `xs:choice` | `enum` with one variant per element branch (`Option`/`Vec` of it as the choice occurs); a repeated choice is a `Vec` of the enum in document order. A choice with a single branch is that branch (its occurrences multiplied); one with an empty branch is optional; an empty `<xs:choice/>` holds nothing (no field) |
//! | choice with a sequence branch, repeated sequence | `Vec` of an enum of all the elements inside, in document order (lossless: re-encoding writes them back in the order read) |
//! | `xs:all` | `struct` whose children are accepted in any order; with more than one child field, an `order: xsd2rs_runtime::codec::Order` field records the order they were read in and they are written back in it (fields it does not name follow in schema order, so a value built in code is written in schema order) |
//! | `complexContent` extension | the base's attributes and content fields come first, flattened into the derived struct |
//! | `complexContent` restriction | the restriction's own content; the base's attributes minus prohibited ones |
//! | `simpleContent` | struct with the attributes plus a `value` field (a `{Type}Value` newtype when a restriction adds facets) |
//! | attribute with `default`/`fixed` | still `Option<T>` (documented default): absent is kept distinct from the default, and nothing the user did not set is ever written; `{field}_or_default()` returns the effective value; a `fixed` value is checked on read (another value is an error naming `/@Name` when reading strictly, kept otherwise: EWS fixes `RequestServerVersion/@Version` while clients send older versions) |
//! | enumeration | `enum` with a variant per value plus `Other(String)` keeping values the schema does not list |
//! | enumeration restricting an enumeration | its own `enum` of the (subset of) values; a value outside it is `Other` on read and written as kept (the fallback exists so values newer than the schema pass through, both ways) |
//! | length / pattern facets restricting an enumeration or union | newtype checking them on the written form, on read and write (range and digit facets there are not checked: a union's members have no common order) |
//! | other simple restriction | newtype over the base with its facets checked on read and write |
//! | `xs:list` | `xsd2rs_runtime::types::List<Item>` (a newtype over it when the list has facets) |
//! | `xs:union` | enum with a variant per member type, tried in order, plus `Other(String)` |
//! | substitution group head (or abstract element) | `enum` of the known member elements plus a variant keeping an unknown element raw |
//! | element whose complex type has derived types (among the planned types) | `{Type}OrDerived` enum: one variant per concrete type chosen by `xsi:type` (none = the declared type), plus `Other(AnyContent)` keeping an element of an unknown type whole; an abstract declared type without `xsi:type` is kept in `Other` too (lenient read); writing a derived variant writes `xsi:type` |
//! | `mixed="true"` | the element content becomes one `content: Vec<Mixed<Enum>>` field: text (`Mixed::Text`) and the elements (an enum of all of them) in document order |
//! | `xs:any` | raw XML kept verbatim (`xsd2rs_runtime::codec::AnyElement`). Beside other particles, or several of them, children are matched by position in the content model (`codec::Particle` table): each goes to the first particle from the current one on that matches it (name, or the wildcard's namespace constraint) and has room, so several wildcards, a wildcard that also matches a named element, and a substitution group before a wildcard each get their own children, in document order; an element no particle allows is unknown (an error when strict) |
//! | the same element at several positions of a sequence (`a, b, a`) | one field per position (`a`, `b`, `a2`), matched by position; twice in a row is one repeated field |
//! | `complexContent` extension of `xs:anyType` | the base's content is kept: an `any: Vec<AnyElement>` field first (or, when mixed, an `Any` variant in the `Vec<Mixed<..>>` content with the text), and the base's `##any` attribute wildcard |
//! | `xs:anyAttribute` | an `any_attributes: xsd2rs_runtime::codec::AnyAttributes` field after the named attributes: the attributes it matches, in document order, written back after them. The namespace constraint (`##any`, `##other`, `##local`, `##targetNamespace`, lists; an extension's is the union with its base's) decides what it matches: an attribute outside it is unknown (an error when reading strictly) |
//! | `xs:anyType` | the whole element kept verbatim (`xsd2rs_runtime::codec::AnyContent`) |
//! | global element (document root) | `XmlRoot` on its type's struct; a `{Element}` / `{Element}Element` wrapper newtype when the type is shared by several roots, simple, or the element is nillable. A substitution-group head is a root too (with its declared type); an abstract element is not |
//! | recursion | `Box<T>` only on the edges that close a cycle of required/optional fields (computed with strongly connected components) |
//!
//! Derived types count only when they are planned themselves (reachable from the operations,
//! or all globals): a type nothing else uses is not generated just for `xsi:type`, and an
//! element of it is kept whole in the `Other` variant. Mixed content whose type extends a
//! complex base with element content keeps its elements only (text is tolerated and dropped).
//!
//! Every type derives `Debug`, `Clone`, `PartialEq`, and `Default` when every field allows it.
//! Only what is reachable from the WSDL operations (all globals for plain XSD input) is planned
//! unless [`PlanOptions::all_globals`] is set.

mod boxing;
mod build;
mod names;
pub mod operations;
mod reach;

pub use build::plan;
pub use operations::{services, HeaderField, Headers, Op, Service};
pub use reach::restrict;

use crate::model::{Builtin, Facets, QName};

/// Options of the planner.
#[derive(Debug, Clone, Default)]
pub struct PlanOptions {
    /// Plan every global type and element, not only what WSDL operations reach.
    pub all_globals: bool,
    /// Plan only what these reach (empty: everything): WSDL operation names (their port
    /// type and binding operations, messages, headers and faults), global element and type
    /// names. A name is a local name (`GetFolder`), `prefix:local` with a prefix the schemas
    /// declare, or `{namespace}local`. See [`restrict`].
    pub only: Vec<String>,
}

/// The plan of one Rust module.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Items, sorted by Rust name.
    pub items: Vec<Item>,
    /// Global elements that can be document roots (message parts, headers, all globals).
    pub roots: Vec<Root>,
    /// Namespaces used, as `(constant name, URI)`, sorted by URI.
    pub namespaces: Vec<(String, String)>,
}

impl Plan {
    /// The item with this id.
    pub fn item(&self, id: ItemId) -> Option<&Item> {
        self.items.get(id.0)
    }
}

/// Index of an item in [`Plan::items`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemId(pub usize);

/// A global element usable as a document root.
#[derive(Debug, Clone, PartialEq)]
pub struct Root {
    /// The element name.
    pub xml: QName,
    /// The Rust type of its content.
    pub ty: Ty,
    /// True if the root element is nillable.
    pub nillable: bool,
    /// The element's schema `default` value (lexical), applied when it is empty.
    pub default: Option<String>,
    /// The element's schema `fixed` value (lexical).
    pub fixed: Option<String>,
    /// The schema's namespace bindings for the QNames of `fixed` (see
    /// [`ElementDecl::fixed_ns`](crate::model::ElementDecl::fixed_ns)).
    pub fixed_ns: Vec<(String, String)>,
    /// The Rust type implementing `XmlRoot`: the content type itself when it is a struct no
    /// other root shares, else a generated wrapper newtype with this name.
    pub wrapper: Option<String>,
}

/// One generated item.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Rust name.
    pub name: String,
    /// Documentation (unsanitised text; a line naming the schema origin when the schema has none).
    pub doc: String,
    /// The schema type's name, if it is named.
    pub xml: Option<QName>,
    /// What kind of item.
    pub kind: ItemKind,
    /// True if every field allows `#[derive(Default)]`.
    pub default: bool,
}

/// The kinds of generated items.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemKind {
    /// A struct of attributes, element fields, text, choices and wildcards.
    Struct(Struct),
    /// An enum of element branches (an `xs:choice`).
    Choice(Choice),
    /// An enum of element members of a substitution group, plus a raw fallback.
    Substitution(Choice),
    /// The content of an element whose declared complex type has derived types: one variant
    /// per concrete type (variant `xml` = the type's QName, matched against `xsi:type`), plus
    /// a fallback keeping an element of another type whole (`AnyContent`).
    Polymorphic(Choice),
    /// An enumeration with an `Other(String)` fallback.
    Enumeration(Enumeration),
    /// A newtype over a simple type with facets.
    Newtype(Newtype),
    /// A whitespace-separated list.
    List(List),
    /// A union of simple types, tried in order.
    Union(Union),
}

/// A struct.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Struct {
    /// Fields: attributes first, then text or content in document order.
    pub fields: Vec<Field>,
    /// Children in any order (`xs:all`).
    pub all: bool,
    /// Mixed content: the struct's one [`FieldKind::Group`] field (a `Vec`) holds text and
    /// elements in document order (`Vec<Mixed<Enum>>`).
    pub mixed: bool,
    /// Name of the field keeping the element's `xsi:*` attributes
    /// (`xsd2rs_runtime::codec::Xsi`), which every struct has.
    pub xsi: String,
    /// Name of the field keeping the order its children were read in
    /// (`xsd2rs_runtime::codec::Order`): an `xs:all` struct with more than one child field,
    /// whose fields alone cannot say it. Written back in that order.
    pub order: Option<String>,
}

/// A struct field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Rust identifier (possibly raw, `r#type`).
    pub name: String,
    /// What it holds in XML.
    pub kind: FieldKind,
    /// The Rust type of one occurrence.
    pub ty: Ty,
    /// Occurrence wrapper.
    pub occurs: Occurs,
    /// `nillable`.
    pub nillable: bool,
    /// Boxed to break a cycle.
    pub boxed: bool,
    /// Schema default value (lexical).
    pub default: Option<String>,
    /// Schema fixed value (lexical).
    pub fixed: Option<String>,
    /// The schema's namespace bindings for the QNames of an element's `fixed` value (see
    /// [`ElementDecl::fixed_ns`](crate::model::ElementDecl::fixed_ns)); empty for attributes.
    pub fixed_ns: Vec<(String, String)>,
    /// Documentation.
    pub doc: Option<String>,
}

/// What a field stands for in XML.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    /// An attribute with this name.
    Attribute(QName),
    /// A child element with this name.
    Element(QName),
    /// The text of a simple-content type.
    Text,
    /// A choice or repeated group: the field's type is an [`ItemKind::Choice`] item whose
    /// variants are the elements.
    Group,
    /// `xs:any` elements kept raw, with the wildcard's namespace constraint.
    Any(Namespaces),
    /// Attributes matched by an `xs:anyAttribute` wildcard with this namespace constraint,
    /// kept in document order (`xsd2rs_runtime::codec::AnyAttributes`).
    AnyAttribute(Namespaces),
}

/// The namespace constraint of a wildcard, resolved against its schema's target namespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Namespaces {
    /// `##any`.
    Any,
    /// `##other`: not this namespace (the target namespace), and not no namespace.
    Other(String),
    /// These namespaces (`""` for no namespace), sorted.
    List(Vec<String>),
}

impl Namespaces {
    /// The constraint of a wildcard as written in the schema.
    pub fn of(w: &crate::model::Wildcard) -> Self {
        match w.namespace.trim() {
            "##any" => Namespaces::Any,
            "##other" => Namespaces::Other(w.target_namespace.clone()),
            list => {
                let mut v: Vec<String> = list
                    .split_whitespace()
                    .map(|t| match t {
                        "##targetNamespace" => w.target_namespace.clone(),
                        "##local" => String::new(),
                        uri => uri.to_owned(),
                    })
                    .collect();
                v.sort();
                v.dedup();
                Namespaces::List(v)
            }
        }
    }

    /// The union of two constraints (a complex type extending a base with a wildcard), as
    /// XML Schema 1.0 defines it (an inexpressible union is `##any`).
    pub fn union(&self, other: &Namespaces) -> Namespaces {
        match (self, other) {
            (Namespaces::Any, _) | (_, Namespaces::Any) => Namespaces::Any,
            (Namespaces::Other(a), Namespaces::Other(b)) if a == b => self.clone(),
            (Namespaces::Other(t), Namespaces::List(l))
            | (Namespaces::List(l), Namespaces::Other(t)) => {
                if l.contains(t) || l.iter().any(String::is_empty) {
                    Namespaces::Any
                } else {
                    Namespaces::Other(t.clone())
                }
            }
            (Namespaces::List(a), Namespaces::List(b)) => {
                let mut v: Vec<String> = a.iter().chain(b).cloned().collect();
                v.sort();
                v.dedup();
                Namespaces::List(v)
            }
            _ => Namespaces::Any,
        }
    }
}

/// Occurrence wrapper of a field or variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Occurs {
    /// Exactly one.
    One,
    /// Zero or one: `Option<T>`.
    Optional,
    /// Any number: `Vec<T>`.
    Many,
}

/// The Rust type of a value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Ty {
    /// A built-in XSD type mapped by [`crate::builtins`].
    Builtin(Builtin),
    /// A generated item.
    Item(ItemId),
    /// A raw XML element kept verbatim.
    Raw,
}

/// An enum of element branches.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Choice {
    /// The variants.
    pub variants: Vec<Variant>,
    /// The name of the raw fallback variant (substitution groups only).
    pub fallback: Option<String>,
}

/// A variant of a choice or substitution enum.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// Rust name.
    pub name: String,
    /// The element name; `None` for a branch that is an inline group (its struct decodes its
    /// own elements) or a wildcard.
    pub xml: Option<QName>,
    /// The payload type.
    pub ty: Ty,
    /// For a wildcard branch (`xml` is `None`): its namespace constraint.
    pub wildcard: Option<Namespaces>,
    /// `nillable` element.
    pub nillable: bool,
    /// Boxed to break a cycle.
    pub boxed: bool,
    /// Documentation.
    pub doc: Option<String>,
}

/// An enumeration.
#[derive(Debug, Clone, PartialEq)]
pub struct Enumeration {
    /// The lexical base (for docs).
    pub base: Ty,
    /// `(variant name, lexical value, doc)` in schema order.
    pub values: Vec<(String, String, Option<String>)>,
    /// Name of the fallback variant holding unknown values.
    pub fallback: String,
}

/// A newtype over a simple type, with facets.
#[derive(Debug, Clone, PartialEq)]
pub struct Newtype {
    /// The wrapped type (a built-in, or another simple item).
    pub inner: Ty,
    /// Facets this step adds (the inner type checks its own).
    pub facets: Facets,
}

/// A list type.
#[derive(Debug, Clone, PartialEq)]
pub struct List {
    /// The item type.
    pub item: Ty,
    /// Facets on the list.
    pub facets: Facets,
}

/// A union type: `(variant name, member type)` tried in order, then `Other(String)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// Members.
    pub members: Vec<(String, Ty)>,
    /// Name of the fallback variant.
    pub fallback: String,
}

#[cfg(test)]
mod tests;
