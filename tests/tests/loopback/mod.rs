//! Shared helpers of the `soap_loopback_*` tests: a generated dispatcher served over real
//! HTTP on 127.0.0.1 (port 0), raw HTTP requests (reqwest, for an absent or empty SOAPAction
//! and hand-written envelopes), a raw TCP server replying with fixed bytes, time bounds.

#![allow(dead_code)]

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use xsd2rs_runtime::server::Handler;
use xsd2rs_runtime::soap::{Client, SoapVersion};
use xsd2rs_runtime::transport::HttpTransport;

/// The bound of every test.
pub const LIMIT: Duration = Duration::from_secs(30);

/// Runs `f` within [`LIMIT`]; panics (fails the test) when it takes longer.
pub async fn bounded<F: Future>(f: F) -> F::Output {
    tokio::time::timeout(LIMIT, f)
        .await
        .expect("test exceeded its time bound")
}

/// A running loopback server; stopped (and awaited) by [`Server::stop`].
pub struct Server {
    /// The endpoint URL.
    pub url: String,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Server {
    /// Serves `handler` (a generated dispatcher) with the runtime's axum adapter.
    pub async fn start<H: Handler>(handler: H) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr: SocketAddr = listener.local_addr().expect("local addr");
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(xsd2rs_runtime::server::http::serve(
            listener,
            handler,
            async move {
                let _ = stopped.await;
            },
        ));
        Server {
            url: format!("http://{addr}/EWS/Exchange.asmx"),
            stop: Some(stop),
            task,
        }
    }

    /// Stops the server and waits for it.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let done = tokio::time::timeout(Duration::from_secs(10), self.task).await;
        assert!(
            matches!(done, Ok(Ok(Ok(())))),
            "server did not stop cleanly: {done:?}"
        );
    }
}

/// A SOAP client over the real HTTP transport with a call timeout.
pub fn soap_client(url: &str, timeout: Duration) -> Client {
    let transport = HttpTransport::builder(url)
        .timeout(timeout)
        .build()
        .expect("transport");
    Client::new(transport)
}

/// A raw reply: status, content type, body.
#[derive(Debug)]
pub struct RawReply {
    /// HTTP status.
    pub status: u16,
    /// Content-Type header.
    pub content_type: String,
    /// Body bytes.
    pub body: Vec<u8>,
}

/// POSTs a SOAP 1.1 envelope; `action` `None` sends no SOAPAction header at all.
pub async fn post(url: &str, action: Option<&str>, envelope: &str) -> RawReply {
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("reqwest client");
    let mut req = http
        .post(url)
        .header("Content-Type", "text/xml; charset=utf-8")
        .body(envelope.to_owned());
    if let Some(a) = action {
        req = req.header("SOAPAction", format!("\"{a}\""));
    }
    let resp = req.send().await.expect("raw POST");
    let status = resp.status().as_u16();
    let content_type = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let body = resp.bytes().await.expect("raw body").to_vec();
    RawReply {
        status,
        content_type,
        body,
    }
}

/// A SOAP 1.1 envelope with the EWS `m`/`t` prefixes.
pub fn envelope11(header: &str, body: &str) -> String {
    format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><s:Header>{header}</s:Header><s:Body>{body}</s:Body></s:Envelope>"#
    )
}

/// The SOAP version of the project's bindings.
pub const V11: SoapVersion = SoapVersion::Soap11;

/// A raw TCP server on 127.0.0.1 answering every connection with `reply` (after reading the
/// request head), then closing; `delay` waits before replying (timeouts). Stopped on drop of
/// the returned handle's task (aborted by [`RawServer::stop`]).
pub struct RawServer {
    /// The endpoint URL.
    pub url: String,
    task: JoinHandle<()>,
}

impl RawServer {
    /// Starts the server.
    pub async fn start(reply: Vec<u8>, delay: Duration) -> RawServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let task = tokio::spawn(async move {
            while let Ok((mut sock, _)) = listener.accept().await {
                let reply = reply.clone();
                tokio::spawn(async move {
                    let mut buf = vec![0u8; 64 * 1024];
                    let mut seen = Vec::new();
                    // Read until the end of the head plus whatever body arrived with it.
                    while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                        match sock.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => seen.extend_from_slice(buf.get(..n).unwrap_or(&[])),
                        }
                    }
                    tokio::time::sleep(delay).await;
                    let _ = sock.write_all(&reply).await;
                    let _ = sock.flush().await;
                    let _ = sock.shutdown().await;
                });
            }
        });
        RawServer {
            url: format!("http://{addr}/EWS/Exchange.asmx"),
            task,
        }
    }

    /// Stops accepting connections.
    pub async fn stop(self) {
        self.task.abort();
        let _ = self.task.await;
    }
}

/// An HTTP/1.1 response with a Content-Length matching `body`.
pub fn http_reply(status: &str, content_type: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}
