"""Satisfaction scales and evaluation criteria, as data.

A scale is an ordered list of levels (most satisfied first) and how many of the top levels
count as "satisfied". Three ship in ``data/surveys.toml`` with their sources; users declare
their own with :class:`Scale`. Labels match with or without diacritics, in any case, and in
English where the scale has English labels.

>>> from motcua import scale
>>> s = scale("online-3")
>>> s.levels
('Rất hài lòng', 'Hài lòng', 'Chưa hài lòng')
>>> s.satisfied
('Rất hài lòng', 'Hài lòng')
>>> s.level("rat hai long"), s.level("Not yet satisfied")
('Rất hài lòng', 'Chưa hài lòng')
"""

from __future__ import annotations

import difflib
import functools
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any

import attrs

from ._data import check_keys, fold, get_date, get_str, read_toml
from .errors import DataFileError, InvalidArgumentError, MotcuaError
from .sources import LegalSource, sources

__all__ = [
    "Criteria",
    "Criterion",
    "Scale",
    "UnknownLevelError",
    "criteria",
    "criteria_sets",
    "scale",
    "scales",
]


class UnknownLevelError(MotcuaError, LookupError, ValueError):
    """A label, channel or criterion that the scale or set does not have; the message lists what it has.

    A ``LookupError`` (a missing entry) and a ``ValueError`` (a bad value passed in), so either
    ``except`` clause catches it.
    """


def _nfc_tuple(values: Iterable[str]) -> tuple[str, ...]:
    out = []
    for v in values:
        if not isinstance(v, str) or not v.strip():
            raise InvalidArgumentError(f"labels must be non-empty strings, got {v!r}")
        out.append(unicodedata.normalize("NFC", v.strip()))
    return tuple(out)


def _unknown(kind: str, label: object, known: Iterable[str], where: str) -> UnknownLevelError:
    known = list(known)
    close = difflib.get_close_matches(fold(str(label)), [fold(k) for k in known], n=1, cutoff=0.6)
    hint = ""
    if close:
        hint = f"; did you mean {next(k for k in known if fold(k) == close[0])!r}?"
    return UnknownLevelError(f"{kind} {label!r} is not on {where} (it has: {', '.join(known)}){hint}")


@attrs.frozen(repr=False)
class Scale:
    """An ordered satisfaction scale: ``levels`` from most to least satisfied.

    ``satisfied`` is how many top levels count as satisfied (two by default: "top-2-box").
    ``scores`` optionally maps each level to a number, which :meth:`SurveyTally.mean_score
    <motcua.SurveyTally.mean_score>` needs; without a declared mapping there is no mean.

    >>> my = Scale("phieu-phuong", ["Tốt", "Khá", "Chưa tốt"], satisfied=1, levels_en=["Good", "Fair", "Poor"])
    >>> my.satisfied, my.level("kha")
    (('Tốt',), 'Khá')
    >>> my.with_scores({"Tốt": 2, "Khá": 1, "Chưa tốt": 0}).scores
    (2.0, 1.0, 0.0)
    """

    key: str
    levels: tuple[str, ...] = attrs.field(converter=_nfc_tuple)
    satisfied_count: int = attrs.field(default=2, alias="satisfied", kw_only=True)
    levels_en: tuple[str, ...] | None = attrs.field(default=None, kw_only=True)
    scores: tuple[float, ...] | None = attrs.field(default=None, kw_only=True)
    name: str = attrs.field(default="", kw_only=True)
    name_en: str = attrs.field(default="", kw_only=True)
    source: LegalSource | None = attrs.field(default=None, kw_only=True, eq=False)
    article: str | None = attrs.field(default=None, kw_only=True, eq=False)
    evidence: str = attrs.field(default="local", kw_only=True, eq=False)
    note: str | None = attrs.field(default=None, kw_only=True, eq=False)
    _index: Mapping[str, int] = attrs.field(init=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.key, str) or not self.key:
            raise InvalidArgumentError(f"a scale needs a non-empty key, got {self.key!r}")
        if len(self.levels) < 2:
            raise InvalidArgumentError(f"a scale needs at least two levels, got {list(self.levels)}")
        count = self.satisfied_count
        if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count < len(self.levels):
            raise InvalidArgumentError(
                f"satisfied must be the number of top levels that count as satisfied, 1..{len(self.levels) - 1}; "
                f"got {count!r}"
            )
        if self.levels_en is not None:
            object.__setattr__(self, "levels_en", _nfc_tuple(self.levels_en))
            if len(self.levels_en) != len(self.levels):
                raise InvalidArgumentError(f"levels_en has {len(self.levels_en)} labels for {len(self.levels)} levels")
        if self.scores is not None:
            scores = tuple(float(s) for s in self.scores)
            if len(scores) != len(self.levels):
                raise InvalidArgumentError(f"scores has {len(scores)} values for {len(self.levels)} levels")
            object.__setattr__(self, "scores", scores)
        index: dict[str, int] = {}
        for labels in (self.levels, self.levels_en or ()):
            for i, label in enumerate(labels):
                folded = fold(label)
                if index.get(folded, i) != i:
                    raise InvalidArgumentError(
                        f"labels {label!r} and {self.levels[index[folded]]!r} are the same without diacritics"
                    )
                index[folded] = i
        object.__setattr__(self, "_index", index)  # private, never mutated; a plain dict pickles

    @property
    def satisfied(self) -> tuple[str, ...]:
        """The levels that count as satisfied (the top ``satisfied_count`` ones)."""
        return self.levels[: self.satisfied_count]

    def position(self, label: str) -> int:
        """The 0-based position of ``label`` (0 = most satisfied); accepts any spelling :meth:`level` does."""
        if not isinstance(label, str):
            raise TypeError(f"a level label must be a str, got {type(label).__name__}")
        try:
            return self._index[fold(label)]
        except KeyError:
            raise _unknown("level", label, self.levels, f"scale {self.key!r}") from None

    def level(self, label: str) -> str:
        """The scale's own spelling of ``label`` (matched without diacritics, case or extra spaces)."""
        return self.levels[self.position(label)]

    def with_scores(self, scores: Mapping[str, float]) -> Scale:
        """This scale with a declared score per level (e.g. Circular 01/2018's 2 / 1 / 0)."""
        values = {self.position(k): v for k, v in scores.items()}
        missing = [self.levels[i] for i in range(len(self.levels)) if i not in values]
        if missing:
            raise InvalidArgumentError(f"scores must cover every level; missing: {', '.join(missing)}")
        for k, v in scores.items():
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise TypeError(f"score of {k!r} must be a number, got {v!r}")
        return attrs.evolve(self, scores=tuple(float(values[i]) for i in range(len(self.levels))))

    def with_satisfied(self, count: int) -> Scale:
        """This scale with a different number of top levels counting as satisfied."""
        return attrs.evolve(self, satisfied=count)

    def __repr__(self) -> str:
        marks = [f"{lv}*" if i < self.satisfied_count else lv for i, lv in enumerate(self.levels)]
        return f"<Scale {self.key}: {' > '.join(marks)}>"


@attrs.frozen
class Criterion:
    """One item of an evaluation set (e.g. one SIPAS factor), with the clause it comes from."""

    key: str
    label: str
    label_en: str
    clause: str


@attrs.frozen(repr=False)
class Criteria:
    """A set of evaluation criteria (e.g. the five SIPAS factors) with its legal source."""

    key: str
    name: str
    name_en: str
    items: tuple[Criterion, ...]
    source: LegalSource | None = attrs.field(default=None, eq=False)
    article: str | None = attrs.field(default=None, eq=False)
    evidence: str = attrs.field(default="local", eq=False)
    valid_until: date | None = attrs.field(default=None, eq=False)
    aggregation: str | None = attrs.field(default=None, eq=False)
    aggregation_evidence: str | None = attrs.field(default=None, eq=False)
    note: str | None = attrs.field(default=None, eq=False)

    @property
    def keys(self) -> tuple[str, ...]:
        """The criteria's keys, in the order of the source."""
        return tuple(c.key for c in self.items)

    def get(self, key_or_label: str) -> Criterion:
        """The criterion with that key or label (labels match without diacritics)."""
        folded = fold(key_or_label) if isinstance(key_or_label, str) else None
        for c in self.items:
            if folded in (c.key, fold(c.label), fold(c.label_en)):
                return c
        raise _unknown("criterion", key_or_label, self.keys, f"criteria set {self.key!r}")

    def __repr__(self) -> str:
        return f"<Criteria {self.key}: {len(self.items)} items>"


_SCALE_KEYS = ("name", "name_en", "levels", "levels_en", "satisfied", "source", "article", "evidence", "note")
_CRITERIA_KEYS = (
    "name",
    "name_en",
    "source",
    "article",
    "evidence",
    "valid_until",
    "items",
    "aggregation",
    "aggregation_evidence",
    "note",
)


def _source(entry: Mapping[str, Any], where: str) -> LegalSource:
    key = get_str(entry, "source", where)
    try:
        return sources()[key]
    except KeyError:
        raise DataFileError(f"{where}: source {key!r} is not in sources.toml") from None


def _opt(entry: Mapping[str, Any], key: str, where: str) -> str | None:
    return get_str(entry, key, where) if key in entry else None


@functools.cache
def _load() -> tuple[Mapping[str, Scale], Mapping[str, Criteria]]:
    data = read_toml("surveys.toml")
    check_keys(data, "surveys.toml", required=("scales", "criteria"))
    out_scales: dict[str, Scale] = {}
    for key, entry in data["scales"].items():
        where = f"surveys.toml [scales.{key}]"
        check_keys(
            entry,
            where,
            required=("name", "name_en", "levels", "satisfied", "source", "evidence"),
            optional=_SCALE_KEYS,
        )
        try:
            out_scales[key] = Scale(
                key,
                entry["levels"],
                satisfied=entry["satisfied"],
                levels_en=entry.get("levels_en"),
                name=get_str(entry, "name", where),
                name_en=get_str(entry, "name_en", where),
                source=_source(entry, where),
                article=_opt(entry, "article", where),
                evidence=get_str(entry, "evidence", where),
                note=_opt(entry, "note", where),
            )
        except (TypeError, ValueError) as exc:
            raise DataFileError(f"{where}: {exc}") from None
    out_criteria: dict[str, Criteria] = {}
    for key, entry in data["criteria"].items():
        where = f"surveys.toml [criteria.{key}]"
        check_keys(entry, where, required=("name", "name_en", "source", "evidence", "items"), optional=_CRITERIA_KEYS)
        items = []
        for i, item in enumerate(entry["items"]):
            at = f"{where} items[{i}]"
            check_keys(item, at, required=("key", "label", "label_en", "clause"))
            items.append(Criterion(*(get_str(item, k, at) for k in ("key", "label", "label_en", "clause"))))
        if len({c.key for c in items}) != len(items):
            raise DataFileError(f"{where}: item keys must be unique")
        out_criteria[key] = Criteria(
            key,
            get_str(entry, "name", where),
            get_str(entry, "name_en", where),
            tuple(items),
            source=_source(entry, where),
            article=_opt(entry, "article", where),
            evidence=get_str(entry, "evidence", where),
            valid_until=get_date(entry, "valid_until", where) if "valid_until" in entry else None,
            aggregation=_opt(entry, "aggregation", where),
            aggregation_evidence=_opt(entry, "aggregation_evidence", where),
            note=_opt(entry, "note", where),
        )
    return MappingProxyType(out_scales), MappingProxyType(out_criteria)


def scales() -> Mapping[str, Scale]:
    """The shipped scales by key: ``online-3``, ``likert-5``, ``like-dislike``."""
    return _load()[0]


def criteria_sets() -> Mapping[str, Criteria]:
    """The shipped criteria sets by key (e.g. ``sipas``)."""
    return _load()[1]


def scale(key: str | Scale) -> Scale:
    """A shipped scale by key (a :class:`Scale` is returned as is)."""
    if isinstance(key, Scale):
        return key
    try:
        return scales()[key]
    except (KeyError, TypeError):
        raise _unknown("scale", key, scales(), "the shipped scales") from None


def criteria(key: str | Criteria) -> Criteria:
    """A shipped criteria set by key (a :class:`Criteria` is returned as is)."""
    if isinstance(key, Criteria):
        return key
    try:
        return criteria_sets()[key]
    except (KeyError, TypeError):
        raise _unknown("criteria set", key, criteria_sets(), "the shipped criteria sets") from None
