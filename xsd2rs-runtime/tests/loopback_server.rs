//! A loopback HTTP server for the runtime's tests: the axum adapter on 127.0.0.1:0, stopped
//! and awaited (bounded in time) by [`Server::stop`].

use std::net::SocketAddr;
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use xsd2rs_runtime::server::Handler;

/// A running loopback server; stopped (and awaited) by [`Server::stop`].
pub struct Server {
    /// The endpoint URL.
    pub url: String,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Server {
    /// Binds 127.0.0.1:0 and serves `handler` in a task.
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

    /// Stops the server and waits (at most 10 s) for it to finish cleanly.
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
