#!/usr/bin/env python3
"""An independent SOAP implementation against the project's example servers.

Python's zeep loads the project's WSDLs OFFLINE (schemas/MS-OXWOOF.wsdl, schemas/MS-OXWSMTRK.wsdl),
calls all four operations against the running `oof-server` and `mtrk-server` examples and checks the
replies. Run by tests/tests/zeep_interop.rs:

    python3 tests/python/zeep_client.py --oof-url URL --mtrk-url URL

Offline loading, without editing the WSDLs:
- The W3C xml namespace is imported without a schemaLocation; zeep maps it to
  https://www.w3.org/2001/xml.xsd. The transport serves tests/python/xml.xsd (written for this
  project) for that address instead of downloading it.
- The OOF messages schema imports its types with schemaLocation="types.xsd", which zeep takes for
  a file next to the WSDL. The transport serves the WSDL's own inline types schema for it.
- Local files are read only from schemas/ and tests/python/; any other load, and any POST to a
  host other than loopback, raises NetworkBlocked. Proxy settings from the environment are ignored.

Exit status: 0 when every check passed, 1 when one failed (each failure is printed), 2 on usage
or setup errors.
"""

import argparse
import datetime
import os
import sys
from urllib.parse import urlparse

try:
    import zeep
    from lxml import etree
    from zeep.plugins import HistoryPlugin
    from zeep.transports import Transport
except ImportError as e:  # pragma: no cover - reported to the Rust test
    sys.stderr.write(
        "zeep is not installed (%s): run scripts/install-test-deps.sh "
        "(pip install -r scripts/requirements-test.txt)\n" % e
    )
    sys.exit(2)

HERE = os.path.dirname(os.path.realpath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SCHEMAS = os.path.join(ROOT, "schemas")
OUR_XML_XSD = os.path.join(HERE, "xml.xsd")
W3C_XML_XSD = {"https://www.w3.org/2001/xml.xsd", "http://www.w3.org/2001/xml.xsd"}

M = "http://schemas.microsoft.com/exchange/services/2006/messages"
T = "http://schemas.microsoft.com/exchange/services/2006/types"
XS = "http://www.w3.org/2001/XMLSchema"
BINDING = "{%s}ExchangeServiceBinding" % M
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class NetworkBlocked(Exception):
    """A load or call that would leave this machine (or the allowed folders)."""


def inline_schema(wsdl_path, namespace):
    """The WSDL's inline xs:schema for `namespace`, as a standalone document."""
    doc = etree.parse(wsdl_path)
    for schema in doc.iter("{%s}schema" % XS):
        if schema.get("targetNamespace") == namespace:
            return etree.tostring(schema)
    raise NetworkBlocked("%s has no inline schema for %s" % (wsdl_path, namespace))


def _inside(path, folder):
    return os.path.commonpath([path, folder]) == folder


class OfflineTransport(Transport):
    """A zeep transport that never touches the network except loopback POSTs."""

    def __init__(self, wsdl_path):
        super().__init__(timeout=10, operation_timeout=20)
        self.session.trust_env = False
        self.wsdl_path = os.path.realpath(wsdl_path)
        self.loaded = []

    def load(self, url):
        self.loaded.append(url)
        if url in W3C_XML_XSD:
            with open(OUR_XML_XSD, "rb") as fh:
                return fh.read()
        parsed = urlparse(url)
        if parsed.scheme not in ("", "file"):
            raise NetworkBlocked("refusing to load %s" % url)
        path = os.path.realpath(parsed.path)
        folder = os.path.dirname(self.wsdl_path)
        if os.path.basename(path) == "types.xsd" and os.path.dirname(path) == folder:
            if not os.path.exists(path):
                return inline_schema(self.wsdl_path, T)
        if not (_inside(path, SCHEMAS) or _inside(path, HERE)):
            raise NetworkBlocked("refusing to read %s" % path)
        with open(path, "rb") as fh:
            return fh.read()

    def get(self, address, params, headers):
        raise NetworkBlocked("refusing GET %s" % address)

    def post(self, address, message, headers):
        host = urlparse(address).hostname
        if host not in LOOPBACK:
            raise NetworkBlocked("refusing POST to %s" % address)
        return super().post(address, message, headers)


class Checks:
    """Collects failed checks instead of stopping at the first."""

    def __init__(self):
        self.failures = []
        self.passed = 0

    def eq(self, what, got, want):
        if got == want:
            self.passed += 1
        else:
            self.failures.append("%s: got %r, want %r" % (what, got, want))

    def true(self, what, cond):
        self.eq(what, bool(cond), True)


def client(wsdl_name, address):
    wsdl = os.path.join(SCHEMAS, wsdl_name)
    transport = OfflineTransport(wsdl)
    history = HistoryPlugin()
    c = zeep.Client(wsdl, transport=transport, plugins=[history])
    return c, c.create_service(BINDING, address), transport, history


def utc(*args):
    return datetime.datetime(*args, tzinfo=datetime.timezone.utc)


def as_utc(value):
    return value.astimezone(datetime.timezone.utc) if value.tzinfo else value


def check_oof(url, ck):
    c, svc, transport, _ = client("MS-OXWOOF.wsdl", url)
    # A mailbox of its own, so a rerun against the same server starts from the defaults.
    box = "zeep-%d-%d@example.com" % (os.getpid(), int(datetime.datetime.now().timestamp()))
    ck.true("xml.xsd served locally", any(u in W3C_XML_XSD for u in transport.loaded))
    ck.true("types.xsd served from the WSDL", any(u.endswith("types.xsd") for u in transport.loaded))

    r = svc.GetUserOofSettings(Mailbox={"Address": box})
    ck.eq("Get: ServerVersion header", r.header.ServerVersion.MajorVersion, 8)
    ck.eq("Get: ResponseClass", r.body.ResponseMessage.ResponseClass, "Success")
    ck.eq("Get: ResponseCode", r.body.ResponseMessage.ResponseCode, "NoError")
    ck.eq("Get: default OofState", r.body.OofSettings.OofState, "Disabled")

    settings = {
        "OofState": "Scheduled",
        "ExternalAudience": "Known",
        "Duration": {"StartTime": utc(2024, 7, 1), "EndTime": utc(2024, 7, 8, 12, 30)},
        "InternalReply": {"Message": "Back on Monday <b>8 July</b>", "lang": "en-GB"},
        "ExternalReply": {"Message": "Out of office"},
    }
    r = svc.SetUserOofSettings(Mailbox={"Address": box}, UserOofSettings=settings)
    ck.eq("Set: ServerVersion header", r.header.ServerVersion.MinorVersion, 1)
    ck.eq("Set: ResponseClass", r.body.ResponseMessage.ResponseClass, "Success")

    r = svc.GetUserOofSettings(Mailbox={"Address": box.upper()})
    got = r.body.OofSettings
    ck.eq("Get after Set: OofState", got.OofState, "Scheduled")
    ck.eq("Get after Set: ExternalAudience", got.ExternalAudience, "Known")
    ck.eq("Get after Set: StartTime", as_utc(got.Duration.StartTime), utc(2024, 7, 1))
    ck.eq("Get after Set: EndTime", as_utc(got.Duration.EndTime), utc(2024, 7, 8, 12, 30))
    ck.eq("Get after Set: InternalReply", got.InternalReply.Message, "Back on Monday <b>8 July</b>")
    ck.eq("Get after Set: xml:lang", got.InternalReply.lang, "en-GB")
    ck.eq("Get after Set: ExternalReply", got.ExternalReply.Message, "Out of office")

    bad = dict(settings, Duration={"StartTime": utc(2024, 7, 8), "EndTime": utc(2024, 7, 1)})
    r = svc.SetUserOofSettings(Mailbox={"Address": box}, UserOofSettings=bad)
    msg = r.body.ResponseMessage
    ck.eq("Set bad duration: ResponseClass", msg.ResponseClass, "Error")
    ck.eq("Set bad duration: ResponseCode", msg.ResponseCode, "ErrorInvalidScheduledOofDuration")
    ck.true("Set bad duration: MessageText", msg.MessageText and "not valid" in msg.MessageText)
    ck.eq("Set bad duration: DescriptiveLinkKey", msg.DescriptiveLinkKey, 0)
    r = svc.GetUserOofSettings(Mailbox={"Address": box})
    ck.eq("refused settings not stored", as_utc(r.body.OofSettings.Duration.EndTime), utc(2024, 7, 8, 12, 30))

    try:
        svc.GetUserOofSettings(Mailbox={"Address": "not an address"})
        ck.true("non-SMTP mailbox raises a Fault", False)
    except zeep.exceptions.Fault as fault:
        ck.true("Fault code is Client", fault.code and fault.code.endswith("Client"))
        ck.true("Fault message", fault.message and "SMTP" in fault.message)
        codes = [] if fault.detail is None else fault.detail.findall("{%s}ErrorCode" % M)
        ck.eq("Fault detail ErrorCode", [e.text for e in codes], ["ErrorInvalidOofParameter"])


def events(report):
    arr = report.RecipientTrackingEvents
    items = (arr._value_1 or []) if arr is not None else []
    # A repeated xs:choice: zeep gives a list of {element name: value} dicts.
    evs = [i["RecipientTrackingEvent"] for i in items]
    return [(e.Recipient.EmailAddress, e.DeliveryStatus, e.EventDescription) for e in evs]


def results(body):
    arr = body.MessageTrackingSearchResults
    return [i["MessageTrackingSearchResult"] for i in (arr._value_1 or [])] if arr is not None else None


def check_mtrk(url, ck):
    c, svc, _, history = client("MS-OXWSMTRK.wsdl", url)
    version = {"RequestVersion": {"Version": "Exchange2016"}}
    base = {"Scope": "Organization", "Domain": "example.com"}

    r = svc.FindMessageTrackingReport(**base, Sender={"EmailAddress": "alice@example.com"},
                                      _soapheaders=version)
    sent = etree.tostring(history.last_sent["envelope"]).decode()
    ck.true("Find: RequestServerVersion header sent", "RequestServerVersion" in sent)
    ck.eq("Find: ServerVersion header", r.header.ServerVersion.MajorVersion, 15)
    ck.eq("Find: ResponseClass", r.body.ResponseClass, "Success")
    ck.eq("Find: ResponseCode", r.body.ResponseCode, "NoError")
    ck.eq("Find: ExecutedSearchScope", r.body.ExecutedSearchScope, "Organization")
    found = results(r.body) or []
    ck.eq("Find by sender: subjects", [m.Subject for m in found], ["Quarterly report", "Lunch on Friday?"])
    ck.eq("Find: SubmittedTime", found[0].SubmittedTime if found else None, utc(2024, 3, 1, 9))

    r = svc.FindMessageTrackingReport(**base, Recipient={"EmailAddress": "frank@example.com"},
                                      StartDateTime=utc(2024, 3, 4), EndDateTime=utc(2024, 3, 5),
                                      _soapheaders=version)
    ck.eq("Find by recipient and window", [m.Subject for m in results(r.body) or []], ["Project kickoff"])

    r = svc.FindMessageTrackingReport(**base, Sender={"EmailAddress": "nobody@example.com"},
                                      _soapheaders=version)
    ck.eq("Find unknown sender: ResponseCode", r.body.ResponseCode, "NoError")
    # zeep reads an empty complex element as None: check the received XML as well.
    ck.true("Find unknown sender: no results", not results(r.body))
    received = history.last_received["envelope"].find(".//{%s}MessageTrackingSearchResults" % M)
    ck.true("Find unknown sender: empty MessageTrackingSearchResults sent",
            received is not None and len(received) == 0)
    ck.eq("Find unknown sender: ExecutedSearchScope", r.body.ExecutedSearchScope, "Organization")

    r = svc.FindMessageTrackingReport(Scope="Organization", Domain="contoso.com", _soapheaders=version)
    ck.eq("Find foreign domain", (r.body.ResponseClass, r.body.ResponseCode),
          ("Error", "ErrorMessageTrackingNoSuchDomain"))

    report_id = found[0].MessageTrackingReportId if found else "missing"
    get = {"Scope": "Organization", "MessageTrackingReportId": report_id}
    r = svc.GetMessageTrackingReport(**get, ReportTemplate="Summary", _soapheaders=version)
    ck.eq("Get: ServerVersion header", r.header.ServerVersion.MajorVersion, 15)
    ck.eq("Get Summary: ResponseCode", r.body.ResponseCode, "NoError")
    ck.eq("Get Summary: events", events(r.body.MessageTrackingReport),
          [("bob@example.com", "Delivered", "Delivered"), ("carol@example.com", "Read", "Read")])
    ck.eq("Get Summary: Subject", r.body.MessageTrackingReport.Subject, "Quarterly report")

    r = svc.GetMessageTrackingReport(**get, ReportTemplate="RecipientPath", _soapheaders=version)
    ck.eq("RecipientPath without filter", (r.body.ResponseClass, r.body.ResponseCode),
          ("Error", "ErrorMissingArgument"))

    r = svc.GetMessageTrackingReport(**get, ReportTemplate="RecipientPath",
                                     RecipientFilter={"EmailAddress": "carol@example.com"},
                                     _soapheaders=version)
    ck.eq("RecipientPath: history", [e[2] for e in events(r.body.MessageTrackingReport)],
          ["Submitted", "Delivered", "Read"])

    r = svc.GetMessageTrackingReport(**get, ReportTemplate="RecipientPath",
                                     RecipientFilter={"EmailAddress": "zoe@example.com"},
                                     _soapheaders=version)
    rep = r.body.MessageTrackingReport
    ck.eq("RecipientPath non-recipient: ResponseCode", r.body.ResponseCode, "NoError")
    submit = rep.SubmitTime.replace(tzinfo=None) if rep is not None and rep.SubmitTime else None
    ck.eq("RecipientPath non-recipient: SubmitTime", submit, datetime.datetime(1, 1, 1))
    ck.eq("RecipientPath non-recipient: no events", events(rep) if rep is not None else None, [])
    ck.eq("RecipientPath non-recipient: no subject", rep.Subject if rep is not None else "?", None)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--oof-url", required=True)
    parser.add_argument("--mtrk-url", required=True)
    args = parser.parse_args()
    for u in (args.oof_url, args.mtrk_url):
        if urlparse(u).hostname not in LOOPBACK:
            sys.stderr.write("only loopback servers: %s\n" % u)
            return 2
    ck = Checks()
    for name, run, url in (("OOF", check_oof, args.oof_url), ("MTRK", check_mtrk, args.mtrk_url)):
        try:
            run(url, ck)
        except Exception as e:  # a failure of the whole section, reported like a check
            ck.failures.append("%s: %s: %s" % (name, type(e).__name__, e))
    for f in ck.failures:
        print("FAIL", f)
    print("zeep %s: %d checks passed, %d failed" % (zeep.__version__, ck.passed, len(ck.failures)))
    return 1 if ck.failures else 0


if __name__ == "__main__":
    sys.exit(main())
