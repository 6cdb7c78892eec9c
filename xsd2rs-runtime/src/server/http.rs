//! Serves a [`Handler`] over HTTP with axum.
//!
//! Slow clients cannot hold a connection: a request body must arrive within
//! [`HttpOptions::read_timeout`] (else HTTP 408), and a connection that receives nothing for
//! [`HttpOptions::idle_timeout`] while no request of it is being answered is closed (this also
//! bounds how long request headers may take). A declared `Content-Length` over the size limit
//! is refused at once (HTTP 413), before any of the body is read.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::{Body, HttpBody};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::serve::{IncomingStream, Listener};
use axum::Router;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

use super::{Handler, IncomingRequest, OutgoingResponse};
use crate::soap::{action_from_content_type, normalize_action, Fault, SoapVersion};

/// Default largest accepted request body (32 MiB), matching the SOAP layer's default limit.
pub const DEFAULT_MAX_REQUEST_BYTES: usize = 32 * 1024 * 1024;

/// Settings of the HTTP adapter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpOptions {
    /// Largest accepted request body (default [`DEFAULT_MAX_REQUEST_BYTES`]); larger ones get
    /// HTTP 413.
    pub max_request_bytes: usize,
    /// Longest time a request body may take to arrive once its headers are in (default 30 s);
    /// a slower one (shorter than its `Content-Length`, or trickled) gets HTTP 408.
    pub read_timeout: Duration,
    /// Longest time a connection may receive nothing while none of its requests is being
    /// answered (default 60 s): it is then closed. Applies from the connection's start, so it
    /// also bounds the time to send request headers. Only [`serve_with`] applies it (the
    /// server owns the connections; a [`router_with`] mounted elsewhere applies the others).
    pub idle_timeout: Duration,
}

impl HttpOptions {
    /// Default [`read_timeout`](Self::read_timeout).
    pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(30);
    /// Default [`idle_timeout`](Self::idle_timeout).
    pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(60);

    /// Sets the largest accepted request body.
    pub fn max_request_bytes(mut self, bytes: usize) -> Self {
        self.max_request_bytes = bytes;
        self
    }

    /// Sets the time a request body may take.
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = timeout;
        self
    }

    /// Sets the time a connection may stay silent.
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.idle_timeout = timeout;
        self
    }
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            max_request_bytes: DEFAULT_MAX_REQUEST_BYTES,
            read_timeout: Self::DEFAULT_READ_TIMEOUT,
            idle_timeout: Self::DEFAULT_IDLE_TIMEOUT,
        }
    }
}

/// An axum router answering SOAP POSTs on every path with `handler`, accepting request bodies
/// up to [`DEFAULT_MAX_REQUEST_BYTES`]. Mount it under a path with `Router::nest` if needed.
pub fn router<H: Handler>(handler: H) -> Router {
    router_with(handler, &HttpOptions::default())
}

/// Like [`router`] with another request-size limit (larger bodies get HTTP 413).
pub fn router_with_limit<H: Handler>(handler: H, max_request_bytes: usize) -> Router {
    router_with(
        handler,
        &HttpOptions::default().max_request_bytes(max_request_bytes),
    )
}

/// Like [`router`] with other [`HttpOptions`] (the idle timeout is [`serve_with`]'s).
pub fn router_with<H: Handler>(handler: H, options: &HttpOptions) -> Router {
    let state = Served {
        handler: Arc::new(handler),
        options: *options,
    };
    Router::new().fallback(serve_one).with_state(state)
}

/// Serves `handler` on `listener` until `shutdown` resolves (graceful: running calls finish),
/// with the default [`HttpOptions`].
pub async fn serve<H, F>(listener: TcpListener, handler: H, shutdown: F) -> io::Result<()>
where
    H: Handler,
    F: Future<Output = ()> + Send + 'static,
{
    serve_with(listener, handler, HttpOptions::default(), shutdown).await
}

/// Like [`serve`] with other [`HttpOptions`].
pub async fn serve_with<H, F>(
    listener: TcpListener,
    handler: H,
    options: HttpOptions,
    shutdown: F,
) -> io::Result<()>
where
    H: Handler,
    F: Future<Output = ()> + Send + 'static,
{
    let listener = IdleListener {
        inner: listener,
        idle: options.idle_timeout,
    };
    let app = router_with(handler, &options).into_make_service_with_connect_info::<ConnState>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

#[derive(Clone)]
struct Served {
    handler: Arc<dyn Handler>,
    options: HttpOptions,
}

// ----- connections with an idle timeout ---------------------------------------------------------

/// What a connection and the requests served on it share: how many requests are being
/// answered (the idle timer does not run meanwhile).
#[derive(Debug, Default)]
struct ConnShared {
    busy: AtomicUsize,
}

/// The per-connection state handed to requests (axum connect info).
#[derive(Debug, Clone)]
struct ConnState(Arc<ConnShared>);

impl axum::extract::connect_info::Connected<IncomingStream<'_, IdleListener>> for ConnState {
    fn connect_info(stream: IncomingStream<'_, IdleListener>) -> Self {
        ConnState(Arc::clone(&stream.io().shared))
    }
}

/// Marks a request of a connection as being answered while alive.
struct Busy(Option<Arc<ConnShared>>);

impl Busy {
    fn new(request: &Request) -> Busy {
        let shared = request
            .extensions()
            .get::<ConnectInfo<ConnState>>()
            .map(|info| Arc::clone(&info.0 .0));
        if let Some(s) = &shared {
            s.busy.fetch_add(1, Ordering::SeqCst);
        }
        Busy(shared)
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        if let Some(s) = &self.0 {
            s.busy.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// A TCP listener whose connections close after [`HttpOptions::idle_timeout`] of silence.
struct IdleListener {
    inner: TcpListener,
    idle: Duration,
}

impl Listener for IdleListener {
    type Io = IdleStream;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            match self.inner.accept().await {
                Ok((stream, addr)) => {
                    let _ = stream.set_nodelay(true);
                    let io = IdleStream {
                        inner: stream,
                        idle: self.idle,
                        deadline: Box::pin(tokio::time::sleep(self.idle)),
                        shared: Arc::new(ConnShared::default()),
                    };
                    return (io, addr);
                }
                // Per-connection errors (reset before accept) are skipped; others (out of
                // file descriptors) are waited out, as axum's own listener does.
                Err(e) if is_connection_error(&e) => {}
                Err(e) => {
                    tracing::error!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.inner.local_addr()
    }
}

fn is_connection_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

/// A connection that fails its pending read with `TimedOut` after `idle` without traffic,
/// unless one of its requests is being answered.
struct IdleStream {
    inner: TcpStream,
    idle: Duration,
    deadline: Pin<Box<tokio::time::Sleep>>,
    shared: Arc<ConnShared>,
}

impl IdleStream {
    fn touch(&mut self) {
        let at = tokio::time::Instant::now() + self.idle;
        self.deadline.as_mut().reset(at);
    }
}

impl AsyncRead for IdleStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        if let Poll::Ready(result) = Pin::new(&mut this.inner).poll_read(cx, buf) {
            this.touch();
            return Poll::Ready(result);
        }
        while this.deadline.as_mut().poll(cx).is_ready() {
            if this.shared.busy.load(Ordering::SeqCst) == 0 {
                return Poll::Ready(Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "connection idle for too long",
                )));
            }
            this.touch(); // a request is being answered: wait again
        }
        Poll::Pending
    }
}

impl AsyncWrite for IdleStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        let result = Pin::new(&mut this.inner).poll_write(cx, buf);
        if result.is_ready() {
            this.touch();
        }
        result
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

// ----- requests ---------------------------------------------------------------------------------

/// Why a request body was not read.
enum BodyError {
    TooLarge,
    TimedOut,
    Broken,
}

impl BodyError {
    fn response(self, limit: usize) -> Response {
        let (status, text) = match self {
            BodyError::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("request body larger than {limit} bytes\n"),
            ),
            BodyError::TimedOut => (
                StatusCode::REQUEST_TIMEOUT,
                "request body not received in time\n".to_owned(),
            ),
            BodyError::Broken => (
                StatusCode::BAD_REQUEST,
                "request body could not be read\n".to_owned(),
            ),
        };
        (status, [(header::CONNECTION, "close")], text).into_response()
    }
}

/// Reads the body into one buffer sized from `Content-Length` (no copy, no regrowth), within
/// `limit` bytes and `timeout`.
async fn read_body(
    mut body: Body,
    headers: &HeaderMap,
    limit: usize,
    timeout: Duration,
) -> Result<Vec<u8>, BodyError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(BodyError::TooLarge);
    }
    let capacity = declared.map_or(0, |n| usize::try_from(n).unwrap_or(limit).min(limit));
    let read = async move {
        let mut out = Vec::with_capacity(capacity);
        while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await
        {
            let frame = frame.map_err(|_| BodyError::Broken)?;
            if let Ok(data) = frame.into_data() {
                if out.len().saturating_add(data.len()) > limit {
                    return Err(BodyError::TooLarge);
                }
                out.extend_from_slice(&data);
            }
        }
        Ok(out)
    };
    tokio::time::timeout(timeout, read)
        .await
        .unwrap_or(Err(BodyError::TimedOut))
}

async fn serve_one(State(served): State<Served>, request: Request) -> Response {
    let _busy = Busy::new(&request);
    let (parts, body) = request.into_parts();
    let (method, headers) = (parts.method, parts.headers);
    if method != Method::POST {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "POST")],
            "SOAP endpoint: use POST\n",
        )
            .into_response();
    }
    let limit = served.options.max_request_bytes;
    let body = match read_body(body, &headers, limit, served.options.read_timeout).await {
        Ok(body) => body,
        Err(e) => return e.response(limit),
    };
    let handler = served.handler;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let action = headers
        .get("soapaction")
        .and_then(|v| v.to_str().ok())
        .map(|v| normalize_action(v).to_owned())
        .or_else(|| content_type.as_deref().and_then(action_from_content_type));
    let request = IncomingRequest {
        action,
        content_type,
        headers: headers
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body,
    };
    let start = Instant::now();
    let action_for_log = request.action.clone().unwrap_or_default();
    // Run the handler in its own task so that a panicking service becomes a SOAP Server fault
    // instead of a dropped connection.
    let task_handler = Arc::clone(&handler);
    let reply = tokio::spawn(async move { task_handler.handle(request).await }).await;
    let reply = match reply {
        Ok(reply) => reply,
        Err(e) => {
            tracing::error!(error = %e, "SOAP handler panicked");
            super::fault_response(
                SoapVersion::Soap11,
                &Fault::server("internal error: the service panicked"),
            )
        }
    };
    tracing::debug!(
        action = %action_for_log,
        status = reply.status,
        duration_ms = start.elapsed().as_millis() as u64,
        "SOAP request served"
    );
    into_response(reply)
}

fn into_response(reply: OutgoingResponse) -> Response {
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(header::CONTENT_TYPE, reply.content_type)],
        reply.body,
    )
        .into_response()
}
