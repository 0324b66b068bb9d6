"""Type-checked, never run: the public API as a user's editor and mypy --strict see it."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import motcua

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
