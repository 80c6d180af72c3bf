"""redaction's modules import one another in one direction only: types and model at the bottom, the
detectors above them, the pipeline on top, and no cycles (not even through imports inside functions)."""

import ast
from pathlib import Path

import redaction

PACKAGE = Path(redaction.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets.add(node.module)
                targets |= {f"{node.module}.{alias.name}" for alias in node.names}
        # The package's own __init__ is the public facade; modules reaching a submodule through it
        # ("from redaction import lexicon") import that submodule.
        graph[name] = {t for t in targets if t in modules and t != "redaction"}
    return graph


def test_it_has_no_import_cycles():
    """Every redaction module can be understood from the modules below it."""
    graph = _graph()
    done: set[str] = set()

    def visit(name: str, trail: tuple[str, ...]) -> None:
        assert name not in trail, " -> ".join((*trail, name))
        if name in done:
            return
        for target in graph[name]:
            visit(target, (*trail, name))
        done.add(name)

    for name in graph:
        visit(name, ())


def test_detectors_never_import_the_pipeline():
    """The detectors take a Letter and give Flags; they know nothing of the pipeline that runs them."""
    graph = _graph()
    for name, targets in graph.items():
        if name.startswith("redaction.detectors"):
            assert "redaction.pipeline" not in targets, name
    assert not {t for t in graph["redaction.types"] if t.startswith("redaction")}
