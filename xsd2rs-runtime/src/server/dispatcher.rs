//! [`Dispatcher`]: routes a SOAP request to a typed operation handler and encodes its answer.

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use crate::codec::XmlRoot;
use crate::soap::{
    decode_envelope_with, encode_envelope, encode_fault, outline, Envelope, Fault, FaultCode,
    HeaderSet, Limits, SoapError, SoapVersion,
};

use super::{BoxFuture, Handler, IncomingRequest, OutgoingResponse};

/// Settings shared by every operation of a dispatcher.
#[derive(Debug, Clone)]
struct Settings {
    version: SoapVersion,
    limits: Limits,
    prefixes: Arc<Vec<(String, String)>>,
    understood: Arc<Vec<(String, String)>>,
}

type Reply = BoxFuture<'static, Result<Vec<u8>, Fault>>;
type RunFn<S> = dyn Fn(Arc<S>, &[u8], &Settings) -> Result<Reply, Fault> + Send + Sync;

/// One row of a dispatcher's table: operation name, SOAP action, body root element, handler.
pub struct Operation<S> {
    name: &'static str,
    action: &'static str,
    ns: &'static str,
    root: &'static str,
    run: Box<RunFn<S>>,
}

impl<S> fmt::Debug for Operation<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Operation")
            .field("name", &self.name)
            .field("action", &self.action)
            .field("root", &format_args!("{{{}}}{}", self.ns, self.root))
            .finish()
    }
}

impl<S: Send + Sync + 'static> Operation<S> {
    /// An operation whose request body is `Req` (its element name is the routing key when
    /// no SOAP action is given) with header blocks `ReqH`, answered by `handler` with a
    /// `Resp` body and `RespH` header blocks, or a [`Fault`].
    ///
    /// Generated code: `Operation::new("GetUserOofSettings", ACTION, |s: Arc<S>, req| async move
    /// { s.get_user_oof_settings(req).await })`.
    pub fn new<Req, ReqH, Resp, RespH, F, Fut>(
        name: &'static str,
        action: &'static str,
        handler: F,
    ) -> Self
    where
        Req: XmlRoot + Send + 'static,
        ReqH: HeaderSet + Send + 'static,
        Resp: XmlRoot + Send + 'static,
        RespH: HeaderSet + Send + 'static,
        F: Fn(Arc<S>, Envelope<Req, ReqH>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Envelope<Resp, RespH>, Fault>> + Send + 'static,
    {
        let run =
            move |service: Arc<S>, bytes: &[u8], settings: &Settings| -> Result<Reply, Fault> {
                let understood: Vec<(&str, &str)> = settings
                    .understood
                    .iter()
                    .map(|(n, l)| (n.as_str(), l.as_str()))
                    .collect();
                let (_, request) = decode_envelope_with::<Req, ReqH>(
                    bytes,
                    Some(settings.version),
                    &settings.limits,
                    &understood,
                )
                .map_err(|e| request_fault(name, e))?;
                let future = handler(service, request);
                let settings = settings.clone();
                Ok(Box::pin(async move {
                    let response = future.await?;
                    let prefixes: Vec<(&str, &str)> = settings
                        .prefixes
                        .iter()
                        .map(|(p, n)| (p.as_str(), n.as_str()))
                        .collect();
                    encode_envelope(
                        settings.version,
                        &response.body,
                        &response.headers,
                        &prefixes,
                    )
                    .map_err(|e| Fault::server(format!("cannot encode the {name} response: {e}")))
                }) as Reply)
            };
        Operation {
            name,
            action,
            ns: Req::NS,
            root: Req::NAME,
            run: Box::new(run),
        }
    }

    /// The operation name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The SOAP action.
    pub fn action(&self) -> &'static str {
        self.action
    }
}

/// The fault for a request that could not be read.
fn request_fault(operation: &str, error: SoapError) -> Fault {
    match error {
        SoapError::MustUnderstand { ns, local } => Fault::new(
            FaultCode::must_understand(SoapVersion::Soap11),
            format!("header block {{{ns}}}{local} must be understood but is not supported"),
        ),
        SoapError::Fault(_) => Fault::client(format!("a fault is not a valid {operation} request")),
        e @ SoapError::VersionMismatch { .. } => e.into_fault(),
        other => Fault::client(format!("cannot decode the {operation} request: {other}")),
    }
}

/// Routes SOAP requests to typed operations of a service `S` (a table built by generated code).
///
/// Routing: by SOAP action when it names an operation; otherwise (absent, empty or unknown
/// action) by the body's root element. Then the request is decoded (unknown header blocks
/// ignored unless `mustUnderstand`, which gives a MustUnderstand fault), the handler runs, and
/// its response or fault is encoded. An unknown operation or an undecodable body is a Client
/// fault naming the problem; a fault returned by the handler is sent as is (use
/// [`Fault::server`] for internal errors). Faults go out with HTTP 500 (SOAP 1.2: 400 for
/// Sender faults).
pub struct Dispatcher<S> {
    service: Arc<S>,
    operations: Vec<Operation<S>>,
    settings: Settings,
}

impl<S> fmt::Debug for Dispatcher<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Dispatcher")
            .field("operations", &self.operations)
            .field("version", &self.settings.version)
            .field("limits", &self.settings.limits)
            .finish()
    }
}

impl<S: Send + Sync + 'static> Dispatcher<S> {
    /// A SOAP 1.1 dispatcher for `service` with no operations yet.
    pub fn new(service: S) -> Self {
        Dispatcher::from_arc(Arc::new(service))
    }

    /// Like [`new`](Self::new) with a shared service.
    pub fn from_arc(service: Arc<S>) -> Self {
        Dispatcher {
            service,
            operations: Vec::new(),
            settings: Settings {
                version: SoapVersion::Soap11,
                limits: Limits::default(),
                prefixes: Arc::new(Vec::new()),
                understood: Arc::new(Vec::new()),
            },
        }
    }

    /// Uses `version` (generated code sets the binding's version).
    pub fn with_version(mut self, version: SoapVersion) -> Self {
        self.settings.version = version;
        self
    }

    /// Uses `limits` for requests.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.settings.limits = limits;
        self
    }

    /// Declares `prefix` for `ns` on every response envelope.
    pub fn with_prefix(mut self, prefix: &str, ns: &str) -> Self {
        Arc::make_mut(&mut self.settings.prefixes).push((prefix.to_owned(), ns.to_owned()));
        self
    }

    /// Declares a request header block `{ns}local` understood although the binding does not
    /// declare it (the service reads it from the request's extra blocks): marked
    /// `mustUnderstand`, it no longer gets a MustUnderstand fault.
    pub fn understands(mut self, ns: &str, local: &str) -> Self {
        Arc::make_mut(&mut self.settings.understood).push((ns.to_owned(), local.to_owned()));
        self
    }

    /// Adds an operation to the table.
    pub fn operation(mut self, operation: Operation<S>) -> Self {
        self.operations.push(operation);
        self
    }

    /// The service.
    pub fn service(&self) -> &Arc<S> {
        &self.service
    }

    /// The SOAP version served.
    pub fn version(&self) -> SoapVersion {
        self.settings.version
    }

    /// The request limits.
    pub fn limits(&self) -> &Limits {
        &self.settings.limits
    }

    /// Answers one request (never fails: problems become faults).
    pub async fn dispatch(&self, request: IncomingRequest) -> OutgoingResponse {
        let version = self.settings.version;
        let operation = match self.route(&request) {
            Ok(op) => op,
            Err(fault) => {
                tracing::debug!(fault = %fault, "SOAP request not routed");
                return fault_response(version, &fault);
            }
        };
        let span = tracing::debug_span!("soap_dispatch", operation = operation.name);
        let _entered = span.enter();
        let reply = match (operation.run)(Arc::clone(&self.service), &request.body, &self.settings)
        {
            Ok(reply) => reply,
            Err(fault) => {
                tracing::debug!(fault = %fault, "SOAP request rejected");
                return fault_response(version, &fault);
            }
        };
        drop(_entered);
        match reply.await {
            Ok(body) => OutgoingResponse {
                status: 200,
                content_type: version.content_type(""),
                body,
            },
            Err(fault) => {
                tracing::debug!(operation = operation.name, fault = %fault, "SOAP operation returned a fault");
                fault_response(version, &fault)
            }
        }
    }

    fn route(&self, request: &IncomingRequest) -> Result<&Operation<S>, Fault> {
        let limits = &self.settings.limits;
        if request.body.len() > limits.max_message_bytes {
            return Err(Fault::client(format!(
                "request of {} bytes exceeds the limit of {} bytes",
                request.body.len(),
                limits.max_message_bytes
            )));
        }
        let action = request
            .action
            .as_deref()
            .map(crate::soap::normalize_action)
            .unwrap_or("");
        if !action.is_empty() {
            if let Some(op) = self.operations.iter().find(|op| op.action == action) {
                return Ok(op);
            }
        }
        let shape =
            outline(&request.body, Some(self.settings.version), limits).map_err(|e| match e {
                SoapError::TooLarge { .. } | SoapError::Decode(_) => {
                    Fault::client(format!("invalid request: {e}"))
                }
                other => other.into_fault(),
            })?;
        let Some((ns, local)) = shape.body_root else {
            return Err(Fault::client(if shape.is_fault {
                "a fault is not a request"
            } else {
                "the request Body is empty"
            }));
        };
        self.operations
            .iter()
            .find(|op| op.ns == ns && op.root == local)
            .ok_or_else(|| {
                let by_action = if action.is_empty() {
                    String::new()
                } else {
                    format!("SOAPAction \"{action}\" and ")
                };
                Fault::client(format!(
                    "unknown operation: no operation for {by_action}body element {{{ns}}}{local}"
                ))
            })
    }
}

impl<S: Send + Sync + 'static> Handler for Dispatcher<S> {
    fn handle(&self, request: IncomingRequest) -> BoxFuture<'_, OutgoingResponse> {
        Box::pin(self.dispatch(request))
    }
}

/// The HTTP answer carrying `fault`: status 500 (SOAP 1.2: 400 for Sender faults) and the
/// version's content type. If the fault cannot be encoded, a minimal Server fault is sent.
pub fn fault_response(version: SoapVersion, fault: &Fault) -> OutgoingResponse {
    let status = if version == SoapVersion::Soap12 && fault.code.is_client() {
        400
    } else {
        500
    };
    // A fault quoting what it refuses (a control character, say) is still sent, escaped.
    let body = encode_fault(version, fault)
        .or_else(|_| encode_fault(version, &crate::soap::fault_for_wire(fault)))
        .or_else(|_| {
            encode_fault(
                version,
                &Fault::server("internal error: the fault could not be encoded"),
            )
        })
        .unwrap_or_default();
    OutgoingResponse {
        status,
        content_type: version.content_type(""),
        body,
    }
}
