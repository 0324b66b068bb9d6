"""Legal documents and reports that motcua's data cites.

>>> from motcua import sources
>>> src = sources()["cv-12729-vpcp-2025"]
>>> src.citation
'Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ'
>>> src.evidence
'reported'
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, TypeVar

import attrs

from ._data import check_keys, get_date, get_str, read_toml
from .errors import DataFileError

__all__ = ["EVIDENCE_LEVELS", "LegalSource", "sources"]

#: How well a source is known. ``primary``: its text was read; ``reported``: known through press
#: or portal pages quoting it; ``rule``: a code whose rule is applied; ``proposed``: not in force;
#: ``local``: supplied by the caller for a local calendar.
EVIDENCE_LEVELS = ("primary", "reported", "rule", "proposed", "local")


@attrs.frozen(kw_only=True, repr=False)
class LegalSource:
    """A legal document (or the report of one) that a fact in the data comes from."""

    key: str
    title: str
    kind: str | None = None
    number: str | None = None
    issuer: str | None = None
    issued: date | None = None
    effective: date | None = None
    repealed: date | None = None
    evidence: str = "reported"
    url: str | None = None
    note: str | None = None

    @property
    def citation(self) -> str:
        """A short Vietnamese citation (kind, number, date and issuer where known)."""
        parts = []
        if self.kind in ("Bộ luật", "Luật") and self.number:
            parts.append(f"{self.title} ({self.number})")
        elif self.kind and self.number:
            parts.append(f"{self.kind} {self.number}")
        else:
            parts.append(self.title)
        if self.issued:
            parts.append(f"ngày {self.issued:%d/%m/%Y}")
        # Laws, decrees, circulars and resolutions name their issuer in the number already.
        if self.issuer and (self.kind in ("Công văn", "Thông báo", "Văn bản", "Đề xuất") or not self.number):
            parts.append(f"của {self.issuer}")
        return " ".join(parts)

    def __str__(self) -> str:
        return self.citation

    def __repr__(self) -> str:
        return f"LegalSource({self.key!r}: {self.citation!r})"

    @classmethod
    def local(cls, text: str) -> LegalSource:
        """A caller-supplied source for a local calendar change (e.g. a provincial decision)."""
        return cls(key="local", title=text, evidence="local")


T = TypeVar("T")

_FIELDS = ("kind", "number", "title", "issuer", "issued", "effective", "repealed", "evidence", "url", "note")


def _optional(
    getter: Callable[[Mapping[str, Any], str, str], T], entry: Mapping[str, Any], where: str, name: str
) -> T | None:
    return getter(entry, name, where) if name in entry else None


@functools.cache
def sources() -> Mapping[str, LegalSource]:
    """Every source cited by the shipped data, by key (read once, then cached)."""
    data = read_toml("sources.toml")
    out: dict[str, LegalSource] = {}
    for key, entry in data.items():
        where = f"sources.toml [{key}]"
        if not isinstance(entry, dict):
            raise DataFileError(f"{where}: expected a table")
        check_keys(entry, where, required=("title", "evidence"), optional=_FIELDS)
        evidence = get_str(entry, "evidence", where)
        if evidence not in EVIDENCE_LEVELS:
            raise DataFileError(f"{where}: evidence must be one of {EVIDENCE_LEVELS}, got {evidence!r}")

        text = functools.partial(_optional, get_str, entry, where)
        day = functools.partial(_optional, get_date, entry, where)
        out[key] = LegalSource(
            key=key,
            title=get_str(entry, "title", where),
            kind=text("kind"),
            number=text("number"),
            issuer=text("issuer"),
            issued=day("issued"),
            effective=day("effective"),
            repealed=day("repealed"),
            evidence=evidence,
            url=text("url"),
            note=text("note"),
        )
    return MappingProxyType(out)
