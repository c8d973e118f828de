"""The search engine knows no content app: content reaches it only through registered sources.

Every Python file of ``safercities/search`` (tests included) is parsed; an ``import``, a
``from … import``, an ``import_module("…")`` / ``__import__("…")`` call or
``apps.get_model("label", …)`` naming a Hub app outside the layers search may use fails here.
"""

import ast
from pathlib import Path

import pytest

SEARCH_DIR = Path(__file__).resolve().parents[1]
PACKAGE_DIR = SEARCH_DIR.parent
# What search may build on (see /docs/architecture.md, "Who may import whom").
ALLOWED = {
    "search", "places", "accounts", "notifications", "taxonomy", "core", "api",
    "instruments", "stats", "spatial", "conftest", "settings", "settings_test", "env",
}  # fmt: skip


def _module_of_call(node: ast.Call) -> str | None:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if name not in {"import_module", "__import__", "get_model"} or not node.args:
        return None
    first = node.args[0]
    if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
        return None
    if name == "get_model":  # apps.get_model("library", "Resource") or ("library.Resource")
        return "safercities." + first.value.split(".")[0]
    return first.value


def imported_modules(source: str) -> list[tuple[int, str]]:
    """(line, dotted module) of every import in ``source``, hidden ones included."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            if node.module == "safercities":  # from safercities import library
                found += [(node.lineno, f"safercities.{a.name}") for a in node.names]
        elif isinstance(node, ast.Call):
            module = _module_of_call(node)
            if module:
                found.append((node.lineno, module))
    return found


def forbidden(source: str) -> list[str]:
    bad = []
    for line, module in imported_modules(source):
        parts = module.split(".")
        if parts[0] == "safercities" and len(parts) > 1 and parts[1] not in ALLOWED:
            bad.append(f"line {line}: {module}")
    return bad


def test_the_search_package_imports_no_content_app():
    problems = []
    for path in sorted(SEARCH_DIR.rglob("*.py")):
        problems += [
            f"{path.relative_to(PACKAGE_DIR)} {p}" for p in forbidden(path.read_text("utf-8"))
        ]
    assert problems == []


def test_every_hub_app_outside_the_allowed_layers_counts_as_content():
    apps = {p.parent.name for p in PACKAGE_DIR.glob("*/apps.py")}
    assert {"library", "practices", "toolkit", "diagnosis"} <= apps - ALLOWED


@pytest.mark.parametrize(
    "source",
    [
        "import safercities.library.models",
        "from safercities.practices.city_matching import practices_for_city",
        "from safercities import library",
        "def f():\n    from safercities.toolkit.models import Tool",
        "from importlib import import_module\nimport_module('safercities.practices.enums')",
        "import importlib\nimportlib.import_module('safercities.network.models')",
        "__import__('safercities.pilots')",
        "from django.apps import apps\napps.get_model('library', 'Resource')",
        "from django.apps import apps\napps.get_model('practices.Practice')",
    ],
)
def test_the_check_catches_every_way_of_importing_a_content_app(source):
    assert forbidden(source)


@pytest.mark.parametrize(
    "source",
    [
        "from safercities.places.models import City",
        "from safercities.search.documents import SearchSource",
        "from django.apps import apps\napps.get_model('places', 'City')",
        "from importlib import import_module\nimport_module('json')",
        "from . import engine",
    ],
)
def test_the_check_lets_shared_layers_through(source):
    assert forbidden(source) == []
