//! The dispatcher's peak heap for one request stays within twice the request's size, the
//! request included (issue 9: a 30 MB request used to peak at ~150 MB): measured with a counting global allocator, which is
//! why this test has its own binary.

#[path = "soap_support.rs"]
mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};

static ENABLED: AtomicBool = AtomicBool::new(false);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

/// The system allocator, counting live bytes while enabled.
pub struct Counting;

fn grow(by: usize) {
    let now = LIVE.fetch_add(by, Relaxed).wrapping_add(by);
    PEAK.fetch_max(now, Relaxed);
}

fn shrink(by: usize) {
    // Frees of blocks allocated before counting started may exceed what was counted: saturate.
    let _ = LIVE.fetch_update(Relaxed, Relaxed, |v| Some(v.saturating_sub(by)));
}

// SAFETY: every call is forwarded unchanged to `System`; the bookkeeping only reads sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc` is passed on.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() && ENABLED.load(Relaxed) {
            grow(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if ENABLED.load(Relaxed) {
            shrink(layout.size());
        }
        // SAFETY: the caller's contract for `dealloc` is passed on.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc_zeroed` is passed on.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() && ENABLED.load(Relaxed) {
            grow(layout.size());
        }
        p
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract for `realloc` is passed on.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() && ENABLED.load(Relaxed) {
            if new_size >= layout.size() {
                grow(new_size - layout.size());
            } else {
                shrink(layout.size() - new_size);
            }
        }
        p
    }
}

/// Runs `f` once and returns its result with the peak of heap bytes live during the call
/// beyond those live when it started (what `f` allocated, its result included).
pub fn peak_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
    LIVE.store(0, Relaxed);
    PEAK.store(0, Relaxed);
    ENABLED.store(true, Relaxed);
    let value = f();
    ENABLED.store(false, Relaxed);
    (value, PEAK.load(Relaxed))
}

#[global_allocator]
static ALLOC: Counting = Counting;

use support::{exchange_service_dispatcher, TestService};
use xsd2rs_runtime::server::IncomingRequest;

const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const M: &str = support::M;
const T: &str = support::T;

fn request(header: &str, address: &str, extra: &str) -> Vec<u8> {
    format!(
        "<s:Envelope xmlns:s=\"{SOAP11}\" xmlns:m=\"{M}\" xmlns:t=\"{T}\"><s:Header>{header}</s:Header><s:Body><m:GetUserOofSettingsRequest><t:Mailbox><t:Address>{address}</t:Address>{extra}</t:Mailbox></m:GetUserOofSettingsRequest></s:Body></s:Envelope>"
    )
    .into_bytes()
}

/// Extra heap the dispatcher uses at its peak while answering `body` (the body itself, already
/// allocated by the caller, not counted).
fn dispatch_peak(body: Vec<u8>) -> (u16, usize) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let dispatcher = exchange_service_dispatcher(TestService);
    let request = IncomingRequest {
        body,
        ..IncomingRequest::default()
    };
    let (reply, peak) = peak_during(|| runtime.block_on(dispatcher.dispatch(request)));
    (reply.status, peak)
}

#[test]
fn a_big_request_peaks_within_twice_its_size() {
    // 8 MB keeps the debug-build test short; the ratio does not depend on the size
    let mb = 8 << 20;
    let shapes: Vec<(&str, Vec<u8>)> = vec![
        ("one big text", request("", &"a".repeat(mb), "")),
        (
            "one big escaped text",
            request("", &"a&amp;".repeat(mb / 6), ""),
        ),
        (
            "many unknown elements",
            request("", "a@b", &"<t:X>1</t:X>".repeat(mb / 12)),
        ),
        (
            "many unknown header blocks",
            request(&"<t:H/>".repeat(mb / 6), "a@b", ""),
        ),
        (
            "many attributes",
            request(
                "",
                "a@b",
                &format!(
                    "<t:X {}/>",
                    (0..1000)
                        .map(|i| format!("a{i}=\"{}\"", "v".repeat(mb / 1000 - 10)))
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
            ),
        ),
    ];
    for (shape, body) in shapes {
        let size = body.len();
        let (status, peak) = dispatch_peak(body);
        eprintln!("{shape}: {size} bytes, status {status}, extra peak {peak} bytes");
        assert!(status == 200 || status == 500, "{shape}: status {status}");
        // the request itself plus at most as much again (and a few fixed buffers)
        assert!(
            peak <= size + (64 << 10),
            "{shape}: extra peak {peak} bytes for a {size}-byte request"
        );
    }
}
