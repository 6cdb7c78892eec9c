"""A tiny namespace- and position-aware XML tree for the schema tools (standard library only)."""

import xml.parsers.expat


class Node:
    """One element: Clark name, attributes, in-scope prefixes, children, text and position."""

    def __init__(self, tag, attrs, nsmap, line, column, parent):
        self.tag = tag
        self.attrs = attrs
        self.nsmap = nsmap
        self.line = line
        self.column = column
        self.parent = parent
        self.children = []
        self.text = ""

    def find_all(self, tag):
        """Every descendant (and self) with this Clark name, in document order."""
        if self.tag == tag:
            yield self
        for child in self.children:
            yield from child.find_all(tag)

    def resolve(self, qname):
        """Resolve a QName attribute value against the in-scope prefixes to a Clark name."""
        prefix, _, local = qname.rpartition(":")
        if prefix == "xml":
            return "{http://www.w3.org/XML/1998/namespace}" + local
        ns = self.nsmap.get(prefix)
        if ns is None:
            raise KeyError(f"unmapped prefix {prefix!r} in {qname!r} at line {self.line}")
        return f"{{{ns}}}{local}" if ns else local


def parse(path):
    """Parse a file; return the root Node. Lines are 1-based, columns 1-based (at the '<')."""
    data = open(path, "rb").read()
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.ordered_attributes = True
    stack = []
    pending_ns = {}
    root = []

    def start_ns(prefix, uri):
        pending_ns[prefix or ""] = uri

    def start(name, attrs):
        parent = stack[-1] if stack else None
        nsmap = dict(parent.nsmap) if parent else {}
        nsmap.update(pending_ns)
        pending_ns.clear()
        tag = "{%s}%s" % tuple(name.split(" ")) if " " in name else name
        pairs = {}
        for i in range(0, len(attrs), 2):
            key = attrs[i]
            key = "{%s}%s" % tuple(key.split(" ")) if " " in key else key
            pairs[key] = attrs[i + 1]
        node = Node(
            tag, pairs, nsmap, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1, parent
        )
        if parent is not None:
            parent.children.append(node)
        else:
            root.append(node)
        stack.append(node)

    def end(_name):
        stack.pop()

    def chars(text):
        if stack:
            stack[-1].text += text

    parser.StartNamespaceDeclHandler = start_ns
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.Parse(data, True)
    return root[0]


def attribute_position(path, node, attr, value=None):
    """1-based (line, column) of `attr=` inside the start tag of `node`, and of its value."""
    lines = open(path, encoding="utf-8").read().split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    text = "\n".join(lines)
    start = offsets[node.line - 1] + node.column - 1
    end = text.index(">", start)
    needle = f'{attr}="{value}"' if value is not None else f"{attr}="
    at = text.index(needle, start, end)

    def line_col(offset):
        line = max(i for i in range(len(offsets)) if offsets[i] <= offset)
        return line + 1, offset - offsets[line] + 1

    return line_col(at), line_col(at + len(attr) + 2)
