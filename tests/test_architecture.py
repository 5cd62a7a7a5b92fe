"""The layout's rules, checked: dependencies run one way, template tags only render, imports
inside functions say why, and every per-process memo can be emptied from one place."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP_PACKAGES = [
    "portal", "core", "home", "campaigns", "stories", "partners", "explainers", "actions",
    "safeguards", "network", "consultations", "agenda", "safety", "involvement", "contributions",
    "translations", "demand", "affiliates", "caching", "search", "syndication", "demo", "users",
    "twofactor",
]  # fmt: skip


def _modules(packages):
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_import_contracts_are_kept():
    """The layers and the template-tag contract of pyproject.toml (import-linter)."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(  # noqa: S603 - the project's own tool, no input from outside
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-4000:]


def _tag_modules():
    return [path for path in _modules(APP_PACKAGES) if "templatetags" in path.parts]


@pytest.mark.parametrize("path", _tag_modules(), ids=lambda path: str(path.relative_to(ROOT)))
def test_template_tags_read_no_models(path):
    """A tag module imports no models module (Wagtail's and Django's included) and runs no
    query of its own: what it shows comes from selectors."""
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            assert not node.module.endswith("models"), f"line {node.lineno}: {node.module}"
            assert not node.module.startswith("django.db"), f"line {node.lineno}: {node.module}"
        if isinstance(node, ast.Attribute):
            assert node.attr != "objects", f"line {node.lineno}: a query"


def test_imports_inside_functions_say_why():
    """An import inside a function only breaks a real cycle with Django's app loading, and
    its line says so. The benchmark scripts are left out: they import the portal after
    ``django.setup()``."""
    unexplained = []
    for path in _modules(APP_PACKAGES):
        source = path.read_text()
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    line = lines[inner.lineno - 1]
                    if "#" not in line:
                        unexplained.append(f"{path.relative_to(ROOT)}:{inner.lineno}: {line}")
    assert not unexplained, "\n".join(unexplained)


def test_every_process_memo_is_registered_and_cleared_together():
    from actions.templatetags import action_tags  # noqa: F401 - its memos, made on import
    from core import memo
    from core.images import _markup as image_markup
    from core.lookups import _markup as page_markup

    stores = memo.stores()
    for name in ("lookups", "page markup", "image markup", "image facts", "action panels",
                 "action form fields", "compiled page queries"):  # fmt: skip
        assert name in stores
    assert stores["image markup"] is image_markup and stores["page markup"] is page_markup
    image_markup.get_or_set(("test",), lambda: "kept")
    page_markup.get_or_set(("test",), lambda: "kept")
    memo.clear_all()
    assert image_markup.get(("test",)) is None and page_markup.get(("test",)) is None
    with pytest.raises(ValueError, match="exists already"):
        memo.ProcessMemo("lookups", max_entries=1)
