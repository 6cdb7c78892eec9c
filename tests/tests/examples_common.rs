//! Helpers for the tests that run the `generated` crate's example programs (`oof-server`,
//! `mtrk-server`, `oof`): build them once, start a server on 127.0.0.1:0 and read the address
//! it prints, run a program with a bounded wait. A started server is killed when its guard is
//! dropped (also when a test fails). Other test files include this one with
//! `#[path = "examples_common.rs"] mod common;` (`examples_mtrk.rs` tests the helpers).

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{mpsc, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

use tests::workspace_root;

/// The example programs the tests run.
pub const EXAMPLES: &[&str] = &["oof-server", "mtrk-server", "oof"];

/// How long a server may take to print its address.
pub const START_TIMEOUT: Duration = Duration::from_secs(60);

/// How long a client program may run.
pub const RUN_TIMEOUT: Duration = Duration::from_secs(120);

/// The executables of [`EXAMPLES`], built on first use with one `cargo build` (the `CARGO`
/// running the test), located from cargo's JSON messages.
pub fn example_exe(name: &str) -> PathBuf {
    static EXES: OnceLock<HashMap<String, PathBuf>> = OnceLock::new();
    let exes = EXES.get_or_init(|| {
        let mut cmd = Command::new(env!("CARGO"));
        cmd.args(["build", "-q", "-p", "generated", "--message-format=json"]);
        for e in EXAMPLES {
            cmd.args(["--example", e]);
        }
        let out = cmd
            .current_dir(workspace_root())
            .stderr(Stdio::inherit())
            .output()
            .expect("cargo runs");
        assert!(out.status.success(), "building the examples failed");
        let messages = String::from_utf8_lossy(&out.stdout);
        let mut found = HashMap::new();
        for line in messages
            .lines()
            .filter(|l| l.contains(r#""reason":"compiler-artifact""#) && l.contains(r#""example""#))
        {
            let field = |key: &str| {
                let start = line.find(key)? + key.len();
                let end = start + line.get(start..)?.find('"')?;
                line.get(start..end).map(str::to_owned)
            };
            if let (Some(name), Some(exe)) = (field(r#""name":""#), field(r#""executable":""#)) {
                found.insert(name, PathBuf::from(exe));
            }
        }
        found
    });
    // Cargo reports example names with `-` (the target name).
    let exe = exes
        .get(name)
        .or_else(|| exes.get(&name.replace('-', "_")))
        .unwrap_or_else(|| panic!("cargo reports no executable for example {name}: {exes:?}"))
        .clone();
    assert!(exe.is_file(), "{} is missing", exe.display());
    exe
}

/// A running example server, killed (and reaped) on drop.
#[derive(Debug)]
pub struct Server {
    child: Child,
    /// The endpoint it printed, `http://127.0.0.1:PORT/EWS/Exchange.asmx`.
    pub url: String,
}

impl Server {
    /// Starts example `name` on `127.0.0.1:0` and waits (bounded) for its `listening on URL`.
    pub fn start(name: &str) -> Server {
        let mut child = Command::new(example_exe(name))
            .args(["--listen", "127.0.0.1:0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {name}: {e}"));
        let stdout = child.stdout.take().expect("stdout is piped");
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut line = String::new();
            let mut reader = BufReader::new(stdout);
            let _ = reader.read_line(&mut line);
            let _ = tx.send(line);
            // Keep draining so the server never blocks on a full pipe.
            let _ = std::io::copy(&mut reader, &mut std::io::sink());
        });
        // The guard exists before the wait, so a timeout still kills the child.
        let mut server = Server {
            child,
            url: String::new(),
        };
        let line = rx
            .recv_timeout(START_TIMEOUT)
            .unwrap_or_else(|_| panic!("{name} printed no address within {START_TIMEOUT:?}"));
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("{name} printed {line:?}, not `listening on URL`"));
        assert!(
            url.starts_with("http://127.0.0.1:") && url.ends_with("/EWS/Exchange.asmx"),
            "{url}"
        );
        server.url = url.to_owned();
        server
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// The process id.
    pub fn id(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What a program run produced.
#[derive(Debug)]
pub struct Run {
    /// Exit status.
    pub status: ExitStatus,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// Asserts success and returns stdout.
    pub fn ok(&self) -> &str {
        assert!(self.status.success(), "expected success: {self:#?}");
        &self.stdout
    }

    /// Asserts a non-zero exit and returns stderr.
    pub fn failed(&self) -> &str {
        assert!(
            !self.status.success() && self.status.code().is_some(),
            "expected a failure exit: {self:#?}"
        );
        &self.stderr
    }
}

fn drain(mut r: impl Read + Send + 'static) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = r.read_to_end(&mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    })
}

/// Runs `exe` with `args`, killing it after [`RUN_TIMEOUT`] (a test failure).
pub fn run(exe: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(exe)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("starting {}: {e}", exe.display()));
    let out = drain(child.stdout.take().expect("stdout is piped"));
    let err = drain(child.stderr.take().expect("stderr is piped"));
    let deadline = Instant::now() + RUN_TIMEOUT;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(20)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{} {args:?} ran longer than {RUN_TIMEOUT:?}", exe.display());
            }
            Err(e) => panic!("waiting for {}: {e}", exe.display()),
        }
    };
    Run {
        status,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    }
}
