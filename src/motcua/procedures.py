"""Administrative procedures and their effective-dated statutory time limits.

>>> from datetime import date, datetime
>>> from motcua import catalogue
>>> cat = catalogue()
>>> p = cat.get("1.004873", on=date(2026, 5, 4))
>>> p.name, p.time_limit
('Cấp Giấy xác nhận tình trạng hôn nhân', WorkingDays(3))
>>> p.deadline(datetime(2026, 4, 24, 9, 0)).date   # 27/4 nghỉ bù Giỗ Tổ, 30/4 and 1/5 holidays
datetime.date(2026, 5, 4)
>>> [q.code for q in cat.search("dang ky khai sinh")][:1]
['1.001193']
"""

from __future__ import annotations

import bisect
import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, time
from typing import Any, Literal

import attrs

from ._data import check_keys, fold, get_date, get_str, read_toml
from ._warn import warn
from .calendar import WorkingCalendar
from .errors import DataFileError, MotcuaError, UncertainDataWarning
from .sources import LegalSource, sources
from .timelimits import (
    DEFAULT_CONVENTIONS,
    CalendarDays,
    ClockHours,
    Conventions,
    Deadline,
    SameDay,
    TimeLimit,
    WorkingDays,
    WorkingHours,
)

__all__ = [
    "Catalogue",
    "Fee",
    "LegalRef",
    "NotInForceError",
    "Procedure",
    "ProcedureStep",
    "UnknownProcedureError",
    "catalogue",
]

_LEVELS = ("commune", "district", "province", "ministry", "inter-agency")
_CERTAINTY = ("confirmed", "secondary", "uncertain")


class UnknownProcedureError(MotcuaError, LookupError):
    """No procedure has that code; ``suggestions`` holds close codes (also in the message).

    >>> try:
    ...     catalogue().get("1.00193")
    ... except UnknownProcedureError as error:
    ...     error.code, error.suggestions[0]
    ('1.00193', '1.001193')
    """

    def __init__(self, message: str, code: str = "", suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.code = code
        self.suggestions = suggestions


class NotInForceError(MotcuaError, LookupError):
    """The procedure has no version in force on the date asked for."""


@attrs.frozen(repr=False)
class LegalRef:
    """A pointer into a legal document: the source, and the article, clause and point."""

    source: LegalSource
    article: str | None = None
    clause: str | None = None
    point: str | None = None
    note: str | None = None

    @property
    def citation(self) -> str:
        """E.g. ``'Luật Hộ tịch 60/2014/QH13, Đ.16 k.2'``."""
        where = " ".join(x for x in (self.article, self.clause, self.point) if x)
        return f"{self.source.citation}, {where}" if where else self.source.citation

    def __repr__(self) -> str:
        return f"LegalRef({self.citation!r})"


@attrs.frozen
class Fee:
    """A fee or charge: an amount in đồng when fixed nationally, else a description."""

    note: str
    legal: LegalRef
    vnd: int | None = None


@attrs.frozen
class ProcedureStep:
    """One agency's part of an inter-agency (liên thông) procedure, with its own time limit."""

    agency: str
    task: str
    time_limit: TimeLimit
    legal: tuple[LegalRef, ...]


@attrs.frozen(repr=False)
class Procedure:
    """One version of an administrative procedure, valid from ``valid_from`` to ``valid_until``."""

    code: str
    name: str
    field: str
    level: str
    time_limit: TimeLimit
    legal: tuple[LegalRef, ...]
    valid_from: date
    valid_until: date | None = None
    #: The limit when verification is needed (the whole limit, not an addition), if any.
    verification_limit: TimeLimit | None = None
    fee: Fee | None = None
    name_en: str | None = None
    #: ``confirmed`` (primary text read), ``secondary`` (from secondary sources) or ``uncertain``.
    certainty: str = "confirmed"
    note: str | None = None
    steps: tuple[ProcedureStep, ...] = ()
    #: A receipt on a working day after this time counts from the next working day, when the
    #: procedure's own rules say so (Nghị định 63/2024/NĐ-CP Đ.7 k.2: 15:00); see ``Conventions``.
    receipt_cutoff: time | None = None

    def conventions(self, base: Conventions = DEFAULT_CONVENTIONS) -> Conventions:
        """*base* with this procedure's receipt cut-off, unless *base* sets one itself.

        >>> catalogue().get("LT-63-2024-01", on=date(2026, 12, 1)).conventions().receipt_cutoff
        datetime.time(15, 0)
        >>> catalogue().get("1.004873").conventions() == DEFAULT_CONVENTIONS
        True
        """
        if self.receipt_cutoff is None or base.receipt_cutoff is not None:
            return base
        return attrs.evolve(base, receipt_cutoff=self.receipt_cutoff)

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def deadline(
        self,
        received_at: datetime | date,
        calendar: WorkingCalendar | None = None,
        *,
        verification: bool = False,
        conventions: Conventions = DEFAULT_CONVENTIONS,
    ) -> Deadline:
        """The deadline for a dossier of this procedure accepted at *received_at*.

        The version must be in force on the receipt date (a dossier keeps the rules in force
        when it was received); pick the right one with ``catalogue().get(code, on=...)``.
        """
        day = received_at.date() if isinstance(received_at, datetime) else received_at
        if isinstance(day, date) and not self.in_force_on(day):
            until = self.valid_until.isoformat() if self.valid_until else "…"
            raise NotInForceError(
                f"this version of {self.code} ({self.name}) is in force {self.valid_from}..{until}, "
                f"not on {day}; use catalogue().get({self.code!r}, on=date({day.year}, {day.month}, {day.day}))"
            )
        limit = self.time_limit
        if verification:
            if self.verification_limit is None:
                raise ValueError(f"{self.code} ({self.name}) has no separate time limit for verification")
            limit = self.verification_limit
        if self.certainty == "uncertain":
            warn(
                f"the time limit of {self.code} ({self.name}) from {self.valid_from} is uncertain: {self.note}",
                UncertainDataWarning,
            )
        result = limit.deadline(received_at, calendar, conventions=self.conventions(conventions))
        return result._replace(legal_basis=self.legal)

    def __repr__(self) -> str:
        until = self.valid_until.isoformat() if self.valid_until else ""
        return f"<Procedure {self.code} {self.name!r} {self.time_limit!r} [{self.valid_from.isoformat()}..{until}]>"


# --------------------------------------------------------------------------- the catalogue


@attrs.frozen(repr=False, eq=False)
class Catalogue:
    """Procedures by code, each with its versions in date order; and the one-stop rules.

    Iterating yields the newest version of every procedure.
    """

    _versions: Mapping[str, tuple[Procedure, ...]] = attrs.field(alias="versions")
    _rules: Mapping[str, tuple[Procedure, ...]] = attrs.field(alias="rules", factory=dict)
    data_as_of: date | None = None

    def __iter__(self) -> Iterator[Procedure]:
        return (versions[-1] for versions in self._versions.values())

    def __len__(self) -> int:
        return len(self._versions)

    def __contains__(self, code: object) -> bool:
        return code in self._versions

    @property
    def codes(self) -> list[str]:
        return list(self._versions)

    def versions(self, code: str) -> tuple[Procedure, ...]:
        """Every version of *code*, oldest first."""
        return self._lookup(self._versions, code, "procedure")

    def get(self, code: str, on: date | None = None) -> Procedure:
        """The version of *code* in force on *on*; with ``on=None``, the newest version.

        Raises :class:`UnknownProcedureError` (with suggestions) for an unknown code and
        :class:`NotInForceError` when no version is in force on that date.
        """
        return self._at(self._versions, code, on, "procedure")

    def rule(self, key: str, on: date | None = None) -> Procedure:
        """A time limit of the one-stop mechanism itself (e.g. ``"online-acceptance"``)."""
        return self._at(self._rules, key, on, "one-stop rule")

    @property
    def rules(self) -> list[Procedure]:
        """The newest version of every one-stop rule."""
        return [versions[-1] for versions in self._rules.values()]

    def rule_versions(self, key: str) -> tuple[Procedure, ...]:
        """Every version of a one-stop rule, oldest first."""
        return self._lookup(self._rules, key, "one-stop rule")

    def _lookup(self, table: Mapping[str, tuple[Procedure, ...]], code: str, what: str) -> tuple[Procedure, ...]:
        if not isinstance(code, str):
            raise TypeError(f"code must be a str such as '1.001193', got {type(code).__name__}")
        try:
            return table[code]
        except KeyError:
            pass
        names = {fold(v[-1].name): k for k, v in table.items()}
        close = difflib.get_close_matches(code, list(table), n=3, cutoff=0.6)
        close += [names[n] for n in difflib.get_close_matches(fold(code), list(names), n=3, cutoff=0.5)]
        suggestions = tuple(dict.fromkeys(close))
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        raise UnknownProcedureError(f"no {what} with code {code!r}{hint}", code, suggestions)

    def _at(self, table: Mapping[str, tuple[Procedure, ...]], code: str, on: date | None, what: str) -> Procedure:
        versions = self._lookup(table, code, what)
        if on is None:
            return versions[-1]
        if isinstance(on, datetime) or not isinstance(on, date):
            raise TypeError(f"on must be a datetime.date, got {type(on).__name__}")
        index = bisect.bisect_right([v.valid_from for v in versions], on) - 1
        if index < 0 or not versions[index].in_force_on(on):
            spans = ", ".join(f"{v.valid_from}..{v.valid_until or ''}" for v in versions)
            why = f" ({versions[-1].note})" if on > versions[-1].valid_from and versions[-1].note else ""
            raise NotInForceError(
                f"{what} {code} ({versions[-1].name}) has no version in force on {on}; versions: {spans}{why}"
            )
        return versions[index]

    def search(self, text: str) -> list[Procedure]:
        """Procedures whose name, English name or field has every word of *text*, or whose code
        starts with *text*.

        Words match whole syllables, so "khai tu" does not find "tuổi". Diacritics may be left
        out, but those typed must match: "khai tu" finds "khai tử" (and "khai tự" if there were
        one), "khai tử" finds only "khai tử". Names starting with the words come first.

        >>> [p.name for p in catalogue().search("chung thuc chu ky")][:1]
        ['Chứng thực chữ ký trong các giấy tờ, văn bản']
        >>> [p.code for p in catalogue().search("khai tử")]
        ['1.000656', '1.005461']
        """
        if not isinstance(text, str):
            raise TypeError(f"search text must be a str, got {type(text).__name__}")
        words = _syllables(text)
        if not words:
            return []
        prefix = text.strip()
        found = []
        for p in self:
            texts = [_syllables(t) for t in (p.name, p.name_en or "", p.field)]
            # All words in one text: "khai" in a name and "tử" in the field "điện tử" is no match.
            if p.code.startswith(prefix) or any(all(any(_compatible(w, h) for h in t) for w in words) for t in texts):
                name = _syllables(p.name)
                starts = len(name) >= len(words) and all(map(_compatible, words, name))
                found.append((not starts, len(p.name), p.code, p))
        return [p for *_, p in sorted(found, key=lambda t: t[:3])]

    def deadline(
        self,
        code: str,
        received_at: datetime | date,
        calendar: WorkingCalendar | None = None,
        *,
        verification: bool = False,
        conventions: Conventions = DEFAULT_CONVENTIONS,
    ) -> Deadline:
        """The deadline under the version of *code* in force on the receipt date."""
        day = received_at.date() if isinstance(received_at, datetime) else received_at
        return self.get(code, on=day).deadline(
            received_at, calendar, verification=verification, conventions=conventions
        )

    # ------------------------------------------------------------- local variants and what-ifs

    def with_time_limits(
        self,
        limits: Mapping[str, TimeLimit],
        *,
        source: str | LegalSource,
        valid_from: date,
        valid_until: date | None = None,
        verification_limits: Mapping[str, TimeLimit] | None = None,
    ) -> Catalogue:
        """A copy in which the given procedures have shorter (or other) limits from *valid_from*.

        For a province's decision cutting statutory times; shipped data is not touched. With
        *valid_until* (inclusive) the local limits end that day, e.g. when the decision is
        replaced or a new national limit takes over; the versions after it are the catalogue's own.

        >>> from datetime import date
        >>> from motcua import WorkingDays
        >>> local = catalogue().with_time_limits(
        ...     {"1.004873": WorkingDays(2)}, source="Quyết định 99/QĐ-UBND", valid_from=date(2026, 1, 1))
        >>> local.get("1.004873", on=date(2026, 3, 2)).time_limit
        WorkingDays(2)
        >>> local.get("1.004873", on=date(2025, 12, 31)).time_limit
        WorkingDays(3)
        """
        src = source if isinstance(source, LegalSource) else LegalSource.local(source)
        for name, value in (("valid_from", valid_from), ("valid_until", valid_until)):
            if value is not None and (isinstance(value, datetime) or not isinstance(value, date)):
                raise TypeError(f"{name} must be a datetime.date, got {type(value).__name__}")
        if valid_until is not None and valid_until < valid_from:
            raise ValueError(f"valid_until {valid_until} is before valid_from {valid_from}")
        verification_limits = verification_limits or {}
        for code in (*limits, *verification_limits):
            self.versions(code)  # unknown codes fail loudly, with suggestions
        new = dict(self._versions)
        for code in {*limits, *verification_limits}:
            new[code] = _split(
                self._versions[code],
                valid_from,
                lambda p, code=code: attrs.evolve(
                    p,
                    time_limit=limits.get(code, p.time_limit),
                    verification_limit=verification_limits.get(code, p.verification_limit),
                    legal=(*p.legal, LegalRef(src)),
                ),
                valid_until,
            )
        return Catalogue(versions=new, rules=self._rules, data_as_of=self.data_as_of)

    def scaled(
        self, factor: float, *, rounding: Literal["down", "up", "nearest"] = "down", codes: Iterable[str] | None = None
    ) -> Catalogue:
        """A what-if copy with every day-count limit multiplied by *factor* (same-day limits unchanged).

        >>> cut = catalogue().scaled(0.7)           # "every limit cut by 30 %"
        >>> cut.get("1.004884").time_limit          # 5 working days → 3 (rounded down)
        WorkingDays(3)
        """
        chosen = set(self._versions if codes is None else codes)
        for code in chosen:
            self.versions(code)

        def scale(limit: TimeLimit) -> TimeLimit:
            if isinstance(limit, (WorkingDays, CalendarDays, WorkingHours, ClockHours)):
                return limit.scaled(factor, rounding)
            return limit

        new = {
            code: tuple(
                attrs.evolve(
                    p,
                    time_limit=scale(p.time_limit),
                    verification_limit=scale(p.verification_limit) if p.verification_limit else None,
                )
                if code in chosen
                else p
                for p in versions
            )
            for code, versions in self._versions.items()
        }
        return Catalogue(versions=new, rules=self._rules, data_as_of=self.data_as_of)

    def __repr__(self) -> str:
        return f"<Catalogue: {len(self)} procedures, {len(self._rules)} one-stop rules>"


_WORD = re.compile(r"[^\W_]+")


def _syllables(text: str) -> list[str]:
    """The words of *text*, lower-case NFC, without punctuation."""
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def _marks(letter: str) -> tuple[str, str]:
    """A letter's base and its diacritics ("ử" → ("u", "\u031b\u0309"); "đ" → ("d", "đ"))."""
    if letter == "đ":
        return "d", "đ"
    decomposed = unicodedata.normalize("NFD", letter)
    return decomposed[0], decomposed[1:]


def _compatible(typed: str, word: str) -> bool:
    """Whether *typed* is *word* with some diacritics possibly left out (never different ones).

    >>> _compatible("tu", "tử"), _compatible("tư", "tử"), _compatible("tự", "tử"), _compatible("dang", "đăng")
    (True, True, False, True)
    """
    if len(typed) != len(word):
        return False
    for a, b in zip(typed, word, strict=True):
        if a != b:
            (base_a, marks_a), (base_b, marks_b) = _marks(a), _marks(b)
            if base_a != base_b or not set(marks_a) <= set(marks_b):
                return False
    return True


def _cut(versions: Iterable[Procedure], at: date) -> list[Procedure]:
    """The versions with the one in force across *at* split into "until the day before" and "from *at*"."""
    out: list[Procedure] = []
    for p in versions:
        if p.valid_from < at and (p.valid_until is None or p.valid_until >= at):
            out.append(attrs.evolve(p, valid_until=date.fromordinal(at.toordinal() - 1)))
            out.append(attrs.evolve(p, valid_from=at))
        else:
            out.append(p)
    return out


def _split(versions: tuple[Procedure, ...], start: date, change: Any, end: date | None = None) -> tuple[Procedure, ...]:
    """Versions with *change* applied from *start* to *end* inclusive (open-ended when None)."""
    pieces = _cut(versions, start)
    if end is not None:
        pieces = _cut(pieces, date.fromordinal(end.toordinal() + 1))
    return tuple(change(p) if p.valid_from >= start and (end is None or p.valid_from <= end) else p for p in pieces)


# --------------------------------------------------------------------------- loading


def parse_time_limit(spec: Any, where: str) -> TimeLimit:
    """Read ``{ working_days = 3 }``, ``{ calendar_days = 15 }``, ``{ working_hours = 8 }``,
    ``{ clock_hours = 24 }``, ``{ same_day = 15:00:00 }`` or ``{ same_day = "no-cutoff" }``."""
    if not isinstance(spec, Mapping) or len(spec) != 1:
        raise DataFileError(f"{where}: a time limit is a table with exactly one key, got {spec!r}")
    ((kind, value),) = spec.items()
    try:
        if kind == "working_days":
            return WorkingDays(value)
        if kind == "calendar_days":
            return CalendarDays(value)
        if kind == "working_hours":
            return WorkingHours(value)
        if kind == "clock_hours":
            return ClockHours(value)
        if kind == "same_day":
            if value == "no-cutoff":
                return SameDay(cutoff=None)
            if type(value) is time:
                return SameDay(cutoff=value)
            raise DataFileError(f"{where}: same_day takes a TOML time (15:00:00) or 'no-cutoff', got {value!r}")
    except (TypeError, ValueError) as exc:
        if isinstance(exc, DataFileError):
            raise
        raise DataFileError(f"{where}: {exc}") from None
    raise DataFileError(
        f"{where}: unknown time limit kind {kind!r}; use working_days, calendar_days, working_hours, "
        "clock_hours or same_day"
    )


def _refs(entries: Any, where: str, registry: Mapping[str, LegalSource]) -> tuple[LegalRef, ...]:
    if not isinstance(entries, list) or not entries:
        raise DataFileError(f"{where}: legal must be a non-empty list of {{ source = …, article = … }}")
    return tuple(_ref(entry, f"{where}.legal[{i}]", registry) for i, entry in enumerate(entries))


def _ref(entry: Any, where: str, registry: Mapping[str, LegalSource]) -> LegalRef:
    if not isinstance(entry, Mapping):
        raise DataFileError(f"{where}: expected an inline table")
    check_keys(entry, where, required=("source",), optional=("article", "clause", "point", "note"))
    key = get_str(entry, "source", where)
    if key not in registry:
        raise DataFileError(f"{where}: source {key!r} is not in sources.toml")

    def opt(name: str) -> str | None:
        return get_str(entry, name, where) if name in entry else None

    return LegalRef(registry[key], article=opt("article"), clause=opt("clause"), point=opt("point"), note=opt("note"))


_PROCEDURE_KEYS = ("code", "name", "field", "level", "version")
_PROCEDURE_OPTIONAL = ("name_en", "code_note")
_VERSION_KEYS = ("valid_from", "time_limit", "legal", "certainty")
_VERSION_OPTIONAL = ("valid_until", "verification_limit", "fee", "note", "step", "level", "receipt_cutoff")


def _cutoff(version: Mapping[str, Any], where: str) -> time | None:
    value = version.get("receipt_cutoff")
    if value is not None and (not isinstance(value, time) or value.tzinfo is not None):
        raise DataFileError(f"{where}: receipt_cutoff must be a TOML local time such as 15:00:00, got {value!r}")
    return value


def _step(entry: Any, where: str, registry: Mapping[str, LegalSource]) -> ProcedureStep:
    if not isinstance(entry, Mapping):
        raise DataFileError(f"{where}: expected a table")
    check_keys(entry, where, required=("agency", "task", "time_limit", "legal"))
    return ProcedureStep(
        agency=get_str(entry, "agency", where),
        task=get_str(entry, "task", where),
        time_limit=parse_time_limit(entry["time_limit"], f"{where}.time_limit"),
        legal=_refs(entry["legal"], where, registry),
    )


def _parse_versions(
    entry: Mapping[str, Any],
    where: str,
    registry: Mapping[str, LegalSource],
    *,
    code: str,
    name: str,
    field: str,
    level: str,
    name_en: str | None,
) -> tuple[Procedure, ...]:
    raw_versions = entry["version"]
    if not isinstance(raw_versions, list) or not raw_versions:
        raise DataFileError(f"{where}: at least one [[…version]] is required")
    versions: list[Procedure] = []
    for j, v in enumerate(raw_versions):
        vwhere = f"{where}.version[{j}]"
        check_keys(v, vwhere, required=_VERSION_KEYS, optional=_VERSION_OPTIONAL)
        certainty = get_str(v, "certainty", vwhere)
        if certainty not in _CERTAINTY:
            raise DataFileError(f"{vwhere}: certainty must be one of {_CERTAINTY}, got {certainty!r}")
        note = get_str(v, "note", vwhere) if "note" in v else None
        if certainty == "uncertain" and not note:
            raise DataFileError(f"{vwhere}: an uncertain version must say why in 'note'")
        fee = None
        if "fee" in v:
            f = v["fee"]
            fwhere = f"{vwhere}.fee"
            check_keys(f, fwhere, required=("note", "source"), optional=("vnd", "article", "clause"))
            vnd = f.get("vnd")
            if vnd is not None and (type(vnd) is not int or vnd < 0):
                raise DataFileError(f"{fwhere}: vnd must be a non-negative integer, got {vnd!r}")
            ref = _ref({k: f[k] for k in ("source", "article", "clause") if k in f}, fwhere, registry)
            fee = Fee(note=get_str(f, "note", fwhere), legal=ref, vnd=vnd)
        steps = tuple(_step(s, f"{vwhere}.step[{k}]", registry) for k, s in enumerate(v.get("step", [])))
        # A version may name its own level: competence moved between levels on 1/7/2025.
        version_level = get_str(v, "level", vwhere) if "level" in v else level
        if version_level not in _LEVELS:
            raise DataFileError(f"{vwhere}: level must be one of {_LEVELS}, got {version_level!r}")
        versions.append(
            Procedure(
                code=code,
                name=name,
                field=field,
                level=version_level,
                name_en=name_en,
                time_limit=parse_time_limit(v["time_limit"], f"{vwhere}.time_limit"),
                verification_limit=(
                    parse_time_limit(v["verification_limit"], f"{vwhere}.verification_limit")
                    if "verification_limit" in v
                    else None
                ),
                legal=_refs(v["legal"], vwhere, registry),
                valid_from=get_date(v, "valid_from", vwhere),
                valid_until=get_date(v, "valid_until", vwhere) if "valid_until" in v else None,
                fee=fee,
                certainty=certainty,
                note=note,
                steps=steps,
                receipt_cutoff=_cutoff(v, vwhere),
            )
        )
    # Versions must be in order and must not overlap; an open end is closed by the next version.
    closed: list[Procedure] = []
    for j, p in enumerate(versions):
        if p.valid_until is not None and p.valid_until < p.valid_from:
            raise DataFileError(f"{where}.version[{j}]: valid_until is before valid_from")
        if j + 1 < len(versions):
            nxt = versions[j + 1]
            if nxt.valid_from <= p.valid_from:
                raise DataFileError(f"{where}.version[{j + 1}]: versions must be sorted by valid_from")
            if p.valid_until is not None and p.valid_until >= nxt.valid_from:
                raise DataFileError(f"{where}.version[{j}]: overlaps the next version")
            if p.valid_until is None:
                p = attrs.evolve(p, valid_until=date.fromordinal(nxt.valid_from.toordinal() - 1))
        closed.append(p)
    return tuple(closed)


def parse_catalogue(raw: Mapping[str, Any], registry: Mapping[str, LegalSource]) -> Catalogue:
    """Check a parsed ``procedures.toml`` strictly and build the catalogue; errors name the entry."""
    check_keys(raw, "procedures.toml", required=("schema", "data_as_of", "procedure", "rule"))
    if raw["schema"] != 1:
        raise DataFileError(f"procedures.toml: unsupported schema {raw['schema']!r}")
    procedures: dict[str, tuple[Procedure, ...]] = {}
    for i, entry in enumerate(raw["procedure"]):
        where = f"procedures.toml procedure[{i}]"
        check_keys(entry, where, required=_PROCEDURE_KEYS, optional=_PROCEDURE_OPTIONAL)
        code = get_str(entry, "code", where)
        where = f"procedures.toml procedure[{i}] ({code})"
        if code in procedures:
            raise DataFileError(f"{where}: duplicate code")
        level = get_str(entry, "level", where)
        if level not in _LEVELS:
            raise DataFileError(f"{where}: level must be one of {_LEVELS}, got {level!r}")
        procedures[code] = _parse_versions(
            entry, where, registry, code=code, name=get_str(entry, "name", where),
            field=get_str(entry, "field", where), level=level,
            name_en=get_str(entry, "name_en", where) if "name_en" in entry else None,
        )  # fmt: skip
    rules: dict[str, tuple[Procedure, ...]] = {}
    for i, entry in enumerate(raw["rule"]):
        where = f"procedures.toml rule[{i}]"
        check_keys(entry, where, required=("key", "name", "version"), optional=("name_en",))
        key = get_str(entry, "key", where)
        if key in rules:
            raise DataFileError(f"{where}: duplicate key {key!r}")
        rules[key] = _parse_versions(
            entry, where, registry, code=key, name=get_str(entry, "name", where), field="Cơ chế một cửa",
            level="commune", name_en=get_str(entry, "name_en", where) if "name_en" in entry else None,
        )  # fmt: skip
    return Catalogue(versions=procedures, rules=rules, data_as_of=get_date(raw, "data_as_of", "procedures.toml"))


@functools.cache
def catalogue() -> Catalogue:
    """The shipped catalogue (read on first use, then cached)."""
    return parse_catalogue(read_toml("procedures.toml"), sources())
