"""The modules' imports form layers: no two modules import each other, directly or through
a loop, and no lower layer imports a higher one (issue 20).

Imports are read from the source (every `import`, at the top, inside a function or under
TYPE_CHECKING: each is a dependency of the design), so the test needs no import to run.
"""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import qbank_imports

import qbank

PACKAGE = Path(qbank.__file__).parent

# From the bottom up. A module is in the first layer one of whose names it is or lies
# under; a module no layer names (qbank itself, a new top-level module) is in "builds": it
# may import anything but the command line and its entry point.
LAYERS = (
    (
        "shared pieces",
        "qbank.errors qbank.text qbank.units qbank.numbering qbank.model qbank.options "
        "qbank.paper qbank.signals qbank.locks qbank.paths qbank.reproducible "
        "qbank.untrusted qbank.fontmetrics qbank.fontfile qbank.contrast qbank.rich "
        "qbank.highlight "
        "qbank.rich_html qbank.rich_markup qbank.patches",
    ),
    # the debrief's usage reader reads a CSV of past interviews, which the packet consults,
    # and its words reader the look's packet/debrief.toml, which the packet's build checks
    (
        "reading and writing",
        "qbank.bank qbank.look qbank.rubric qbank.atomic qbank.naming qbank.job "
        "qbank.project qbank.debrief.usage qbank.debrief.words",
    ),
    (
        "kits",
        "qbank.pdf qbank.pdf_pictures qbank.reportlab_fixes qbank.glyphs qbank.wordml "
        "qbank.stylesheet qbank.direction qbank.shaping",
    ),
    ("exporters", "qbank.exporters"),
    ("builds", "qbank.lifecycle qbank.workers qbank.debrief qbank.authoring"),
    ("command line", "qbank.cli"),
    ("entry point", "qbank.launch"),
)


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imports(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Each module's imports of other qbank modules (`from a import b` names a.b when b is
    a module, else a)."""
    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        imported = set()
        for node in qbank_imports()[path]:
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parts, *([base] if base else [])])
                for alias in node.names:
                    whole = f"{base}.{alias.name}"
                    imported.add(whole if whole in modules else base)
        graph[name] = {m for m in imported if m in modules and m != name}
    return graph


def _loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    loops = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in sorted(graph[module]):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                loops.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return loops


def _layer(module: str) -> int:
    for number, (_, names) in enumerate(LAYERS):
        if any(module == n or module.startswith(n + ".") for n in names.split() if n != "qbank"):
            return number
    return next(n for n, (title, _) in enumerate(LAYERS) if title == "builds")


def test_no_two_modules_import_each_other():
    assert _loops(_imports(_modules())) == []


def test_no_lower_layer_imports_a_higher_one():
    upward = [
        f"{module} ({LAYERS[_layer(module)][0]}) imports {other} ({LAYERS[_layer(other)][0]})"
        for module, imported in sorted(_imports(_modules()).items())
        for other in sorted(imported)
        if _layer(other) > _layer(module)
    ]
    assert upward == []


def test_the_check_finds_a_loop_and_an_upward_import():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}
    assert _loops(graph) == [["a", "b", "c"]]
    assert _layer("qbank.text") < _layer("qbank.cli") < _layer("qbank.launch")
    assert _layer("qbank.exporters.packet.pages") < _layer("qbank.debrief.read")
