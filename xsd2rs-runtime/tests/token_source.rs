//! Bearer tokens from a [`TokenSource`] over real loopback HTTP (the axum adapter on
//! 127.0.0.1, every test bounded in time): cached until expiry, refreshed once after a 401 with
//! the call retried once, failures reported cleanly, one refresh for a burst of calls, and the
//! token never shown in `Debug` or errors.

#[path = "loopback_server.rs"]
mod loopback_server;
#[path = "soap_support.rs"]
mod support;

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use loopback_server::Server;
use support::*;
use xsd2rs_runtime::server::{BoxFuture, Handler, IncomingRequest, OutgoingResponse};
use xsd2rs_runtime::soap::{Client, SoapError};
use xsd2rs_runtime::transport::{
    AccessToken, HttpTransport, Secret, TokenError, TokenRefresh, TokenSource, TransportError,
};

const LIMIT: Duration = Duration::from_secs(30);

async fn bounded<F: Future>(f: F) -> F::Output {
    tokio::time::timeout(LIMIT, f)
        .await
        .expect("test exceeded its time bound")
}

/// The server side: accepts `Bearer token-N` for N at least `oldest_valid` (older tokens have
/// "expired"), answers anything else with 401, and counts what it saw.
#[derive(Clone)]
struct Guard {
    oldest_valid: Arc<AtomicU64>,
    seen: Arc<Mutex<Vec<Option<String>>>>,
    dispatcher: Arc<xsd2rs_runtime::server::Dispatcher<TestService>>,
}

impl Guard {
    fn new(oldest_valid: u64) -> Self {
        Guard {
            oldest_valid: Arc::new(AtomicU64::new(oldest_valid)),
            seen: Arc::default(),
            dispatcher: Arc::new(exchange_service_dispatcher(TestService)),
        }
    }

    fn seen(&self) -> Vec<Option<String>> {
        self.seen.lock().expect("lock").clone()
    }
}

impl Handler for Guard {
    fn handle(&self, request: IncomingRequest) -> BoxFuture<'_, OutgoingResponse> {
        let auth = request.header("authorization").map(str::to_owned);
        self.seen.lock().expect("lock").push(auth.clone());
        let number = auth
            .as_deref()
            .and_then(|a| a.strip_prefix("Bearer token-"))
            .and_then(|n| n.parse::<u64>().ok());
        let valid = number.is_some_and(|n| n >= self.oldest_valid.load(Ordering::SeqCst));
        Box::pin(async move {
            if valid {
                self.dispatcher.dispatch(request).await
            } else {
                OutgoingResponse {
                    status: 401,
                    content_type: "text/html".into(),
                    body: b"<html><body>401 Unauthorized: token expired</body></html>".to_vec(),
                }
            }
        })
    }
}

/// A token source handing out `token-1`, `token-2`, … (valid for `lifetime`), after `delay`,
/// recording why it was asked.
#[derive(Clone, Default)]
struct Counter {
    reasons: Arc<Mutex<Vec<TokenRefresh>>>,
    lifetime: Option<Duration>,
    delay: Duration,
}

impl Counter {
    fn calls(&self) -> Vec<TokenRefresh> {
        self.reasons.lock().expect("lock").clone()
    }
}

impl TokenSource for Counter {
    fn token(&self, why: TokenRefresh) -> BoxFuture<'_, Result<AccessToken, TokenError>> {
        Box::pin(async move {
            let n = {
                let mut reasons = self.reasons.lock().expect("lock");
                reasons.push(why);
                reasons.len()
            };
            tokio::time::sleep(self.delay).await;
            let token = format!("token-{n}");
            Ok(match self.lifetime {
                Some(lifetime) => AccessToken::new(token, lifetime),
                None => AccessToken::without_expiry(token),
            })
        })
    }
}

fn client(url: &str, source: Counter) -> ExchangeServiceClient {
    let transport = HttpTransport::builder(url)
        .timeout(Duration::from_secs(10))
        .token_source(source)
        .build()
        .expect("transport");
    ExchangeServiceClient::new(Client::new(transport))
}

async fn call_ok(client: &ExchangeServiceClient) {
    let reply = client
        .get_user_oof_settings(&request_for("a@example.com"), &None)
        .await
        .expect("call succeeds");
    assert_eq!(reply.body.oof_state.as_deref(), Some("Enabled"));
}

#[tokio::test]
async fn an_expired_token_is_refreshed_once_after_a_401_and_the_call_retried() {
    bounded(async {
        // token-1 has expired on the server before the client uses it.
        let guard = Guard::new(2);
        let server = Server::start(guard.clone()).await;
        let source = Counter {
            lifetime: Some(Duration::from_secs(3600)),
            ..Counter::default()
        };
        let client = client(&server.url, source.clone());
        call_ok(&client).await;
        assert_eq!(
            source.calls(),
            [TokenRefresh::Initial, TokenRefresh::Rejected],
            "asked exactly twice"
        );
        assert_eq!(
            guard.seen(),
            [
                Some("Bearer token-1".to_owned()),
                Some("Bearer token-2".to_owned())
            ],
            "one retry"
        );
        // The refreshed token is cached: the next calls do not ask again.
        call_ok(&client).await;
        call_ok(&client).await;
        assert_eq!(source.calls().len(), 2);
        assert_eq!(guard.seen().len(), 4);
        server.stop().await;
    })
    .await;
}

#[tokio::test]
async fn a_token_is_replaced_before_it_expires() {
    bounded(async {
        let guard = Guard::new(1);
        let server = Server::start(guard.clone()).await;
        // Lives 30 s, within the default 60 s margin: every call needs a new one.
        let short = Counter {
            lifetime: Some(Duration::from_secs(30)),
            ..Counter::default()
        };
        let client_short = client(&server.url, short.clone());
        call_ok(&client_short).await;
        call_ok(&client_short).await;
        assert_eq!(
            short.calls(),
            [TokenRefresh::Initial, TokenRefresh::Expired]
        );
        // With a 10 s margin the same lifetime is cached, and shared by clones of the client.
        let cached = Counter {
            lifetime: Some(Duration::from_secs(30)),
            ..Counter::default()
        };
        let transport = HttpTransport::builder(&server.url)
            .token_source(cached.clone())
            .token_refresh_margin(Duration::from_secs(10))
            .build()
            .expect("transport");
        let a = ExchangeServiceClient::new(Client::new(transport.clone()));
        let b = ExchangeServiceClient::new(Client::new(transport));
        call_ok(&a).await;
        call_ok(&b).await;
        assert_eq!(cached.calls(), [TokenRefresh::Initial]);
        // No lifetime: kept until the server refuses it.
        let forever = Counter::default();
        let c = client(&server.url, forever.clone());
        call_ok(&c).await;
        call_ok(&c).await;
        assert_eq!(forever.calls(), [TokenRefresh::Initial]);
        server.stop().await;
    })
    .await;
}

#[tokio::test]
async fn a_failing_source_or_a_refused_token_is_a_clean_error() {
    bounded(async {
        let guard = Guard::new(1);
        let server = Server::start(guard.clone()).await;
        // A source that always fails: a transport error with its message, nothing sent, and
        // the failure is not cached (the next call asks again).
        let asked = Arc::new(AtomicU64::new(0));
        let asked_in = Arc::clone(&asked);
        let transport = HttpTransport::builder(&server.url)
            .token_source(move |_why| {
                asked_in.fetch_add(1, Ordering::SeqCst);
                async { Err(TokenError::new("the directory answered 503")) }
            })
            .build()
            .expect("transport");
        let failing = ExchangeServiceClient::new(Client::new(transport));
        for _ in 0..2 {
            let err = failing
                .get_user_oof_settings(&request_for("a@example.com"), &None)
                .await
                .expect_err("no token");
            assert!(
                matches!(&err, SoapError::Transport(TransportError::Token(m)) if m == "the directory answered 503"),
                "{err:?}"
            );
            assert_eq!(
                err.to_string(),
                "transport: cannot obtain a bearer token: the directory answered 503"
            );
        }
        assert_eq!(asked.load(Ordering::SeqCst), 2);
        assert!(guard.seen().is_empty(), "nothing sent without a token");

        // A server that refuses every token: asked twice, one retry, then the 401 is the reply.
        guard.oldest_valid.store(u64::MAX, Ordering::SeqCst);
        let source = Counter::default();
        let refused = client(&server.url, source.clone());
        let err = refused
            .get_user_oof_settings(&request_for("a@example.com"), &None)
            .await
            .expect_err("refused");
        assert_eq!(err.http_status(), Some(401), "{err:?}");
        assert_eq!(
            source.calls(),
            [TokenRefresh::Initial, TokenRefresh::Rejected]
        );
        assert_eq!(guard.seen().len(), 2);

        // A source slower than the transport's timeout: a clean error, in bounded time.
        let slow = HttpTransport::builder(&server.url)
            .timeout(Duration::from_millis(300))
            .token_source(|_why| async {
                tokio::time::sleep(Duration::from_secs(20)).await;
                Ok(AccessToken::without_expiry("late"))
            })
            .build()
            .expect("transport");
        let err = ExchangeServiceClient::new(Client::new(slow))
            .get_user_oof_settings(&request_for("a@example.com"), &None)
            .await
            .expect_err("too slow");
        assert!(
            matches!(&err, SoapError::Transport(TransportError::Token(m)) if m.contains("within")),
            "{err:?}"
        );

        // A token that cannot be a header value: refused without echoing it.
        let bad = HttpTransport::builder(&server.url)
            .token_source(|_why| async {
                Ok(AccessToken::without_expiry("secret-abc\r\nX-Injected: 1"))
            })
            .build()
            .expect("transport");
        let err = ExchangeServiceClient::new(Client::new(bad))
            .get_user_oof_settings(&request_for("a@example.com"), &None)
            .await
            .expect_err("bad token");
        assert!(
            matches!(&err, SoapError::Transport(TransportError::Token(_))),
            "{err:?}"
        );
        assert!(!format!("{err} {err:?}").contains("secret-abc"), "{err:?}");
        assert_eq!(guard.seen().len(), 2, "nothing sent with a bad token");
        server.stop().await;
    })
    .await;
}

#[tokio::test]
async fn a_burst_of_calls_asks_the_source_once() {
    bounded(async {
        let guard = Guard::new(1);
        let server = Server::start(guard.clone()).await;
        let source = Counter {
            lifetime: Some(Duration::from_secs(3600)),
            delay: Duration::from_millis(100),
            ..Counter::default()
        };
        let client = client(&server.url, source.clone());
        let burst = |client: ExchangeServiceClient| async move {
            let mut tasks = tokio::task::JoinSet::new();
            for _ in 0..16 {
                let client = client.clone();
                tasks.spawn(async move { call_ok(&client).await });
            }
            while let Some(done) = tasks.join_next().await {
                done.expect("call task");
            }
        };
        // No token yet: 16 concurrent calls, one request to the source.
        burst(client.clone()).await;
        assert_eq!(source.calls(), [TokenRefresh::Initial]);
        assert_eq!(guard.seen().len(), 16);
        // The server revokes token-1: 16 concurrent calls all get a 401, one refresh.
        guard.oldest_valid.store(2, Ordering::SeqCst);
        burst(client.clone()).await;
        assert_eq!(
            source.calls(),
            [TokenRefresh::Initial, TokenRefresh::Rejected]
        );
        let seen = guard.seen();
        let second = seen.get(16..).unwrap_or_default();
        let count = |token: &str| {
            second
                .iter()
                .filter(|a| a.as_deref() == Some(token))
                .count()
        };
        // Every call ends with token-2; each one refused (token-1) was retried once.
        assert_eq!(count("Bearer token-2"), 16, "{seen:?}");
        assert_eq!(second.len(), 16 + count("Bearer token-1"), "{seen:?}");
        server.stop().await;
    })
    .await;
}

#[test]
fn tokens_never_appear_in_debug() {
    let secret = Secret::new("eyJhbGciOi.secret");
    assert_eq!(format!("{secret:?}"), "Secret(<redacted>)");
    assert_eq!(secret.expose(), "eyJhbGciOi.secret");
    let token = AccessToken::new("eyJhbGciOi.secret", Duration::from_secs(3600));
    let shown = format!("{token:?}");
    assert!(!shown.contains("eyJ") && shown.contains("3600"), "{shown}");
    let transport = HttpTransport::builder("https://outlook.office365.com/EWS/Exchange.asmx")
        .token_source(|_why| async { Ok(AccessToken::without_expiry("eyJhbGciOi.secret")) })
        .build()
        .expect("transport");
    let shown = format!("{transport:?} {:?}", Client::new(transport.clone()));
    assert!(
        !shown.contains("eyJ") && shown.contains("token_source: true"),
        "{shown}"
    );
    let err = TokenError::from_error(&std::io::Error::other("tenant not found"));
    assert_eq!(err.to_string(), "tenant not found");
}
