//! What the example servers share: logging set-up, binding the listener, announcing the
//! address, and serving a dispatcher until Ctrl-C or SIGTERM.

use std::io::Write;
use std::net::SocketAddr;

use anyhow::Context;

/// Sets up logging (`RUST_LOG`), binds `listen`, prints `listening on http://ADDR/EWS/Exchange.asmx`
/// (the bound address, so port 0 works) and serves `handler` until Ctrl-C or SIGTERM.
pub async fn serve_until_signal<H>(listen: SocketAddr, handler: H) -> anyhow::Result<()>
where
    H: xsd2rs_runtime::server::Handler,
{
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    let addr = listener.local_addr().context("no local address")?;
    let mut out = std::io::stdout();
    writeln!(out, "listening on http://{addr}/EWS/Exchange.asmx")?;
    out.flush()?;
    xsd2rs_runtime::server::http::serve(listener, handler, shutdown_signal())
        .await
        .context("serving")?;
    Ok(())
}

/// Resolves on Ctrl-C or (Unix) SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
