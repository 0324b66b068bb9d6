"""Period reports: report form 06 (Biểu số 06/VPCP/KSTT), the official on-time rates, Decision 766.

>>> from datetime import date, datetime
>>> from motcua import Dossier, Resolved, period_report
>>> dossiers = [
...     Dossier("1.004873", datetime(2026, 4, 24, 9, 0), events=[Resolved(datetime(2026, 4, 28, 10, 0))]),
...     Dossier("1.004873", datetime(2026, 4, 24, 9, 30), events=[Resolved(datetime(2026, 5, 6, 10, 0))]),
...     Dossier("1.004873", datetime(2026, 5, 20, 9, 0), channel="online"),
... ]
>>> r = period_report(dossiers, date(2026, 4, 1), date(2026, 5, 31))
>>> r.received, r.received_online, r.resolved, r.resolved_early, r.resolved_late, r.pending_overdue
(3, 1, 2, 1, 1, 1)
>>> r.on_time_rate.percent()
Decimal('50.0')

Form 06's columns are attributes: ``received`` (3) = ``received_online`` (4) +
``received_direct`` (5) + ``carried_over`` (6); ``resolved`` (7) = ``resolved_early`` (8) +
``resolved_on_time`` (9) + ``resolved_late`` (10); ``pending`` (11) = ``pending_within_time``
(12) + ``pending_overdue`` (13). The form has no column for withdrawn or closed dossiers; they
are counted apart, and ``residual`` flags anything that does not balance.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time
from typing import Any

import attrs

from .calendar import WorkingCalendar, _to_local, vietnam_calendar
from .dossiers import Channel, Dossier, Outcome, PauseRule, Resolved, Returned, Timeline
from .stats import Proportion, shown_percent

__all__ = ["FORM_06_COLUMNS", "PeriodReport", "period_report"]

#: Form 06's columns: (column number, attribute, Vietnamese label).
FORM_06_COLUMNS: tuple[tuple[int, str, str], ...] = (
    (3, "received", "Số hồ sơ nhận giải quyết – Tổng số"),
    (4, "received_online", "Trong đó: Trực tuyến"),
    (5, "received_direct", "Trong đó: Trực tiếp, dịch vụ bưu chính"),
    (6, "carried_over", "Từ kỳ trước"),
    (7, "resolved", "Số hồ sơ đã giải quyết – Tổng số"),
    (8, "resolved_early", "Trước hạn"),
    (9, "resolved_on_time", "Đúng hạn"),
    (10, "resolved_late", "Quá hạn"),
    (11, "pending", "Số hồ sơ đang giải quyết – Tổng số"),
    (12, "pending_within_time", "Trong hạn"),
    (13, "pending_overdue", "Quá hạn"),
)

#: Decision 766/QĐ-TTg sub-index 2.1 ("hồ sơ xử lý trước hạn, đúng hạn"): 20 points. Its
#: full-marks threshold was not found, so the points are proportional to the rate (rate × 20).
POINTS_766_TIMELINESS = 20

GroupBy = str | Callable[[Dossier], Any]


@attrs.frozen(repr=False)
class PeriodReport:
    """Counts for one period (and optionally one group), with the rates derived from them."""

    start: date
    end: date
    as_of: datetime
    received_online: int = 0
    received_direct: int = 0
    carried_over: int = 0
    resolved_early: int = 0
    resolved_on_time: int = 0
    resolved_late: int = 0
    #: Of the resolved, how many were refusals after appraisal (judged against the limit too).
    refused: int = 0
    #: Of the late ones (resolved or pending), how many had an apology with a new date.
    late_apologised: int = 0
    pending_within_time: int = 0
    pending_overdue: int = 0
    withdrawn: int = 0
    closed: int = 0
    #: The group this report counts (None for the whole report).
    group: str | None = None
    groups: Mapping[Any, PeriodReport] = attrs.field(factory=dict)

    @property
    def received(self) -> int:
        """(3) = (4) + (5) + (6)."""
        return self.received_online + self.received_direct + self.carried_over

    @property
    def resolved(self) -> int:
        """(7) = (8) + (9) + (10)."""
        return self.resolved_early + self.resolved_on_time + self.resolved_late

    @property
    def pending(self) -> int:
        """(11) = (12) + (13)."""
        return self.pending_within_time + self.pending_overdue

    @property
    def residual(self) -> int:
        """Received minus everything accounted for; 0 when the report balances."""
        return self.received - self.resolved - self.pending - self.withdrawn - self.closed

    # ----------------------------------------------------------------- the three official rates

    @property
    def on_time_rate(self) -> Proportion | None:
        """Form 06's rate: resolved early or on time ÷ resolved, (8 + 9) ÷ 7."""
        return _rate(self.resolved_early + self.resolved_on_time, self.resolved)

    @property
    def on_time_rate_received(self) -> Proportion | None:
        """The internal-evaluation ratio: resolved on time ÷ received (Decree 61/2018 Art. 30(2)(c))."""
        return _rate(self.resolved_early + self.resolved_on_time, self.received)

    @property
    def progress_rate_766(self) -> Proportion | None:
        """Decision 766 sub-index 2.1: (finished on time + pending within time) ÷ (resolved + pending)."""
        return _rate(
            self.resolved_early + self.resolved_on_time + self.pending_within_time, self.resolved + self.pending
        )

    @property
    def timeliness_points_766(self) -> float | None:
        """Points of sub-index 2.1 (of 20): proportional to the rate; None with nothing to judge."""
        rate = self.progress_rate_766
        return None if rate is None else round(rate.value * POINTS_766_TIMELINESS, 2)

    # ----------------------------------------------------------------- output

    def to_records(self) -> list[dict[str, Any]]:
        """The whole report's dict, then one per group: form 06 columns, rates in per cent.

        A rate's ``*_pct`` is the exact share times 100 as a float, unrounded (99,999 of 100,000
        gives 99.999, never 100.0); round it for display with :func:`~motcua.shown_percent`.
        """
        return [self._record(), *(g._record() for g in self.groups.values())]

    def _record(self) -> dict[str, Any]:
        row: dict[str, Any] = {"group": self.group, "start": self.start, "end": self.end}
        for _, name, _ in FORM_06_COLUMNS:
            row[name] = getattr(self, name)
        row.update(
            refused=self.refused, late_apologised=self.late_apologised, withdrawn=self.withdrawn, closed=self.closed
        )
        for name in ("on_time_rate", "on_time_rate_received", "progress_rate_766"):
            rate = getattr(self, name)
            row[f"{name}_pct"] = None if rate is None else rate.successes * 100 / rate.n
        row["timeliness_points_766"] = self.timeliness_points_766
        return row

    def to_frame(self) -> Any:
        """The records as a pandas DataFrame (needs pandas: ``pip install pandas``)."""
        try:
            import pandas as pd
        except ImportError:  # pragma: no cover - depends on the environment
            raise ImportError("to_frame() needs pandas; install it with `pip install pandas`") from None
        return pd.DataFrame.from_records(self.to_records())

    def __repr__(self) -> str:
        group = f" [{self.group}]" if self.group is not None else ""
        return (
            f"<PeriodReport{group} {self.start}..{self.end}: received {self.received}, resolved {self.resolved} "
            f"({self.resolved_early} early, {self.resolved_on_time} on time, {self.resolved_late} late), "
            f"pending {self.pending} ({self.pending_overdue} overdue)>"
        )

    def _repr_html_(self) -> str:
        from html import escape

        rows = [self, *self.groups.values()] if self.groups else [self]
        head = "".join(f"<th>({num}) {escape(label)}</th>" for num, _, label in FORM_06_COLUMNS)
        body = ""
        for r in rows:
            cells = "".join(f"<td>{getattr(r, name)}</td>" for _, name, _ in FORM_06_COLUMNS)
            label = "Tổng cộng" if r is self else str(r.group)
            rate = r.on_time_rate
            pct = "–" if rate is None else f"{shown_percent(rate.value)} %"
            body += f"<tr><th>{escape(label)}</th>{cells}<td>{pct}</td></tr>"
        return (
            f"<table class='motcua-report'><caption>Biểu số 06: {self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}</caption>"
            f"<tr><th></th>{head}<th>Tỷ lệ đúng hạn</th></tr>{body}</table>"
        )


def _rate(successes: int, n: int) -> Proportion | None:
    return Proportion(successes, n) if n else None


_GROUP_KEYS: Mapping[str, Callable[[Dossier], Any]] = {
    "procedure": lambda d: d.procedure.code,
    "field": lambda d: d.procedure.field,
    "agency": lambda d: d.agency,
    "channel": lambda d: d.channel.value,
}


def _key_function(by: GroupBy) -> Callable[[Dossier], Any]:
    if callable(by):
        return by
    try:
        return _GROUP_KEYS[by]
    except KeyError:
        raise ValueError(f"by must be one of {', '.join(_GROUP_KEYS)} or a function of a dossier, got {by!r}") from None


_COUNT_FIELDS = (
    "received_online",
    "received_direct",
    "carried_over",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "refused",
    "late_apologised",
    "pending_within_time",
    "pending_overdue",
    "withdrawn",
    "closed",
)


class _Counts:
    """Mutable tallies while reading the dossiers; frozen into a PeriodReport at the end."""

    __slots__ = _COUNT_FIELDS
    received_online: int
    received_direct: int
    carried_over: int
    resolved_early: int
    resolved_on_time: int
    resolved_late: int
    refused: int
    late_apologised: int
    pending_within_time: int
    pending_overdue: int
    withdrawn: int
    closed: int

    def __init__(self) -> None:
        for name in _COUNT_FIELDS:
            setattr(self, name, 0)

    def report(self, start: date, end: date, as_of: datetime, group: Any = None) -> PeriodReport:
        counts = {name: getattr(self, name) for name in _COUNT_FIELDS}
        return PeriodReport(start, end, as_of, **counts, group=group)


def _report_moments(start: date, end: date, as_of: datetime | date | None) -> tuple[datetime, datetime]:
    """(the report moment, the start of the period), checked."""
    if (
        not isinstance(start, date)
        or isinstance(start, datetime)
        or not isinstance(end, date)
        or isinstance(end, datetime)
    ):
        raise TypeError("start and end must be dates (datetime.date)")
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    period_end = datetime.combine(end, time.max)
    if as_of is None:
        moment = period_end
    elif isinstance(as_of, datetime):
        moment = min(_to_local(as_of, "as_of")[0], period_end)
    elif isinstance(as_of, date):
        moment = min(datetime.combine(as_of, time.max), period_end)
    else:
        raise TypeError(f"as_of must be a datetime or date, got {type(as_of).__name__}")
    return moment, datetime.combine(start, time())


def period_report(
    dossiers: Iterable[Dossier],
    start: date,
    end: date,
    *,
    calendar: WorkingCalendar | None = None,
    as_of: datetime | date | None = None,
    by: GroupBy | None = None,
    rule: PauseRule | str = PauseRule.LEGAL,
) -> PeriodReport:
    """Form 06 for the period ``start``..``end`` (both included), judged at the end of ``end``.

    ``as_of`` (default: the end of the period) is when the report is made: events after it are
    not known yet. Dossiers received after the period are ignored; those received before it and
    still open at its start are carried over. ``by`` groups the counts by ``"procedure"``,
    ``"field"``, ``"agency"``, ``"channel"`` or any function of a dossier.
    """
    moment, period_start = _report_moments(start, end, as_of)
    cal = vietnam_calendar() if calendar is None else calendar
    key_of = _key_function(by) if by is not None else None
    total = _Counts()
    groups: dict[Any, _Counts] = {}
    pause_rule = PauseRule(rule)
    for d in dossiers:
        if not isinstance(d, Dossier):
            raise TypeError(f"dossiers must contain Dossier objects, got {type(d).__name__}")
        received = d.received_local
        if received > moment:
            continue
        outcome, ended, apologised, refused = _classify(d, received, cal, moment, pause_rule)
        if ended is not None and ended < period_start:
            continue  # finished before the period: not part of it
        targets = [total]
        if key_of is not None:
            key = key_of(d)
            counts = groups.get(key)
            if counts is None:
                counts = groups[key] = _Counts()
            targets.append(counts)
        for c in targets:
            if received < period_start:
                c.carried_over += 1
            elif d.channel is Channel.ONLINE:
                c.received_online += 1
            else:
                c.received_direct += 1
            if outcome is Outcome.EARLY:
                c.resolved_early += 1
            elif outcome is Outcome.ON_TIME:
                c.resolved_on_time += 1
            elif outcome is Outcome.LATE:
                c.resolved_late += 1
            elif outcome is Outcome.PENDING:
                c.pending_within_time += 1
            elif outcome is Outcome.OVERDUE:
                c.pending_overdue += 1
            elif outcome is Outcome.STOPPED:
                if refused == "closed":
                    c.closed += 1
                else:
                    c.withdrawn += 1
            if refused == "refused" and outcome.finished:
                c.refused += 1
            if apologised and outcome in (Outcome.LATE, Outcome.OVERDUE):
                c.late_apologised += 1
    report = total.report(start, end, moment)
    if key_of is not None:
        ordered = sorted(groups.items(), key=lambda kv: (kv[0] is None, str(kv[0])))
        report = attrs.evolve(report, groups={k: c.report(start, end, moment, k) for k, c in ordered})
    return report


def _classify(
    d: Dossier, received: datetime, cal: WorkingCalendar, moment: datetime, rule: PauseRule
) -> tuple[Outcome, datetime | None, bool, str]:
    """(outcome, end of processing, apologised, how it stopped) as of *moment*.

    Dossiers with no pauses, transfers or extension (the great majority) are judged straight
    from their deadline; everything else goes through the full timeline.
    """
    events = d.events
    proc = d.procedure
    simple = all(type(e) in (Resolved, Returned) for e in events)
    if simple and proc.certainty != "uncertain" and proc.in_force_on(received.date()):
        deadline = proc.time_limit if not d.verification else proc.verification_limit
        if deadline is not None:
            due = deadline.deadline(d.received_at, cal, conventions=proc.conventions())
            due_at = due.due_at.replace(tzinfo=None)
            end = next((e.local_at for e in events if e.local_at <= moment), None)
            if end is None:
                return (Outcome.OVERDUE if moment > due_at else Outcome.PENDING), None, False, ""
            if end.date() < due.date:
                return Outcome.EARLY, end, False, ""
            return (Outcome.ON_TIME if end <= due_at else Outcome.LATE), end, False, ""
    t: Timeline = d.timeline(cal, as_of=moment, rule=rule)
    how = t.status.name.lower() if t.outcome is Outcome.STOPPED else ("refused" if t.status.name == "REFUSED" else "")
    return t.outcome, t.ended_at, t.apologised, how
