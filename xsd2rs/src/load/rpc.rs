//! rpc/literal bodies (WSDL 1.1 §3.5, WS-I Basic Profile 1.1 §4.7): the request body is a
//! wrapper element named after the operation, the response body one named
//! `{operation}Response`, both in the namespace of `soap:body/@namespace`, holding one
//! accessor element per body part (unqualified, named after the part, with the part's type).
//!
//! The wrappers are added to the model as ordinary global elements with anonymous complex
//! types, so planning, the codec, documentation, Document enums and message enums treat them
//! like any schema element; each bound rpc/literal input and output records its wrapper in
//! [`BindingIo::rpc`](crate::model::BindingIo::rpc).

use std::collections::BTreeMap;

use crate::diag::Diagnostic;
use crate::model::{
    BindingIo, ComplexType, Compositor, Content, ElementDecl, ElementScope, Location, MaxOccurs,
    Message, Model, ModelGroup, PartContent, Particle, QName, RpcBody, SoapStyle, SoapUse, Term,
    TypeDef, TypeId, TypeKind, TypeOrigin, TypeRef,
};

/// One accessor of a wrapper: part name and type.
type Accessor = (String, TypeRef);

/// What one bound input or output needs.
struct Wanted {
    def: usize,
    binding: QName,
    op: usize,
    output: bool,
    body: Result<Body, String>,
}

/// A wrapper to build (or reuse).
struct Body {
    name: QName,
    accessors: Vec<Accessor>,
    doc: String,
    loc: Location,
}

/// Builds the wrapper elements of every rpc/literal binding operation. Returns the
/// diagnostics: an error for a body part defined with `element` (BP R2203 allows only
/// `type` parts in rpc/literal bodies), a warning for a `soap:body` without `namespace`
/// (BP R2717; the wrapper is then in no namespace, as other toolkits read it).
pub(crate) fn rpc_wrappers(model: &mut Model) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let wanted = collect(model, &mut diags);
    // Wrappers built here (name → accessors): bindings of one port type share them.
    let mut built: BTreeMap<QName, Vec<Accessor>> = BTreeMap::new();
    for w in wanted {
        let result = match w.body {
            Err(why) => RpcBody::Refused(why),
            Ok(body) => add_wrapper(model, &mut built, body),
        };
        let io = model.wsdl.get_mut(w.def).and_then(|d| {
            let op = d.bindings.get_mut(&w.binding)?.operations.get_mut(w.op)?;
            if w.output {
                op.output.as_mut()
            } else {
                op.input.as_mut()
            }
        });
        if let Some(io) = io {
            io.rpc = Some(result);
        }
    }
    diags
}

/// Adds the wrapper element and its type, or reuses an equal one built for another binding.
fn add_wrapper(
    model: &mut Model,
    built: &mut BTreeMap<QName, Vec<Accessor>>,
    body: Body,
) -> RpcBody {
    if let Some(accessors) = built.get(&body.name) {
        return if *accessors == body.accessors {
            RpcBody::Wrapper(body.name)
        } else {
            RpcBody::Refused(format!(
                "its rpc wrapper element `{}` is also the wrapper of another binding's operation with other parts",
                display(&body.name)
            ))
        };
    }
    if model.elements.contains_key(&body.name) {
        return RpcBody::Refused(format!(
            "its rpc wrapper element `{}` has the name of a global element of the schemas",
            display(&body.name)
        ));
    }
    let id = TypeId(model.types.len());
    let particles = body
        .accessors
        .iter()
        .map(|(part, ty)| Particle {
            min_occurs: 1,
            max_occurs: MaxOccurs::Bounded(1),
            term: Term::Element(Box::new(ElementDecl {
                name: QName::new("", part.clone()),
                type_ref: ty.clone(),
                scope: ElementScope::Local,
                nillable: false,
                is_abstract: false,
                default: None,
                fixed: None,
                fixed_ns: Vec::new(),
                substitution_group: None,
                doc: Some(format!("The accessor element of part \"{part}\".")),
                loc: body.loc.clone(),
            })),
            loc: body.loc.clone(),
        })
        .collect::<Vec<_>>();
    let content = if particles.is_empty() {
        Content::Empty
    } else {
        Content::Elements(Particle {
            min_occurs: 1,
            max_occurs: MaxOccurs::Bounded(1),
            term: Term::Group(ModelGroup {
                compositor: Compositor::Sequence,
                particles,
                group_name: None,
            }),
            loc: body.loc.clone(),
        })
    };
    model.types.push(TypeDef {
        id,
        name: None,
        origin: TypeOrigin::AnonymousElement(vec![body.name.local.clone()]),
        doc: Some(body.doc.clone()),
        loc: body.loc.clone(),
        kind: TypeKind::Complex(ComplexType {
            is_abstract: false,
            mixed: false,
            derivation: None,
            content,
            attributes: Vec::new(),
            any_attribute: None,
        }),
    });
    model.elements.insert(
        body.name.clone(),
        ElementDecl {
            name: body.name.clone(),
            type_ref: TypeRef::Defined(id),
            scope: ElementScope::Global,
            nillable: false,
            is_abstract: false,
            default: None,
            fixed: None,
            fixed_ns: Vec::new(),
            substitution_group: None,
            doc: Some(body.doc),
            loc: body.loc,
        },
    );
    built.insert(body.name.clone(), body.accessors);
    RpcBody::Wrapper(body.name)
}

/// The rpc/literal inputs and outputs of every binding, with their wrappers or why none.
fn collect(model: &Model, diags: &mut Vec<Diagnostic>) -> Vec<Wanted> {
    let mut out = Vec::new();
    for (def, d) in model.wsdl.iter().enumerate() {
        for b in d.bindings.values() {
            if b.soap.is_none() {
                continue;
            }
            let abstract_ops = model
                .wsdl
                .iter()
                .find_map(|d| d.port_types.get(&b.port_type))
                .map(|pt| pt.operations.as_slice())
                .unwrap_or_default();
            for (i, op) in b.operations.iter().enumerate() {
                if op.style != SoapStyle::Rpc {
                    continue;
                }
                let Some(abstract_op) = abstract_ops.iter().find(|o| o.name == op.name) else {
                    continue;
                };
                for (output, io, msg) in [
                    (false, &op.input, &abstract_op.input),
                    (true, &op.output, &abstract_op.output),
                ] {
                    let (Some(io), Some(msg)) = (io, msg) else {
                        continue;
                    };
                    if io.body.as_ref().is_some_and(|b| b.use_ == SoapUse::Encoded) {
                        continue;
                    }
                    let Some(message) =
                        model.wsdl.iter().find_map(|d| d.messages.get(&msg.message))
                    else {
                        continue;
                    };
                    let namespace = match io.body.as_ref().and_then(|b| b.namespace.as_deref()) {
                        Some(ns) => ns.trim().to_string(),
                        None => {
                            diags.push(Diagnostic::warning(
                                Some(op.loc.clone()),
                                format!(
                                    "binding `{}`, operation `{}`: the rpc/literal {} soap:body has no `namespace` (WS-I BP 1.1 R2717 requires one); its wrapper element is in no namespace",
                                    b.name.local,
                                    op.name,
                                    if output { "output" } else { "input" }
                                ),
                            ));
                            String::new()
                        }
                    };
                    let local = if output {
                        format!("{}Response", op.name)
                    } else {
                        op.name.clone()
                    };
                    let body = accessors(io, message, diags).map(|accessors| Body {
                        // Sanitised for rustdoc like schema documentation: no code spans.
                        doc: format!(
                            "The rpc/literal {} wrapper of operation \"{}\": one accessor element per part of message \"{}\".",
                            if output { "response" } else { "request" },
                            op.name,
                            message.name.local
                        ),
                        name: QName::new(namespace, local),
                        accessors,
                        loc: abstract_op.loc.clone(),
                    });
                    out.push(Wanted {
                        def,
                        binding: b.name.clone(),
                        op: i,
                        output,
                        body,
                    });
                }
            }
        }
    }
    out
}

/// The accessors of a body: the parts `soap:body/@parts` names, else every part of the
/// message not bound as a header. An `element` part is an error (BP 1.1 R2203).
fn accessors(
    io: &BindingIo,
    message: &Message,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<Accessor>, String> {
    let names: Vec<&str> = match io.body.as_ref().and_then(|b| b.parts.as_ref()) {
        Some(parts) => parts.iter().map(String::as_str).collect(),
        None => message
            .parts
            .iter()
            .filter(|p| {
                !io.headers
                    .iter()
                    .any(|h| h.message == message.name && h.part == p.name)
            })
            .map(|p| p.name.as_str())
            .collect(),
    };
    let mut out = Vec::new();
    let mut refused = None;
    for name in names {
        // Unknown names were reported where `parts` was read.
        let Some(part) = message.parts.iter().find(|p| p.name == name) else {
            refused.get_or_insert_with(|| {
                format!("message `{}` has no part `{name}`", message.name.local)
            });
            continue;
        };
        match &part.content {
            PartContent::Type(t) => out.push((part.name.clone(), t.clone())),
            PartContent::Element(q) => {
                diags.push(Diagnostic::error(
                    Some(part.loc.clone()),
                    format!(
                        "part `{}` of message `{}` is bound in an rpc/literal soap:body but refers to the element `{}`: rpc/literal body parts must be defined with `type` (WS-I BP 1.1 R2203)",
                        part.name,
                        message.name.local,
                        display(q)
                    ),
                ));
                refused.get_or_insert_with(|| format!("part `{}` is an element part", part.name));
            }
        }
    }
    match refused {
        Some(why) => Err(why),
        None => Ok(out),
    }
}

/// `{namespace}local`, or `local` in no namespace.
fn display(q: &QName) -> String {
    if q.ns.is_empty() {
        q.local.clone()
    } else {
        format!("{{{}}}{}", q.ns, q.local)
    }
}
