#!/usr/bin/env python3
"""Extract the schema files of MS-OXWSMTRK and MS-OXWOOF from the spec text.

The spec text under ../shared/spec was extracted from PDFs. This script takes each
file's code block out of the text and repairs exactly the PDF artefacts listed in
schemas/README.md (page-break code fences and the blank lines around them, blank lines
before the XML declaration, attribute values wrapped across lines, and in MS-OXWSMTRK.wsdl
the `</wsdl:definitions>` plus duplicated `</wsdl:message>` inserted at a page break).
Every repair is asserted, so a different spec text makes the script fail loudly
instead of producing a different file.

It writes two sets:
  * xsd2rs/tests/fixtures/as-published/  -- artefacts repaired, the spec's errors kept;
  * schemas/                              -- the same, plus the spec errors corrected,
                                             each correction marked `<!-- erratum: ... -->`.

Usage (from the workspace root): python3 schemas/tools/extract_from_spec.py [--check]
With --check nothing is written; the script exits 1 if a committed file differs.
The MS-OXWSCDATA-*.xsd files are written by hand (see README); they are only copied from
schemas/ into the as-published set.
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SPEC = ROOT.parent / "shared" / "spec"
OUT_SCHEMAS = ROOT / "schemas"
OUT_PUBLISHED = ROOT / "xsd2rs" / "tests" / "fixtures" / "as-published"

FENCE = "```"
MARK = "\0repair: "


def fail(msg):
    sys.exit(f"extract_from_spec: {msg}")


def block(lines, start_line, end_line):
    """Lines between the first fence after `start_line` and the last fence before `end_line`."""
    try:
        s = lines.index(start_line)
        e = lines.index(end_line, s)
    except ValueError as err:
        fail(f"marker not found: {err}")
    fences = [i for i in range(s, e) if lines[i].strip() == FENCE]
    if len(fences) < 2:
        fail(f"no code block after {start_line!r}")
    return lines[fences[0] + 1 : fences[-1]]


def remove_page_breaks(body, log, name, on_break=None):
    """Drop each `fence / blank lines / fence` page break and the blank lines around it."""
    out = []
    i = 0
    while i < len(body):
        if body[i].strip() != FENCE:
            out.append(body[i])
            i += 1
            continue
        j = i + 1
        while j < len(body) and body[j].strip() == "":
            j += 1
        if j >= len(body) or body[j].strip() != FENCE:
            fail(f"{name}: unpaired code fence")
        # blank lines before the closing fence and after the reopening fence
        while out and out[-1].strip() == "":
            out.pop()
        j += 1
        while j < len(body) and body[j].strip() == "":
            j += 1
        if on_break is not None:
            j = on_break(out, body, j, log)
        out.append(MARK + "page break removed between lines")
        i = j
    return out


def strip_preliminary(body, log, name):
    out = [line for line in body if line.strip() != "Preliminary"]
    if len(out) != len(body):
        log.append(f"{len(body) - len(out)} 'Preliminary' line(s) removed")
    return out


def join_wrapped_values(body, log):
    """Join a line that ends inside a quoted attribute value with the next line."""
    out = []
    i = 0
    while i < len(body):
        line = body[i]
        while line.count('"') % 2 == 1:
            if i + 1 >= len(body):
                fail("unterminated attribute value at end of block")
            nxt = body[i + 1]
            if nxt[:1].isspace():
                fail(f"wrapped value continues with indentation: {nxt!r}")
            line = line + nxt
            i += 1
            value = re.findall(r'"[^"]*"', line)
            out.append(MARK + "rejoined wrapped attribute value " + value[-1] + " on line")
        out.append(line)
        i += 1
    return out


def finish(body):
    while body and body[0].strip() == "":
        body = body[1:]
    while body and body[-1].strip() == "":
        body = body[:-1]
    if not body or not body[0].startswith("<?xml"):
        fail("block does not start with the XML declaration")
    return "\n".join(body) + "\n"


def mtrk_wsdl_break(out, body, j, log):
    """The first WSDL page break: `</wsdl:definitions>` before it, a repeated `</wsdl:message>` after it."""
    if out and out[-1] == "</wsdl:definitions>":
        if out[-2] != "  </wsdl:message>" or body[j] != "</wsdl:message>":
            fail("MS-OXWSMTRK.wsdl: unexpected text around the inserted </wsdl:definitions>")
        out.pop()
        out.append(
            MARK + "removed the inserted '</wsdl:definitions>' and the duplicated "
            "'</wsdl:message>' between lines"
        )
        return j + 1
    return j


def extract(spec_file, start, end, name, on_break=None):
    lines = (SPEC / spec_file).read_text(encoding="utf-8").split("\n")
    log = []
    body = block(lines, start, end)
    body = strip_preliminary(body, log, name)
    body = remove_page_breaks(body, log, name, on_break)
    if body and body[0].strip() == "":
        log.append("blank line(s) before the XML declaration removed")
        while body and body[0].strip() == "":
            body = body[1:]
    body = join_wrapped_values(body, log)
    return finish(resolve_marks(body, log)), log


def resolve_marks(body, log):
    """Drop the marker lines, logging each repair with line numbers of the output."""
    out = []
    for line in body:
        if not line.startswith(MARK):
            out.append(line)
            continue
        what = line[len(MARK) :]
        if what.endswith("on line"):
            # a join is marked before the joined line, which is the next output line
            log.append(f"{what} {len(out) + 1}")
        else:
            log.append(f"{what} {len(out)} and {len(out) + 1}")
    return out


def correct(text, old, new, comment, count):
    """Replace `old` by `new` on `count` lines, each preceded by an erratum comment."""
    out = []
    done = 0
    for line in text.split("\n"):
        if old in line:
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}<!-- erratum: {comment} -->")
            line = line.replace(old, new)
            done += 1
        out.append(line)
    if done != count:
        fail(f"expected {count} occurrence(s) of {old!r}, found {done}")
    return "\n".join(out)


def main():
    check = "--check" in sys.argv[1:]
    mtrk = "MS-OXWSMTRK.txt"
    oof = "MS-OXWOOF.txt"
    files = {
        "MS-OXWSMTRK.wsdl": extract(
            mtrk,
            "This section contains the contents of the MS-OXWSMTRK.wsdl file.",
            "## 7 Appendix B: Full XML Schema",
            "MS-OXWSMTRK.wsdl",
            mtrk_wsdl_break,
        ),
        "MS-OXWSMTRK-messages.xsd": extract(
            mtrk,
            "This section contains the contents of the MS-OXWSMTRK-messages.xsd file and "
            "information about additional files that this schema file requires to operate correctly.",
            "## 7.2 Types Schema",
            "MS-OXWSMTRK-messages.xsd",
        ),
        "MS-OXWSMTRK-types.xsd": extract(
            mtrk,
            "This section contains the contents of the MS-OXWSMTRK-types.xsd file and "
            "information about additional files that this schema file requires to operate correctly.",
            "## 8 Appendix C: Product Behavior",
            "MS-OXWSMTRK-types.xsd",
        ),
        "MS-OXWOOF.wsdl": extract(
            oof, "6 Appendix A: Full WSDL", "7 Appendix B: Product Behavior", "MS-OXWOOF.wsdl"
        ),
    }
    if "</wsdl:definitions>\n" != files["MS-OXWSMTRK.wsdl"][0][-len("</wsdl:definitions>\n") :]:
        fail("MS-OXWSMTRK.wsdl does not end with </wsdl:definitions>")

    corrected = dict((k, v[0]) for k, v in files.items())
    corrected["MS-OXWSMTRK-messages.xsd"] = correct(
        corrected["MS-OXWSMTRK-messages.xsd"],
        'type="t:ArrayOfArrayOfTrackingPropertiesType"',
        'type="t:ArrayOfArraysOfTrackingPropertiesType"',
        "the spec's schema (section 7.1) references t:ArrayOfArrayOfTrackingPropertiesType, "
        "which is defined nowhere; the type is t:ArrayOfArraysOfTrackingPropertiesType "
        "(sections 3.1.4.1.3.2, 3.1.4.2.3.2, 3.1.4.2.3.6 and 7.2), so the reference is corrected",
        2,
    )
    corrected["MS-OXWOOF.wsdl"] = correct(
        corrected["MS-OXWOOF.wsdl"],
        '<xs:simpleType name="OutOfState">',
        '<xs:simpleType name="OofState">',
        "the spec's WSDL (section 6) names this type OutOfState, but it is referenced as "
        "t:OofState and defined as t:OofState in section 2.2.2.2, so the definition is renamed",
        1,
    )

    published = {k: v[0] for k, v in files.items()}
    for name in ("MS-OXWSCDATA-types.xsd", "MS-OXWSCDATA-messages.xsd"):
        # written by hand (not from the spec text); the as-published set uses the same files
        published[name] = (OUT_SCHEMAS / name).read_text(encoding="utf-8")

    status = 0
    for out_dir, contents in ((OUT_PUBLISHED, published), (OUT_SCHEMAS, corrected)):
        for name, text in contents.items():
            path = out_dir / name
            if check:
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    print(f"differs: {path.relative_to(ROOT)}")
                    status = 1
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    for name, (_, log) in files.items():
        print(f"{name}:")
        for entry in log:
            print(f"  {entry}")
    sys.exit(status)


if __name__ == "__main__":
    main()
