"""The code's tiers hold, and the README's map of the code matches the folders."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WEBAPP = ROOT / "webapp"

# What each tier must not import: routes → web → services → models.
FORBIDDEN = {
    "services": (
        "flask", "flask_babel", "flask_login", "flask_wtf", "flask_htmx",
        "werkzeug", "jinja2", "webapp.web", "webapp.routes", "webapp.cli",
        "webapp.forms", "webapp.extensions", "webapp.config", "webapp.jobs",
        "webapp.demo",
    ),
    "models": ("webapp.services", "webapp.web", "webapp.routes", "webapp.forms"),
    "web": ("webapp.routes",),
}


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def breaks(name: str, forbidden: tuple[str, ...]) -> bool:
    return any(name == f or name.startswith(f + ".") for f in forbidden)


@pytest.mark.parametrize("tier", sorted(FORBIDDEN))
def test_a_tier_imports_nothing_above_it(tier):
    modules = sorted((WEBAPP / tier).rglob("*.py"))
    assert modules
    found = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in modules
        for name in sorted(imported(path))
        if breaks(name, FORBIDDEN[tier])
    ]
    assert found == []


def test_the_services_folder_holds_feature_packages_only():
    loose = [p.name for p in (WEBAPP / "services").glob("[!_]*.py")]
    assert loose == []


def code_layout() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("## Code layout\n", 1)[1].split("\n## ", 1)[0]


def code_map() -> str:
    return code_layout().split("```\n", 1)[1].split("```", 1)[0]


def entries(block: str) -> dict[str, str]:
    """Each entry of the map (`webapp/web/`, `  stamps/`) with its text."""
    found: dict[str, str] = {}
    name = ""
    for line in block.splitlines():
        head = re.match(r"(\S+|  \S+/)\s", line + " ")
        if head and not line.startswith("   "):
            name = head.group(1).strip()
            found[name] = ""
        found[name] += " " + line
    return found


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9_]+", text))


def packages(folder: Path) -> list[str]:
    return sorted(
        p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("_")
    )


def test_the_code_map_names_every_folder_of_the_package():
    block = code_map()
    folders = [f"webapp/{name}/" for name in packages(WEBAPP)]
    assert [folder for folder in folders if folder not in block] == []


def test_the_code_map_names_every_service_package_and_its_modules():
    mapped = entries(code_map())
    for package in packages(WEBAPP / "services"):
        assert f"{package}/" in mapped, package
        modules = {p.stem for p in (WEBAPP / "services" / package).glob("[!_]*.py")}
        assert modules - words(mapped[f"{package}/"]) == set(), package


def test_the_code_map_names_every_web_module():
    mapped = entries(code_map())
    modules = {p.stem for p in (WEBAPP / "web").glob("[!_]*.py")}
    assert modules - words(mapped["webapp/web/"]) == set()


def test_every_path_the_code_layout_names_exists():
    paths = re.findall(r"(?:webapp|deploy|bench|tests|e2e)/[\w/.]*", code_layout())
    assert paths
    assert [p for p in paths if not (ROOT / p.rstrip(".")).exists()] == []
