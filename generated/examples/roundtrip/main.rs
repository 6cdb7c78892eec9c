//! `roundtrip`: check captured SOAP traffic against the generated MS-OXWSMTRK and MS-OXWOOF
//! bindings.
//!
//! ```text
//! cargo run -p generated --example roundtrip -- [--strict] FILE...
//! ```
//!
//! Each FILE (`-` for standard input) is a SOAP 1.1 envelope (the binding of both WSDLs) holding a request or response of
//! FindMessageTrackingReport, GetMessageTrackingReport, GetUserOofSettings or
//! SetUserOofSettings, or a SOAP fault. The body's root element picks the generated type; the
//! header blocks the WSDL declares for that message and the body are decoded, then the
//! envelope is encoded again and printed on standard output. Content the bindings do not know
//! (skipped while reading) is listed on standard error as warnings. A file that cannot be
//! decoded gets an error naming the element path and line:column; the exit status is 1 when
//! any file failed (or, with `--strict`, had warnings), 2 on a usage error.

mod messages;
mod outcome;
mod scan;

use std::io::{self, Read, Write};
use std::process::ExitCode;

use xsd2rs_runtime::codec::DecodeErrorKind;
use xsd2rs_runtime::soap::{decode_fault, encode_fault, outline, Limits, SoapError, SoapVersion};

use messages::{table, Message};
use outcome::{Failure, Output, Warning};
use scan::scan;

/// Command-line options.
struct Options {
    /// Treat warnings (skipped content) as failures.
    strict: bool,
    /// The files to process, in order (`-` is standard input).
    files: Vec<String>,
}

fn main() -> ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            print!("{}", help());
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("roundtrip: {message}\n\n{}", usage());
            return ExitCode::from(2);
        }
    };
    let table = table();
    let limits = Limits::default();
    let mut stdout = io::stdout().lock();
    let mut failed = false;
    for file in &options.files {
        match read(file).and_then(|bytes| process(&bytes, &table, &limits)) {
            Ok(output) => {
                for warning in &output.warnings {
                    eprintln!("{file}: warning: {warning}");
                }
                failed |= options.strict && !output.warnings.is_empty();
                let written = stdout
                    .write_all(&output.xml)
                    .and_then(|()| stdout.write_all(b"\n"))
                    .and_then(|()| stdout.flush());
                if let Err(e) = written {
                    eprintln!("roundtrip: cannot write to standard output: {e}");
                    return ExitCode::FAILURE;
                }
            }
            Err(failure) => {
                eprintln!("{file}: error: {failure}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `Ok(None)` asks for the help text.
fn parse_args(args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut options = Options {
        strict: false,
        files: Vec::new(),
    };
    let mut only_files = false;
    for arg in args {
        match arg.as_str() {
            _ if only_files => options.files.push(arg),
            "-h" | "--help" => return Ok(None),
            "--strict" => options.strict = true,
            "--" => only_files = true,
            "-" => options.files.push(arg),
            _ if arg.starts_with('-') => return Err(format!("unknown option `{arg}`")),
            _ => options.files.push(arg),
        }
    }
    if options.files.is_empty() {
        return Err("no FILE given".to_owned());
    }
    Ok(Some(options))
}

/// The bytes of `file` (`-`: standard input).
fn read(file: &str) -> Result<Vec<u8>, Failure> {
    if file == "-" {
        let mut bytes = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(Failure::Io)?;
        Ok(bytes)
    } else {
        std::fs::read(file).map_err(Failure::Io)
    }
}

/// Round-trips one envelope: a fault, or the message its body root names.
fn process(bytes: &[u8], table: &[Message], limits: &Limits) -> Result<Output, Failure> {
    let outline = outline(bytes, Some(SoapVersion::Soap11), limits)?;
    if outline.is_fault {
        return round_trip_fault(bytes, limits);
    }
    let known = outline.body_root.as_ref().and_then(|(ns, name)| {
        table
            .iter()
            .find(|m| m.ns == ns.as_str() && m.name == name.as_str())
    });
    match (known, outline.body_root) {
        (Some(message), _) => (message.round_trip)(bytes, outline.version, limits),
        (None, Some((ns, name))) => Err(Failure::Decode(
            scan::<()>(bytes, limits)?.error_at_body_root(DecodeErrorKind::Other(format!(
                "unknown body root element {{{ns}}}{name}: no message of MS-OXWSMTRK or \
                 MS-OXWOOF has this root (see --help)"
            ))),
        )),
        (None, None) => Err(Failure::Decode(
            scan::<()>(bytes, limits)?.error_at_body_root(DecodeErrorKind::MissingElement(
                "a message or Fault".to_owned(),
            )),
        )),
    }
}

/// Decodes a fault (header blocks, code, string with its language, actor, detail with the EWS
/// fields) and encodes it again as it was read.
fn round_trip_fault(bytes: &[u8], limits: &Limits) -> Result<Output, Failure> {
    let Some((version, mut fault)) = decode_fault(bytes, limits)? else {
        let kind = DecodeErrorKind::MissingElement("Fault".to_owned());
        return Err(Failure::Decode(
            scan::<()>(bytes, limits)?.error_at_body_root(kind),
        ));
    };
    let warnings = std::mem::take(&mut fault.unknown)
        .into_iter()
        .map(Warning::Content)
        .collect();
    let xml = encode_fault(version, &fault).map_err(SoapError::Encode)?;
    Ok(Output { xml, warnings })
}

fn usage() -> &'static str {
    "usage: roundtrip [--strict] FILE...   (roundtrip --help for details)"
}

const HELP: &str = "\
roundtrip: decode SOAP envelopes into the generated MS-OXWSMTRK / MS-OXWOOF types and print
them re-encoded

usage: roundtrip [--strict] FILE...

Each FILE (`-` for standard input) holds one SOAP 1.1 envelope. The body's root element picks
the type; the header blocks the WSDL declares for that message are decoded too. The re-encoded
envelope goes to standard output, followed by a newline; content the bindings do not know
(skipped while reading) is listed on standard error as warnings.

options:
  --strict    exit 1 when anything was skipped
  -h, --help  this text

exit status: 0 every file round-tripped, 1 a file failed (the error names the element path
and line:column), 2 usage error

messages (body root, header blocks decoded with it):
";

fn help() -> String {
    let mut text = HELP.to_owned();
    for m in &table() {
        text.push_str(&format!(
            "  {:<12} {{{}}}{}\n  {:<12}   headers: {}\n",
            m.protocol, m.ns, m.name, "", m.headers
        ));
    }
    text.push_str(&format!(
        "  {:<12} {{{}}}Fault\n  {:<12}   faultcode, faultstring, faultactor, detail (EWS ResponseCode, \
         Message, MessageXml)\n",
        "SOAP 1.1",
        xsd2rs_runtime::soap::SOAP11_ENV_NS,
        ""
    ));
    text
}
