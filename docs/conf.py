"""Sphinx configuration for the motcua documentation.

Build with ``python -m sphinx -n -W --keep-going -b html docs docs/_build/html``. The build
needs no network access: there is no intersphinx, so references to the standard library are
listed in ``nitpick_ignore`` below instead of being resolved.
"""

from __future__ import annotations

import sys
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# docs/_ext holds motcua_data, the local extension that writes data/_generated_calendar.md.
sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))

project = "motcua"
author = "The motcua developers"
copyright = "2026, The motcua developers"
release = version("motcua")
version = ".".join(release.split(".")[:2])
language = "en"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "motcua_data",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
# The generated calendar tables are pulled into data/calendar.md by {include}; they are not
# pages of their own.
exclude_patterns = ["_build", "data/_generated_*.md", "Thumbs.db", ".DS_Store"]

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
# Not autodoc_preserve_defaults: it slices the source by AST column offsets, which count UTF-8
# bytes, and garbles signatures whose defaults are Vietnamese strings (Sphinx 9.0).
napoleon_google_docstring = True
napoleon_numpy_docstring = False

nitpicky = True
# Types from outside motcua that autodoc finds in signatures. Without intersphinx (CI has no
# network) Sphinx cannot resolve them; everything else must resolve.
nitpick_ignore = [
    # The standard library's date and time types (every calendar signature uses them).
    ("py:class", "datetime.date"),
    ("py:class", "datetime.datetime"),
    ("py:class", "datetime.time"),
    ("py:class", "datetime.timedelta"),
    ("py:class", "datetime.timezone"),
    # The same date type under the alias motcua uses inside classes that have a `date` field.
    ("py:class", "_dt.date"),
    # Abstract collection types in the parameters of with_days_off and the batch methods.
    ("py:class", "collections.abc.Iterable"),
    ("py:class", "collections.abc.Mapping"),
    ("py:class", "collections.abc.Sequence"),
    # The grouping function of period_report, and the Decimal of published percentages.
    ("py:class", "collections.abc.Callable"),
    ("py:class", "decimal.Decimal"),
    # Names in the columnar path's signature: a type alias and `datetime` as written there.
    ("py:class", "Channels"),
    ("py:class", "Moments"),
    ("py:class", "datetime"),
    # The type variable of stratified_proportion and multinomial_intervals (the keys of the
    # strata or categories, returned as given).
    ("py:class", "motcua.stats.K"),
    # Letters: the template directories may be os.PathLike; `Format` is the module's alias for
    # Literal["text", "html"]; Letters.environment() returns a Jinja2 environment.
    ("py:class", "os.PathLike"),
    ("py:class", "Format"),
    ("py:class", "jinja2.Environment"),
    # Signer's docstring names motcua.offices.AUTHORITIES, a module constant that is not part of
    # the top-level API the reference documents (the prefixes are listed in the glossary).
    ("py:data", "AUTHORITIES"),
]

# Several records have a field called `date`; an unqualified `date` in a signature is the
# standard type, which Sphinx cannot know without intersphinx.
suppress_warnings = ["ref.python"]

html_theme = "alabaster"
html_title = f"motcua {release}"
html_theme_options = {
    "description": "Vietnam's one-stop administrative procedures: the civil-service calendar",
    "fixed_sidebar": True,
}


# napoleon reads the first line of an attribute or property docstring as "type: description"
# whenever it has a colon, so "#: Nghỉ bù: a holiday fell on a weekend…" would render with the
# type "Nghỉ bù" and lose those words. motcua's attribute docstrings never use that inline-type
# form (types come from annotations), so give attributes back their docstring as written.
_ATTRIBUTE_KINDS = {"attribute", "data", "property"}
_attribute_docstrings: dict[str, list[str]] = {}


def _keep_attribute_docstring(
    app: object, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    if what in _ATTRIBUTE_KINDS:
        _attribute_docstrings[name] = list(lines)


def _restore_attribute_docstring(
    app: object, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    if what in _ATTRIBUTE_KINDS and name in _attribute_docstrings:
        lines[:] = _attribute_docstrings.pop(name)


def setup(app: Sphinx) -> None:
    # napoleon handles this event at the default priority, 500: one handler before, one after.
    app.connect("autodoc-process-docstring", _keep_attribute_docstring, priority=499)
    app.connect("autodoc-process-docstring", _restore_attribute_docstring, priority=501)
