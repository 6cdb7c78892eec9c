//! The bounded fuzz run of the test command: for every target family, the regression inputs
//! (`tests/fuzz-regressions/<target>/`), the seeds (the project's fixtures) and a fixed number
//! of deterministic mutations (fixed seed), each input under a time and heap budget so a
//! super-linear input fails like a panic. Long soaks: `just fuzz` (libFuzzer, `fuzz/`).
//!
//! `FUZZ_ITERATIONS=N` overrides the number of mutations per target; `FUZZ_SEED=N` the seed.
//! `FUZZ_SECONDS=N` turns each target into a soak on the stable toolchain (`fuzz::soak`: N
//! seconds, continuing past failures; each distinct failure is minimized into
//! `fuzz/artifacts/<target>/stable-<k>` and fails the test at the end), e.g.
//! `FUZZ_SECONDS=1800 cargo test -p tests --test fuzz_bounded -- --nocapture`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::Duration;

use tests::fuzz::{self, Budget, HeapProbe};

/// Counts this thread's live heap and its peak (each test runs on its own thread).
struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
    static BASE: Cell<isize> = const { Cell::new(0) };
}

fn add(n: isize) {
    let _ = LIVE.try_with(|l| {
        let v = l.get() + n;
        l.set(v);
        let _ = PEAK.try_with(|p| {
            if v > p.get() {
                p.set(v);
            }
        });
    });
}

// SAFETY: defers to the system allocator; the bookkeeping touches only const-initialised
// thread-locals without destructors.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            add(layout.size() as isize);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) };
        add(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            add(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

struct ThreadHeap;

impl HeapProbe for ThreadHeap {
    fn reset(&self) {
        let live = LIVE.with(Cell::get);
        BASE.with(|b| b.set(live));
        PEAK.with(|p| p.set(live));
    }

    fn peak(&self) -> usize {
        let base = BASE.with(Cell::get);
        usize::try_from(PEAK.with(Cell::get) - base).unwrap_or(0)
    }
}

fn env_usize(name: &str) -> Option<usize> {
    std::env::var(name).ok()?.parse().ok()
}

/// Runs one family; panics with the minimized failing input.
fn family(name: &str, iterations: usize, max_len: usize, budget: Budget) {
    let target = fuzz::target(name).expect("a known target");
    let seeds = fuzz::seeds(name);
    assert!(!seeds.is_empty(), "no seeds for {name}");
    let iterations = env_usize("FUZZ_ITERATIONS").unwrap_or(iterations);
    let seed = env_usize("FUZZ_SEED").unwrap_or(0x5EED) as u64;
    let regressions = fuzz::regressions(name);
    if let Some(secs) = env_usize("FUZZ_SECONDS") {
        let r = fuzz::soak(
            name,
            target,
            &seeds,
            &regressions,
            Duration::from_secs(secs as u64),
            seed,
            max_len,
            &budget,
            Some(&ThreadHeap),
        );
        let dir = tests::workspace_root().join("fuzz/artifacts").join(name);
        for (k, f) in r.failures.iter().enumerate() {
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(dir.join(format!("stable-{k}")), &f.input);
            eprintln!("fuzz {name}: FAILURE {k}: {f}");
        }
        eprintln!(
            "fuzz {name}: soak of {secs} s: {} executions ({} accepted by the decoder/loader), {} distinct failures",
            r.executions,
            fuzz::accepted_count(),
            r.failures.len()
        );
        assert!(
            r.failures.is_empty(),
            "fuzz {name}: {} failures",
            r.failures.len()
        );
        return;
    }
    match fuzz::run(
        name,
        target,
        &seeds,
        &regressions,
        iterations,
        seed,
        max_len,
        &budget,
        Some(&ThreadHeap),
    ) {
        Ok(r) => eprintln!(
            "fuzz {name}: {} executions ({} accepted by the decoder/loader), no new finding; {} hit a known open finding (fuzz::KNOWN_OPEN)",
            r.executions,
            fuzz::accepted_count(),
            r.known_open
        ),
        Err(f) => panic!("{f}"),
    }
}

/// Messages: 250 ms for an input under 10 KiB is super-linear (a debug build takes a few ms;
/// the margin absorbs a machine shared with other builds, on top of the retries).
const MESSAGES: Budget = Budget {
    base: Duration::from_millis(250),
    per_kib: Duration::from_millis(10),
    base_bytes: 8 << 20,
    per_byte: 64,
};

#[test]
fn messages_oof() {
    family("messages_oof", 6000, 64 << 10, MESSAGES);
}

#[test]
fn messages_mtrk() {
    family("messages_mtrk", 6000, 64 << 10, MESSAGES);
}

#[test]
fn envelopes() {
    family("envelopes", 6000, 64 << 10, MESSAGES);
}

#[test]
fn dispatcher() {
    family("dispatcher", 4000, 64 << 10, MESSAGES);
}

#[test]
fn values() {
    family(
        "values",
        20_000,
        4 << 10,
        Budget {
            base: Duration::from_millis(250),
            per_kib: Duration::from_millis(10),
            base_bytes: 1 << 20,
            per_byte: 64,
        },
    );
}

#[test]
fn schema() {
    family(
        "schema",
        400,
        256 << 10,
        Budget {
            base: Duration::from_secs(3),
            per_kib: Duration::from_millis(40),
            base_bytes: 64 << 20,
            per_byte: 2048,
        },
    );
}
