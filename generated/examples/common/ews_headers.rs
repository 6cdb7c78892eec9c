//! Two EWS header blocks the MS-OXWOOF WSDL does not declare, written from the EWS types
//! schema (`t:ExchangeImpersonation`, `t:RequestServerVersion` of MS-OXWSCDATA): the `oof`
//! client sends them as extra header blocks, `oof-server` reads them from the request's extra
//! blocks.

// Shared by both examples; each uses part of it.
#![allow(dead_code)]

use xsd2rs_runtime::codec::{
    DecodeError, EncodeError, FromXml, ToXml, XmlReader, XmlRoot, XmlWriter,
};
use xsd2rs_runtime::soap::EWS_TYPES_NS;

/// `t:ExchangeImpersonation`: act as another mailbox's owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExchangeImpersonation {
    /// `t:ConnectingSID`: who is impersonated.
    pub connecting_sid: ConnectingSid,
}

/// The one child of `t:ConnectingSID` (`ConnectingSIDType` is a choice).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnectingSid {
    /// `t:PrincipalName`.
    PrincipalName(String),
    /// `t:SID`.
    Sid(String),
    /// `t:PrimarySmtpAddress`.
    PrimarySmtpAddress(String),
    /// `t:SmtpAddress`.
    SmtpAddress(String),
}

impl ExchangeImpersonation {
    /// Impersonates the mailbox whose primary SMTP address is `address`.
    pub fn smtp(address: &str) -> Self {
        ExchangeImpersonation {
            connecting_sid: ConnectingSid::PrimarySmtpAddress(address.to_owned()),
        }
    }

    /// The SMTP address impersonated, when the block names one.
    pub fn smtp_address(&self) -> Option<&str> {
        match &self.connecting_sid {
            ConnectingSid::PrimarySmtpAddress(a) | ConnectingSid::SmtpAddress(a) => Some(a),
            ConnectingSid::PrincipalName(_) | ConnectingSid::Sid(_) => None,
        }
    }
}

impl XmlRoot for ExchangeImpersonation {
    const NS: &'static str = EWS_TYPES_NS;
    const NAME: &'static str = "ExchangeImpersonation";
}

impl FromXml for ExchangeImpersonation {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut sid = None;
        while let Some((ns, local)) = r.next_child()? {
            if ns == EWS_TYPES_NS && local == "ConnectingSID" && sid.is_none() {
                sid = Some(r.read_child::<ConnectingSidElement>()?.0);
            } else {
                r.unknown()?;
            }
        }
        Ok(ExchangeImpersonation {
            connecting_sid: r.required(sid, "ConnectingSID")?,
        })
    }
}

impl ToXml for ExchangeImpersonation {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        let (name, value) = match &self.connecting_sid {
            ConnectingSid::PrincipalName(v) => ("PrincipalName", v),
            ConnectingSid::Sid(v) => ("SID", v),
            ConnectingSid::PrimarySmtpAddress(v) => ("PrimarySmtpAddress", v),
            ConnectingSid::SmtpAddress(v) => ("SmtpAddress", v),
        };
        w.start(EWS_TYPES_NS, "ConnectingSID")?;
        w.child(EWS_TYPES_NS, name, value)?;
        w.end()
    }
}

struct ConnectingSidElement(ConnectingSid);

impl FromXml for ConnectingSidElement {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut sid = None;
        while let Some((ns, local)) = r.next_child()? {
            let make: Option<fn(String) -> ConnectingSid> = match (ns == EWS_TYPES_NS, local) {
                (true, "PrincipalName") => Some(ConnectingSid::PrincipalName),
                (true, "SID") => Some(ConnectingSid::Sid),
                (true, "PrimarySmtpAddress") => Some(ConnectingSid::PrimarySmtpAddress),
                (true, "SmtpAddress") => Some(ConnectingSid::SmtpAddress),
                _ => None,
            };
            match make {
                Some(make) if sid.is_none() => {
                    let text: String = r.read_child()?;
                    sid = Some(make(text.trim().to_owned()));
                }
                _ => r.unknown()?,
            }
        }
        r.required(sid, "PrimarySmtpAddress")
            .map(ConnectingSidElement)
    }
}

/// `t:RequestServerVersion`: the EWS schema version the client speaks (`Version`, e.g.
/// `Exchange2010_SP1`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestServerVersion {
    /// The `Version` attribute.
    pub version: String,
}

impl XmlRoot for RequestServerVersion {
    const NS: &'static str = EWS_TYPES_NS;
    const NAME: &'static str = "RequestServerVersion";
}

impl FromXml for RequestServerVersion {
    fn from_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let version: String = r.req_attr("", "Version")?;
        while r.next_child()?.is_some() {
            r.unknown()?;
        }
        Ok(RequestServerVersion {
            version: version.trim().to_owned(),
        })
    }
}

impl ToXml for RequestServerVersion {
    fn to_xml(&self, w: &mut XmlWriter) -> Result<(), EncodeError> {
        w.attr_str("", "Version", &self.version)
    }
}

/// The values of `t:ExchangeVersionType` (MS-OXWSCDATA).
pub const EXCHANGE_VERSIONS: &[&str] = &[
    "Exchange2007",
    "Exchange2007_SP1",
    "Exchange2010",
    "Exchange2010_SP1",
    "Exchange2010_SP2",
    "Exchange2013",
    "Exchange2013_SP1",
    "Exchange2016",
];
