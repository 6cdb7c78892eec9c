#!/usr/bin/env python3
"""The conformance runner's independent oracle (xmlschema, one process for a whole run).

Reads JSON requests, one per line, from the file named by argv[1]; writes one JSON answer per
line to stdout ({"id": .., "ok": bool, "reason": str}):

* {"op": "validate", "schemas": [..], "doc": path, "instance": path}
    Is `doc` valid against the schema made of `schemas` (used where a test has several schema
    documents, or where xmllint cannot load the schema)?
* {"op": "compare", "schemas": [..], "input": path, "output": path,
   "diffs": [{"path": [i, ..], "attr": "{ns}local" | null, "input": str, "output": str}]}
    The runner found these lexical differences between input and output (the structure is
    otherwise equal). Each is acceptable only if both forms are the same value of the
    schema type xmlschema assigns to that element or attribute when it decodes each
    document (its whiteSpace facet applied; QNames compared as expanded names; xs:float
    values, which xmlschema decodes as doubles, compared as 32-bit floats; a gMonth input in
    the original 1.0 form `--MM--`, which xmlschema does not read, in the corrected `--MM`).

The schema is every document of the test: the listed ones, the documents named by the suite's
instance (`instance`, or `input`) in xsi:schemaLocation / xsi:noNamespaceSchemaLocation (the
suite's expected validity counts them), and every document these import, transitively (an
import of a namespace already loaded is still part of the schema; xmlschema would skip it).
"""

import json
import math
import os
import re
import struct
import sys
import xml.etree.ElementTree as ET

import xmlschema

_schemas = {}


XS = "{http://www.w3.org/2001/XMLSchema}"
XSI = "{http://www.w3.org/2001/XMLSchema-instance}"


def local_file(base, location):
    """A schema location relative to the document `base`, if it names a readable file."""
    location = (location or "").strip()
    if not location or "://" in location:
        return None
    path = os.path.normpath(os.path.join(os.path.dirname(base), location))
    return path if os.path.isfile(path) else None


def hints(instance):
    """The schema documents an instance names in xsi:schemaLocation and
    xsi:noNamespaceSchemaLocation (on any element)."""
    out = []
    try:
        for _, el in ET.iterparse(instance, events=("start",)):
            pairs = el.get(XSI + "schemaLocation", "").split()
            locations = pairs[1::2] + [el.get(XSI + "noNamespaceSchemaLocation", "")]
            out.extend(p for p in (local_file(instance, loc) for loc in locations) if p)
    except (ET.ParseError, OSError):
        pass
    return out


def documents(paths, instance=None):
    """`paths`, then the instance's hints, then every document these import (transitively)."""
    out, seen = [], set()
    queue = list(paths) + (hints(instance) if instance else [])
    while queue:
        path = queue.pop(0)
        key = os.path.realpath(path)
        if key in seen:
            continue
        seen.add(key)
        out.append(path)
        try:
            root = ET.parse(path).getroot()
        except (ET.ParseError, OSError):
            continue
        for imp in root.iter(XS + "import"):
            target = local_file(path, imp.get("schemaLocation"))
            if target:
                queue.append(target)
    return out


def load_for(req, instance_key):
    """The schema of a request: every document of the test (see the module doc); the listed
    documents alone when xmlschema cannot load that whole set."""
    paths = documents(req["schemas"], req.get(instance_key))
    schema = load(paths)
    if isinstance(schema, Exception) and paths != list(req["schemas"]):
        schema = load(req["schemas"])
    return schema


def load(paths):
    key = tuple(paths)
    if key not in _schemas:
        try:
            if len(paths) == 1:
                _schemas[key] = xmlschema.XMLSchema10(paths[0])
            else:
                _schemas[key] = xmlschema.XMLSchema10(list(paths))
        except Exception as e:  # noqa: BLE001 - any failure to load is an answer
            _schemas[key] = e
    return _schemas[key]


def first_line(e):
    text = str(e).strip().splitlines()
    return text[0] if text else type(e).__name__


def validate(req):
    schema = load_for(req, "instance")
    if isinstance(schema, Exception):
        return False, "xmlschema cannot load the schema: " + first_line(schema)
    try:
        err = next(iter(schema.iter_errors(req["doc"])), None)
    except Exception as e:  # noqa: BLE001
        return False, "xmlschema: " + first_line(e)
    if err is None:
        return True, ""
    path = getattr(err, "path", None) or ""
    reason = getattr(err, "reason", None) or first_line(err)
    return False, f"xmlschema: {path}: {first_line(reason)}"


def node_at(root, path):
    node = root
    for i in path:
        kids = list(node)
        if i >= len(kids):
            return None
        node = kids[i]
    return node


def expanded(nsmap, value):
    value = value.strip()
    prefix, _, local = value.rpartition(":")
    ns = (nsmap or {}).get(prefix or "", "")
    return "{%s}%s" % (ns, local)


def is_qname(t):
    try:
        return bool(t.is_qname()) or bool(getattr(t, "is_notation", lambda: False)())
    except Exception:  # noqa: BLE001
        return False


def simple_type_of_element(node):
    t = node.xsd_type
    if t is None:
        return None
    if t.is_simple():
        return t
    if t.has_simple_content():
        return t.content
    return None


def element_only(node):
    """True when the element's type has element-only or empty content (not simple, not mixed):
    whitespace in it is insignificant."""
    t = node.xsd_type
    if t is None or t.is_simple() or t.has_simple_content():
        return False
    try:
        return not t.has_mixed_content()
    except Exception:  # noqa: BLE001
        return not getattr(t, "mixed", False)


def attribute_type(node, name):
    t = node.xsd_type
    attrs = getattr(t, "attributes", None)
    if attrs is None:
        return None
    ns, _, local = name[1:].partition("}")
    key = local if not ns else name
    decl = attrs.get(key)
    if decl is None and ns:
        decl = attrs.get(local)
    if decl is None or not hasattr(decl, "type"):
        return None  # matched by xs:anyAttribute: no declared type
    return decl.type


OPTS = dict(datetime_types=True, binary_types=True)

XSD_FLOAT = "{http://www.w3.org/2001/XMLSchema}float"
XSD_DOUBLE = "{http://www.w3.org/2001/XMLSchema}double"


def primitive(t):
    p = getattr(t, "primitive_type", None)
    return getattr(p, "name", None)


def as_float32(v):
    """A Python float (a double) rounded to the xs:float it stands for: xmlschema decodes
    xs:float as a double, so '1267.43233E12' and '1267432400000000.0' would differ although
    they are the same 32-bit value."""
    if not isinstance(v, float) or math.isnan(v) or math.isinf(v):
        return v
    try:
        return struct.unpack("<f", struct.pack("<f", v))[0]
    except (OverflowError, struct.error):
        return v


XSD_GMONTH = "{http://www.w3.org/2001/XMLSchema}gMonth"
OLD_GMONTH = re.compile(r"^\s*--(\d\d)--(\S*)\s*$")


def corrected_gmonth(t, lexical):
    """XML Schema 1.0 first wrote gMonth `--MM--`; the erratum (E2-12) and 1.1 write `--MM`,
    the only form xmlschema reads. The same value: an input in the old form is compared in
    the corrected one. None when `t` is not gMonth or the form is not the old one."""
    if t is None or primitive(t) != XSD_GMONTH:
        return None
    m = OLD_GMONTH.match(lexical)
    return "--%s%s" % (m.group(1), m.group(2)) if m else None


def float32_values(t, v):
    """`v` (a value of type `t`, or a list of them) with xs:float values rounded to 32 bits:
    atomic types derived from xs:float, list items, and union values when xs:float is the only
    floating-point member (the member a Python float came from is otherwise unknown)."""
    if t is None:
        return v
    if isinstance(v, tuple) and len(v) == 2 and v[0] == "value":
        return ("value", float32_values(t, v[1]))  # an attribute's value from typed()
    if getattr(t, "is_list", lambda: False)():
        item, base = getattr(t, "item_type", None), t
        while item is None and getattr(base, "base_type", None) is not None:
            base = base.base_type  # a restriction of a list: its base list's items
            item = getattr(base, "item_type", None)
        if isinstance(v, list):
            return [float32_values(item, x) for x in v]
        return v
    if getattr(t, "is_union", lambda: False)():
        prims = {primitive(m) for m in getattr(t, "member_types", [])}
        if XSD_FLOAT in prims and XSD_DOUBLE not in prims:
            return as_float32(v)
        return v
    if primitive(t) == XSD_FLOAT:
        return as_float32(v)
    return v


def typed(t, lexical, nsmap):
    if is_qname(t):
        return ("qname", expanded(nsmap, lexical))
    value = t.decode(lexical, **OPTS)
    return ("value", value)


def empty_as_value(t, value):
    """`value`, or for None (an element without text) the value of "" in type `t`."""
    if value is not None:
        return value
    try:
        return t.decode("", **OPTS)
    except Exception:  # noqa: BLE001 - "" is no value of the type: stays None
        return None


def compare(req):
    schema = load_for(req, "input")
    if isinstance(schema, Exception):
        return False, "xmlschema cannot load the schema: " + first_line(schema)
    try:
        a = schema.to_objects(req["input"], validation="lax", **OPTS)
        b = schema.to_objects(req["output"], validation="lax", **OPTS)
    except Exception as e:  # noqa: BLE001
        return False, "xmlschema cannot decode: " + first_line(e)
    if isinstance(a, tuple):
        a = a[0]
    if isinstance(b, tuple):
        b = b[0]
    for d in req["diffs"]:
        na, nb = node_at(a, d["path"]), node_at(b, d["path"])
        where = d.get("location", "")
        if na is None or nb is None:
            return False, f"{where}: no typed element at this position"
        if d["attr"] is None:
            t = simple_type_of_element(na)
        else:
            t = attribute_type(na, d["attr"])
        if t is None and d["attr"] is None and element_only(na):
            if not d["input"].strip() and not d["output"].strip():
                continue  # whitespace in element-only (or empty) content is not content
        if t is None:
            return False, (
                f"{where}: {d['input']!r} written as {d['output']!r} (untyped: compared exactly)"
            )
        try:
            old_gmonth = corrected_gmonth(t, d["input"])
            if old_gmonth is not None:
                va = typed(t, old_gmonth, na.nsmap)
                vb = typed(t, d["output"], nb.nsmap)
            elif d["attr"] is None and not is_qname(t):
                # The element's value as decoded (whiteSpace applied, default supplied); an
                # element without text (`<e/>`, or whitespace a collapse removed) decodes
                # to None where the other may decode to "": both are the type's value of "".
                va, vb = empty_as_value(t, na.value), empty_as_value(t, nb.value)
            else:
                va = typed(t, d["input"], na.nsmap)
                vb = typed(t, d["output"], nb.nsmap)
        except Exception as e:  # noqa: BLE001
            return False, f"{where}: {first_line(e)}"
        va, vb = float32_values(t, va), float32_values(t, vb)
        if va != vb:
            return False, (
                f"{where}: {d['input']!r} written as {d['output']!r}, another value of its type"
            )
    return True, ""


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            req = json.loads(line)
            try:
                if req["op"] == "validate":
                    ok, reason = validate(req)
                else:
                    ok, reason = compare(req)
            except Exception as e:  # noqa: BLE001 - an oracle failure is an answer
                ok, reason = False, "oracle error: " + first_line(e)
            print(json.dumps({"id": req["id"], "ok": ok, "reason": reason}), flush=True)


if __name__ == "__main__":
    main()
