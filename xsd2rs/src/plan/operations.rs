//! Planning the SOAP side of a module: per WSDL binding, a client stub, a service trait and a
//! dispatcher function, with one method per bound operation.
//!
//! # Mapping
//!
//! | WSDL | Rust |
//! |---|---|
//! | `wsdl:binding` `FooBinding` (SOAP 1.1 or 1.2) | `FooClient` (wraps `xsd2rs_runtime::soap::Client`), trait `Foo`, `fn foo_dispatcher(service) -> Dispatcher<S>` (the `Binding` suffix is dropped; names are claimed in the module scope after the types, so they never shadow a type: a schema type `Foo` makes the trait `FooService`, then numbered names) |
//! | bound operation `GetThing` | method `get_thing` on the client and on the trait (snake case, keywords escaped, numbered on collision; `new` and `client` are reserved) |
//! | `soap:operation/@soapAction` | the action sent by the client and the dispatcher's routing key (empty when absent: the dispatcher then routes by the body root) |
//! | `soap:body` | the one element part it names (`parts`), or the one part of the message not bound as a header: the body type |
//! | rpc/literal operation `add` (`style="rpc"`, `use="literal"`) | the body types are the wrapper elements the loader builds (`load/rpc.rs`): `Add` for `{soap:body/@namespace}add`, `AddResponse` for `{..}addResponse`, one field per body part (an unqualified accessor element of the part's type); headers as in document/literal; the dispatcher routes by the wrapper's name |
//! | `soap:header` (message + part → element) | a named struct per operation and direction, `GetThingInputHeaders` / `GetThingOutputHeaders` (`Default`; one `Option<T>` field per header part, named after the part, plus `extra: Vec<HeaderBlock>` for undeclared blocks), shared by bindings whose operation declares the same blocks |
//! | `wsdl:fault` | named in the operation's docs; faults arrive as `SoapError::Fault` / are returned as `Fault` |
//!
//! # Using the generated code
//!
//! For MS-OXWOOF the binding `ExchangeServiceBinding` gives `generated::oof::ExchangeServiceClient`,
//! the trait `generated::oof::ExchangeService` and `generated::oof::exchange_service_dispatcher`:
//!
//! ```text
//! // client (async; blocking code wraps each call in BlockingRuntime::call)
//! let transport = HttpTransport::builder("https://mail.example.com/EWS/Exchange.asmx")
//!     .basic_auth(user, password).build()?;
//! let ews = ExchangeServiceClient::new(xsd2rs_runtime::soap::Client::new(transport));
//! let reply = ews.get_user_oof_settings(&request, &Default::default()).await?;  // Envelope<GetUserOofSettingsResponse, GetUserOofSettingsOutputHeaders>
//!
//! // server: implement the trait with async fns, then serve the dispatcher
//! impl ExchangeService for MyStore {
//!     async fn get_user_oof_settings(&self, request: Envelope<GetUserOofSettingsRequest, GetUserOofSettingsInputHeaders>)
//!         -> Result<Envelope<GetUserOofSettingsResponse, GetUserOofSettingsOutputHeaders>, Fault> { .. }
//!     // one method per operation served; the others answer a Server fault "not implemented"
//! }
//! xsd2rs_runtime::server::http::serve(listener, exchange_service_dispatcher(MyStore::default()), shutdown).await?;
//! ```
//!
//! The client and dispatcher types need no runtime feature; `HttpTransport`/`BlockingRuntime`
//! need `http-client` and `server::http` needs `http-server` (both on by default).
//!
//! document/literal and rpc/literal are generated. An operation that uses `encoded` (rpc/encoded
//! included), lacks an input or an output, has a document/literal body that is not exactly one
//! element part, a type part, or an element without a Rust root type, or an rpc/literal body
//! whose wrapper could not be built (its name is a schema element's) is left out of its binding
//! with a warning; a binding that keeps no operation is left out entirely. Non-SOAP bindings
//! are ignored silently.

use crate::diag::Diagnostic;
use crate::model::{
    Binding, BindingIo, BindingOperation, Message, Model, PartContent, QName, RpcBody, SoapStyle,
    SoapUse, SoapVersion,
};
use crate::naming::{self, Scope};

use super::{ItemKind, Plan, Ty};

/// The SOAP side of one binding.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// The binding's qualified name.
    pub binding: QName,
    /// SOAP version of the binding.
    pub version: SoapVersion,
    /// Name of the client struct (`ExchangeServiceClient`).
    pub client: String,
    /// Name of the service trait (`ExchangeService`).
    pub service: String,
    /// Name of the function building the dispatcher (`exchange_service_dispatcher`).
    pub dispatcher: String,
    /// Documentation of the binding (unsanitised), if any.
    pub doc: Option<String>,
    /// Namespace prefixes declared on the envelope: `(prefix, namespace constant name)`.
    pub prefixes: Vec<(String, String)>,
    /// The bound operations that are generated, in binding order.
    pub operations: Vec<Op>,
}

/// One generated operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Op {
    /// The WSDL operation name.
    pub name: String,
    /// Rust method name (possibly raw, `r#type`).
    pub method: String,
    /// The SOAP action (empty when the binding gives none).
    pub action: String,
    /// Rust type of the request body (implements `XmlRoot`).
    pub input: String,
    /// The request's header struct.
    pub input_headers: Headers,
    /// Rust type of the response body.
    pub output: String,
    /// The response's header struct.
    pub output_headers: Headers,
    /// True for rpc/literal: `input` and `output` are the wrapper elements' types.
    pub rpc: bool,
    /// Names of the declared faults.
    pub faults: Vec<String>,
    /// Documentation of the operation from the port type (unsanitised), if any.
    pub doc: Option<String>,
}

/// The named header struct of one operation and direction: the declared blocks, typed, plus
/// `extra` (every other block).
#[derive(Debug, Clone, PartialEq)]
pub struct Headers {
    /// Struct name (`GetFolderInputHeaders`); shared by the bindings whose operation of the
    /// same name declares the same blocks.
    pub name: String,
    /// The declared blocks, in binding order.
    pub fields: Vec<HeaderField>,
}

/// One declared header block.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderField {
    /// Rust field name, from the part name (`extra` is reserved).
    pub field: String,
    /// The WSDL part name.
    pub part: String,
    /// The element of the part.
    pub element: QName,
    /// Rust type of the block (implements `XmlRoot`).
    pub ty: String,
}

/// Plans the SOAP services of a model over its type plan. Returns the services and the
/// warnings for what was left out.
pub fn services(model: &Model, plan: &Plan) -> (Vec<Service>, Vec<Diagnostic>) {
    let mut scope = module_scope(plan);
    let prefixes = envelope_prefixes(model, plan);
    let mut warnings = Vec::new();
    let mut out = Vec::new();
    // (wanted name, fields) → claimed name: bindings of one port type share header structs.
    let mut header_names: Vec<(String, Vec<HeaderField>, String)> = Vec::new();
    for def in &model.wsdl {
        for b in def.bindings.values() {
            let Some(soap) = &b.soap else { continue };
            let mut methods = Scope::new();
            methods.reserve("new");
            methods.reserve("client");
            let mut ops = Vec::new();
            for op in &b.operations {
                match operation(model, plan, b, op) {
                    Ok(mut o) => {
                        o.method = methods.claim(&naming::field_name(&op.name));
                        let stem = naming::type_name(&op.name);
                        for (h, dir) in [
                            (&mut o.input_headers, "Input"),
                            (&mut o.output_headers, "Output"),
                        ] {
                            let wanted = format!("{stem}{dir}Headers");
                            let known = header_names
                                .iter()
                                .find(|(w, f, _)| *w == wanted && *f == h.fields);
                            h.name = match known {
                                Some((_, _, name)) => name.clone(),
                                None => {
                                    let name = scope.claim(&wanted);
                                    header_names.push((wanted, h.fields.clone(), name.clone()));
                                    name
                                }
                            };
                        }
                        ops.push(o);
                    }
                    Err(why) => warnings.push(Diagnostic::warning(
                        Some(op.loc.clone()),
                        format!(
                            "binding `{}`, operation `{}`: {why}; no client method or service method is generated for it",
                            b.name.local, op.name
                        ),
                    )),
                }
            }
            if ops.is_empty() {
                if !b.operations.is_empty() {
                    warnings.push(Diagnostic::warning(
                        Some(b.loc.clone()),
                        format!(
                            "binding `{}` has no operation that can be generated; no client or service is generated for it",
                            b.name.local
                        ),
                    ));
                }
                continue;
            }
            let local = b.name.local.as_str();
            let stem = local
                .strip_suffix("Binding")
                .filter(|s| !s.is_empty())
                .unwrap_or(local);
            let base = naming::type_name(stem);
            let client = scope.claim_any(&[&format!("{base}Client"), &format!("{base}SoapClient")]);
            let service = scope.claim_any(&[&base, &format!("{base}Service")]);
            let dispatcher = scope.claim(&format!("{}_dispatcher", naming::field_name(stem)));
            out.push(Service {
                binding: b.name.clone(),
                version: soap.version,
                client,
                service,
                dispatcher,
                doc: b.doc.clone(),
                prefixes: prefixes.clone(),
                operations: ops,
            });
        }
    }
    (out, warnings)
}

/// A module scope holding every name the type plan already uses.
fn module_scope(plan: &Plan) -> Scope {
    let mut scope = Scope::module();
    for item in &plan.items {
        scope.reserve(&item.name);
    }
    for r in &plan.roots {
        if let Some(w) = &r.wrapper {
            scope.reserve(w);
        }
    }
    for (c, _) in &plan.namespaces {
        scope.reserve(c);
    }
    scope
}

/// The prefixes the module's namespaces use in documents (from the schemas), for the
/// envelope: `xml`, `xmlns`-like and the envelope's own `soap`/`env` prefixes are left out.
fn envelope_prefixes(model: &Model, plan: &Plan) -> Vec<(String, String)> {
    let mut seen = Scope::new();
    let mut out = Vec::new();
    for (constant, uri) in &plan.namespaces {
        let Some(prefix) = model.prefixes.get(uri) else {
            continue;
        };
        let valid = prefix.starts_with(|c: char| c.is_ascii_alphabetic())
            && prefix
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
            && !prefix.to_ascii_lowercase().starts_with("xml")
            && !matches!(prefix.as_str(), "soap" | "env");
        if uri != crate::model::XML_NS && valid && !seen.is_taken(prefix) {
            seen.reserve(prefix);
            out.push((prefix.clone(), constant.clone()));
        }
    }
    out
}

/// Plans one bound operation, or says why it cannot be generated.
fn operation(model: &Model, plan: &Plan, b: &Binding, op: &BindingOperation) -> Result<Op, String> {
    let rpc = op.style == SoapStyle::Rpc;
    let encoded = |io: &Option<BindingIo>| {
        io.as_ref()
            .and_then(|io| io.body.as_ref())
            .is_some_and(|b| b.use_ == SoapUse::Encoded)
    };
    if rpc && (encoded(&op.input) || encoded(&op.output)) {
        return Err("rpc/encoded is not supported (literal only)".into());
    }
    let abstract_op = model
        .wsdl
        .iter()
        .find_map(|d| d.port_types.get(&b.port_type))
        .and_then(|pt| pt.operations.iter().find(|o| o.name == op.name));
    let abstract_op = abstract_op.ok_or_else(|| {
        format!(
            "port type `{}` has no operation of this name",
            b.port_type.local
        )
    })?;
    let (Some(in_io), Some(in_msg)) = (&op.input, &abstract_op.input) else {
        return Err("it has no input (only request-response operations are generated)".into());
    };
    let (Some(out_io), Some(out_msg)) = (&op.output, &abstract_op.output) else {
        return Err("it has no output (only request-response operations are generated)".into());
    };
    let (input, input_headers) = message(model, plan, in_io, &in_msg.message, "input", rpc)?;
    let (output, output_headers) = message(model, plan, out_io, &out_msg.message, "output", rpc)?;
    if op.faults.iter().any(|f| f.use_ == SoapUse::Encoded) {
        return Err("a fault uses `encoded` (literal only)".into());
    }
    let mut faults: Vec<String> = abstract_op
        .faults
        .iter()
        .map(|f| f.name.clone().unwrap_or_else(|| f.message.local.clone()))
        .collect();
    faults.dedup();
    Ok(Op {
        name: op.name.clone(),
        method: String::new(),
        action: op.soap_action.clone().unwrap_or_default(),
        input,
        input_headers,
        output,
        output_headers,
        rpc,
        faults,
        doc: abstract_op.doc.clone(),
    })
}

/// The body type and headers of one direction (the header struct's name is set later).
fn message(
    model: &Model,
    plan: &Plan,
    io: &BindingIo,
    msg_name: &QName,
    what: &str,
    rpc: bool,
) -> Result<(String, Headers), String> {
    let msg = find_message(model, msg_name)
        .ok_or_else(|| format!("the {what} message `{}` is not defined", msg_name.local))?;
    let body = io.body.as_ref();
    if body.is_some_and(|b| b.use_ == SoapUse::Encoded) {
        return Err(format!("the {what} body uses `encoded` (literal only)"));
    }
    let mut fields = Vec::new();
    let mut names = Scope::new();
    names.reserve("extra");
    for h in &io.headers {
        if h.use_ == SoapUse::Encoded {
            return Err(format!("an {what} header uses `encoded` (literal only)"));
        }
        let hmsg = find_message(model, &h.message).ok_or_else(|| {
            format!(
                "the {what} header message `{}` is not defined",
                h.message.local
            )
        })?;
        let (ty, element) = part_type(plan, hmsg, &h.part, what)?;
        fields.push(HeaderField {
            field: names.claim(&naming::field_name(&h.part)),
            part: h.part.clone(),
            element,
            ty,
        });
    }
    let headers = Headers {
        name: String::new(),
        fields,
    };
    if rpc {
        // The wrapper element the loader built (`load/rpc.rs`).
        let body_ty = match &io.rpc {
            Some(RpcBody::Wrapper(q)) => root_type(plan, q).ok_or_else(|| {
                format!(
                    "the rpc/literal {what} wrapper element `{}` has no Rust document type",
                    q.local
                )
            })?,
            Some(RpcBody::Refused(why)) => return Err(why.clone()),
            None => return Err(format!("the rpc/literal {what} has no wrapper element")),
        };
        return Ok((body_ty, headers));
    }
    // The body parts: those named by soap:body, else the parts not bound as headers of this
    // same message.
    let names: Vec<&str> = match body.and_then(|b| b.parts.as_ref()) {
        Some(parts) => parts.iter().map(String::as_str).collect(),
        None => msg
            .parts
            .iter()
            .filter(|p| {
                !io.headers
                    .iter()
                    .any(|h| h.message == msg.name && h.part == p.name)
            })
            .map(|p| p.name.as_str())
            .collect(),
    };
    let [name] = names.as_slice() else {
        return Err(format!(
            "the {what} body has {} parts (exactly one element part is supported)",
            names.len()
        ));
    };
    let (body_ty, _) = part_type(plan, msg, name, what)?;
    Ok((body_ty, headers))
}

/// The Rust `XmlRoot` type and the element of an element part of a message.
fn part_type(
    plan: &Plan,
    msg: &Message,
    part: &str,
    what: &str,
) -> Result<(String, QName), String> {
    let p = msg
        .parts
        .iter()
        .find(|p| p.name == part)
        .ok_or_else(|| format!("message `{}` has no part `{part}`", msg.name.local))?;
    let q = match &p.content {
        PartContent::Element(q) => q,
        PartContent::Type(_) => {
            return Err(format!(
            "the {what} part `{part}` is a type, not an element (document/literal needs elements)"
        ))
        }
    };
    let ty = root_type(plan, q).ok_or_else(|| {
        format!(
            "the element `{}` of {what} part `{part}` has no Rust document type (abstract, a substitution group head, or a choice)",
            q.local
        )
    })?;
    Ok((ty, q.clone()))
}

/// The Rust type implementing `XmlRoot` for a global element.
pub fn root_type(plan: &Plan, q: &QName) -> Option<String> {
    let r = plan.roots.iter().find(|r| &r.xml == q)?;
    if let Some(w) = &r.wrapper {
        return Some(w.clone());
    }
    match &r.ty {
        Ty::Item(id) => {
            let item = plan.item(*id)?;
            matches!(item.kind, ItemKind::Struct(_)).then(|| item.name.clone())
        }
        _ => None,
    }
}

fn find_message<'m>(model: &'m Model, name: &QName) -> Option<&'m Message> {
    model.wsdl.iter().find_map(|d| d.messages.get(name))
}
