"""The import directions that keep kbgen's parts swappable (docs/architecture.md).

Files -> content -> checks -> reports, with search and render beside them: a part may use the
parts before it, never the ones after. Only render knows the site engine (MkDocs, Material), so
that replacing it touches one package. Every import counts, including one inside a function, and so
does a module named by a string (a Python-Markdown extension in the dialect's list, an importlib call).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kbgen"

ENGINE = ("mkdocs", "material")
MODULE_BY_NAME = re.compile(r"kbgen(?:\.\w+)+")  # a string that is a kbgen module's dotted name
LATER_PARTS = ("kbgen.checks", "kbgen.reports", "kbgen.search", "kbgen.render", "kbgen.adopt",
               "kbgen.commands", "kbgen.cli")

# part -> the modules it must never import (prefixes). The shared records at the package root
# (errors, findings, workers, git) come before every part and import none.
FORBIDDEN = {
    "kbgen.content": LATER_PARTS,
    "kbgen.checks": ("kbgen.reports", "kbgen.search", "kbgen.render", "kbgen.adopt", "kbgen.commands", "kbgen.cli"),
    "kbgen.search": ("kbgen.checks", "kbgen.reports", "kbgen.render", "kbgen.adopt", "kbgen.commands", "kbgen.cli"),
    "kbgen.reports": ("kbgen.render", "kbgen.adopt", "kbgen.commands", "kbgen.cli"),
    "kbgen.adopt": ("kbgen.reports", "kbgen.render", "kbgen.commands", "kbgen.cli"),
    "kbgen.render": ("kbgen.checks", "kbgen.adopt", "kbgen.commands", "kbgen.cli"),
    "kbgen.commands": ("kbgen.cli",),
    "kbgen.errors": ("kbgen.content", *LATER_PARTS),
    "kbgen.findings": ("kbgen.content", *LATER_PARTS),
    "kbgen.workers": ("kbgen.content", *LATER_PARTS),
    "kbgen.git": ("kbgen.content", *LATER_PARTS),
}


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(path: Path, module: str) -> list[tuple[int, str]]:
    """(line, module) for every import in the file, relative ones resolved, and every string that names a
    kbgen module (whatever loads it by that name imports it)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and MODULE_BY_NAME.fullmatch(node.value):
            names.append((node.lineno, node.value))
        elif isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            names += [(node.lineno, base)] + [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return names


def within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def violations(path: Path, package: Path = PACKAGE) -> list[str]:
    module = module_name(path, package)
    where = path.relative_to(package.parent)
    forbidden = next((rules for part, rules in FORBIDDEN.items() if within(module, part)), ())
    found = []
    for line, name in imported_names(path, module):
        if any(within(name, prefix) for prefix in forbidden):
            found.append(f"{where}:{line}: {module} imports {name}")
        if not within(module, "kbgen.render") and any(within(name, engine) for engine in ENGINE):
            found.append(f"{where}:{line}: only kbgen.render may import {name}")
    return found


SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if "init_template" not in p.parts)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_only_the_parts_before_it(path):
    assert violations(path) == []


def test_every_module_belongs_to_a_part_or_is_a_shared_record():
    roots = {"kbgen", "kbgen.__main__", "kbgen.cli"}
    orphans = [module_name(p) for p in SOURCES
               if module_name(p) not in roots and not any(within(module_name(p), part) for part in FORBIDDEN)]
    assert orphans == []


def test_the_checker_sees_a_forbidden_import_inside_a_function_or_by_name(tmp_path):
    """The rules above are only as good as the reader: planted imports must be caught, a Python-Markdown
    extension named by its module's dotted name too."""
    planted = tmp_path / "kbgen" / "content" / "planted.py"
    planted.parent.mkdir(parents=True)
    planted.write_text("def f():\n    from ..render import build_site\n    import mkdocs.config\n"
                       'EXTENSIONS = ["toc", "kbgen.render.cjk", "kbgen.content.safe_html"]\n', encoding="utf-8")
    assert violations(planted, tmp_path / "kbgen") == [
        "kbgen/content/planted.py:2: kbgen.content.planted imports kbgen.render",
        "kbgen/content/planted.py:2: kbgen.content.planted imports kbgen.render.build_site",
        "kbgen/content/planted.py:3: only kbgen.render may import mkdocs.config",
        "kbgen/content/planted.py:4: kbgen.content.planted imports kbgen.render.cjk",
    ]


def test_the_code_keeps_the_projects_lint_rules():
    """pyproject.toml's [tool.ruff] rules, for every Python file that is ours."""
    repo = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "kbgen", "tests", "benchmarks"],
                            cwd=repo, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
