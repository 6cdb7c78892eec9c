//! Serves a [`Handler`] over HTTP with axum.

use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;

use super::{Handler, IncomingRequest, OutgoingResponse};
use crate::soap::{action_from_content_type, normalize_action, Fault, SoapVersion};

/// Default largest accepted request body (32 MiB), matching the SOAP layer's default limit.
pub const DEFAULT_MAX_REQUEST_BYTES: usize = 32 * 1024 * 1024;

/// An axum router answering SOAP POSTs on every path with `handler`, accepting request bodies
/// up to [`DEFAULT_MAX_REQUEST_BYTES`]. Mount it under a path with `Router::nest` if needed.
pub fn router<H: Handler>(handler: H) -> Router {
    router_with_limit(handler, DEFAULT_MAX_REQUEST_BYTES)
}

/// Like [`router`] with another request-size limit (larger bodies get HTTP 413).
pub fn router_with_limit<H: Handler>(handler: H, max_request_bytes: usize) -> Router {
    let handler: Arc<dyn Handler> = Arc::new(handler);
    Router::new()
        .fallback(serve_one)
        .layer(DefaultBodyLimit::max(max_request_bytes))
        .with_state(handler)
}

/// Serves `handler` on `listener` until `shutdown` resolves (graceful: running calls finish).
pub async fn serve<H, F>(
    listener: tokio::net::TcpListener,
    handler: H,
    shutdown: F,
) -> std::io::Result<()>
where
    H: Handler,
    F: Future<Output = ()> + Send + 'static,
{
    axum::serve(listener, router(handler))
        .with_graceful_shutdown(shutdown)
        .await
}

async fn serve_one(
    State(handler): State<Arc<dyn Handler>>,
    method: Method,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if method != Method::POST {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "POST")],
            "SOAP endpoint: use POST\n",
        )
            .into_response();
    }
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
        body: body.to_vec(),
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
