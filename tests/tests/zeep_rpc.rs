//! An independent SOAP implementation against our rpc/literal code: Python's zeep (pinned in
//! `scripts/requirements-test.txt`) loads `xsd2rs/tests/fixtures/soap/rpc.wsdl` offline and
//! calls every operation of the servers generated from it (SOAP 1.1 and 1.2, on 127.0.0.1),
//! checking the replies and the wrapper elements on the wire; it also reads the requests our
//! generated client sent (recorded by the transport) as the WSDL's input messages
//! (`tests/python/zeep_rpc_client.py`).
//!
//! Without zeep the test fails with the install instruction, unless `XSD2RS_SKIP_ZEEP=1`.

#[path = "examples_common.rs"]
mod common;
mod loopback;
mod rpc_calculator;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use loopback::Server;
use rpc_calculator::Calculator;
use tests::rpc_fixture::*;
use tests::workspace_root;
use xsd2rs_runtime::soap::Client;
use xsd2rs_runtime::transport::{
    BoxFuture, HttpTransport, SoapRequest, SoapResponse, Transport, TransportError,
};

/// Whether `python3` can import zeep; `Err` says why not.
fn zeep_available() -> Result<(), String> {
    match std::process::Command::new("python3")
        .args(["-c", "import zeep, lxml"])
        .output()
    {
        Ok(out) if out.status.success() => Ok(()),
        Ok(out) => Err(String::from_utf8_lossy(&out.stderr).trim().to_owned()),
        Err(e) => Err(format!("cannot run python3: {e}")),
    }
}

/// The requests a [`Recording`] transport sent: (operation, envelope).
type Sent = Arc<Mutex<Vec<(String, Vec<u8>)>>>;

/// An HTTP transport that keeps every request it sends.
#[derive(Debug)]
struct Recording {
    inner: HttpTransport,
    sent: Sent,
}

impl Transport for Recording {
    fn send(&self, request: SoapRequest) -> BoxFuture<'_, Result<SoapResponse, TransportError>> {
        if let Ok(mut sent) = self.sent.lock() {
            sent.push((request.operation.clone(), request.body.clone()));
        }
        self.inner.send(request)
    }
}

/// Calls every operation with the generated client (the values `OUR_REQUESTS` of the script
/// expects) and returns the requests it sent.
async fn our_requests(url: &str) -> Vec<(String, Vec<u8>)> {
    let sent: Sent = Arc::new(Mutex::new(Vec::new()));
    let transport = Recording {
        inner: HttpTransport::builder(url)
            .timeout(Duration::from_secs(10))
            .build()
            .expect("transport"),
        sent: sent.clone(),
    };
    let c = CalculatorPortClient::new(Client::new(transport));
    let r = c
        .add(&Add::new(2, 3), &Default::default())
        .await
        .expect("add");
    assert_eq!(r.body.r#return, 5);
    let from = Point::new(1.0, 1.0);
    let to = Point::new(4.0, 5.0);
    let r = c
        .distance(&Distance::new(from, to), &Default::default())
        .await
        .expect("distance");
    assert_eq!(r.body.r#return, 5.0);
    let values = DoubleArray {
        item: vec![1.0, 2.0, 4.5],
        ..Default::default()
    };
    let rounding = Rounding::HalfEven;
    let r = c
        .summarize(&Summarize::new(values, rounding), &Default::default())
        .await
        .expect("summarize");
    assert_eq!(r.body.stats.count, 3);
    let session = DivideInputHeaders {
        session: Some(Session::new("s-1")),
        ..Default::default()
    };
    let r = c
        .divide(&Divide::new(17, 5), &session)
        .await
        .expect("divide");
    assert_eq!((r.body.quotient, r.body.remainder), (3, 2));
    let r = c
        .version(&Version::default(), &Default::default())
        .await
        .expect("version");
    assert_eq!(r.body.r#return, "calculator 1.0");
    let requests = sent.lock().expect("not poisoned").clone();
    requests
}

#[tokio::test]
async fn zeep_calls_the_generated_rpc_literal_server() {
    if let Err(why) = zeep_available() {
        if std::env::var("XSD2RS_SKIP_ZEEP").as_deref() == Ok("1") {
            eprintln!("skipping the zeep rpc/literal test (XSD2RS_SKIP_ZEEP=1): {why}");
            return;
        }
        panic!(
            "Python's zeep is needed for this test ({why}). Install it with \
             `scripts/install-test-deps.sh` (or `python3 -m pip install -r \
             scripts/requirements-test.txt`), or set XSD2RS_SKIP_ZEEP=1 to skip."
        );
    }
    let script = workspace_root().join("tests/python/zeep_rpc_client.py");
    assert!(script.is_file(), "{} is missing", script.display());
    let folder = std::env::temp_dir().join(format!("xsd2rs-zeep-rpc-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("temporary folder");
    // Bounded: python's start and zeep's imports can be slow on a loaded machine.
    let result = tokio::time::timeout(Duration::from_secs(150), async {
        let server = Server::start(calculator_port_dispatcher(Calculator)).await;
        let server12 = Server::start(calculator12_dispatcher(Calculator)).await;
        let sent = our_requests(&server.url).await;
        let ops: Vec<&str> = sent.iter().map(|(op, _)| op.as_str()).collect();
        assert_eq!(ops, ["add", "distance", "summarize", "divide", "version"]);
        for (op, body) in &sent {
            std::fs::write(folder.join(format!("{op}.xml")), body).expect("writes a request");
        }
        let args = [
            script.display().to_string(),
            "--url".into(),
            server.url.clone(),
            "--url12".into(),
            server12.url.clone(),
            "--requests".into(),
            folder.display().to_string(),
        ];
        // zeep runs beside the servers (bounded by the helper's own timeout).
        let r = tokio::task::spawn_blocking(move || {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            common::run(Path::new("python3"), &args)
        })
        .await
        .expect("the zeep run finished");
        server.stop().await;
        server12.stop().await;
        r
    })
    .await
    .expect("the zeep rpc/literal test exceeded its time bound");
    let _ = std::fs::remove_dir_all(&folder);
    eprintln!("{}", result.stdout.trim());
    assert!(
        result.status.success(),
        "zeep rpc/literal interop failed ({:?}):\n{}\n{}",
        result.status,
        result.stdout,
        result.stderr
    );
    assert!(result.stdout.contains(" 0 failed"), "{}", result.stdout);
}
