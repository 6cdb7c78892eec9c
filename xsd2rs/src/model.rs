//! The resolved model: a language-neutral view of a WSDL/XSD file set in which every
//! reference is resolved and every definition keeps its source location.
//!
//! This is the contract between the front end (`load`) and the Rust stages (`plan`, `emit`).
//! Types live in an arena ([`Model::types`]) addressed by [`TypeId`]; anonymous types are
//! hoisted into the arena too and remember where they were declared ([`TypeOrigin`]).
//! Model groups and attribute groups are expanded in place (their names are kept for naming).
//! All maps are ordered so that every later stage is deterministic.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// The XML Schema namespace.
pub const XS_NS: &str = "http://www.w3.org/2001/XMLSchema";
/// The `xml:` namespace (built in; never fetched).
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// A qualified name: namespace URI (empty string for no namespace) and local name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QName {
    /// Namespace URI; `""` means no namespace.
    pub ns: String,
    /// Local part.
    pub local: String,
}

impl QName {
    /// Builds a qualified name.
    pub fn new(ns: impl Into<String>, local: impl Into<String>) -> Self {
        QName {
            ns: ns.into(),
            local: local.into(),
        }
    }
}

impl fmt::Display for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ns.is_empty() {
            f.write_str(&self.local)
        } else {
            write!(f, "{{{}}}{}", self.ns, self.local)
        }
    }
}

/// Where a definition stands in its source file (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file as the user named it (or as reached through include/import).
    pub file: Arc<str>,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// Index of a type in [`Model::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// A reference to a type: a built-in XSD type or one in the arena.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    /// One of the XML Schema built-in types.
    Builtin(Builtin),
    /// A user-defined (named or anonymous) type.
    Defined(TypeId),
}

/// The XML Schema 1.0 built-in types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(missing_docs)]
pub enum Builtin {
    AnyType,
    AnySimpleType,
    String,
    NormalizedString,
    Token,
    Language,
    Name,
    NcName,
    Id,
    IdRef,
    IdRefs,
    Entity,
    Entities,
    NmToken,
    NmTokens,
    Boolean,
    Decimal,
    Integer,
    NonPositiveInteger,
    NegativeInteger,
    NonNegativeInteger,
    PositiveInteger,
    Long,
    Int,
    Short,
    Byte,
    UnsignedLong,
    UnsignedInt,
    UnsignedShort,
    UnsignedByte,
    Float,
    Double,
    Duration,
    DateTime,
    Time,
    Date,
    GYearMonth,
    GYear,
    GMonthDay,
    GDay,
    GMonth,
    HexBinary,
    Base64Binary,
    AnyUri,
    QName,
    Notation,
}

impl Builtin {
    /// Every built-in, in declaration order.
    pub const ALL: &'static [Builtin] = &[
        Builtin::AnyType,
        Builtin::AnySimpleType,
        Builtin::String,
        Builtin::NormalizedString,
        Builtin::Token,
        Builtin::Language,
        Builtin::Name,
        Builtin::NcName,
        Builtin::Id,
        Builtin::IdRef,
        Builtin::IdRefs,
        Builtin::Entity,
        Builtin::Entities,
        Builtin::NmToken,
        Builtin::NmTokens,
        Builtin::Boolean,
        Builtin::Decimal,
        Builtin::Integer,
        Builtin::NonPositiveInteger,
        Builtin::NegativeInteger,
        Builtin::NonNegativeInteger,
        Builtin::PositiveInteger,
        Builtin::Long,
        Builtin::Int,
        Builtin::Short,
        Builtin::Byte,
        Builtin::UnsignedLong,
        Builtin::UnsignedInt,
        Builtin::UnsignedShort,
        Builtin::UnsignedByte,
        Builtin::Float,
        Builtin::Double,
        Builtin::Duration,
        Builtin::DateTime,
        Builtin::Time,
        Builtin::Date,
        Builtin::GYearMonth,
        Builtin::GYear,
        Builtin::GMonthDay,
        Builtin::GDay,
        Builtin::GMonth,
        Builtin::HexBinary,
        Builtin::Base64Binary,
        Builtin::AnyUri,
        Builtin::QName,
        Builtin::Notation,
    ];

    /// The local name in the XML Schema namespace (`"dateTime"`, `"NCName"`, ...).
    pub fn xsd_name(self) -> &'static str {
        use Builtin::*;
        match self {
            AnyType => "anyType",
            AnySimpleType => "anySimpleType",
            String => "string",
            NormalizedString => "normalizedString",
            Token => "token",
            Language => "language",
            Name => "Name",
            NcName => "NCName",
            Id => "ID",
            IdRef => "IDREF",
            IdRefs => "IDREFS",
            Entity => "ENTITY",
            Entities => "ENTITIES",
            NmToken => "NMTOKEN",
            NmTokens => "NMTOKENS",
            Boolean => "boolean",
            Decimal => "decimal",
            Integer => "integer",
            NonPositiveInteger => "nonPositiveInteger",
            NegativeInteger => "negativeInteger",
            NonNegativeInteger => "nonNegativeInteger",
            PositiveInteger => "positiveInteger",
            Long => "long",
            Int => "int",
            Short => "short",
            Byte => "byte",
            UnsignedLong => "unsignedLong",
            UnsignedInt => "unsignedInt",
            UnsignedShort => "unsignedShort",
            UnsignedByte => "unsignedByte",
            Float => "float",
            Double => "double",
            Duration => "duration",
            DateTime => "dateTime",
            Time => "time",
            Date => "date",
            GYearMonth => "gYearMonth",
            GYear => "gYear",
            GMonthDay => "gMonthDay",
            GDay => "gDay",
            GMonth => "gMonth",
            HexBinary => "hexBinary",
            Base64Binary => "base64Binary",
            AnyUri => "anyURI",
            QName => "QName",
            Notation => "NOTATION",
        }
    }

    /// Looks a built-in up by its local name in the XML Schema namespace.
    pub fn from_xsd_name(local: &str) -> Option<Builtin> {
        Builtin::ALL.iter().copied().find(|b| b.xsd_name() == local)
    }
}

/// The resolved model of a whole file set.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Every type, named and anonymous; [`TypeId`] indexes this.
    pub types: Vec<TypeDef>,
    /// Named types by qualified name.
    pub type_names: BTreeMap<QName, TypeId>,
    /// Global element declarations.
    pub elements: BTreeMap<QName, ElementDecl>,
    /// Global attribute declarations.
    pub attributes: BTreeMap<QName, AttributeDecl>,
    /// Substitution groups: head element → member elements (transitively, sorted).
    pub substitution_groups: BTreeMap<QName, Vec<QName>>,
    /// WSDL definitions (empty when only XSD files were loaded).
    pub wsdl: Vec<WsdlDefinitions>,
    /// Every file read, in load order (for `cargo:rerun-if-changed` and provenance).
    pub files: Vec<SourceFile>,
    /// Target namespaces of the loaded schemas with the prefixes their documents used
    /// (namespace → preferred prefix), for stable prefixes when writing.
    pub prefixes: BTreeMap<String, String>,
}

impl Model {
    /// The type with this id.
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// The named type with this qualified name.
    pub fn type_by_name(&self, name: &QName) -> Option<&TypeDef> {
        self.type_names.get(name).map(|id| self.ty(*id))
    }
}

/// A file that was read while loading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The path as it was opened (or the embedded name for built-in documents).
    pub path: Arc<str>,
    /// What kind of document it is.
    pub kind: SourceKind,
}

/// What kind of document a [`SourceFile`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A WSDL 1.1 document (may hold inline schemas).
    Wsdl,
    /// A standalone XML Schema document.
    Schema,
}

/// A type definition, named or anonymous.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// Its own id.
    pub id: TypeId,
    /// The qualified name; `None` for anonymous types.
    pub name: Option<QName>,
    /// Where it comes from (named, or anonymous inside which declaration).
    pub origin: TypeOrigin,
    /// The text of its `xs:documentation`, whitespace-normalised, if any.
    pub doc: Option<String>,
    /// Where it is declared.
    pub loc: Location,
    /// Simple or complex.
    pub kind: TypeKind,
}

/// Where a type was declared: at top level with a name, or anonymously inside something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeOrigin {
    /// A top-level named type.
    Named,
    /// Anonymous type of an element; the names from the outermost named definition inward
    /// (e.g. `["GetUserOofSettingsRequest"]` or `["FooType", "Bar"]`).
    AnonymousElement(Vec<String>),
    /// Anonymous type of an attribute (same path convention, attribute name last).
    AnonymousAttribute(Vec<String>),
    /// Anonymous member type of a list/union or base of a restriction (path of the enclosing type).
    AnonymousNested(Vec<String>),
}

/// Simple or complex type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// `xs:simpleType`.
    Simple(SimpleType),
    /// `xs:complexType`.
    Complex(ComplexType),
}

/// The variety of a simple type.
#[derive(Debug, Clone, PartialEq)]
pub enum SimpleType {
    /// `xs:restriction` of a simple base with facets (enumerations included).
    Restriction {
        /// The base type.
        base: TypeRef,
        /// The facets this restriction adds.
        facets: Facets,
    },
    /// `xs:list` of an item type (whitespace-separated).
    List {
        /// The item type.
        item: TypeRef,
        /// Facets applied to the list (length counts items).
        facets: Facets,
    },
    /// `xs:union` of member types, tried in order.
    Union {
        /// The member types.
        members: Vec<TypeRef>,
    },
}

/// Constraining facets of a simple type restriction.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Facets {
    /// `xs:enumeration` values, in document order.
    pub enumeration: Vec<EnumValue>,
    /// `xs:pattern` values (several patterns in one step are alternatives).
    pub patterns: Vec<String>,
    /// `xs:length`.
    pub length: Option<u64>,
    /// `xs:minLength`.
    pub min_length: Option<u64>,
    /// `xs:maxLength`.
    pub max_length: Option<u64>,
    /// `xs:minInclusive` (lexical).
    pub min_inclusive: Option<String>,
    /// `xs:maxInclusive` (lexical).
    pub max_inclusive: Option<String>,
    /// `xs:minExclusive` (lexical).
    pub min_exclusive: Option<String>,
    /// `xs:maxExclusive` (lexical).
    pub max_exclusive: Option<String>,
    /// `xs:totalDigits`.
    pub total_digits: Option<u32>,
    /// `xs:fractionDigits`.
    pub fraction_digits: Option<u32>,
    /// `xs:whiteSpace`.
    pub white_space: Option<WhiteSpace>,
}

/// One `xs:enumeration` value.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The lexical value.
    pub value: String,
    /// For a value of a QName-based type: the namespace its prefix (or, unprefixed, the
    /// default namespace) means where the schema declares it; `None` for other types.
    pub namespace: Option<String>,
    /// Its documentation, if any.
    pub doc: Option<String>,
    /// Where it is declared.
    pub loc: Location,
}

impl EnumValue {
    /// The value as generated code compares it: the lexical value, or for a QName-based type
    /// `{namespace}local` (what the value means, whatever prefix spells it).
    pub fn lexical(&self) -> String {
        match &self.namespace {
            Some(ns) => {
                let local = self.value.trim();
                let local = local.split_once(':').map_or(local, |(_, l)| l);
                format!("{{{ns}}}{local}")
            }
            None => self.value.clone(),
        }
    }
}

/// The `xs:whiteSpace` facet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhiteSpace {
    /// Keep as is.
    Preserve,
    /// Replace tab/newline/CR by space.
    Replace,
    /// Replace, then collapse runs of spaces and trim.
    Collapse,
}

/// A complex type.
#[derive(Debug, Clone, PartialEq)]
pub struct ComplexType {
    /// `abstract="true"`.
    pub is_abstract: bool,
    /// `mixed="true"` (text may stand between child elements).
    pub mixed: bool,
    /// How this type derives from its base, if it does.
    pub derivation: Option<Derivation>,
    /// The content this type declares itself (for an extension: only the added part;
    /// the base's content comes first, see [`Derivation`]).
    pub content: Content,
    /// Attributes declared by this type itself, attribute groups expanded, in document order.
    pub attributes: Vec<AttributeUse>,
    /// `xs:anyAttribute`, if any.
    pub any_attribute: Option<Wildcard>,
}

/// `complexContent`/`simpleContent` derivation.
#[derive(Debug, Clone, PartialEq)]
pub struct Derivation {
    /// The base type.
    pub base: TypeRef,
    /// Extension or restriction.
    pub method: DerivationMethod,
}

/// Extension or restriction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DerivationMethod {
    /// Base content followed by this type's own content; base attributes plus own.
    Extension,
    /// This type's content replaces the base's (attributes may be narrowed or prohibited).
    Restriction,
}

/// The content model of a complex type.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// No child elements and no text.
    Empty,
    /// Text content of a simple type (simpleContent), with any facets of a restriction.
    Simple {
        /// The simple type of the text.
        value_type: TypeRef,
        /// Facets added by a simpleContent restriction.
        facets: Facets,
    },
    /// Element content: one top-level particle (a sequence, choice or all).
    Elements(Particle),
}

/// A particle: a term with occurrence bounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Particle {
    /// `minOccurs`.
    pub min_occurs: u64,
    /// `maxOccurs`.
    pub max_occurs: MaxOccurs,
    /// What occurs.
    pub term: Term,
    /// Where it is declared.
    pub loc: Location,
}

/// `maxOccurs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaxOccurs {
    /// A fixed upper bound.
    Bounded(u64),
    /// `unbounded`.
    Unbounded,
}

impl MaxOccurs {
    /// True when more than one occurrence is allowed.
    pub fn is_many(self) -> bool {
        !matches!(self, MaxOccurs::Bounded(0) | MaxOccurs::Bounded(1))
    }
}

/// The term of a particle.
#[derive(Debug, Clone, PartialEq)]
pub enum Term {
    /// An element (local declaration, or reference to a global one).
    Element(Box<ElementDecl>),
    /// A model group (`sequence`, `choice`, `all`), possibly from an expanded `xs:group ref`.
    Group(ModelGroup),
    /// `xs:any`.
    Any(Wildcard),
}

/// A model group.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelGroup {
    /// Sequence, choice or all.
    pub compositor: Compositor,
    /// The particles, in document order.
    pub particles: Vec<Particle>,
    /// The name of the `xs:group` this came from, if it was a group reference.
    pub group_name: Option<QName>,
}

/// A model group compositor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compositor {
    /// Children in order.
    Sequence,
    /// Exactly one of the children.
    Choice,
    /// Each child at most once, in any order.
    All,
}

/// An element declaration (global, local, or a local reference to a global one).
#[derive(Debug, Clone, PartialEq)]
pub struct ElementDecl {
    /// The qualified name as it appears in instances (form/elementFormDefault applied).
    pub name: QName,
    /// Its type.
    pub type_ref: TypeRef,
    /// Global, local, or reference to a global.
    pub scope: ElementScope,
    /// `nillable="true"`.
    pub nillable: bool,
    /// `abstract="true"` (global only).
    pub is_abstract: bool,
    /// `default` value.
    pub default: Option<String>,
    /// `fixed` value.
    pub fixed: Option<String>,
    /// The namespace bindings the QNames of the `fixed` value use where it is declared
    /// (`(prefix, uri)`, and `("", default namespace)`); empty when it has no prefixed token.
    pub fixed_ns: Vec<(String, String)>,
    /// `substitutionGroup` head (global only).
    pub substitution_group: Option<QName>,
    /// Documentation.
    pub doc: Option<String>,
    /// Where it is declared (for a reference: where the reference stands).
    pub loc: Location,
}

/// Where an element declaration lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElementScope {
    /// A top-level `xs:element`.
    Global,
    /// A local declaration inside a content model.
    Local,
    /// `xs:element ref="..."` inside a content model; the declaration is the global one's.
    Ref,
}

/// A global attribute declaration.
#[derive(Debug, Clone, PartialEq)]
pub struct AttributeDecl {
    /// The qualified name.
    pub name: QName,
    /// Its simple type.
    pub type_ref: TypeRef,
    /// `default`.
    pub default: Option<String>,
    /// `fixed`.
    pub fixed: Option<String>,
    /// Documentation.
    pub doc: Option<String>,
    /// Where it is declared.
    pub loc: Location,
}

/// An attribute as used by a complex type.
#[derive(Debug, Clone, PartialEq)]
pub struct AttributeUse {
    /// The qualified name as it appears in instances (form/attributeFormDefault applied).
    pub name: QName,
    /// Its simple type.
    pub type_ref: TypeRef,
    /// optional/required/prohibited.
    pub use_: AttributeUseKind,
    /// `default`.
    pub default: Option<String>,
    /// `fixed`.
    pub fixed: Option<String>,
    /// True for `ref="..."` to a global attribute (e.g. `xml:lang`).
    pub is_ref: bool,
    /// The attribute group it came from, if any.
    pub group_name: Option<QName>,
    /// Documentation.
    pub doc: Option<String>,
    /// Where it is declared.
    pub loc: Location,
}

/// `use` of an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeUseKind {
    /// `use="optional"` (the default).
    Optional,
    /// `use="required"`.
    Required,
    /// `use="prohibited"` (in a restriction).
    Prohibited,
}

/// `xs:any` / `xs:anyAttribute`.
#[derive(Debug, Clone, PartialEq)]
pub struct Wildcard {
    /// The `namespace` constraint as written (`##any`, `##other`, a list of URIs...).
    pub namespace: String,
    /// `processContents`.
    pub process_contents: ProcessContents,
    /// The target namespace of the schema declaring it (what `##other` and
    /// `##targetNamespace` refer to; empty for none).
    pub target_namespace: String,
}

/// `processContents` of a wildcard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProcessContents {
    /// `strict` (the default).
    Strict,
    /// `lax`.
    Lax,
    /// `skip`.
    Skip,
}

// ---------------------------------------------------------------------------------------
// WSDL 1.1
// ---------------------------------------------------------------------------------------

/// One `wsdl:definitions` document (imports are loaded as separate entries).
#[derive(Debug, Clone, PartialEq)]
pub struct WsdlDefinitions {
    /// `targetNamespace`.
    pub target_namespace: String,
    /// `name`, if given.
    pub name: Option<String>,
    /// Documentation.
    pub doc: Option<String>,
    /// The file it was read from.
    pub loc: Location,
    /// Messages by qualified name.
    pub messages: BTreeMap<QName, Message>,
    /// Port types by qualified name.
    pub port_types: BTreeMap<QName, PortType>,
    /// Bindings by qualified name.
    pub bindings: BTreeMap<QName, Binding>,
    /// Services by qualified name.
    pub services: BTreeMap<QName, Service>,
}

/// `wsdl:message`.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// Its name.
    pub name: QName,
    /// Its parts, in order.
    pub parts: Vec<Part>,
    /// Documentation.
    pub doc: Option<String>,
    /// Where it is declared.
    pub loc: Location,
}

/// `wsdl:part`: either an element or a type.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// Part name.
    pub name: String,
    /// What the part holds.
    pub content: PartContent,
    /// Where it is declared.
    pub loc: Location,
}

/// What a `wsdl:part` refers to.
#[derive(Debug, Clone, PartialEq)]
pub enum PartContent {
    /// `element="..."` (document style).
    Element(QName),
    /// `type="..."` (rpc style).
    Type(TypeRef),
}

/// `wsdl:portType`.
#[derive(Debug, Clone, PartialEq)]
pub struct PortType {
    /// Its name.
    pub name: QName,
    /// Its operations, in order.
    pub operations: Vec<Operation>,
    /// Documentation.
    pub doc: Option<String>,
    /// Where it is declared.
    pub loc: Location,
}

/// An abstract operation of a port type.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// Operation name.
    pub name: String,
    /// Input message, if any.
    pub input: Option<OperationIo>,
    /// Output message, if any.
    pub output: Option<OperationIo>,
    /// Fault messages.
    pub faults: Vec<OperationIo>,
    /// Documentation.
    pub doc: Option<String>,
    /// Where it is declared.
    pub loc: Location,
}

/// `wsdl:input` / `wsdl:output` / `wsdl:fault` of an abstract operation.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationIo {
    /// The `name` attribute, if given.
    pub name: Option<String>,
    /// The message it carries.
    pub message: QName,
}

/// `wsdl:binding`.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// Its name.
    pub name: QName,
    /// The port type it binds.
    pub port_type: QName,
    /// SOAP binding details; `None` for non-SOAP bindings.
    pub soap: Option<SoapBinding>,
    /// Bound operations, in order.
    pub operations: Vec<BindingOperation>,
    /// Documentation.
    pub doc: Option<String>,
    /// Where it is declared.
    pub loc: Location,
}

/// SOAP version of a binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SoapVersion {
    /// SOAP 1.1 (`http://schemas.xmlsoap.org/wsdl/soap/`).
    Soap11,
    /// SOAP 1.2 (`http://schemas.xmlsoap.org/wsdl/soap12/`).
    Soap12,
}

/// `soap:binding`.
#[derive(Debug, Clone, PartialEq)]
pub struct SoapBinding {
    /// SOAP 1.1 or 1.2.
    pub version: SoapVersion,
    /// `transport` URI.
    pub transport: Option<String>,
    /// Default `style` (document when absent).
    pub style: SoapStyle,
}

/// `style` of a SOAP binding or operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SoapStyle {
    /// `document`.
    Document,
    /// `rpc`.
    Rpc,
}

/// `use` of soap:body / soap:header / soap:fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SoapUse {
    /// `literal`.
    Literal,
    /// `encoded`.
    Encoded,
}

/// A bound operation.
#[derive(Debug, Clone, PartialEq)]
pub struct BindingOperation {
    /// Operation name (matches the port type's operation).
    pub name: String,
    /// `soap:operation/@soapAction`, if given.
    pub soap_action: Option<String>,
    /// Effective style (operation's, else the binding's).
    pub style: SoapStyle,
    /// Bound input.
    pub input: Option<BindingIo>,
    /// Bound output.
    pub output: Option<BindingIo>,
    /// Bound faults.
    pub faults: Vec<BindingFault>,
    /// Where it is declared.
    pub loc: Location,
}

/// A bound input or output: its body and header blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct BindingIo {
    /// `soap:body`.
    pub body: Option<SoapBody>,
    /// `soap:header` elements, in order.
    pub headers: Vec<SoapHeader>,
    /// rpc/literal only: the body's wrapper element, built by the loader (see [`RpcBody`]).
    pub rpc: Option<RpcBody>,
}

/// The body of an rpc/literal input or output (WSDL 1.1 §3.5, WS-I Basic Profile 1.1 §4.7).
#[derive(Debug, Clone, PartialEq)]
pub enum RpcBody {
    /// The wrapper element: `{soap:body/@namespace}Operation` for the input,
    /// `{..}OperationResponse` for the output, holding one unqualified accessor element per
    /// body part (named after the part, of the part's type). The loader adds it to
    /// [`Model::elements`] as an ordinary global element with an anonymous complex type;
    /// bindings whose operations have the same wrapper share it.
    Wrapper(QName),
    /// Why no wrapper could be built (the operation is left out of the generated code).
    Refused(String),
}

/// `soap:body`.
#[derive(Debug, Clone, PartialEq)]
pub struct SoapBody {
    /// `parts`, if restricted (None = all parts of the message).
    pub parts: Option<Vec<String>>,
    /// `use`.
    pub use_: SoapUse,
    /// `namespace` (rpc style).
    pub namespace: Option<String>,
}

/// `soap:header`.
#[derive(Debug, Clone, PartialEq)]
pub struct SoapHeader {
    /// The message holding the part.
    pub message: QName,
    /// The part name.
    pub part: String,
    /// `use`.
    pub use_: SoapUse,
    /// Where it is declared.
    pub loc: Location,
}

/// `wsdl:fault` inside a binding operation (`soap:fault`).
#[derive(Debug, Clone, PartialEq)]
pub struct BindingFault {
    /// Fault name.
    pub name: String,
    /// `use`.
    pub use_: SoapUse,
}

/// `wsdl:service`.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// Its name.
    pub name: QName,
    /// Its ports.
    pub ports: Vec<Port>,
    /// Documentation.
    pub doc: Option<String>,
    /// Where it is declared.
    pub loc: Location,
}

/// `wsdl:port`.
#[derive(Debug, Clone, PartialEq)]
pub struct Port {
    /// Port name.
    pub name: String,
    /// The binding it exposes.
    pub binding: QName,
    /// `soap:address/@location`, if any.
    pub address: Option<String>,
}
