//! [`BlockingRuntime`]: calls async clients from blocking code.

use std::future::Future;

use crate::soap::SoapError;

/// A single-threaded tokio runtime that runs client calls to completion on the calling thread.
///
/// Generated clients are async; blocking code keeps one `BlockingRuntime` (per thread) and
/// wraps each call: `rt.call(client.get_user_oof_settings(&req, &None))?` (or `block_on` for
/// any future). Creating it is cheap but
/// not free, so keep it around. Calling [`block_on`](Self::block_on) from inside an async task
/// is refused with an error rather than panicking.
#[derive(Debug)]
pub struct BlockingRuntime {
    runtime: tokio::runtime::Runtime,
}

/// Why a blocking call could not run.
#[derive(Debug, thiserror::Error)]
pub enum BlockingError {
    /// The tokio runtime could not be created.
    #[error("cannot start the blocking runtime: {0}")]
    Start(#[from] std::io::Error),
    /// `block_on` was called from inside an async runtime, where blocking would deadlock.
    #[error("block_on called from inside an async runtime; await the call instead")]
    InsideRuntime,
}

impl BlockingRuntime {
    /// Starts a current-thread runtime with I/O and timers enabled.
    pub fn new() -> Result<Self, BlockingError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        Ok(BlockingRuntime { runtime })
    }

    /// Runs `future` to completion on this thread.
    pub fn block_on<F: Future>(&self, future: F) -> Result<F::Output, BlockingError> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(BlockingError::InsideRuntime);
        }
        Ok(self.runtime.block_on(future))
    }

    /// Runs a SOAP call to completion: `rt.call(client.get_user_oof_settings(&req, &None))?`.
    /// A refusal to block is reported as [`SoapError::Blocking`].
    pub fn call<T, F>(&self, future: F) -> Result<T, SoapError>
    where
        F: Future<Output = Result<T, SoapError>>,
    {
        self.block_on(future)?
    }
}

impl From<BlockingError> for SoapError {
    fn from(e: BlockingError) -> Self {
        SoapError::Blocking(e.to_string())
    }
}
