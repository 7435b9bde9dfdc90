"""Rules that hold across the whole project: the arrows between packages, ruff, and the
bounds of the runtime dependencies."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

#: Libraries of the outer parts; the core package ``relance/`` imports none of them.
OUTER_LIBRARIES = frozenset({"scrapy", "twisted", "whoosh", "flask", "werkzeug", "jinja2"})
OUTER_PACKAGES = frozenset({"spiders", "index", "webapp"})
#: The CLI, top floor of the core: it may import anything, but only inside its commands.
CLI = Path("relance/cli.py")
#: The only arrow between outer parts is webapp → index.
FORBIDDEN_BETWEEN_OUTER = {
    "spiders": frozenset({"index", "webapp"}),
    "index": frozenset({"spiders", "webapp"}),
    "webapp": frozenset({"spiders"}),
}


@dataclass(frozen=True)
class Import:
    path: Path  # relative to the repository root
    line: int
    module: str  # absolute dotted name as written ("" for purely relative imports)
    top_level: bool  # runs at import time (module level, if/try, class body), not in a def

    @property
    def root(self) -> str:
        return self.module.split(".")[0]

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: import {self.module}"


def python_files(package: str) -> list[Path]:
    return sorted((REPO_ROOT / package).rglob("*.py"))


def imports_of(path: Path) -> list[Import]:
    """Every absolute import in a file, module-level or inside functions."""
    with warnings.catch_warnings():  # invalid escapes etc. are ruff's business, not ours
        warnings.simplefilter("ignore")
        tree = ast.parse(path.read_bytes(), filename=str(path))
    nested: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            nested.update(id(child) for child in ast.walk(node) if child is not node)
    found = []
    relative = path.relative_to(REPO_ROOT)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        else:  # relative imports stay inside their own package
            continue
        found += [Import(relative, node.lineno, m, id(node) not in nested) for m in modules]
    return found


def package_imports(package: str) -> list[Import]:
    files = python_files(package)
    if not files:
        pytest.skip(f"{package}/ does not exist yet")
    return [imp for path in files for imp in imports_of(path)]


def test_core_imports_no_outer_library() -> None:
    """``relance/`` imports none of Scrapy, Twisted, Whoosh, Flask, Werkzeug, Jinja2, nor
    the outer packages; only ``relance/cli.py`` may, and only inside its functions."""
    files = python_files("relance")
    assert files, "the core package relance/ is missing"
    forbidden = OUTER_LIBRARIES | OUTER_PACKAGES
    offending = [
        str(imp)
        for path in files
        for imp in imports_of(path)
        if imp.root in forbidden and not (imp.path == CLI and not imp.top_level)
    ]
    assert offending == []


@pytest.mark.parametrize("package", sorted(FORBIDDEN_BETWEEN_OUTER))
def test_outer_packages_arrows(package: str) -> None:
    """``spiders/`` and ``index/`` never import each other nor ``webapp/``; ``webapp/`` may
    ask ``index/`` but never imports ``spiders/``."""
    offending = [
        str(imp) for imp in package_imports(package) if imp.root in FORBIDDEN_BETWEEN_OUTER[package]
    ]
    assert offending == []


def test_only_index_imports_whoosh() -> None:
    """``index/`` is the only package that imports Whoosh (the CLI reaches it through
    ``index``)."""
    offending = [
        str(imp)
        for package in ("relance", "spiders", "webapp")
        for path in python_files(package)
        for imp in imports_of(path)
        if imp.root == "whoosh"
    ]
    assert offending == []


def test_nothing_imports_the_cli() -> None:
    """The CLI is the top floor: no package imports ``relance.cli`` (``relance/__main__.py``
    may, to offer ``python -m relance``)."""
    offending = [
        str(imp)
        for package in ("relance", *sorted(OUTER_PACKAGES))
        for path in python_files(package)
        if path.relative_to(REPO_ROOT) not in (CLI, Path("relance/__main__.py"))
        for imp in imports_of(path)
        if imp.module == "relance.cli"
    ]
    assert offending == []


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, "--no-cache", str(REPO_ROOT)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def test_ruff_check_passes() -> None:
    result = _ruff("check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_check_passes() -> None:
    result = _ruff("format", "--check")
    assert result.returncode == 0, result.stdout + result.stderr


_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*\(?([^;)]*)\)?")
_SPECIFIER = re.compile(r"^\s*(~=|===|==|!=|<=|>=|<|>)\s*\S+\s*$")
LOWER_BOUNDS = frozenset({">=", ">", "~=", "==", "==="})
UPPER_BOUNDS = frozenset({"<", "<=", "~=", "==", "==="})


def bounds(requirement: str) -> tuple[str, set[str]]:
    """``"lxml>=5.2,<7"`` → ``("lxml", {">=", "<"})``."""
    match = _REQUIREMENT.match(requirement)
    assert match, f"unreadable requirement {requirement!r}"
    operators = set()
    for spec in filter(None, (part.strip() for part in match[2].split(","))):
        spec_match = _SPECIFIER.match(spec)
        assert spec_match, f"unreadable specifier {spec!r} in {requirement!r}"
        operators.add(spec_match[1])
    return match[1], operators


@pytest.mark.parametrize(
    ("requirement", "expected"),
    [
        ("lxml>=5.2,<7", True),
        ("psycopg[binary]>=3.2,<4", True),
        ("compat~=1.4", True),
        ("pinned==1.0 ; python_version < '3.12'", True),
        ("tzdata>=2024.1", False),
        ("loose<3", False),
        ("bare", False),
    ],
)
def test_bounds_reader(requirement: str, expected: bool) -> None:
    """A requirement is bounded when it has a lower and an upper bound (``~=`` and ``==``
    give both)."""
    _, operators = bounds(requirement)
    assert bool(operators & LOWER_BOUNDS and operators & UPPER_BOUNDS) is expected


def test_runtime_dependencies_are_bounded() -> None:
    """Every runtime dependency in ``pyproject.toml`` has a lower and an upper bound, so a
    fresh install next year resolves to versions the tests have seen."""
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    dependencies = project["project"]["dependencies"]
    assert dependencies
    unbounded = []
    for requirement in dependencies:
        name, operators = bounds(requirement)
        if not operators & LOWER_BOUNDS:
            unbounded.append(f"{name}: no lower bound")
        if not operators & UPPER_BOUNDS:
            unbounded.append(f"{name}: no upper bound")
    assert unbounded == []


@pytest.mark.parametrize("package", ["relance", *sorted(OUTER_PACKAGES)])
def test_no_test_folder_shadows_a_project_package(package: str) -> None:
    """pytest puts ``tests/`` first on sys.path: a ``tests/spiders/__init__.py`` made
    ``import spiders`` find the tests' folder under pytest (the real modules then came only
    through the editable install's finder, and ``spiders/__init__.py`` never ran)."""
    assert not (REPO_ROOT / "tests" / package / "__init__.py").exists()
    module = __import__(package)
    assert Path(module.__file__).resolve().parent == REPO_ROOT / package
