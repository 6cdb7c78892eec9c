#!/usr/bin/env python3
"""zeep against a generated rpc/literal server.

Python's zeep loads the rpc/literal fixture WSDL (xsd2rs/tests/fixtures/soap/rpc.wsdl) offline and
calls every operation of its SOAP 1.1 binding, and the operation of its SOAP 1.2 binding, on the
servers generated from that WSDL (run by tests/tests/zeep_rpc.rs on 127.0.0.1), then checks the
replies and the wrapper elements it sent and received. With --requests DIR, zeep also reads the
requests our generated client encodes (DIR/{operation}.xml, written by the Rust test) as the
WSDL's input messages and checks their wrappers and values:

    python3 tests/python/zeep_rpc_client.py --url URL --url12 URL [--requests DIR]

The WSDL has no imports: nothing is loaded but the WSDL itself, and the transport refuses any other
load and any POST to a host other than loopback. Proxy settings from the environment are ignored.

Exit status: 0 when every check passed, 1 when one failed (each failure is printed), 2 on usage
or setup errors.
"""

import argparse
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
WSDL = os.path.join(ROOT, "xsd2rs", "tests", "fixtures", "soap", "rpc.wsdl")
NS = "urn:example:calculator"
TYPES = "urn:example:calculator:types"
SOAP11_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12_ENV = "http://www.w3.org/2003/05/soap-envelope"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class NetworkBlocked(Exception):
    """A load or call that would leave this machine (or read another file)."""


class OfflineTransport(Transport):
    """A zeep transport that reads only the fixture WSDL and POSTs only to loopback."""

    def __init__(self):
        super().__init__(timeout=10, operation_timeout=20)
        self.session.trust_env = False

    def load(self, url):
        path = os.path.realpath(urlparse(url).path)
        if urlparse(url).scheme not in ("", "file") or path != os.path.realpath(WSDL):
            raise NetworkBlocked("refusing to load %s" % url)
        with open(path, "rb") as fh:
            return fh.read()

    def get(self, address, params, headers):
        raise NetworkBlocked("refusing GET %s" % address)

    def post(self, address, message, headers):
        if urlparse(address).hostname not in LOOPBACK:
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


def body_child(envelope, env_ns):
    """The one element inside soap:Body."""
    body = envelope.find("{%s}Body" % env_ns)
    children = [c for c in body if isinstance(c.tag, str)] if body is not None else []
    return children[0] if len(children) == 1 else None


def wrappers(history, env_ns):
    """(request wrapper, response wrapper) of the last call: tag and child tags."""
    out = []
    for env in (history.last_sent["envelope"], history.last_received["envelope"]):
        w = body_child(env, env_ns)
        out.append(None if w is None else (w.tag, [c.tag for c in w if isinstance(c.tag, str)]))
    return tuple(out)


def check_soap11(url, ck):
    history = HistoryPlugin()
    client = zeep.Client(WSDL, transport=OfflineTransport(), plugins=[history])
    svc = client.create_service("{%s}CalculatorPortBinding" % NS, url)

    ck.eq("add(2, 3)", svc.add(2, 3), 5)
    ck.eq("add wrappers", wrappers(history, SOAP11_ENV),
          (("{%s}add" % NS, ["a", "b"]), ("{%s}addResponse" % NS, ["return"])))
    ck.eq("add(-7, 3)", svc.add(a=-7, b=3), -4)

    d = svc.distance({"x": 0.0, "y": 0.0}, {"x": 3.0, "y": 4.0})
    ck.eq("distance", d, 5.0)
    ck.eq("distance request accessors hold the point's unqualified children",
          [c.tag for c in body_child(history.last_sent["envelope"], SOAP11_ENV)[0]], ["x", "y"])

    r = svc.summarize(values={"item": [1.0, 2.0, 4.5]}, rounding="halfUp")
    ck.eq("summarize: stats.count", r.stats.count, 3)
    ck.eq("summarize: stats.mean", r.stats.mean, 2.5)
    ck.eq("summarize: stats.rounding", r.stats.rounding, "halfUp")
    ck.eq("summarize: label", r.label, "3 values")
    ck.eq("summarize wrappers", wrappers(history, SOAP11_ENV),
          (("{%s}summarize" % NS, ["values", "rounding"]),
           ("{%s}summarizeResponse" % NS, ["stats", "label"])))
    r = svc.summarize(values={"item": []}, rounding="none")
    ck.eq("summarize nothing: count", r.stats.count, 0)
    ck.eq("summarize nothing: no mean", r.stats.mean, None)
    ck.eq("summarize nothing: label", r.label, "no values")

    session = {"session": {"id": "s-1"}}
    r = svc.divide(dividend=17, divisor=5, _soapheaders=session)
    ck.eq("divide: quotient, remainder", (r.quotient, r.remainder), (3, 2))
    sent = history.last_sent["envelope"]
    ck.true("divide: session header sent",
            sent.find("{%s}Header/{%s}session" % (SOAP11_ENV, TYPES)) is not None)
    ck.eq("divide wrappers (the header part is not in the body)", wrappers(history, SOAP11_ENV),
          (("{%s}divide" % NS, ["dividend", "divisor"]),
           ("{%s}divideResponse" % NS, ["quotient", "remainder"])))
    try:
        svc.divide(dividend=7, divisor=0, _soapheaders=session)
        ck.true("divide by zero raises a Fault", False)
    except zeep.exceptions.Fault as fault:
        ck.true("divide by zero: Client fault", fault.code and fault.code.endswith("Client"))
        ck.eq("divide by zero: message", fault.message, "division by zero")
        found = [] if fault.detail is None else fault.detail.findall("{%s}divisionByZero" % TYPES)
        ck.eq("divide by zero: typed detail",
              [e.findtext("dividend") for e in found], ["7"])
    try:
        svc.divide(dividend=7, divisor=1)
        ck.true("divide without a session raises a Fault", False)
    except zeep.exceptions.Fault as fault:
        ck.eq("divide without a session: message", fault.message, "no session header")

    ck.eq("version()", svc.version(), "calculator 1.0")
    ck.eq("version wrappers (no part)", wrappers(history, SOAP11_ENV),
          (("{%s}version" % NS, []), ("{%s}versionResponse" % NS, ["return"])))


def check_soap12(url, ck):
    history = HistoryPlugin()
    client = zeep.Client(WSDL, transport=OfflineTransport(), plugins=[history])
    svc = client.create_service("{%s}Calculator12Binding" % NS, url)
    ck.eq("SOAP 1.2 add(40, 2)", svc.add(40, 2), 42)
    ck.eq("SOAP 1.2 add wrappers", wrappers(history, SOAP12_ENV),
          (("{%s}add" % NS, ["a", "b"]), ("{%s}addResponse" % NS, ["return"])))


# The requests tests/tests/zeep_rpc.rs encodes with the generated types: operation →
# (expected accessor names, the values zeep must read from them).
OUR_REQUESTS = {
    "add": (["a", "b"], {"a": 2, "b": 3}),
    "distance": (["from", "to"], {"from": (1.0, 1.0), "to": (4.0, 5.0)}),
    "summarize": (["values", "rounding"], {"values": [1.0, 2.0, 4.5], "rounding": "halfEven"}),
    "divide": (["dividend", "divisor"], {"dividend": 17, "divisor": 5}),
    "version": ([], {}),
}


def plain(name, value):
    """A zeep value of one accessor as plain Python data."""
    if name in ("from", "to"):
        return (value.x, value.y)
    if name == "values":
        return list(value.item)
    return value


def check_our_requests(folder, ck):
    client = zeep.Client(WSDL, transport=OfflineTransport())
    binding = client.wsdl.bindings["{%s}CalculatorPortBinding" % NS]
    for op, (accessors, values) in sorted(OUR_REQUESTS.items()):
        with open(os.path.join(folder, op + ".xml"), "rb") as fh:
            envelope = etree.fromstring(fh.read())
        # zeep reads the first body element whatever its name: check the names first.
        w = body_child(envelope, SOAP11_ENV)
        ck.eq("our %s request: wrapper" % op, None if w is None else w.tag, "{%s}%s" % (NS, op))
        ck.eq("our %s request: unqualified accessors" % op,
              [] if w is None else [c.tag for c in w if isinstance(c.tag, str)], accessors)
        result = binding.get(op).input.deserialize(envelope)
        body = result.body if op == "divide" else result
        got = {} if body is None else {k: plain(k, body[k]) for k in values}
        ck.eq("our %s request: values read by zeep" % op, got, values)
        if op == "divide":
            ck.eq("our divide request: session header read by zeep", result.header.session.id, "s-1")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the SOAP 1.1 server")
    parser.add_argument("--url12", required=True, help="the SOAP 1.2 server")
    parser.add_argument("--requests", help="folder of requests encoded by our client")
    args = parser.parse_args()
    for u in (args.url, args.url12):
        if urlparse(u).hostname not in LOOPBACK:
            sys.stderr.write("only loopback servers: %s\n" % u)
            return 2
    ck = Checks()
    sections = [("SOAP 1.1", check_soap11, args.url), ("SOAP 1.2", check_soap12, args.url12)]
    if args.requests:
        sections.append(("our requests", check_our_requests, args.requests))
    for name, run, arg in sections:
        try:
            run(arg, ck)
        except Exception as e:  # a failure of the whole section, reported like a check
            ck.failures.append("%s: %s: %s" % (name, type(e).__name__, e))
    for f in ck.failures:
        print("FAIL", f)
    print("zeep %s: %d checks passed, %d failed" % (zeep.__version__, ck.passed, len(ck.failures)))
    return 1 if ck.failures else 0


if __name__ == "__main__":
    sys.exit(main())
