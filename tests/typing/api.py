"""Type-checked, never run: the public API as a user's editor and mypy --strict see it."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import motcua


def api() -> None:
    """Never called: pytest imports this module for doctests, mypy checks the body."""
    cal: motcua.WorkingCalendar = motcua.vietnam_calendar()
    ok: bool = cal.is_working_day(date(2026, 1, 2))
    due: date = cal.add_working_days(date(2026, 1, 2), 5)
    count: int = cal.working_days_between(date(2026, 1, 2), due)
    offs: tuple[motcua.DayOff, ...] = cal.days_off(2026)
    kind: motcua.DayKind = offs[0].kind
    source: motcua.LegalSource = offs[0].source
    citation: str = source.citation
    makeups: tuple[motcua.MakeupDay, ...] = cal.makeup_days(2026)
    status: motcua.CalendarStatus = cal.year_status(2026)
    local: motcua.WorkingCalendar = cal.with_days_off([date(2026, 3, 2)], source="Quyết định 1/QĐ-UBND")
    local = local.with_working_days([date(2026, 3, 7)], source="Quyết định 2/QĐ-UBND")
    local = local.with_office_hours(motcua.OfficeHours.parse("07:30-11:30, 13:30-17:00"))
    moment: datetime = local.add_working_hours(datetime(2026, 3, 2, 9), 4)
    spent: timedelta = local.working_time_between(datetime(2026, 3, 2, 9), moment)
    days: list[date] = cal.working_days(date(2026, 1, 1), date(2026, 1, 31))
    counts: list[int] = cal.working_days_between_many([date(2026, 1, 1)], [date(2026, 2, 1)])
    version: str = motcua.__version__
    error: type[ValueError] = motcua.CalendarRangeError
    warning: type[UserWarning] = motcua.EstimatedCalendarWarning


def time_limits() -> None:
    """Never called: the time-limit and catalogue API as mypy --strict sees it."""
    limit: motcua.TimeLimit = motcua.WorkingDays(3) + motcua.WorkingDays(2)
    deadline: motcua.Deadline = limit.deadline(datetime(2026, 1, 5, 9), motcua.vietnam_calendar())
    due: date = deadline.date
    moment: datetime = deadline.due_at
    text: str = deadline.explain("en")
    ok: bool = deadline.is_met_by(moment)
    conv = motcua.Conventions(after_hours_receipt="next-working-day")
    motcua.SameDay(cutoff=None).deadline(date(2026, 1, 5), conventions=conv)
    cat: motcua.Catalogue = motcua.catalogue()
    procedure: motcua.Procedure = cat.get("1.004873", on=date(2026, 1, 5))
    refs: tuple[motcua.LegalRef, ...] = procedure.legal
    found: list[motcua.Procedure] = cat.search("khai sinh")
    local: motcua.Catalogue = cat.with_time_limits(
        {"1.004873": motcua.WorkingDays(2)}, source="Quyết định 1/QĐ-UBND", valid_from=date(2026, 1, 1)
    ).scaled(0.7)
    again: motcua.Deadline = local.deadline("1.004873", datetime(2026, 1, 5, 9), verification=False)
    print(due, text, ok, refs, found, again)
