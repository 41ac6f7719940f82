#!/usr/bin/env python3
"""Prints the import circles among the crate's source files, and files over a line limit.

Every path a file names (`use crate::…`, `super::…`, `crate::x::y` in code) is resolved to
the file that *defines* the item, following `pub use` re-exports, so a module that only
re-exports its children is no hub. Two files are in a circle when each reaches the other.
Test modules (`#[cfg(test)] mod tests { … }` inside a file, and files named `tests*.rs` or
under a `tests/` folder) are left out: nothing imports them, so they close no circle.

    python3 tools/module_graph.py            # circles and long files
    python3 tools/module_graph.py --edges    # also every edge, file by file

Python 3 standard library only. Run from the repository root.
"""

import os
import re
import sys

SRC = "src"
LIMIT = 700

ITEM = re.compile(
    r"^(?:pub(?:\([^)]*\))?\s+)?(?:async\s+|const\s+|unsafe\s+)*"
    r"(struct|enum|fn|const|static|trait|type|union|mod)\s+(\w+)",
    re.M,
)
MACRO = re.compile(r"^macro_rules!\s+(\w+)", re.M)
USE = re.compile(r"^\s*(pub(?:\([^)]*\))?\s+)?use\s+([^;]+);", re.M)
INLINE = re.compile(r"\b((?:crate|super|self)(?:::\w+)+)")


def module_of(path):
    rel = os.path.relpath(path, SRC)[:-3].split(os.sep)
    if rel[-1] in ("lib", "main") and len(rel) == 1:
        return ()
    if rel[-1] == "mod":
        rel = rel[:-1]
    return tuple(rel)


def strip(text):
    """Drops comments, strings and inline test modules, which name no real dependency."""
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r'r#*"(?:.|\n)*?"#*', '""', text)
    text = re.sub(r'"(?:\\.|[^"\\])*"', '""', text)
    out = []
    i = 0
    for m in re.finditer(r"#\[cfg\(test\)\]\s*(?:pub\s+)?mod\s+\w+\s*\{", text):
        if m.start() < i:
            continue
        out.append(text[i : m.start()])
        depth, j = 1, m.end()
        while j < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
        i = j
    out.append(text[i:])
    return "".join(out)


def expand(tree, prefix=()):
    """Expands a use tree (`a::{b, c::{d as e}}`) into full paths."""
    tree = tree.strip()
    if not tree:
        return []
    depth = 0
    for k, ch in enumerate(tree):
        if ch == "{":
            if depth == 0:
                head = tree[:k].rstrip(":").strip()
                inner = tree[k + 1 : tree.rindex("}")]
                parts, d, start = [], 0, 0
                for n, c in enumerate(inner):
                    if c == "{":
                        d += 1
                    elif c == "}":
                        d -= 1
                    elif c == "," and d == 0:
                        parts.append(inner[start:n])
                        start = n + 1
                parts.append(inner[start:])
                base = prefix + tuple(s for s in head.split("::") if s)
                res = []
                for p in parts:
                    res += expand(p, base)
                return res
            depth += 1
    name = tree.split(" as ")[0].strip()
    segs = tuple(s for s in name.split("::") if s)
    if segs == ("self",):
        return [prefix]
    return [prefix + segs]


class Crate:
    def __init__(self):
        self.files = {}
        for root, _, names in os.walk(SRC):
            for n in names:
                if n.endswith(".rs"):
                    p = os.path.join(root, n)
                    if n == "main.rs" and root == SRC:
                        continue
                    self.files[module_of(p)] = p
        self.text = {m: strip(open(p, encoding="utf-8").read()) for m, p in self.files.items()}
        self.items = {m: set(x[1] for x in ITEM.findall(t)) | set(MACRO.findall(t)) for m, t in self.text.items()}
        self.reexports = {}
        for m, t in self.text.items():
            for pub, tree in USE.findall(t):
                if not pub:
                    continue
                for path in expand(tree):
                    full = self.absolute(m, path)
                    if full:
                        alias = tree.split(" as ")[-1].strip() if " as " in tree and "{" not in tree else full[-1]
                        self.reexports.setdefault(m, {})[alias] = full

    def is_test(self, m):
        return bool(m) and (m[-1].startswith("tests") or "tests" in m[:-1])

    def absolute(self, m, path):
        if not path:
            return None
        if path[0] == "crate":
            return path[1:]
        if path[0] == "self":
            return m + path[1:]
        if path[0] == "super":
            base = list(m)
            while path and path[0] == "super":
                if not base:
                    return None
                base.pop()
                path = path[1:]
            return tuple(base) + path
        # A path relative to this module's children (`use foo::Bar` after `mod foo;`).
        if m + path[:1] in self.files:
            return m + path
        return None

    def resolve(self, path, seen=0):
        """The file that defines what `path` (from the crate root) names."""
        mod = ()
        i = 0
        while i < len(path) and mod + (path[i],) in self.files:
            mod = mod + (path[i],)
            i += 1
        if i == len(path) or seen > 10:
            return mod
        name = path[i]
        if name in self.reexports.get(mod, {}) and name not in self.items[mod]:
            return self.resolve(self.reexports[mod][name] + path[i + 1 :], seen + 1)
        return mod

    def edges(self):
        out = {}
        for m, t in self.text.items():
            if self.is_test(m):
                continue
            targets = set()
            paths = []
            for _, tree in USE.findall(t):
                paths += expand(tree)
            for inline in INLINE.findall(t):
                paths.append(tuple(inline.split("::")))
            # Paths through a child module declared here (`mod foo;` then `foo::bar()`).
            for child in re.findall(r"^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;", t, re.M):
                for inline in re.findall(r"(?<![\w:])(" + child + r"(?:::\w+)+)", t):
                    paths.append(tuple(inline.split("::")))
            for p in paths:
                full = self.absolute(m, p)
                if full is None:
                    continue
                target = self.resolve(full)
                if target != m and target in self.files and not self.is_test(target):
                    # A child naming its own parent module's children goes through them.
                    targets.add(target)
            out[m] = targets
        return out


def circles(edges):
    """Strongly connected components with more than one file (Tarjan)."""
    index, low, stack, on, res = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                res.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return res


def name(m):
    return "::".join(("crate",) + m)


def main():
    crate = Crate()
    edges = crate.edges()
    if "--edges" in sys.argv:
        for m in sorted(edges):
            print(name(m), "->", ", ".join(name(t) for t in sorted(edges[m])))
        print()
    found = circles(edges)
    for comp in found:
        print(f"circle of {len(comp)}: " + ", ".join(name(m) for m in comp))
        for a in comp:
            back = sorted(b for b in edges[a] if b in comp)
            print(f"    {name(a)} -> {', '.join(name(b) for b in back)}")
    print(f"{len(found)} circle(s)")
    long = []
    for m, p in sorted(crate.files.items()):
        n = sum(1 for _ in open(p, encoding="utf-8"))
        if n > LIMIT and not crate.is_test(m):
            long.append((n, p))
    for n, p in sorted(long, reverse=True):
        print(f"over {LIMIT} lines: {p} ({n})")
    return 1 if "--check" in sys.argv and (len(found) > 1 or long) else 0


if __name__ == "__main__":
    sys.exit(main())
