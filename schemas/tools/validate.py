#!/usr/bin/env python3
"""Check the files in schemas/ and xsd2rs/tests/fixtures/as-published/.

1. Every file is well-formed XML.
2. A small offline resolver (include, import by namespace then by location, all imports of a
   namespace merged, inline WSDL schemas, the xml namespace built in) loads each WSDL and each
   schema and checks that every QName reference resolves: in schemas/ there must be none left;
   in as-published/ exactly the spec's two wrong names (printed with file:line:column).
3. If the Python package `xmlschema` is installed, it loads the corrected schemas too (an
   independent validator; see README for the two work-arounds it needs).
4. If ../shared/reference is present, the 16 MS-OXWSCDATA definitions are compared with the
   Open Specifications ones (same particles, attributes, facets, enumerations, documentation),
   and the set of definitions is checked to be exactly what MS-OXWSMTRK reaches.

Usage (from the workspace root): python3 schemas/tools/validate.py   (exit 1 on any failure)
"""

import pathlib
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import xmltree  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"
PUBLISHED = ROOT / "xsd2rs" / "tests" / "fixtures" / "as-published"
REFERENCE = ROOT.parent / "shared" / "reference" / "ews" / "interop-testsuites-ms-oxws"

XS_NS = "http://www.w3.org/2001/XMLSchema"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XS = "{%s}" % XS_NS
WSDL = "{http://schemas.xmlsoap.org/wsdl/}"
SOAP = "{http://schemas.xmlsoap.org/wsdl/soap/}"
T_NS = "http://schemas.microsoft.com/exchange/services/2006/types"
M_NS = "http://schemas.microsoft.com/exchange/services/2006/messages"

FILES = [
    "MS-OXWSMTRK.wsdl",
    "MS-OXWSMTRK-messages.xsd",
    "MS-OXWSMTRK-types.xsd",
    "MS-OXWOOF.wsdl",
    "MS-OXWSCDATA-types.xsd",
    "MS-OXWSCDATA-messages.xsd",
]
CDATA_NAMES = {
    "types": [
        "NonEmptyStringType", "EmailAddressType", "BaseEmailAddressType", "ItemIdType",
        "BaseItemIdType", "MailboxTypeType", "ArrayOfStringsType", "ArrayOfRecipientsType",
        "ArrayOfEmailAddressesType", "ExchangeVersionType", "RequestServerVersion",
        "ServerVersionInfo", "ResponseClassType",
    ],
    "messages": ["BaseRequestType", "ResponseMessageType", "ResponseCodeType"],
}

# kind of definition each referring attribute points at
REF_KIND = {
    (XS + "element", "type"): "type",
    (XS + "attribute", "type"): "type",
    (XS + "extension", "base"): "type",
    (XS + "restriction", "base"): "type",
    (XS + "list", "itemType"): "type",
    (XS + "union", "memberTypes"): "type",
    (XS + "element", "ref"): "element",
    (XS + "element", "substitutionGroup"): "element",
    (XS + "attribute", "ref"): "attribute",
    (XS + "group", "ref"): "group",
    (XS + "attributeGroup", "ref"): "attributeGroup",
}
DEF_KIND = {
    XS + "complexType": "type",
    XS + "simpleType": "type",
    XS + "element": "element",
    XS + "attribute": "attribute",
    XS + "group": "group",
    XS + "attributeGroup": "attributeGroup",
}

failures = []


def check(ok, message):
    print(("ok   " if ok else "FAIL ") + message)
    if not ok:
        failures.append(message)


# ---------------------------------------------------------------- loading


class SchemaSet:
    """Schema documents reached from one input, with their global definitions."""

    def __init__(self):
        self.docs = []  # (path, schema node, target namespace)
        self.seen = set()  # (path, index of inline schema, effective namespace)
        self.defs = {}  # (kind, clark) -> (path, node)
        self.notes = []

    def load_file(self, path, chameleon_ns=None):
        path = pathlib.Path(path).resolve()
        root = xmltree.parse(path)
        if root.tag == WSDL + "definitions":
            inline = [n for n in root.find_all(XS + "schema")]
            for i, schema in enumerate(inline):
                self.add_schema(path, i, schema, None)
            return root
        self.add_schema(path, 0, root, chameleon_ns)
        return root

    def namespaces(self):
        return {ns for _, _, ns in self.docs}

    def add_schema(self, path, index, schema, chameleon_ns):
        ns = schema.attrs.get("targetNamespace", chameleon_ns or "")
        key = (str(path), index, ns)
        if key in self.seen:
            return
        self.seen.add(key)
        self.docs.append((path, schema, ns))
        for child in schema.children:
            kind = DEF_KIND.get(child.tag)
            if kind and "name" in child.attrs:
                self.defs.setdefault((kind, "{%s}%s" % (ns, child.attrs["name"])), (path, child))
        for child in schema.children:
            loc = child.attrs.get("schemaLocation")
            if child.tag == XS + "include":
                self.load_file(path.parent / loc, ns)
            elif child.tag == XS + "import":
                target = child.attrs.get("namespace", "")
                if target == XML_NS:
                    continue  # built in
                if loc is None:
                    self.notes.append(f"{path.name}:{child.line}: import of {target} without location")
                    continue
                file = path.parent / loc
                if file.exists():
                    self.load_file(file)
                elif target in self.namespaces():
                    self.notes.append(
                        f"{path.name}:{child.line}: import of {target} from missing {loc!r}, "
                        "resolved by namespace against an already-loaded schema"
                    )
                else:
                    self.notes.append(f"{path.name}:{child.line}: missing schemaLocation {loc!r}")

    def unresolved(self):
        """Every QName reference that names nothing: (path, node, attr, value, line, col)."""
        out = []
        for path, schema, _ns in self.docs:
            for node in walk(schema):
                for attr, value in node.attrs.items():
                    kind = REF_KIND.get((node.tag, attr))
                    if kind is None:
                        continue
                    for qname in value.split():
                        clark = node.resolve(qname)
                        if not self.defined(kind, clark):
                            (al, ac), (vl, vc) = xmltree.attribute_position(path, node, attr, value)
                            out.append((path, node, attr, qname, vl, vc, al, ac))
        return out

    def defined(self, kind, clark):
        if clark.startswith(XS) and kind == "type":
            return True
        if clark == "{%s}lang" % XML_NS and kind == "attribute":
            return True
        return (kind, clark) in self.defs


def walk(node):
    yield node
    for child in node.children:
        yield from walk(child)


def wsdl_unresolved(path, root, schemas):
    """Unresolved references in the WSDL layer (messages, parts, portTypes, bindings, headers)."""
    out = []
    tns = root.attrs.get("targetNamespace", "")
    messages = {}
    for msg in root.children:
        if msg.tag == WSDL + "message":
            messages["{%s}%s" % (tns, msg.attrs["name"])] = {
                p.attrs["name"] for p in msg.children if p.tag == WSDL + "part"
            }
    port_types = {
        "{%s}%s" % (tns, n.attrs["name"]) for n in root.children if n.tag == WSDL + "portType"
    }
    for node in walk(root):
        checks = []
        if node.tag == WSDL + "part":
            if "element" in node.attrs:
                checks.append(("element", schemas.defined("element", node.resolve(node.attrs["element"]))))
            if "type" in node.attrs:
                checks.append(("type", schemas.defined("type", node.resolve(node.attrs["type"]))))
        if node.tag in (WSDL + "input", WSDL + "output", WSDL + "fault") and "message" in node.attrs:
            checks.append(("message", node.resolve(node.attrs["message"]) in messages))
        if node.tag == WSDL + "binding":
            checks.append(("type", node.resolve(node.attrs["type"]) in port_types))
        if node.tag == SOAP + "header":
            parts = messages.get(node.resolve(node.attrs["message"]))
            checks.append(("message", parts is not None))
            checks.append(("part", parts is not None and node.attrs.get("part") in parts))
        for attr, ok in checks:
            if not ok:
                (al, ac), (vl, vc) = xmltree.attribute_position(path, node, attr, node.attrs[attr])
                out.append((path, node, attr, node.attrs[attr], vl, vc, al, ac))
    return out


def load(path):
    schemas = SchemaSet()
    root = schemas.load_file(path)
    bad = schemas.unresolved()
    if root.tag == WSDL + "definitions":
        bad += wsdl_unresolved(pathlib.Path(path).resolve(), root, schemas)
    return schemas, root, bad


def fmt(bad):
    """file:line:column of the reference's value (first character after the quote)."""
    path, _node, attr, value, line, col, _al, _ac = bad
    return f"{path.name}:{line}:{col} {attr}={value}"


def fmt_long(bad):
    path, node, attr, value, line, col, al, ac = bad
    return (
        f"{path.name}:{line}:{col} {attr}={value} "
        f"(attribute at {al}:{ac}, element <{node.tag.rpartition('}')[2]}> at {node.line}:{node.column})"
    )


# ---------------------------------------------------------------- checks


def check_well_formed():
    for directory in (SCHEMAS, PUBLISHED):
        for name in FILES:
            path = directory / name
            try:
                xmltree.parse(path)
                data = path.read_bytes()
                check(data.isascii() and data.endswith(b"\n"), f"{path.relative_to(ROOT)}: well-formed, ASCII")
            except Exception as err:  # noqa: BLE001 - report any parse failure
                check(False, f"{path.relative_to(ROOT)}: {err}")


def check_references():
    expected = {
        "MS-OXWSMTRK.wsdl": [],
        "MS-OXWSMTRK-messages.xsd": [],
        "MS-OXWSMTRK-types.xsd": [],
        "MS-OXWOOF.wsdl": [],
        "MS-OXWSCDATA-messages.xsd": [],
        "MS-OXWSCDATA-types.xsd": [],
    }
    for name, want in expected.items():
        schemas, _root, bad = load(SCHEMAS / name)
        check([fmt(b) for b in bad] == want, f"schemas/{name}: all references resolve ({len(schemas.defs)} definitions)")
        for b in bad:
            print("       unresolved:", fmt(b))
        for note in schemas.notes:
            print("       note:", note)
    published = {
        "MS-OXWSMTRK.wsdl": [
            "MS-OXWSMTRK-messages.xsd:44:37 type=t:ArrayOfArrayOfTrackingPropertiesType",
            "MS-OXWSMTRK-messages.xsd:78:37 type=t:ArrayOfArrayOfTrackingPropertiesType",
        ],
        "MS-OXWSMTRK-messages.xsd": [
            "MS-OXWSMTRK-messages.xsd:44:37 type=t:ArrayOfArrayOfTrackingPropertiesType",
            "MS-OXWSMTRK-messages.xsd:78:37 type=t:ArrayOfArrayOfTrackingPropertiesType",
        ],
        "MS-OXWSMTRK-types.xsd": [],
        "MS-OXWOOF.wsdl": ["MS-OXWOOF.wsdl:80:63 type=t:OofState"],
    }
    for name, want in published.items():
        _schemas, _root, bad = load(PUBLISHED / name)
        got = [fmt(b) for b in bad]
        check(got == want, f"as-published/{name}: unresolved exactly {want}")
        for b in bad:
            print("       unresolved:", fmt_long(b))


def check_xmlschema():
    try:
        import xmlschema
    except ImportError:
        print("skip xmlschema is not installed (pip install xmlschema)")
        return
    # xmlschema keeps only the first import of a namespace: MS-OXWSCDATA-messages.xsd imports
    # the types namespace from MS-OXWSCDATA-types.xsd before MS-OXWSMTRK-messages.xsd imports it
    # from MS-OXWSMTRK-types.xsd, so the second document is added explicitly.
    try:
        schema = xmlschema.XMLSchema10(str(SCHEMAS / "MS-OXWSMTRK-messages.xsd"), build=False, allow="sandbox")
        schema.add_schema(str(SCHEMAS / "MS-OXWSMTRK-types.xsd"), namespace=T_NS)
        schema.build()
        names = {k for k in schema.maps.types if k.startswith("{http://schemas.microsoft")}
        check(schema.validity == "valid" and len(names) == 27, f"xmlschema: MS-OXWSMTRK schemas valid, {len(names)} types")
        for el in ("RequestServerVersion", "ServerVersionInfo"):
            check("{%s}%s" % (T_NS, el) in schema.maps.elements, f"xmlschema: t:{el} reachable from MS-OXWSMTRK-messages.xsd")
    except Exception as err:  # noqa: BLE001
        check(False, f"xmlschema: MS-OXWSMTRK schemas: {err}")
    # the WSDLs' inline schemas, written out with their in-scope namespace declarations
    for name in ("MS-OXWSMTRK.wsdl", "MS-OXWOOF.wsdl"):
        try:
            with tempfile.TemporaryDirectory() as tmp:
                tmp = pathlib.Path(tmp)
                for f in FILES:
                    if f.endswith(".xsd"):
                        (tmp / f).write_bytes((SCHEMAS / f).read_bytes())
                written = write_inline(SCHEMAS / name, tmp)
                schema = xmlschema.XMLSchema10(str(written[-1]), build=False, allow="sandbox")
                for other in written[:-1]:
                    schema.add_schema(str(other))
                if name == "MS-OXWSMTRK.wsdl":
                    schema.add_schema(str(tmp / "MS-OXWSMTRK-types.xsd"), namespace=T_NS)
                schema.build()
                check(schema.validity == "valid", f"xmlschema: inline schemas of {name} valid")
        except Exception as err:  # noqa: BLE001
            check(False, f"xmlschema: inline schemas of {name}: {err}")


def write_inline(wsdl_path, tmp):
    """Write each inline schema of a WSDL to tmp (the `types` one as types.xsd, as MS-OXWOOF expects)."""
    import xml.dom.minidom

    dom = xml.dom.minidom.parse(str(wsdl_path))
    root = dom.documentElement
    out = []
    for schema in dom.getElementsByTagNameNS(XS_NS, "schema"):
        clone = schema.cloneNode(True)
        for i in range(root.attributes.length):
            attr = root.attributes.item(i)
            if attr.name.startswith("xmlns") and not clone.hasAttribute(attr.name):
                clone.setAttribute(attr.name, attr.value)
        file = tmp / ("inline-%s.xsd" % schema.getAttribute("id"))
        if schema.getAttribute("id") == "types" and wsdl_path.name == "MS-OXWOOF.wsdl":
            file = tmp / "types.xsd"
        file.write_text(clone.toxml(), encoding="utf-8")
        out.append(file)
    # load the one with the messages namespace last (it imports the other)
    out.sort(key=lambda f: "messages" in f.name)
    return out


# ------------------------------------------------ MS-OXWSCDATA against the reference


QNAME_ATTRS = {"type", "base", "ref", "itemType", "memberTypes", "substitutionGroup"}
DEFAULTS = {
    "minOccurs": "1",
    "maxOccurs": "1",
    "use": "optional",
    "processContents": "strict",
    "abstract": "false",
    "mixed": "false",
    "nillable": "false",
}


def canonical(node):
    """A comparable form of a definition: resolved QNames, defaults made explicit, no comments."""
    attrs = {}
    for key, value in node.attrs.items():
        if key in QNAME_ATTRS:
            value = " ".join(node.resolve(q) for q in value.split())
        attrs[key] = value
    particle = node.tag in {XS + t for t in ("element", "any", "sequence", "choice", "all", "group")}
    for key, value in DEFAULTS.items():
        applies = (
            (key in ("minOccurs", "maxOccurs") and particle and node.parent is not None and node.parent.tag != XS + "schema")
            or (key == "use" and node.tag == XS + "attribute")
            or (key == "processContents" and node.tag in (XS + "any", XS + "anyAttribute"))
            or (key == "abstract" and node.tag in (XS + "complexType", XS + "element"))
            or (key == "mixed" and node.tag in (XS + "complexType", XS + "complexContent"))
            or (key == "nillable" and node.tag == XS + "element")
        )
        if applies:
            attrs.setdefault(key, value)
    text = " ".join(node.text.split()) if node.tag == XS + "documentation" else ""
    return (node.tag, tuple(sorted(attrs.items())), text, tuple(canonical(c) for c in node.children))


def top_definitions(paths):
    out = {}
    for path in paths:
        root = xmltree.parse(path)
        ns = root.attrs.get("targetNamespace", "")
        for child in root.children:
            if child.tag in DEF_KIND and "name" in child.attrs:
                out[(DEF_KIND[child.tag], "{%s}%s" % (ns, child.attrs["name"]))] = (path, child)
    return out


def references(node):
    for n in walk(node):
        for attr, value in n.attrs.items():
            kind = REF_KIND.get((n.tag, attr))
            if kind:
                for q in value.split():
                    yield kind, n.resolve(q)


def check_cdata():
    ours = {}
    for part in ("types", "messages"):
        defs = top_definitions([SCHEMAS / f"MS-OXWSCDATA-{part}.xsd"])
        names = sorted(c.rpartition("}")[2] for _, c in defs)
        check(names == sorted(CDATA_NAMES[part]), f"MS-OXWSCDATA-{part}.xsd holds exactly {len(CDATA_NAMES[part])} definitions")
        ours.update(defs)
    codes = ours.get(("type", "{%s}ResponseCodeType" % M_NS))
    count = len(list(codes[1].find_all(XS + "enumeration"))) if codes else 0
    check(count == 470, f"m:ResponseCodeType has {count} enumeration values")

    # reachability: what the MS-OXWSMTRK files reference, followed through the CDATA definitions
    mtrk = top_definitions([SCHEMAS / "MS-OXWSMTRK-messages.xsd", SCHEMAS / "MS-OXWSMTRK-types.xsd"])
    todo = []
    for name in ("MS-OXWSMTRK-messages.xsd", "MS-OXWSMTRK-types.xsd", "MS-OXWSMTRK.wsdl"):
        root = xmltree.parse(SCHEMAS / name)
        todo += list(references(root))
        for part in root.find_all(WSDL + "part"):
            todo.append(("element", part.resolve(part.attrs["element"])))
    reached = set()
    while todo:
        key = todo.pop()
        if key in reached or key in mtrk or key[1].startswith(XS) or key[1].startswith("{%s}" % XML_NS):
            continue
        reached.add(key)
        if key in ours:
            todo += list(references(ours[key][1]))
    check(reached == set(ours), f"the CDATA definitions are exactly those reachable from MS-OXWSMTRK ({len(reached)})")
    for key in sorted(reached ^ set(ours)):
        print("       differs:", key)

    if not REFERENCE.is_dir():
        print(f"skip reference comparison: {REFERENCE} not present")
        return
    ref = top_definitions(sorted(REFERENCE.glob("*.xsd")))
    same = 0
    for key, (_path, node) in sorted(ours.items()):
        if key not in ref:
            check(False, f"{key[1]} not found in the reference set")
            continue
        ref_path, ref_node = ref[key]
        ok = canonical(node) == canonical(ref_node)
        expected_file = "MS-OXWSCDATA-%s.xsd" % ("messages" if key[1].startswith("{%s}" % M_NS) else "types")
        check(ok, f"{key[1].rpartition('}')[2]} ({key[0]}) identical in meaning to {ref_path.name}, kept in {expected_file}")
        same += ok
    print(f"     {same}/{len(ours)} MS-OXWSCDATA definitions match the reference")


def main():
    check_well_formed()
    check_references()
    check_xmlschema()
    check_cdata()
    print(f"\n{len(failures)} failure(s)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
