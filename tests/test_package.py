"""The package as users install it: public names, version, typing marker, import cost."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from importlib import metadata, resources
from pathlib import Path

import motcua


def test_version_comes_from_metadata() -> None:
    assert motcua.__version__ == metadata.version("motcua")


def test_all_is_sorted_and_importable() -> None:
    names = [n for n in motcua.__all__ if n != "__version__"]
    assert names == sorted(names, key=lambda n: (not n.isupper(), n))
    for name in motcua.__all__:
        assert getattr(motcua, name) is not None
    assert set(motcua.__all__) <= set(dir(motcua))


def test_errors_and_warnings_form_one_tree() -> None:
    for name in motcua.__all__:
        obj = getattr(motcua, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, (motcua.MotcuaError, motcua.MotcuaWarning)), name


def test_py_typed_and_data_files_ship_in_the_package() -> None:
    root = resources.files("motcua")
    assert root.joinpath("py.typed").is_file()
    for name in ("calendar.toml", "sources.toml"):
        text = root.joinpath("data", name).read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text)


def test_import_is_light() -> None:
    """`import motcua` loads none of its parts: each loads on first use of one of its names."""
    code = (
        "import sys, motcua; "
        "loaded = sorted(m for m in sys.modules if m.startswith('motcua.') or m.split('.')[0] in "
        "('holidays', 'jinja2', 'numpy', 'pandas', 'dateutil', 'attrs', 'attr')); "
        "print(','.join(loaded))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_a_name_loads_only_its_part() -> None:
    code = (
        "import sys, motcua; motcua.Proportion(1, 2); print(sorted(m for m in sys.modules if m.startswith('motcua.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(eval(out.stdout))
    assert "motcua.stats" in loaded
    assert not loaded & {"motcua.calendar", "motcua.letters", "motcua.procedures", "motcua.dossiers"}


def test_functions_named_like_their_modules_stay_functions() -> None:
    """motcua.sources and motcua.scales are functions, even after their modules are imported."""
    code = (
        "import importlib, motcua; "
        "importlib.import_module('motcua.sources'); importlib.import_module('motcua.scales'); "
        "print(callable(motcua.sources), callable(motcua.scales), type(motcua.sources).__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split()[:2] == ["True", "True"]
    assert out.stdout.split()[2] != "module"


def test_the_lazy_table_matches_the_typing_imports() -> None:
    """_EXPORTS (run time) and the TYPE_CHECKING imports (type checkers) list the same names."""
    import ast

    tree = ast.parse(Path(motcua.__file__).read_text(encoding="utf-8"))
    guarded = next(n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "_TYPE_CHECKING")
    typed = {
        alias.name: node.module for node in guarded.body if isinstance(node, ast.ImportFrom) for alias in node.names
    }
    assert typed == motcua._MODULE_OF
    assert set(typed) == set(motcua.__all__) - {"__version__"}


def test_the_calendar_answers_without_importing_holidays_inside_the_data() -> None:
    code = (
        "import sys, datetime, motcua; "
        "motcua.vietnam_calendar().add_working_days(datetime.date(2026, 2, 13), 1); "
        "print('holidays' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_typing_file_reaches_every_public_name() -> None:
    """tests/typing/api.py is what mypy --strict and pyright check: it must use all of __all__."""
    import ast

    tree = ast.parse((Path(__file__).parent / "typing" / "api.py").read_text(encoding="utf-8"))
    used = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "motcua"
    }
    assert sorted(set(motcua.__all__) - used - {"__version__"}) == []


def test_the_reference_documents_every_public_name() -> None:
    """docs/reference.md names each entry of __all__ in an autodoc directive (or as data)."""
    import re

    text = (Path(__file__).parent.parent / "docs" / "reference.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\.\. auto(?:class|function|exception|data)::\s+(\w+)", text, re.M))
    documented |= set(re.findall(r"^\.\. data::\s+(\w+)", text, re.M))
    assert sorted(set(motcua.__all__) - documented) == []
