#!/usr/bin/env python3
"""The crate's modules import each other in one direction only.

Reads every `crate::<module>` named in src/ (in `use` lines and in paths),
builds the graph of top-level modules (case, law, hours, …), and fails
when it has a cycle, or when a plumbing module (util, error, config,
catalogue) names a domain module. Prints the graph in the flow's order.

Why a script and not `cargo modules dependencies --acyclic`: that tool
builds for many minutes on a fresh machine; the `crate::` paths are all
it needs to read.

Usage: python3 .ci/check-modules.py [src]
"""
import pathlib
import re
import sys

src = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "src")
PLUMBING = {"util", "error", "config", "catalogue"}
# The order the data flows, for printing (README's layout table).
FLOW = ["case", "law", "hours", "verdict", "documents", "municipality", "cost", "assess",
        "letter", "appeal", "forms", "link", "draft", "report", "bridge"]

def module_of(path: pathlib.Path) -> str | None:
    rel = path.relative_to(src)
    if rel.parts[0] == "bin" or rel.name == "lib.rs":
        return None  # the CLI and the table of contents may name anything
    return rel.parts[0].removesuffix(".rs")

def code_only(text: str) -> str:
    # Line comments (doc comments included) name modules in prose.
    return "\n".join(re.sub(r"//.*", "", line) for line in text.splitlines())

edges: dict[str, set[str]] = {}
for path in sorted(src.rglob("*.rs")):
    m = module_of(path)
    if m is None:
        continue
    edges.setdefault(m, set())
    text = code_only(path.read_text(encoding="utf-8"))
    # `crate::case::…`, `$crate::util::…` and `use crate::{a, b::c}`.
    named = set(re.findall(r"\bcrate::([a-z_][a-z0-9_]*)", text))
    for group in re.findall(r"\bcrate::\{([^}]*)\}", text):
        named |= set(re.findall(r"(?:^|,)\s*([a-z_][a-z0-9_]*)", group))
    # Macros exported at the crate root, by the module that defines them.
    named |= {"util" for _ in re.findall(r"\bcrate::objects_only!", text)}
    edges[m] |= {n for n in named if (src / f"{n}.rs").exists() or (src / n).is_dir()} - {m}

problems = []
for m in sorted(PLUMBING & edges.keys()):
    domain = sorted(edges[m] - PLUMBING)
    if domain:
        problems.append(f"plumbing module `{m}` imports the domain: {', '.join(domain)}")

# Cycles, by depth-first search.
state: dict[str, int] = {}
stack: list[str] = []
def visit(m: str) -> None:
    state[m] = 1
    stack.append(m)
    for n in sorted(edges.get(m, ())):
        if state.get(n) == 1:
            problems.append("import cycle: " + " -> ".join(stack[stack.index(n):] + [n]))
        elif n not in state:
            visit(n)
    stack.pop()
    state[m] = 2
for m in sorted(edges):
    if m not in state:
        visit(m)

order = [m for m in FLOW if m in edges] + sorted(set(edges) - set(FLOW) - PLUMBING) + sorted(PLUMBING & edges.keys())
for m in order:
    print(f"  {m:<13} -> {', '.join(sorted(edges[m])) or '(nothing)'}")
if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
print(f"modules: {len(edges)}, no import cycle")
