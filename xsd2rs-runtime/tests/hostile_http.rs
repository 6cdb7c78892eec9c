//! Slow and oversize clients against the HTTP server (issue 9): a body shorter than its
//! `Content-Length`, a huge `Content-Length` with no body, a silent connection. Each gets a
//! clean answer (or a closed connection) within the configured time, and a slow service is
//! still answered. Servers run on 127.0.0.1, every wait is bounded.

#[path = "soap_support.rs"]
mod support;

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::oneshot;
use xsd2rs_runtime::server::http::{serve_with, HttpOptions};
use xsd2rs_runtime::soap::{encode_envelope, SoapVersion};

use support::{exchange_service_dispatcher, request_for, TestService, M};

struct Running {
    addr: SocketAddr,
    stop: oneshot::Sender<()>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

async fn start(options: HttpOptions) -> Running {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(serve_with(
        listener,
        exchange_service_dispatcher(TestService),
        options,
        async move {
            let _ = stopped.await;
        },
    ));
    Running { addr, stop, task }
}

impl Running {
    async fn stop(self) {
        let _ = self.stop.send(());
        let done = tokio::time::timeout(Duration::from_secs(10), self.task).await;
        assert!(
            matches!(done, Ok(Ok(Ok(())))),
            "server did not stop: {done:?}"
        );
    }
}

/// Sends `bytes` and reads until the server closes or 10 s pass; returns what was read.
async fn exchange(addr: SocketAddr, bytes: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(bytes).await.unwrap();
    let mut out = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut out)).await;
    assert!(
        read.is_ok(),
        "no answer within 10 s: {:?}",
        String::from_utf8_lossy(&out)
    );
    String::from_utf8_lossy(&out).into_owned()
}

fn head(content_length: usize) -> String {
    format!(
        "POST /EWS/Exchange.asmx HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: {content_length}\r\n\r\n"
    )
}

fn quick() -> HttpOptions {
    HttpOptions::default()
        .read_timeout(Duration::from_millis(500))
        .idle_timeout(Duration::from_millis(1500))
}

#[tokio::test]
async fn a_body_shorter_than_its_content_length_gets_408() {
    let server = start(quick()).await;
    let started = std::time::Instant::now();
    let reply = exchange(server.addr, format!("{}<short", head(100)).as_bytes()).await;
    assert!(reply.starts_with("HTTP/1.1 408"), "{reply}");
    assert!(started.elapsed() < Duration::from_secs(5));
    server.stop().await;
}

#[tokio::test]
async fn a_huge_content_length_is_refused_at_once_or_times_out() {
    // over the size limit: 413 before any body is read
    let server = start(quick()).await;
    let reply = exchange(server.addr, head(40_000_000).as_bytes()).await;
    assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
    server.stop().await;
    // within a raised limit, but never sent: 408
    let server = start(quick().max_request_bytes(64 << 20)).await;
    let reply = exchange(server.addr, head(40_000_000).as_bytes()).await;
    assert!(reply.starts_with("HTTP/1.1 408"), "{reply}");
    server.stop().await;
}

#[tokio::test]
async fn a_silent_connection_is_closed() {
    let server = start(quick()).await;
    // nothing at all, then half a request line
    for sent in [&b""[..], b"POST / HT"] {
        let started = std::time::Instant::now();
        let reply = exchange(server.addr, sent).await;
        assert!(!reply.starts_with("HTTP/1.1 200"), "{reply}");
        assert!(started.elapsed() >= Duration::from_millis(1000));
    }
    server.stop().await;
}

#[tokio::test]
async fn a_slow_service_is_still_answered() {
    // the service takes 3 s, longer than the idle timeout: the connection stays open for it
    let server = start(quick()).await;
    let body = encode_envelope(
        SoapVersion::Soap11,
        &request_for("slow@example.com"),
        &(),
        &[("m", M)],
    )
    .unwrap();
    let mut request = head(body.len()).replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n");
    request.push_str(std::str::from_utf8(&body).unwrap());
    let reply = exchange(server.addr, request.as_bytes()).await;
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    server.stop().await;
}
