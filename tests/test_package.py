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
    code = (
        "import sys, motcua; "
        "heavy = sorted(m for m in ('holidays', 'jinja2', 'numpy', 'pandas', 'dateutil') if m in sys.modules); "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


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
