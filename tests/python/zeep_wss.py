#!/usr/bin/env python3
"""WS-Security UsernameToken cross-checks with an independent implementation (zeep).

Run by tests/tests/wss_loopback.rs against a server generated from the SOAP fixture WSDL
(xsd2rs/tests/fixtures/soap/service.wsdl, binding Inventory12Binding, SOAP 1.2) whose requests
pass xsd2rs_runtime::soap::wss::UsernameTokenVerifier:

    python3 tests/python/zeep_wss.py --url URL --user U --password P --header FILE

1. zeep's (calling operation `move`) `zeep.wsse.username.UsernameToken(use_digest=True)` (fresh nonce each call, and the
   zulu-timestamp variant) is accepted; a wrong password and a replayed token (zeep with a fixed
   nonce and created time, sent twice) are refused with wsse:FailedAuthentication.
2. FILE holds a wsse:Security header block written by our `UsernameToken`: it is checked here
   against the UsernameToken Profile 1.1 (§3.1: Password Type #PasswordDigest, digest =
   Base64(SHA-1(nonce + created + password)) with the decoded Nonce, Nonce EncodingType
   #Base64Binary, wsu:Created a UTC time) with hashlib, independently of the Rust code.

The WSDL is read offline; zeep posts only to loopback. Exit status: 0 when every check passed,
1 when one failed (each failure printed), 2 on usage or setup errors.
"""

import argparse
import base64
import datetime
import hashlib
import os
import sys
from urllib.parse import urlparse

try:
    import zeep
    from lxml import etree
    from zeep.transports import Transport
    from zeep.wsse.username import UsernameToken
except ImportError as e:  # pragma: no cover - reported to the Rust test
    sys.stderr.write(
        "zeep is not installed (%s): run scripts/install-test-deps.sh "
        "(pip install -r scripts/requirements-test.txt)\n" % e
    )
    sys.exit(2)

HERE = os.path.dirname(os.path.realpath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WSDL = os.path.join(ROOT, "xsd2rs", "tests", "fixtures", "soap", "service.wsdl")
BINDING = "{urn:example:inventory}Inventory12Binding"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
PROFILE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0"
SECURITY = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0"


class NetworkBlocked(Exception):
    """A load or call that would leave this machine (or read another file)."""


class OfflineTransport(Transport):
    """Reads only the fixture WSDL; posts only to loopback."""

    def __init__(self):
        super().__init__(timeout=10, operation_timeout=20)
        self.session.trust_env = False

    def load(self, url):
        path = os.path.realpath(urlparse(url).path)
        if path != os.path.realpath(WSDL):
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


def service(url, wsse):
    c = zeep.Client(WSDL, transport=OfflineTransport(), wsse=wsse)
    return c.create_service(BINDING, url)


def call(url, wsse, sku):
    """(Done, None) on success, (None, fault) on a SOAP fault. The operation is `move`: zeep
    would put GetStock's header parts into the SOAP 1.2 body (it ignores soap12:body parts)."""
    try:
        return service(url, wsse).move(Sku=sku, To="elsewhere").Done, None
    except zeep.exceptions.Fault as fault:
        return None, fault


def is_failed_authentication(fault):
    if fault is None:
        return False
    detail = [fault.message or "", str(fault.code or ""), str(getattr(fault, "subcodes", "") or "")]
    return "FailedAuthentication" in " ".join(detail) or "could not be authenticated" in (
        fault.message or ""
    )


def check_our_header(ck, path, user, password):
    """Our wsse:Security block, checked against the profile with hashlib."""
    with open(path, "rb") as fh:
        security = etree.fromstring(fh.read())
    ck.eq("our block is wsse:Security", security.tag, "{%s}Security" % WSSE)
    token = security.find("{%s}UsernameToken" % WSSE)
    ck.true("our block has a UsernameToken", token is not None)
    if token is None:
        return
    ck.eq("Username", token.findtext("{%s}Username" % WSSE), user)
    pw = token.find("{%s}Password" % WSSE)
    nonce = token.find("{%s}Nonce" % WSSE)
    created = token.findtext("{%s}Created" % WSU)
    ck.true("Password, Nonce, Created present", pw is not None and nonce is not None and created)
    if pw is None or nonce is None or not created:
        return
    ck.eq("Password/@Type", pw.get("Type"), PROFILE + "#PasswordDigest")
    ck.eq("Nonce/@EncodingType", nonce.get("EncodingType"), SECURITY + "#Base64Binary")
    raw_nonce = base64.b64decode(nonce.text, validate=True)
    ck.eq("nonce length", len(raw_nonce), 16)
    want = base64.b64encode(
        hashlib.sha1(raw_nonce + created.encode("utf-8") + password.encode("utf-8")).digest()
    ).decode("ascii")
    ck.eq("PasswordDigest = Base64(SHA-1(nonce + created + password))", pw.text, want)
    when = datetime.datetime.fromisoformat(created.replace("Z", "+00:00"))
    ck.eq("Created is UTC", when.utcoffset(), datetime.timedelta(0))
    age = datetime.datetime.now(datetime.timezone.utc) - when
    ck.true("Created is now (%s)" % age, abs(age.total_seconds()) < 120)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", required=True)
    ap.add_argument("--user", required=True)
    ap.add_argument("--password", required=True)
    ap.add_argument("--header", required=True, help="our wsse:Security block to check")
    args = ap.parse_args()
    ck = Checks()

    # zeep's digest tokens, a fresh nonce per call: accepted.
    for zulu in (False, True):
        token = UsernameToken(args.user, args.password, use_digest=True, zulu_timestamp=zulu)
        count, fault = call(args.url, token, "abcd")
        ck.eq("zeep digest (zulu=%s) accepted" % zulu, (count, fault and fault.message), (True, None))
    # A wrong password: refused.
    token = UsernameToken(args.user, args.password + "x", use_digest=True)
    count, fault = call(args.url, token, "abcd")
    ck.true("wrong password refused (%r)" % (fault and fault.message), is_failed_authentication(fault))
    # An unknown user: refused.
    token = UsernameToken("mallory", args.password, use_digest=True)
    count, fault = call(args.url, token, "abcd")
    ck.true("unknown user refused", is_failed_authentication(fault))
    # The same token twice (fixed nonce and created): the replay is refused.
    created = datetime.datetime.now(datetime.timezone.utc)
    nonce = "zeep-replay-%d" % os.getpid()
    token = UsernameToken(args.user, args.password, use_digest=True, nonce=nonce, created=created)
    count, fault = call(args.url, token, "abc")
    ck.eq("first use of a fixed nonce accepted", (count, fault and fault.message), (True, None))
    count, fault = call(args.url, token, "abc")
    ck.true("replayed nonce refused", is_failed_authentication(fault))
    # A stale token (created an hour ago): refused.
    old = created - datetime.timedelta(hours=1)
    token = UsernameToken(args.user, args.password, use_digest=True, created=old)
    count, fault = call(args.url, token, "abc")
    ck.true("stale Created refused", is_failed_authentication(fault))
    # Our header block, checked against the profile.
    check_our_header(ck, args.header, args.user, args.password)

    for f in ck.failures:
        print("FAILED:", f)
    print("zeep %s: %d checks passed, %d failed" % (zeep.__version__, ck.passed, len(ck.failures)))
    return 1 if ck.failures else 0


if __name__ == "__main__":
    sys.exit(main())
