//! The rpc/literal calculator service of the `soap_loopback_rpc` and `zeep_rpc` tests,
//! implemented over the code generated from `xsd2rs/tests/fixtures/soap/rpc.wsdl`.

#![allow(dead_code)]

use tests::rpc_fixture::*;
use xsd2rs_runtime::codec::{encode_document, AnyElement, WriteOptions};
use xsd2rs_runtime::soap::{Envelope, Fault};

/// The calculator served by the tests (here and in `zeep_rpc.rs`): `divide` needs a session
/// header block and refuses a zero divisor with a typed `divisionByZero` detail.
pub struct Calculator;

fn division_by_zero(dividend: i32) -> Fault {
    let xml = encode_document(&DivisionByZero::new(dividend), &WriteOptions::default())
        .expect("encodes the detail");
    let detail = AnyElement::parse(std::str::from_utf8(&xml).expect("UTF-8"))
        .expect("the detail reads back");
    Fault::client("division by zero").with_detail(detail)
}

fn add(request: Add) -> Result<AddResponse, Fault> {
    let sum = request
        .a
        .checked_add(request.b)
        .ok_or_else(|| Fault::client("the sum overflows xs:int"))?;
    Ok(AddResponse::new(sum))
}

impl CalculatorPort for Calculator {
    async fn add(
        &self,
        request: Envelope<Add, AddInputHeaders>,
    ) -> Result<Envelope<AddResponse, AddOutputHeaders>, Fault> {
        Ok(Envelope::new(add(request.body)?))
    }

    async fn distance(
        &self,
        request: Envelope<Distance, DistanceInputHeaders>,
    ) -> Result<Envelope<DistanceResponse, DistanceOutputHeaders>, Fault> {
        let Distance { from, to, .. } = request.body;
        Ok(Envelope::new(DistanceResponse::new(
            (to.x - from.x).hypot(to.y - from.y),
        )))
    }

    async fn summarize(
        &self,
        request: Envelope<Summarize, SummarizeInputHeaders>,
    ) -> Result<Envelope<SummarizeResponse, SummarizeOutputHeaders>, Fault> {
        let Summarize {
            values, rounding, ..
        } = request.body;
        let n = values.item.len();
        let mean = (n > 0).then(|| values.item.iter().sum::<f64>() / n as f64);
        let mut stats = Stats::new(i32::try_from(n).unwrap_or(i32::MAX), rounding);
        stats.mean = mean;
        let label = match n {
            0 => "no values".into(),
            1 => "1 value".into(),
            n => format!("{n} values"),
        };
        Ok(Envelope::new(SummarizeResponse::new(stats, label)))
    }

    async fn divide(
        &self,
        request: Envelope<Divide, DivideInputHeaders>,
    ) -> Result<Envelope<DivideResponse, DivideOutputHeaders>, Fault> {
        if request.headers.session.is_none() {
            return Err(Fault::client("no session header"));
        }
        let Divide {
            dividend, divisor, ..
        } = request.body;
        if divisor == 0 {
            return Err(division_by_zero(dividend));
        }
        let overflow = || Fault::client("the quotient overflows xs:int");
        Ok(Envelope::new(DivideResponse::new(
            dividend.checked_div_euclid(divisor).ok_or_else(overflow)?,
            dividend.checked_rem_euclid(divisor).ok_or_else(overflow)?,
        )))
    }

    async fn version(
        &self,
        _request: Envelope<Version, VersionInputHeaders>,
    ) -> Result<Envelope<VersionResponse, VersionOutputHeaders>, Fault> {
        Ok(Envelope::new(VersionResponse::new("calculator 1.0")))
    }
}

impl Calculator12 for Calculator {
    async fn add(
        &self,
        request: Envelope<Add, AddInputHeaders>,
    ) -> Result<Envelope<AddResponse, AddOutputHeaders>, Fault> {
        Ok(Envelope::new(add(request.body)?))
    }
}
