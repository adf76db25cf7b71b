"""Every import arrow is one docs/architecture.md allows — at a module's top and inside functions."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"
PACKAGES = ("welcomedesk", "ui")


def _table(heading: str) -> dict[str, set[str]]:
    """The two-column table under ``heading`` in the architecture document."""
    lines = DOC.read_text(encoding="utf-8").split(f"## {heading}", 1)[1].splitlines()
    rows: dict[str, set[str]] = {}
    for line in lines[1:]:
        if line.startswith("## "):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[0] not in ("layer", "---"):
            rows[cells[0]] = {name.strip() for name in cells[1].split(",") if name.strip()}
    return rows


ALLOWED = _table("Layers")
FORBIDDEN = _table("Libraries a layer never imports")


def layer_of(module: str) -> str | None:
    """The layer ``module`` belongs to (None: not the project's own code)."""
    candidates = [layer for layer in ALLOWED if module == layer or module.startswith(layer + ".")]
    return max(candidates, key=len) if candidates else None


def imports(root: Path) -> list[tuple[str, str]]:
    """(importing module, imported module) for every import statement under ``root``'s packages."""
    found: list[tuple[str, str]] = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            module = ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):  # function bodies too
                if isinstance(node, ast.Import):
                    found += [(module, alias.name) for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    found += [(module, f"{node.module}.{alias.name}") if node.module in PACKAGES else
                              (module, node.module) for alias in node.names]
    return found


def violations(root: Path) -> list[str]:
    """Every import under ``root`` the architecture does not allow."""
    wrong: list[str] = []
    for importer, imported in imports(root):
        layer = layer_of(importer)
        assert layer is not None, importer
        target = layer_of(imported)
        if target is not None and target not in ALLOWED[layer]:
            wrong.append(f"{importer} -> {imported}")
        library = imported.split(".")[0]
        if any(library in libraries for prefix, libraries in FORBIDDEN.items()
               if importer == prefix or importer.startswith(prefix + ".")):
            wrong.append(f"{importer} -> {imported}")
    return wrong


def test_the_document_has_its_tables() -> None:
    assert len(ALLOWED) >= 8 and "welcomedesk.model" not in ALLOWED["ui"] and "welcomedesk.db" not in ALLOWED["ui"]
    assert FORBIDDEN["ui"] >= {"sqlalchemy"} and FORBIDDEN["welcomedesk"] >= {"PySide6"}


def test_every_import_arrow_is_allowed() -> None:
    found = imports(ROOT)
    assert len(found) > 200
    assert any(importer.startswith("ui.") and "welcomedesk.services" in imported for importer, imported in found)
    assert violations(ROOT) == []


@pytest.mark.parametrize(("module", "source"), [
    ("ui/pages/sneaky.py", "def open_person():\n    from welcomedesk.model import Person\n    return Person\n"),
    ("ui/pages/sneaky.py", "import welcomedesk.db.session\n"),
    ("ui/pages/sneaky.py", "from welcomedesk import db\n"),
    ("ui/pages/sneaky.py", "from sqlalchemy import select\n"),
    ("welcomedesk/services/sneaky.py", "from welcomedesk.presentation.labels import status_label\n"),
    ("welcomedesk/db/sneaky.py", "from welcomedesk.services import newcomers\n"),
    ("welcomedesk/presentation/sneaky.py", "def f():\n    import welcomedesk.model\n"),
    ("welcomedesk/cli/sneaky.py", "from welcomedesk.db.session import open_database\n"),
    ("welcomedesk/sneaky.py", "from PySide6.QtWidgets import QLabel\n"),
    ("welcomedesk/model/sneaky.py", "from welcomedesk.db.session import unit_of_work\n"),
])
def test_a_wrong_arrow_is_caught_even_inside_a_function(tmp_path: Path, module: str, source: str) -> None:
    for package in PACKAGES:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("", encoding="utf-8")
    target = tmp_path / module
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(source, encoding="utf-8")
    assert len(violations(tmp_path)) == 1
