//! Readable output of `oof`, and the `ResponseClass` check.

use std::fmt::Write;

use generated::oof::{
    GetUserOofSettingsResponse, ReplyBody, ResponseClassType, ResponseMessageType,
    ServerVersionInfo,
};
use xsd2rs_runtime::SimpleValue;

fn text<T: SimpleValue>(v: &T) -> String {
    let mut s = String::new();
    v.write_text(&mut s);
    s
}

fn code(message: &ResponseMessageType) -> String {
    message
        .response_code
        .as_ref()
        .map_or_else(|| "no ResponseCode".to_owned(), text)
}

/// `Err` for `ResponseClass="Error"` (with the code and text); prints a warning for `Warning`.
pub fn check(message: &ResponseMessageType) -> anyhow::Result<()> {
    let detail = message.message_text.as_deref().unwrap_or("no MessageText");
    match &message.response_class {
        ResponseClassType::Success => Ok(()),
        ResponseClassType::Warning => {
            eprintln!("warning: {}: {detail}", code(message));
            Ok(())
        }
        ResponseClassType::Error => anyhow::bail!("{}: {detail}", code(message)),
        ResponseClassType::Other(class) => {
            anyhow::bail!(
                "unknown ResponseClass {class:?}: {}: {detail}",
                code(message)
            )
        }
    }
}

fn reply_text(reply: Option<&ReplyBody>) -> String {
    match reply.and_then(|r| r.message.as_deref()) {
        Some(m) if !m.is_empty() => {
            let lang = reply
                .and_then(|r| r.lang.as_ref())
                .map(|l| format!(" [{}]", text(l)))
                .unwrap_or_default();
            format!("{}{lang}", m.replace('\n', "\n                   "))
        }
        _ => "(none)".to_owned(),
    }
}

fn version(v: &ServerVersionInfo) -> String {
    let n = |x: Option<i32>| x.map_or_else(|| "?".to_owned(), |x| x.to_string());
    let mut s = format!(
        "{}.{} (build {}.{})",
        n(v.major_version),
        n(v.minor_version),
        n(v.major_build_number),
        n(v.minor_build_number)
    );
    if let Some(name) = &v.version {
        s.push(' ');
        s.push_str(name);
    }
    s
}

/// The settings of a `GetUserOofSettings` reply, one field a line.
pub fn settings(
    mailbox: &str,
    reply: &GetUserOofSettingsResponse,
    server: Option<&ServerVersionInfo>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Mailbox:           {mailbox}");
    match &reply.oof_settings {
        Some(s) => {
            let _ = writeln!(out, "State:             {}", text(&s.oof_state));
            let _ = writeln!(out, "External audience: {}", text(&s.external_audience));
            match &s.duration {
                Some(d) => {
                    let _ = writeln!(
                        out,
                        "Scheduled:         {} to {}",
                        d.start_time.as_str(),
                        d.end_time.as_str()
                    );
                }
                None => {
                    let _ = writeln!(out, "Scheduled:         (no period)");
                }
            }
            let _ = writeln!(
                out,
                "Internal reply:    {}",
                reply_text(s.internal_reply.as_ref())
            );
            let _ = writeln!(
                out,
                "External reply:    {}",
                reply_text(s.external_reply.as_ref())
            );
        }
        None => {
            let _ = writeln!(out, "State:             (the server sent no settings)");
        }
    }
    if let Some(allow) = &reply.allow_external_oof {
        let _ = writeln!(out, "Allowed external:  {}", text(allow));
    }
    if let Some(v) = server {
        let _ = writeln!(out, "Server version:    {}", version(v));
    }
    out
}
