"""Period reports from columns: receipt and resolution times per procedure, as lists or arrays.

:func:`~motcua.period_report` reads :class:`~motcua.Dossier` objects, which is what a dossier
with supplements, verifications, hand-overs or an extension needs. Most dossiers have none of
these: they are received, then resolved (or not yet). For those, the report only needs two
columns of moments, and :func:`period_report_columns` computes the same form 06 counts from
them many times faster: the due date is worked out once per distinct receipt day with the
calendar's batch path, and each dossier then costs a few comparisons (pure Python for lists,
vectorised for numpy arrays).

>>> from datetime import date, datetime
>>> from motcua import catalogue
>>> from motcua.columnar import period_report_columns
>>> marital = catalogue().get("1.004873", on=date(2026, 4, 24))   # WorkingDays(3)
>>> received = [datetime(2026, 4, 24, 9, 0), datetime(2026, 4, 24, 9, 30), datetime(2026, 5, 20, 9, 0)]
>>> resolved = [datetime(2026, 4, 28, 10, 0), datetime(2026, 5, 6, 10, 0), None]
>>> r = period_report_columns(received, resolved, date(2026, 4, 1), date(2026, 5, 31),
...                           procedure=marital, channels=["in_person", "in_person", "online"])
>>> r.received, r.received_online, r.resolved, r.resolved_early, r.resolved_late, r.pending_overdue
(3, 1, 2, 1, 1, 1)

These are exactly the counts ``period_report`` gives for the same three dossiers (see the
example of :mod:`motcua.reports`).
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from ._warn import warn
from .calendar import WorkingCalendar, _to_local, vietnam_calendar
from .dossiers import Channel, DossierEventError
from .errors import UncertainDataWarning
from .procedures import NotInForceError, Procedure, catalogue
from .reports import _COUNT_FIELDS, PeriodReport, _report_moments
from .timelimits import DEFAULT_CONVENTIONS, CalendarDays, Conventions, Deadline, SameDay, TimeLimit, WorkingDays

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["combine_reports", "period_report_columns"]

#: A column of moments: a sequence of naive datetimes (``None`` for "not yet"), or a numpy
#: ``datetime64`` array (``NaT`` for "not yet").
Moments: TypeAlias = "Sequence[datetime | None] | npt.NDArray[Any]"
#: A column of channels: ``Channel`` members or their values (``"in_person"``, ``"postal"``, ``"online"``).
Channels: TypeAlias = "Sequence[Channel | str] | npt.NDArray[Any]"

# Per receipt day: (cut-off moment, start of the due day, due moment, and the same two for a
# receipt after the cut-off). Only SameDay limits have a cut-off; the others never pass it.
_Entry: TypeAlias = tuple[datetime, datetime, datetime, datetime, datetime]

_NEVER = datetime.max
_EPOCH = datetime(1970, 1, 1)
_US = timedelta(microseconds=1)
_US_PER_DAY = 86_400_000_000
_CHANNELS = frozenset(c.value for c in Channel)
_tzinfo = operator.attrgetter("tzinfo")


class _ResolvedBeforeReceipt(Exception):
    """Raised inside the counting loop; turned into a DossierEventError naming the element."""


def period_report_columns(
    received_at: Moments,
    resolved_at: Moments,
    start: date,
    end: date,
    *,
    procedure: Procedure | TimeLimit | str,
    channels: Channels | None = None,
    calendar: WorkingCalendar | None = None,
    as_of: datetime | date | None = None,
    verification: bool = False,
    group: Any = None,
) -> PeriodReport:
    """Form 06 for ``start``..``end`` from columns of receipt and resolution moments of one procedure.

    Gives exactly the counts of ::

        period_report(
            [Dossier(procedure, r, channel, events=[Resolved(x)] if x else []) for r, x, channel in ...],
            start, end, calendar=calendar, as_of=as_of,
        )

    that is, for dossiers whose only event is their resolution. Dossiers with supplement
    requests, verification, hand-overs, an extension, a refusal, a withdrawal or a closure need
    the object path (:func:`~motcua.period_report`); report those apart and add the reports
    with :func:`combine_reports`.

    Args:
        received_at: when each dossier was received: a sequence of naive Vietnam-local
            ``datetime`` objects (aware ones are converted), or a numpy ``datetime64`` array of
            any unit (read as naive Vietnam local time, at microsecond resolution like
            ``datetime``). A pandas ``Series`` is read through ``to_numpy()``; an array of
            Python objects like a list.
        resolved_at: when each was resolved, the same length; ``None`` (or ``NaT``) for a
            dossier not resolved yet. A resolution after the report moment counts as not yet.
        start, end: the period, both days included.
        procedure: a :class:`~motcua.Procedure` version (it must be in force on every receipt
            day counted, as for a dossier), a procedure code (the version in force on each
            receipt day is used, as ``Dossier(code, ...)`` does), or a bare
            :class:`~motcua.TimeLimit` such as ``WorkingDays(3)``.
        channels: ``None`` (every dossier in person), or one channel per dossier:
            :class:`~motcua.Channel` members or their values.
        calendar: the working calendar (default: :func:`~motcua.vietnam_calendar`). With office
            hours, a result is due by the closing time of the due day, as in
            :attr:`Deadline.due_at <motcua.Deadline.due_at>`.
        as_of: when the report is made (default: the end of the period), as for
            :func:`~motcua.period_report`.
        verification: use the procedure's limit for cases needing verification
            (``Dossier(..., verification=True)``).
        group: a label stored as ``group`` (e.g. the procedure code).

    The default deadline conventions apply, with the procedure version's own receipt cut-off
    where it has one: ``WorkingDays`` and ``CalendarDays`` due dates come from the calendar's
    batch path, once per distinct receipt day; ``SameDay`` compares each receipt time with its
    cut-off; hour limits, and versions with a receipt cut-off, fall back to one
    :meth:`TimeLimit.deadline <motcua.TimeLimit.deadline>` per dossier. A result is early if
    resolved before the due day, on time if by the due moment, late otherwise; an unresolved
    dossier is overdue once the report moment passes its due moment. Dossiers received after
    the report moment, or resolved before the period, are left out; those received before the
    period and still open at its start are carried over.

    Speed (``bench/bench_reports.py``, one core): about 12 million dossiers a second from numpy
    arrays and 1.5 to 2.7 million from lists, against about 130,000 for ``period_report`` over
    the same dossiers as objects. Converting lists of ``datetime`` to numpy costs more than the
    list path itself; pass arrays when the data already is in arrays (pandas, Arrow, a database
    driver).

    Raises:
        TypeError: a column of the wrong type (the message names it and the element).
        ValueError: columns of different lengths, an unknown channel, or a missing receipt.
        DossierEventError: a resolution earlier than its receipt (naming the element).
        NotInForceError: the procedure version is not in force on a receipt day counted.
    """
    moment, period_start = _report_moments(start, end, as_of)
    cal = vietnam_calendar() if calendar is None else calendar
    if not isinstance(cal, WorkingCalendar):
        raise TypeError(f"calendar must be a WorkingCalendar, got {type(cal).__name__}")
    limits = _LimitSource(procedure, verification)
    received_at, resolved_at = _unwrap(received_at), _unwrap(resolved_at)
    channels = _unwrap(channels) if channels is not None else None
    if _is_datetime_array(received_at) or _is_datetime_array(resolved_at):
        counts = _count_numpy(received_at, resolved_at, channels, moment, period_start, limits, cal)
    else:
        counts = _count_lists(received_at, resolved_at, channels, moment, period_start, limits, cal)
    early, on_time, late, pending, overdue, carried, online = counts
    kept = early + on_time + late + pending + overdue
    return PeriodReport(
        start,
        end,
        moment,
        received_online=online,
        received_direct=kept - carried - online,
        carried_over=carried,
        resolved_early=early,
        resolved_on_time=on_time,
        resolved_late=late,
        pending_within_time=pending,
        pending_overdue=overdue,
        group=group,
    )


def combine_reports(reports: Iterable[PeriodReport], *, by_group: bool = False) -> PeriodReport:
    """One report adding up reports of the same period and moment (partitions, procedures, paths).

    Every count is summed. Groups with the same key are summed too, so partial reports made
    with ``by=`` combine into the report ``period_report`` would give for all the dossiers.
    With ``by_group=True`` the inputs must be ungrouped, and each becomes (or is added to) the
    group named by its ``group`` label: per-procedure columnar reports made
    with ``group=code`` combine into the equivalent of ``period_report(..., by="procedure")``.

    >>> from datetime import date, datetime
    >>> from motcua import WorkingDays
    >>> from motcua.columnar import combine_reports, period_report_columns
    >>> def part(received, resolved, label):
    ...     return period_report_columns(received, resolved, date(2026, 1, 1), date(2026, 1, 31),
    ...                                  procedure=WorkingDays(3), group=label)
    >>> a = part([datetime(2026, 1, 5, 9)], [datetime(2026, 1, 6, 9)], "A")
    >>> b = part([datetime(2026, 1, 5, 9)], [datetime(2026, 1, 20, 9)], "B")
    >>> total = combine_reports([a, b], by_group=True)
    >>> total.resolved, total.resolved_early, total.resolved_late, list(total.groups)
    (2, 1, 1, ['A', 'B'])
    """
    parts = list(reports)
    if not parts:
        raise ValueError("combine_reports needs at least one report")
    for i, r in enumerate(parts):
        if not isinstance(r, PeriodReport):
            raise TypeError(f"reports[{i}] must be a PeriodReport, got {type(r).__name__}")
    first = parts[0]
    for i, r in enumerate(parts[1:], 1):
        if (r.start, r.end, r.as_of) != (first.start, first.end, first.as_of):
            raise ValueError(
                f"reports[{i}] covers {r.start}..{r.end} as of {r.as_of}, reports[0] covers "
                f"{first.start}..{first.end} as of {first.as_of}: only reports of the same period and moment add up"
            )
    labels = {r.group for r in parts}
    label = first.group if len(labels) == 1 else None
    if by_group:
        grouped = [i for i, r in enumerate(parts) if r.groups]
        if grouped:
            raise ValueError(f"by_group=True needs ungrouped reports; reports[{grouped[0]}] already has groups")
        members: dict[Any, list[PeriodReport]] = {}
        for r in parts:
            members.setdefault(r.group, []).append(r)
        groups = {k: _sum(v, k) for k, v in members.items()}
        label = None
    else:
        members = {}
        for r in parts:
            for k, g in r.groups.items():
                members.setdefault(k, []).append(g)
        groups = {k: _sum(v, k) for k, v in members.items()}
    ordered = dict(sorted(groups.items(), key=lambda kv: (kv[0] is None, str(kv[0]))))
    return attrs.evolve(_sum(parts, label), groups=ordered)


# --------------------------------------------------------------------------- shared pieces

_SUMMED = _COUNT_FIELDS  # the counters a PeriodReport adds up


def _sum(reports: list[PeriodReport], group: Any) -> PeriodReport:
    first = reports[0]
    counts = {name: sum(getattr(r, name) for r in reports) for name in _SUMMED}
    return PeriodReport(first.start, first.end, first.as_of, **counts, group=group)


class _LimitSource:
    """The time limit that applies on each receipt day, with the checks a dossier would get."""

    def __init__(self, procedure: object, verification: bool) -> None:
        if not isinstance(verification, bool):
            raise TypeError(f"verification must be a bool, got {type(verification).__name__}")
        self.verification = verification
        self.code: str | None = None
        self.procedure: Procedure | None = None
        self.limit: TimeLimit | None = None
        if isinstance(procedure, Procedure):
            self.procedure = procedure
        elif isinstance(procedure, str):
            catalogue().versions(procedure)  # an unknown code fails now, with suggestions
            self.code = procedure
        elif isinstance(procedure, TimeLimit):
            if verification:
                raise ValueError("verification=True needs a procedure (its verification limit), not a bare time limit")
            self.limit = procedure
        else:
            raise TypeError(
                "procedure must be a Procedure (catalogue().get(code, on=...)), a procedure code such as "
                f"'1.004873' or a TimeLimit such as WorkingDays(3), got {type(procedure).__name__}"
            )

    def limits(self, days: list[date], first_index: Callable[[date], int]) -> list[TimeLimit]:
        """The limit for each day; *first_index* finds an element received that day, for errors."""
        if self.limit is not None:
            return [self.limit] * len(days)
        versions: list[Procedure] = []
        if self.procedure is not None:
            p = self.procedure
            for day in days:
                if not p.in_force_on(day):
                    i = first_index(day)
                    until = p.valid_until.isoformat() if p.valid_until else "…"
                    raise NotInForceError(
                        f"received_at[{i}] is on {day}, but this version of {p.code} ({p.name}) is in force "
                        f"{p.valid_from}..{until}; pass the version in force then "
                        f"(catalogue().get({p.code!r}, on=...)) for those dossiers, or the code {p.code!r}"
                    )
            versions = [p] * len(days)
        else:
            assert self.code is not None
            cat = catalogue()
            versions = [cat.get(self.code, on=day) for day in days]
        out: list[TimeLimit] = []
        warned: set[int] = set()
        for p in versions:
            if p.certainty == "uncertain" and id(p) not in warned:
                warned.add(id(p))
                warn(
                    f"the time limit of {p.code} ({p.name}) from {p.valid_from} is uncertain: {p.note}",
                    UncertainDataWarning,
                )
            limit = p.time_limit
            if self.verification:
                if p.verification_limit is None:
                    raise ValueError(f"{p.code} ({p.name}) has no separate time limit for verification")
                limit = p.verification_limit
            # A version with a receipt cut-off needs each dossier's receipt time: the wrapper is
            # no day-table kind, so those dossiers take the per-dossier path.
            out.append(limit if p.receipt_cutoff is None else _WithCutoff(limit, p.conventions()))
        return out


@attrs.frozen
class _WithCutoff(TimeLimit):
    """A procedure's limit with its receipt cut-off, for the per-dossier path of the columnar report."""

    limit: TimeLimit
    conventions: Conventions

    def deadline(
        self,
        received_at: datetime | date,
        calendar: WorkingCalendar | None = None,
        *,
        conventions: Conventions = DEFAULT_CONVENTIONS,
    ) -> Deadline:
        return self.limit.deadline(received_at, calendar, conventions=self.conventions)


def _end_of(cal: WorkingCalendar, day: date) -> datetime:
    """The due moment on *day*: the closing time with office hours, else the end of the day."""
    hours = cal.office_hours
    return datetime.combine(day, hours.hours_on(day).closing if hours is not None else time.max)


def _day_table(days: list[date], limits: list[TimeLimit], cal: WorkingCalendar) -> dict[int, _Entry | None]:
    """Due moments per receipt day (by ordinal); ``None`` where the limit needs the receipt time."""
    by_limit: dict[TimeLimit, list[date]] = {}
    for day, limit in zip(days, limits, strict=True):
        by_limit.setdefault(limit, []).append(day)
    table: dict[int, _Entry | None] = {}
    starts: dict[date, datetime] = {}
    ends: dict[date, datetime] = {}

    def bounds(due: date) -> tuple[datetime, datetime]:
        if due not in starts:
            starts[due] = datetime.combine(due, time())
            ends[due] = _end_of(cal, due)
        return starts[due], ends[due]

    for limit, group in by_limit.items():
        kind = type(limit)
        if kind is WorkingDays:
            for day, due in zip(group, limit.due_dates(group, cal), strict=True):
                s, a = bounds(due)
                table[day.toordinal()] = (_NEVER, s, a, s, a)
        elif kind is CalendarDays:
            assert isinstance(limit, CalendarDays)
            rolled = cal.add_working_days_many(group, 0)
            shifted = [r + timedelta(days=limit.n) for r in rolled]
            for day, due in zip(group, cal.add_working_days_many(shifted, 0), strict=True):
                s, a = bounds(due)
                table[day.toordinal()] = (_NEVER, s, a, s, a)
        elif kind is SameDay:
            assert isinstance(limit, SameDay)
            cutoff = limit.cutoff
            if cutoff is not None:
                # The next working day is looked up for every working receipt day, in case a
                # receipt came after the cut-off; past the announced data that lookup would
                # warn where no dossier needs it, so the last announced working day and later
                # go through one deadline per dossier instead, warning exactly when one does.
                horizon = cal.working_days(cal.data_until - timedelta(days=31), cal.data_until)[-1]
                for day in [day for day in group if day >= horizon]:
                    table[day.toordinal()] = None
                group = [day for day in group if day < horizon]
            rolled = cal.add_working_days_many(group, 0)
            # A receipt after the cut-off on a working day is due the next working day; a
            # receipt on a day off is deemed received at the next opening, before any cut-off.
            working = [day for day, r in zip(group, rolled, strict=True) if r == day]
            following = dict(zip(working, cal.add_working_days_many(working, 1), strict=True)) if cutoff else {}
            for day, r in zip(group, rolled, strict=True):
                s, a = bounds(r)
                if cutoff is not None and day in following:
                    s2, a2 = bounds(following[day])
                    table[day.toordinal()] = (datetime.combine(day, cutoff), s, a, s2, a2)
                else:
                    table[day.toordinal()] = (_NEVER, s, a, s, a)
        else:  # hour limits (and any other kind): one deadline per dossier
            for day in group:
                table[day.toordinal()] = None
    return table


def _hourly(limit_of_day: dict[int, TimeLimit], cal: WorkingCalendar, received: datetime) -> _Entry:
    deadline = limit_of_day[received.toordinal()].deadline(received, cal)
    s = datetime.combine(deadline.date, time())
    a = deadline.due_at.replace(tzinfo=None)
    return (_NEVER, s, a, s, a)


def _unwrap(column: Any) -> Any:
    """pandas objects → numpy arrays (datetime64 or object); anything else unchanged."""
    if type(column).__module__.partition(".")[0] == "pandas" and hasattr(column, "to_numpy"):
        return column.to_numpy()
    return column


def _is_datetime_array(column: object) -> bool:
    return type(column).__module__ == "numpy" and getattr(getattr(column, "dtype", None), "kind", None) == "M"


def _as_list(column: object, name: str) -> list[Any]:
    if type(column) is list:
        return column
    if type(column).__module__ == "numpy" and hasattr(column, "tolist"):
        if getattr(column, "ndim", 1) != 1:
            raise TypeError(f"{name} must be one-dimensional")
        return list(column.tolist())
    if isinstance(column, (str, bytes, datetime, date)) or not isinstance(column, Iterable):
        raise TypeError(
            f"{name} must be a sequence of datetimes or a numpy datetime64 array, got {type(column).__name__}"
        )
    return list(column)


def _object_column(column: Any, name: str) -> Any:
    """*column*, refusing numpy arrays that hold neither datetime64 values nor objects."""
    if type(column).__module__ == "numpy" and getattr(getattr(column, "dtype", None), "kind", "O") != "O":
        raise TypeError(f"{name} must be an array of datetime64, got dtype {column.dtype}")
    return column


def _check_channels(channels: list[Any]) -> None:
    try:
        values = set(channels)
    except TypeError:
        values = set()
        for i, c in enumerate(channels):
            if not isinstance(c, str):
                raise TypeError(f"channels[{i}] must be a Channel or a str, got {type(c).__name__}") from None
    bad = values - _CHANNELS
    if bad:
        i = next(i for i, c in enumerate(channels) if c in bad)
        raise ValueError(
            f"channels[{i}] is {channels[i]!r}; use one of {', '.join(sorted(_CHANNELS))} (or motcua.Channel)"
        )


# --------------------------------------------------------------------------- lists


def _normalise(values: list[Any], name: str, missing_ok: bool) -> list[Any]:
    """Naive local datetimes (or None): aware ones converted, NaT and NaN read as missing."""
    if not missing_ok and set(map(type, values)) == {datetime}:
        return [_to_local(v, name)[0] for v in values] if any(map(_tzinfo, values)) else values
    out: list[datetime | None] = []
    for i, v in enumerate(values):
        if v is None or (v != v):  # None, NaT, NaN
            if not missing_ok:
                raise ValueError(f"{name}[{i}] is missing; every dossier needs its receipt moment")
            out.append(None)
        elif isinstance(v, datetime):
            local = _to_local(v, f"{name}[{i}]")[0] if v.tzinfo is not None else v
            if type(local) is not datetime:  # e.g. pandas.Timestamp: keep the microseconds a datetime holds
                local = datetime(*local.timetuple()[:6], local.microsecond)
            out.append(local)
        else:
            hint = "; pass datetime.combine(day, time(...))" if isinstance(v, date) else ""
            raise TypeError(f"{name}[{i}] must be a datetime.datetime, got {type(v).__name__}{hint}")
    return out


def _count_lists(
    received_at: object,
    resolved_at: object,
    channels: object,
    moment: datetime,
    period_start: datetime,
    limits: _LimitSource,
    cal: WorkingCalendar,
) -> tuple[int, int, int, int, int, int, int]:
    received = _as_list(_object_column(received_at, "received_at"), "received_at")
    resolved = _as_list(_object_column(resolved_at, "resolved_at"), "resolved_at")
    if len(received) != len(resolved):
        raise ValueError(f"received_at and resolved_at have different lengths ({len(received)} and {len(resolved)})")
    chans: list[Any] | None = None
    if channels is not None:
        chans = _as_list(channels, "channels")
        if len(chans) != len(received):
            raise ValueError(f"channels has {len(chans)} values for {len(received)} dossiers")
        _check_channels(chans)
    received = _normalise(received, "received_at", missing_ok=False)
    if not set(map(type, resolved)) <= {datetime, type(None)} or any(map(_tzinfo, filter(None, resolved))):
        resolved = _normalise(resolved, "resolved_at", missing_ok=True)

    # The due moments, once per distinct receipt day that the report counts.
    last = moment.toordinal()
    ordinals = sorted(o for o in set(map(datetime.toordinal, received)) if o <= last)
    # A report made during a day (as_of) judges only the dossiers received by then.
    partial_day = ordinals and ordinals[-1] == last and moment.time() != time.max
    if partial_day and not any(r <= moment for r in received if r.toordinal() == last):
        ordinals.pop()
    days = [date.fromordinal(o) for o in ordinals]
    chosen = limits.limits(days, lambda day: next(i for i, r in enumerate(received) if r.date() == day))
    table = _day_table(days, chosen, cal)
    dues: Iterator[_Entry | None]
    if any(e is None for e in table.values()):
        limit_of_day = dict(zip(ordinals, chosen, strict=True))

        def due_of(r: datetime) -> _Entry | None:
            if r > moment:
                return None
            entry = table[r.toordinal()]
            return _hourly(limit_of_day, cal, r) if entry is None else entry

        dues = map(due_of, received)
    else:
        dues = map(table.get, map(datetime.toordinal, received))
    try:
        early, on_time, late, pending, overdue, carried = _tally(received, resolved, dues, moment, period_start)
    except _ResolvedBeforeReceipt:
        i = next(i for i, (r, x) in enumerate(zip(received, resolved, strict=True)) if x is not None and x < r)
        raise DossierEventError(
            f"resolved_at[{i}] ({resolved[i]:%Y-%m-%d %H:%M}) is earlier than received_at[{i}] "
            f"({received[i]:%Y-%m-%d %H:%M}); a dossier is resolved after it is received"
        ) from None
    online = 0
    if chans is not None:
        # Received online within the period (none of these finished before it): counted apart,
        # over the online dossiers only, to keep the loop above short.
        online_received = itertools.compress(received, map(Channel.ONLINE.value.__eq__, chans))
        online = sum(1 for r in online_received if period_start <= r <= moment)
    return early, on_time, late, pending, overdue, carried, online


def _tally(
    received: list[datetime],
    resolved: list[datetime | None],
    dues: Iterator[_Entry | None],
    moment: datetime,
    period_start: datetime,
) -> tuple[int, int, int, int, int, int]:
    """The counting loop: a few comparisons per dossier (this is the hot path)."""
    early = on_time = late = pending = overdue = carried = 0
    for r, x, entry in zip(received, resolved, dues, strict=True):
        if r > moment:  # received after the report moment: not known yet
            if x is not None and x < r:
                raise _ResolvedBeforeReceipt
            continue
        cut, s, a, s2, a2 = entry  # type: ignore[misc]
        if r > cut:
            s, a = s2, a2
        if x is None or x > moment:
            if moment > a:
                overdue += 1
            else:
                pending += 1
            if r < period_start:
                carried += 1
            continue
        if x < r:
            raise _ResolvedBeforeReceipt
        if r < period_start:
            if x < period_start:  # finished before the period: not part of it
                continue
            carried += 1
        if x < s:
            early += 1
        elif x <= a:
            on_time += 1
        else:
            late += 1
    return early, on_time, late, pending, overdue, carried


# --------------------------------------------------------------------------- numpy


def _count_numpy(
    received_at: Any,
    resolved_at: Any,
    channels: Any,
    moment: datetime,
    period_start: datetime,
    limits: _LimitSource,
    cal: WorkingCalendar,
) -> tuple[int, int, int, int, int, int, int]:
    import numpy as np

    received = _datetime_array(received_at, "received_at")
    resolved = _datetime_array(resolved_at, "resolved_at")
    if received.shape != resolved.shape:
        raise ValueError(f"received_at and resolved_at have different lengths ({received.size} and {resolved.size})")
    missing = np.isnat(received)
    if missing.any():
        i = int(np.flatnonzero(missing)[0])
        raise ValueError(f"received_at[{i}] is NaT; every dossier needs its receipt moment")
    open_ = np.isnat(resolved)
    r = received.view(np.int64)
    x = resolved.view(np.int64)
    bad = ~open_ & (x < r)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        when, then = resolved[i].item(), received[i].item()
        raise DossierEventError(
            f"resolved_at[{i}] ({when:%Y-%m-%d %H:%M}) is earlier than received_at[{i}] ({then:%Y-%m-%d %H:%M}); "
            "a dossier is resolved after it is received"
        )
    is_online: Any = None
    if channels is not None:
        chans = np.asarray(channels) if type(channels).__module__ != "numpy" else channels
        if chans.shape != received.shape:
            raise ValueError(f"channels has {chans.size} values for {received.size} dossiers")
        is_online = chans == Channel.ONLINE.value
        known = is_online | (chans == Channel.IN_PERSON.value) | (chans == Channel.POSTAL.value)
        if not np.all(known):
            i = int(np.flatnonzero(~np.asarray(known, dtype=bool))[0])
            value = chans[i].item() if isinstance(chans[i], np.generic) else chans[i]
            raise ValueError(
                f"channels[{i}] is {value!r}; use one of {', '.join(sorted(_CHANNELS))} (or motcua.Channel)"
            )
        is_online = np.asarray(is_online, dtype=bool)

    m, p = _micros(moment), _micros(period_start)
    counted = r <= m
    done = ~open_ & (x <= m)
    keep = counted & ~(done & (x < p))
    day = r // _US_PER_DAY  # days since 1970-01-01 (the local calendar day of the receipt)
    if not counted.any():
        return 0, 0, 0, 0, 0, 0, 0
    lo, hi = int(day[counted].min()), int(day[counted].max())
    present = np.zeros(hi - lo + 1, dtype=bool)
    present[day[counted] - lo] = True
    offsets = np.flatnonzero(present)
    epoch = _EPOCH.toordinal()
    days = [date.fromordinal(epoch + lo + int(k)) for k in offsets]
    ordinals = [d.toordinal() for d in days]

    def first_index(d: date) -> int:
        return int(np.flatnonzero(counted & (day == d.toordinal() - epoch))[0])

    chosen = limits.limits(days, first_index)
    table = _day_table(days, chosen, cal)
    never = np.iinfo(np.int64).max
    columns = np.full((5, hi - lo + 1), never, dtype=np.int64)
    hourly_days = []
    for k, o in zip(offsets, ordinals, strict=True):
        entry = table[o]
        if entry is None:
            hourly_days.append(k)
        else:
            columns[:, k] = [never if v is _NEVER else _micros(v) for v in entry]
    index = np.clip(day - lo, 0, hi - lo)
    s, a = columns[1][index], columns[2][index]
    if (columns[0] != never).any():  # some receipt day has a cut-off (SameDay)
        after = r > columns[0][index]
        s = np.where(after, columns[3][index], s)
        a = np.where(after, columns[4][index], a)
    if hourly_days:
        limit_of_day = dict(zip(ordinals, chosen, strict=True))
        hourly = np.flatnonzero(counted & np.isin(day - lo, np.asarray(hourly_days)))
        moments = received[hourly].astype("datetime64[us]").tolist()
        for j, when in zip(hourly, moments, strict=True):
            _, start_j, due_j, _, _ = _hourly(limit_of_day, cal, when)
            s[j], a[j] = _micros(start_j), _micros(due_j)

    finished = keep & done
    early = finished & (x < s)
    late = finished & (x > a)
    n_early = int(np.count_nonzero(early))
    n_late = int(np.count_nonzero(late))
    n_on_time = int(np.count_nonzero(finished)) - n_early - n_late
    waiting = keep & ~done
    n_overdue = int(np.count_nonzero(waiting & (m > a)))
    n_pending = int(np.count_nonzero(waiting)) - n_overdue
    before = keep & (r < p)
    n_carried = int(np.count_nonzero(before))
    n_online = 0 if is_online is None else int(np.count_nonzero(keep & ~before & is_online))
    return n_early, n_on_time, n_late, n_pending, n_overdue, n_carried, n_online


def _micros(moment: datetime) -> int:
    return (moment - _EPOCH) // _US


def _datetime_array(column: Any, name: str) -> npt.NDArray[np.datetime64]:
    """A one-dimensional datetime64[us] array (naive Vietnam local time) from *column*."""
    import numpy as np

    if _is_datetime_array(column):
        array = column
    elif type(column).__module__ == "numpy":
        if column.dtype.kind != "O":
            raise TypeError(f"{name} must be an array of datetime64, got dtype {column.dtype}")
        array = np.array(_normalise(list(column), name, missing_ok=name != "received_at"), dtype="datetime64[us]")
    else:
        values = _normalise(_as_list(column, name), name, missing_ok=name != "received_at")
        array = np.array(values, dtype="datetime64[us]")
    if array.ndim != 1:
        raise TypeError(f"{name} must be one-dimensional, got {array.ndim} dimensions")
    converted: npt.NDArray[np.datetime64] = array.astype("datetime64[us]")
    return converted
