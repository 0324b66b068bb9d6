"""A year (or some months) of a working calendar, to read: month grids, days off, make-up days.

:meth:`WorkingCalendar.year() <motcua.WorkingCalendar.year>` returns a :class:`CalendarYear`:
``print()`` it for Monday-first month grids and the list of days off with their sources, show it
in a notebook for the same as HTML, or take :meth:`CalendarYear.to_records` for pandas.

>>> import motcua
>>> february = motcua.vietnam_calendar().year(2026, months=[2])
>>> february.working_days
15
>>> print("\\n".join(february.month_grid(2)))
        Tháng 2 2026
 T2  T3  T4  T5  T6  T7  CN
                          1
  2   3   4   5   6   7   8
  9  10  11  12  13  14  15
 16* 17* 18* 19* 20* 21  22
 23  24  25  26  27  28
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from collections.abc import Sequence
from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

import attrs

from .days import CalendarStatus, DayOff, MakeupDay

if TYPE_CHECKING:
    from .calendar import WorkingCalendar

__all__ = ["CalendarYear"]

_HEADER_VI = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")
_WEEK_TEXT = "".join(f"{h:>3} " for h in _HEADER_VI).rstrip()


def _months(months: Sequence[int] | None) -> tuple[int, ...]:
    if months is None:
        return tuple(range(1, 13))
    chosen = tuple(months)
    for m in chosen:
        if isinstance(m, bool) or not isinstance(m, int) or not 1 <= m <= 12:
            raise ValueError(f"months are integers from 1 to 12, got {m!r}")
    if not chosen:
        raise ValueError("months is empty; pass None for the whole year")
    return tuple(sorted(set(chosen)))


@attrs.frozen
class CalendarYear:
    """The working calendar of one year, or of some of its months, as a reader sees it.

    ``days_off`` and ``makeup_days`` are those of the chosen months, each with its source; a day
    off on a weekend (a holiday that produced a compensatory day) is listed but marks nothing new
    in the grids. Years past the announced data are ``estimated``, and say so.
    """

    calendar: WorkingCalendar
    year: int
    months: tuple[int, ...] = attrs.field(converter=_months, default=None)

    @property
    def days_off(self) -> tuple[DayOff, ...]:
        return tuple(d for d in self.calendar.days_off(self.year) if d.date.month in self.months)

    @property
    def makeup_days(self) -> tuple[MakeupDay, ...]:
        return tuple(m for m in self.calendar.makeup_days(self.year) if m.date.month in self.months)

    @property
    def status(self) -> CalendarStatus:
        return self.calendar.year_status(self.year)

    @property
    def note(self) -> str:
        """How the year's schedule was decided (Vietnamese)."""
        return self.calendar.year_note(self.year)

    @property
    def working_days(self) -> int:
        """The number of working days in the chosen months."""
        total = 0
        for month in self.months:
            first = date(self.year, month, 1)
            last = date(self.year, month, _stdlib_calendar.monthrange(self.year, month)[1])
            total += self.calendar.working_days_between(first, last) + self.calendar.is_working_day(first)
        return total

    def _weeks(self, month: int) -> list[list[date | None]]:
        if month not in self.months:
            raise ValueError(f"month {month} is not among this view's months {list(self.months)}")
        weeks = _stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(self.year, month)
        return [[d if d.month == month else None for d in week] for week in weeks]

    def month_grid(self, month: int) -> list[str]:
        """A Monday-first grid of *month*: ``*`` marks a weekday off, ``+`` a make-up working day."""
        makeups = {m.date for m in self.makeup_days}
        lines = [f"Tháng {month} {self.year}".center(len(_WEEK_TEXT)).rstrip(), _WEEK_TEXT]
        for week in self._weeks(month):
            cells = []
            for day in week:
                if day is None:
                    cells.append("    ")
                    continue
                off = not self.calendar.is_working_day(day) and day.weekday() < 5
                cells.append(f"{day.day:>3}{'+' if day in makeups else '*' if off else ' '}")
            lines.append("".join(cells).rstrip())
        return lines

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per day off or make-up day: date, kind, name, source and its article."""
        rows: list[dict[str, Any]] = [
            {
                "date": d.date,
                "weekday": d.weekday_vi,
                "kind": d.kind.value,
                "name": d.name,
                "on_weekend": d.on_weekend,
                "estimated": d.estimated,
                "source": d.source.citation,
                "article": d.article,
            }
            for d in self.days_off
        ]
        rows += [
            {
                "date": m.date,
                "weekday": m.weekday_vi,
                "kind": "makeup",
                "name": m.name,
                "on_weekend": True,
                "estimated": m.estimated,
                "source": m.source.citation,
                "article": None,
            }
            for m in self.makeup_days
        ]
        return sorted(rows, key=lambda r: r["date"])

    def _title(self) -> str:
        months = ", ".join(str(m) for m in self.months)
        period = f"năm {self.year}" if len(self.months) == 12 else f"tháng {months}/{self.year}"
        label = "đã xác nhận" if self.status is CalendarStatus.CONFIRMED else "ước tính"
        return f"Lịch làm việc của cán bộ, công chức, viên chức – {period} ({label})"

    def _count_line(self) -> str:
        from .vietnamese import format_number

        as_of = self.calendar.data_as_of
        return f"Số ngày làm việc: {format_number(self.working_days)}. Dữ liệu cập nhật đến {as_of:%d/%m/%Y}."

    def __str__(self) -> str:
        # A heading with nothing under it reads as missing data: say there is none.
        lines = [
            self._title(),
            self.note,
            self._count_line(),
            "",
            "Ngày nghỉ:" if self.days_off else "Ngày nghỉ: không có.",
        ]
        for d in self.days_off:
            weekend = " (trùng ngày nghỉ hằng tuần)" if d.on_weekend else ""
            article = f", {d.article}" if d.article else ""
            lines.append(f"  {d.date:%d/%m/%Y} {d.weekday_vi:<9} {d.kind.label_vi:<15} {d.name}{weekend}")
            lines.append(f"{'':>28}Nguồn: {d.source.citation}{article}")
        if self.makeup_days:
            lines += ["", "Ngày làm bù:"]
            for m in self.makeup_days:
                lines.append(f"  {m.date:%d/%m/%Y} {m.weekday_vi:<9} {m.name}")
                lines.append(f"{'':>28}Nguồn: {m.source.citation}")
        for month in self.months:
            lines += ["", *self.month_grid(month)]
        lines += ["", "* ngày thường được nghỉ (lễ, Tết, nghỉ bù, hoán đổi)   + ngày cuối tuần làm bù"]
        return "\n".join(lines)

    def __repr__(self) -> str:
        months = "" if len(self.months) == 12 else f", months={list(self.months)}"
        return (
            f"<CalendarYear {self.year}{months}: {len(self.days_off)} days off, {len(self.makeup_days)} make-up days>"
        )

    def _repr_html_(self) -> str:
        names = {d.date: d.name for d in self.days_off}
        makeups = {m.date: m.name for m in self.makeup_days}
        grids = []
        for month in self.months:
            rows = []
            for week in self._weeks(month):
                cells = []
                for day in week:
                    if day is None:
                        cells.append("<td></td>")
                        continue
                    if day in makeups:
                        style, tip = "background:#d8f0d8", makeups[day]
                    elif not self.calendar.is_working_day(day):
                        style = "background:#f6d5d5" if day in names else "color:#999"
                        tip = names.get(day, "")
                    else:
                        style, tip = "", ""
                    title = f' title="{escape(tip)}"' if tip else ""
                    cells.append(f'<td style="text-align:right;{style}"{title}>{day.day}</td>')
                rows.append("<tr>" + "".join(cells) + "</tr>")
            head = "".join(f"<th>{h}</th>" for h in _HEADER_VI)
            grids.append(
                '<table style="display:inline-table;margin:0 1em 1em 0;vertical-align:top">'
                f"<caption>Tháng {month}</caption><tr>{head}</tr>{''.join(rows)}</table>"
            )
        listed = "".join(
            f"<tr><td>{r['date']:%d/%m/%Y}</td><td>{escape(r['weekday'])}</td><td>{escape(r['name'])}</td>"
            f"<td>{escape(r['source'])}{escape(', ' + r['article']) if r['article'] else ''}</td></tr>"
            for r in self.to_records()
        )
        return (
            f"<div class='motcua-calendar'><p><b>{escape(self._title())}</b><br>{escape(self.note)}<br>"
            f"{escape(self._count_line())} "
            "<span style='background:#f6d5d5'>ngày nghỉ</span> "
            "<span style='background:#d8f0d8'>ngày làm bù</span></p>"
            f"{''.join(grids)}<table><tr><th>Ngày</th><th>Thứ</th><th>Tên</th><th>Nguồn</th></tr>{listed}</table></div>"
        )
