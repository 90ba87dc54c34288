"""Route modules stay thin: no queries of their own, and short functions.

Queries and rules live in webapp/services, where they are tested once and
shared; a view parses the request, calls a service and renders. Read from the
source, so that a new query or a long handler fails here, not in review.
"""

import ast
from pathlib import Path

import pytest

ROUTES = Path(__file__).parent.parent / "webapp" / "routes"
MOST_LINES = 25
MODULES = sorted(ROUTES.glob("*.py"))
# The package's __init__ only lists the blueprints to register.
VIEW_MODULES = [path for path in MODULES if path.name != "__init__.py"]


def parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def functions(tree: ast.Module):
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def is_view(node: ast.FunctionDef) -> bool:
    """Registered with a blueprint: @bp.get(…), @bp.post(…), @bp.route(…)…"""
    verbs = {"get", "post", "put", "patch", "delete", "route"}
    return any(
        isinstance(d, ast.Call)
        and isinstance(d.func, ast.Attribute)
        and d.func.attr in verbs
        for d in node.decorator_list
    )


def body_lines(node: ast.FunctionDef) -> int:
    """Lines of the body, its docstring left out."""
    body = node.body
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return body[-1].end_lineno - body[0].lineno + 1 if body else 0


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_routes_call_no_select(path):
    calls = [
        node.lineno
        for node in ast.walk(parsed(path))
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id == "select")
            or (isinstance(node.func, ast.Attribute) and node.func.attr == "select")
        )
    ]
    assert not calls, (
        f"{path.name} builds queries (lines {calls}): move them to a service"
    )


# Session methods that run a statement: a route leaves running queries to a
# service too, even one whose statement a service built.
RUNS_STATEMENTS = {"execute", "scalars", "scalar", "scalar_one", "query"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_routes_run_no_statements(path):
    calls = [
        f"{node.lineno}: .{node.func.attr}("
        for node in ast.walk(parsed(path))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in RUNS_STATEMENTS
    ]
    assert not calls, f"{path.name} runs queries ({calls}): move them to a service"


@pytest.mark.parametrize("path", VIEW_MODULES, ids=lambda p: p.name)
def test_handlers_and_their_helpers_are_short(path):
    """Views, and the helpers a long view could hide its body in."""
    long = {
        node.name: body_lines(node)
        for node in functions(parsed(path))
        if body_lines(node) > MOST_LINES
    }
    assert not long, f"longer than {MOST_LINES} lines: {long}"


def test_the_checks_see_every_view():
    """The decorator test finds views, so an empty pass above means something."""
    views = [n for p in MODULES for n in functions(parsed(p)) if is_view(n)]
    assert len(views) > 50
