"""The embedded example: the seed ward's 2016 replayed on the real 2016 calendar, with SYNTHETIC data.

Everything this module produces is *dữ liệu mô phỏng* (synthetic data), not the ward's real
records: the register is drawn from a seeded random generator so that it reproduces the story's
published totals (9,158 dossiers, all resolved early or on time; 517 survey forms, 415 online and
102 in person, 100 % satisfied). The procedure mix, the channel shares, the office hours, the
dossier codes, the people and the ward ("phường Hải Đăng") are invented; the calendar, the
procedures, their time limits and every computation are the library's real ones.

>>> from motcua.example import run_example
>>> result = run_example(n=300)
>>> result.report.received, result.report.resolved_late, result.report.residual
(300, 0, 0)
>>> print(result.summary_text().splitlines()[0])
motcua example – phường Hải Đăng (hư cấu), năm 2016 – DỮ LIỆU MÔ PHỎNG (synthetic data)
"""

from __future__ import annotations

import bisect
import calendar as _stdlib_calendar
import itertools
import random
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from html import escape
from typing import Any

import attrs

from motcua.calendar import WorkingCalendar, vietnam_calendar
from motcua.dossiers import Channel, Dossier, Outcome, Resolved, Returned, Timeline
from motcua.office_hours import OfficeHours
from motcua.offices import Office
from motcua.procedures import Procedure, catalogue
from motcua.reports import FORM_06_COLUMNS, PeriodReport, period_report
from motcua.stats import Proportion, shown_percent
from motcua.surveys import SurveySummary, SurveyTally
from motcua.timelimits import CalendarDays, SameDay, WorkingDays
from motcua.vietnamese import format_number

__all__ = [
    "CODE_PATTERN",
    "EXAMPLE_OFFICE",
    "OFFICE_HOURS",
    "ONLINE_SHARE",
    "ON_DUE_DATE_SHARE",
    "PROCEDURE_MIX",
    "SAME_DAY_AFTER_CUTOFF_SHARE",
    "SURVEY_COUNTS",
    "SYNTHETIC_NOTICE",
    "ExampleLetter",
    "ExampleResult",
    "run_example",
    "seed_register",
    "seed_survey",
]

#: The label every output of this module carries.
SYNTHETIC_NOTICE = (
    "Dữ liệu mô phỏng (synthetic data): sổ hồ sơ, phiếu khảo sát, người dân và phường Hải Đăng đều do "
    "motcua tạo ra để tái hiện các con số đã công bố của câu chuyện năm 2016; đây không phải hồ sơ thật "
    "của phường. Lịch làm việc, thủ tục, thời hạn và mọi phép tính là dữ liệu và quy tắc thật của thư viện."
)

#: The invented procedure mix of a ward's one-stop desk: national procedure code → relative weight
#: (per mille). Certifications (chứng thực) dominate, then civil status (hộ tịch): marital-status
#: certificates and birth registrations, extract copies, marriages, deaths. The weights are made up
#: to look plausible; the ward's real mix is not known. Translators' signatures (2.000992, 2.001008)
#: and marriages with a foreign element (2.000806) are left out: before 1/7/2025 they were district
#: work (the catalogue's notes say so).
PROCEDURE_MIX: Mapping[str, int] = {
    "2.000815": 559,  # Chứng thực bản sao từ bản chính
    "2.000884": 150,  # Chứng thực chữ ký
    "2.001035": 40,  # Chứng thực hợp đồng, giao dịch
    "2.000908": 10,  # Cấp bản sao từ sổ gốc
    "2.001406": 8,  # Chứng thực văn bản thỏa thuận phân chia di sản
    "2.001016": 5,  # Chứng thực văn bản từ chối nhận di sản
    "2.001019": 3,  # Chứng thực di chúc
    "2.000913": 2,  # Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng
    "2.000927": 1,  # Sửa lỗi sai sót trong hợp đồng đã chứng thực
    "1.004873": 60,  # Cấp Giấy xác nhận tình trạng hôn nhân
    "1.001193": 60,  # Đăng ký khai sinh
    "2.000635": 40,  # Cấp bản sao trích lục hộ tịch
    "1.000894": 25,  # Đăng ký kết hôn
    "1.000656": 20,  # Đăng ký khai tử
    "1.004859": 8,  # Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch
    "1.004884": 4,  # Đăng ký lại khai sinh
    "1.001022": 1,  # Đăng ký nhận cha, mẹ, con
    "1.004837": 1,  # Đăng ký giám hộ
    "1.004845": 1,  # Đăng ký chấm dứt giám hộ
    "1.004746": 1,  # Đăng ký lại kết hôn
    "1.005461": 1,  # Đăng ký lại khai tử
}

#: Invented share of dossiers filed online, by field: civil-status requests could be filed on the
#: city's portal; certifications need the originals or the signature in front of the officer.
ONLINE_SHARE: Mapping[str, float] = {"Hộ tịch": 0.08, "Chứng thực": 0.0}

#: Invented office hours of the desk (Đà Nẵng's 2016 decision was not found): receipts fall in
#: these sessions on working days, results are ready in them too.
OFFICE_HOURS = OfficeHours.parse("07:30-11:30, 13:30-17:00")

#: Invented: of the dossiers with a limit of several days, the share resolved on the due date
#: itself (on time); the others are resolved on an earlier working day (early).
ON_DUE_DATE_SHARE = 0.3

#: Invented: of the same-day dossiers received after the 15:00 cut-off (due the next working
#: day), the share still resolved the same afternoon (early).
SAME_DAY_AFTER_CUTOFF_SHARE = 0.5

#: Dossier codes: ``000.00.00.H00-YYMMDD-NNNN``, the shape of today's national dossier codes
#: (agency code, receipt date, that day's sequence number from 0001). The agency part
#: "000.00.00.H00" is a placeholder that names no real unit; 2016 software used its own numbering.
CODE_PATTERN = "000.00.00.H00-{received:%y%m%d}-{sequence:04d}"

#: The story's survey: 415 forms online and 102 in person, every one satisfied. The split between
#: "Rất hài lòng" and "Hài lòng" is not known, so all are tallied at "Hài lòng".
SURVEY_COUNTS: Mapping[Channel, Mapping[str, int]] = {
    Channel.ONLINE: {"Hài lòng": 415},
    Channel.IN_PERSON: {"Hài lòng": 102},
}

#: The fictitious ward that signs the example letters.
EXAMPLE_OFFICE = Office(name="Ủy ban nhân dân\nphường Hải Đăng", locality="Hải Đăng", symbol="UBND")

_WARD = "phường Hải Đăng (hư cấu)"
_BIRTH = "1.001193"
_DEATH = "1.000656"
#: Days between the event and its registration in the example letters (invented).
_BIRTH_TO_REGISTRATION = timedelta(days=9)
_DEATH_TO_REGISTRATION = timedelta(days=2)


def _office_minutes(hours: OfficeHours, *, closing: bool) -> list[int]:
    """Minutes after midnight inside the sessions (with each session's end when *closing*)."""
    out: list[int] = []
    for s in hours.sessions:
        start, end = s.start.hour * 60 + s.start.minute, s.end.hour * 60 + s.end.minute
        out.extend(range(start, end + 1 if closing else end))
    return out


_RECEIPT_MINUTES = _office_minutes(OFFICE_HOURS, closing=False)
_RESULT_MINUTES = _office_minutes(OFFICE_HOURS, closing=True)
#: A same-day result is ready within this many office minutes of the receipt (invented).
_SAME_DAY_WINDOW = 120


def _at(day: date, minute: int) -> datetime:
    return datetime.combine(day, time(minute // 60, minute % 60))


def _check_int(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    return value


def _mix(year: int) -> list[tuple[str, int]]:
    """The mix entries whose ward-level, day-counted versions are in force all through *year*."""
    cat = catalogue()
    first, last = date(year, 1, 1), date(year, 12, 31)
    kept: list[tuple[str, int]] = []
    for code, weight in PROCEDURE_MIX.items():
        versions = [
            v for v in cat.versions(code) if v.valid_from <= last and (v.valid_until is None or v.valid_until >= first)
        ]
        covered = bool(versions) and versions[0].valid_from <= first
        covered = covered and all(
            v.valid_until is not None and v.valid_until + timedelta(days=1) == w.valid_from
            for v, w in itertools.pairwise(versions)
        )
        covered = covered and (versions[-1].valid_until is None or versions[-1].valid_until >= last)
        if covered and all(
            v.level == "commune"
            and v.certainty != "uncertain"
            and isinstance(v.time_limit, (SameDay, WorkingDays, CalendarDays))
            for v in versions
        ):
            kept.append((code, weight))
    return kept


def _allocate(n: int, mix: Sequence[tuple[str, int]]) -> list[str]:
    """*n* codes in the mix's proportions (largest remainders), in mix order."""
    total = sum(w for _, w in mix)
    exact = [(code, n * w / total) for code, w in mix]
    counts = {code: int(x) for code, x in exact}
    short = n - sum(counts.values())
    for code, _ in sorted(exact, key=lambda cx: (-(cx[1] - int(cx[1])), cx[0]))[:short]:
        counts[code] += 1
    return [code for code, _ in mix for _ in range(counts[code])]


def _resolution(
    rng: random.Random, cal: WorkingCalendar, proc: Procedure, received: datetime, last_day: date
) -> datetime:
    """A moment within office hours, after *received*, by the due date and not after *last_day*."""
    due = proc.deadline(received, cal).date
    day = received.date()
    minute = received.hour * 60 + received.minute
    if isinstance(proc.time_limit, SameDay):
        # By the 15:00 cut-off the result is due that day; after it, the next working day.
        after_cutoff = due != day and day < last_day
        chosen = due if after_cutoff and rng.random() >= SAME_DAY_AFTER_CUTOFF_SHARE else day
    else:
        later = cal.working_days(day + timedelta(days=1), min(due, last_day))
        if not later:
            chosen = day
        elif later[-1] == due and (len(later) == 1 or rng.random() < ON_DUE_DATE_SHARE):
            chosen = due
        else:
            chosen = rng.choice(later[:-1] if later[-1] == due else later)
    if chosen == day:
        lo = bisect.bisect_right(_RESULT_MINUTES, minute)
        return _at(day, _RESULT_MINUTES[lo + rng.randrange(min(_SAME_DAY_WINDOW, len(_RESULT_MINUTES) - lo))])
    return _at(chosen, rng.choice(_RESULT_MINUTES))


def seed_register(year: int = 2016, n: int = 9158, *, seed: int = 2016) -> tuple[Dossier, ...]:
    """A SYNTHETIC one-stop register (dữ liệu mô phỏng) of *n* dossiers received at a ward in *year*.

    Not the ward's real records. Procedures follow :data:`PROCEDURE_MIX` (invented weights,
    exact up to rounding) over the ward-level versions in force all year; receipts fall on
    working days of :func:`~motcua.vietnam_calendar`, during :data:`OFFICE_HOURS`; channels follow
    :data:`ONLINE_SHARE` (the rest in person). Every dossier is resolved (then returned) within
    office hours, early or on its due date under the library's own deadline, and within the year:
    same-day procedures received before 15:00 the same day. Codes follow :data:`CODE_PATTERN`, in
    receipt order. ``random.Random(seed)`` drives everything: the same arguments always give the
    same tuple.

    >>> register = seed_register(n=5)
    >>> [d.code for d in register][:2]
    ['000.00.00.H00-160304-0001', '000.00.00.H00-160405-0001']
    >>> register == seed_register(n=5), register == seed_register(n=5, seed=1)
    (True, False)
    """
    year, n, seed = _check_int(year, "year"), _check_int(n, "n"), _check_int(seed, "seed")
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    cal = vietnam_calendar()
    days = cal.working_days(date(year, 1, 1), date(year, 12, 31))
    mix = _mix(year)
    if not mix or not days:
        raise ValueError(
            f"no procedure of the example's mix is in force at ward level throughout {year}; "
            "the civil-status versions start on 2016-01-01, so use a year from 2016 on (2016 is the story's)"
        )
    rng = random.Random(seed)
    cat = catalogue()
    codes = _allocate(n, mix)
    rng.shuffle(codes)
    drafts: list[tuple[datetime, int, Procedure, Channel, datetime]] = []
    for i, code in enumerate(codes):
        day = rng.choice(days)
        received = _at(day, rng.choice(_RECEIPT_MINUTES))
        proc = cat.get(code, on=day)
        online = rng.random() < ONLINE_SHARE.get(proc.field, 0.0)
        resolved = _resolution(rng, cal, proc, received, days[-1])
        drafts.append((received, i, proc, Channel.ONLINE if online else Channel.IN_PERSON, resolved))
    drafts.sort(key=lambda d: (d[0], d[1]))
    register: list[Dossier] = []
    sequence, current = 0, date.min
    for received, _, proc, channel, resolved in drafts:
        sequence = sequence + 1 if received.date() == current else 1
        current = received.date()
        # Handed over up to 30 office minutes later, the same day.
        i = bisect.bisect_left(_RESULT_MINUTES, resolved.hour * 60 + resolved.minute) + rng.randrange(0, 31)
        returned = _at(resolved.date(), _RESULT_MINUTES[min(i, len(_RESULT_MINUTES) - 1)])
        register.append(
            Dossier(
                proc,
                received,
                channel,
                CODE_PATTERN.format(received=received, sequence=sequence),
                (Resolved(resolved), Returned(returned)),
            )
        )
    return tuple(register)


def seed_survey() -> SurveyTally:
    """The story's 517 survey forms as a SYNTHETIC tally (dữ liệu mô phỏng): 415 online, 102 in person.

    The story says only that 100 % were satisfied; the split between "Rất hài lòng" and "Hài
    lòng" is not known, so every form is tallied at "Hài lòng" on the three-level online scale
    (``online-3``, the closest shipped scale; the 2016 forms' own scale is not known either).
    Read the satisfied share, not the top-box share, which is 0 % only by this choice.

    >>> survey = seed_survey()
    >>> survey.total, round(survey.satisfaction().interval()[0], 4)   # Wilson, 95 %
    (517, 0.9926)
    """
    counts: dict[Channel | str, Mapping[str, int]] = dict(SURVEY_COUNTS.items())
    return SurveyTally.from_counts(counts, "online-3")


# --------------------------------------------------------------------------- the result


@attrs.frozen
class ExampleLetter:
    """One letter of the example (SYNTHETIC: fictitious ward and people), after a register's dossier."""

    template: str
    dossier: Dossier
    fields: Mapping[str, Any]
    text: str
    html: str

    @property
    def title(self) -> str:
        """The letter's kind in Vietnamese, for captions."""
        return "Thư chúc mừng khai sinh" if self.template == "chuc-mung-khai-sinh" else "Thư chia buồn"


@attrs.frozen(repr=False)
class ExampleResult:
    """The example's outputs, all computed by the library from SYNTHETIC data (dữ liệu mô phỏng).

    ``monthly`` holds, per month, the form 06 on-time rate of the dossiers resolved in it (None
    for a month with none).
    """

    year: int
    seed: int
    register: tuple[Dossier, ...]
    timelines: tuple[Timeline, ...]
    report: PeriodReport
    monthly: tuple[tuple[int, Proportion | None], ...]
    survey: SurveyTally
    survey_summary: SurveySummary
    letters: tuple[ExampleLetter, ...]

    def __repr__(self) -> str:
        return (
            f"<ExampleResult {self.year} (synthetic): {len(self.register)} dossiers, "
            f"{self.survey.total} survey forms, {len(self.letters)} letters>"
        )

    # ------------------------------------------------------------------ numbers

    def _procedures(self) -> dict[str, Procedure]:
        found: dict[str, Procedure] = {}
        for d in self.register:
            found.setdefault(d.procedure.code, d.procedure)
        return found

    def _rates(self) -> list[tuple[str, str, Proportion | None]]:
        r = self.report
        return [
            (
                "on_time_rate",
                "Biểu 06, (8)+(9) trên (7) – early or on time ÷ resolved",
                r.on_time_rate,
            ),
            (
                "on_time_rate_received",
                "Trên số nhận, Nghị định 61/2018 Đ.30 k.2 điểm c – early or on time ÷ received",
                r.on_time_rate_received,
            ),
            (
                "progress_rate_766",
                "Quyết định 766, chỉ số 2.1 – (early or on time + pending within time) ÷ (resolved + pending)",
                r.progress_rate_766,
            ),
        ]

    def key_numbers(self) -> dict[str, Any]:
        """The key numbers of the SYNTHETIC year as JSON-ready values (what ``motcua example --json`` prints)."""
        r = self.report
        channels = {c.value: sum(1 for d in self.register if d.channel is c) for c in Channel}
        return {
            "synthetic": True,
            "notice": SYNTHETIC_NOTICE,
            "year": self.year,
            "seed": self.seed,
            "dossiers": len(self.register),
            "procedures": len(self._procedures()),
            "channels": {k: v for k, v in channels.items() if v},
            "form_06": {name: getattr(r, name) for _, name, _ in FORM_06_COLUMNS} | {"residual": r.residual},
            "rates": {key: _proportion_record(p) for key, _, p in self._rates()},
            "timeliness_points_766": r.timeliness_points_766,
            "monthly": [{"month": m, **(_proportion_record(p) or {})} for m, p in self.monthly],
            "survey": {
                row.key: {"n": row.n, **(_proportion_record(row.satisfied) or {})} for row in self.survey_summary.rows
            },
            "letters": [
                {"template": x.template, "dossier": x.dossier.code, "date": _letter_date(x).isoformat()}
                for x in self.letters
            ],
        }

    # ------------------------------------------------------------------ text

    def summary_text(self, *, html: bool = True) -> str:
        """A readable Vietnamese summary (with English glosses) of the SYNTHETIC year.

        ``html=False`` when no HTML report is written: the letters are then not pointed to it.
        """
        r = self.report
        cal = vietnam_calendar()
        n = len(self.register)
        procs = self._procedures()
        online = sum(1 for d in self.register if d.channel is Channel.ONLINE)
        working = len(cal.working_days(date(self.year, 1, 1), date(self.year, 12, 31)))
        off = [d for d in cal.days_off(self.year) if not d.on_weekend]
        lines = [
            f"motcua example – {_WARD}, năm {self.year} – DỮ LIỆU MÔ PHỎNG (synthetic data)",
            SYNTHETIC_NOTICE,
            "",
            f"Lịch {self.year} (calendar): {_n(working)} ngày làm việc, {_n(len(off))} ngày nghỉ lễ, Tết, nghỉ bù "
            f"trong tuần, {_n(len(cal.makeup_days(self.year)))} ngày làm bù.",
            f"  {cal.year_note(self.year)}",
            f"Sổ hồ sơ (register): {_n(n)} hồ sơ, {_n(len(procs))} thủ tục cấp xã, hạt giống (seed) {self.seed}; "
            f"{_n(n - online)} nộp trực tiếp (in person), {_n(online)} trực tuyến (online).",
            "",
            f"Biểu số 06, {r.start:%d/%m/%Y}–{r.end:%d/%m/%Y} (report form 06):",
            f"  (3) Nhận giải quyết (received): {_n(r.received)} = (4) trực tuyến {_n(r.received_online)}"
            f" + (5) trực tiếp, bưu chính {_n(r.received_direct)} + (6) từ kỳ trước {_n(r.carried_over)}",
            f"  (7) Đã giải quyết (resolved): {_n(r.resolved)} = (8) trước hạn {_n(r.resolved_early)}"
            f" + (9) đúng hạn {_n(r.resolved_on_time)} + (10) quá hạn {_n(r.resolved_late)}",
            f"  (11) Đang giải quyết (pending): {_n(r.pending)} = (12) trong hạn {_n(r.pending_within_time)}"
            f" + (13) quá hạn {_n(r.pending_overdue)}",
            "",
            "Ba tỷ lệ đúng hạn (the three official on-time rates), khoảng tin cậy (KTC) 95 % Wilson:",
        ]
        lines += [f"  {label}: {_share(p)}" for _, label, p in self._rates()]
        points = r.timeliness_points_766
        lines.append(f"  Điểm chỉ số 2.1 (Decision 766 points): {'–' if points is None else _n(points)}/20")
        lines.append("  Theo tháng giải quyết (by month resolved):")
        for m, p in self.monthly:
            lines.append(f"    Tháng {m:>2}: {_share(p)}")
        lines += [
            "",
            f"Khảo sát hài lòng (satisfaction survey): {_n(self.survey.total)} phiếu, "
            + ", ".join(
                f"{c.label_vi.lower()} {_n(sum(self.survey.level_counts(c).values()))}" for c in self.survey.channels
            ),
        ]
        for row in self.survey_summary.rows:
            lines.append(f"  {row.label}: {_share(row.satisfied)}")
        total = self.survey_summary.rows[-1].interval
        low = "–" if total is None else f"{_n(shown_percent(total[0], 2, 'down'))} %"  # a lower bound: round down
        forms = self.survey.total
        lines += [
            "  Mức độ (levels): câu chuyện chỉ nói 100 % hài lòng; không biết bao nhiêu phiếu “Rất hài lòng”,",
            "  nên mọi phiếu được ghi ở mức “Hài lòng” (the level split is unknown).",
            "",
            "Khoảng tin cậy nói gì, không nói gì (what the interval says, and what it does not):",
            f"  - Nói: nếu {_n(forms)} phiếu là một mẫu ngẫu nhiên của những người được phục vụ, tỷ lệ hài lòng thật",
            f"    của họ khó có thể thấp hơn {low} (độ tin cậy 95 %). 100 % trên {_n(forms)} phiếu không chứng minh",
            "    rằng mọi người đều hài lòng (100 % in the sample is not 100 % for sure).",
            "  - Không nói: phiếu tự nguyện có đại diện cho người dân hay không (self-selection, non-response),",
            "    câu hỏi có dẫn dắt không, thang đo đo điều gì: những sai lệch đó không nằm trong khoảng.",
            "  - Tỷ lệ đúng hạn đếm toàn bộ sổ hồ sơ (a census, not a sample): khoảng chỉ có nghĩa khi coi",
            f"    năm {self.year} là một lần quan sát quy trình của bộ phận một cửa, và không kiểm chứng thời điểm"
            " ghi trong sổ.",
            "",
        ]
        if self.letters:
            lines.append("Thư (letters):")
            for x in self.letters:
                lines.append(
                    f"  Đã viết {x.title.lower()} ngày {_letter_date(x):%d/%m/%Y} sau hồ sơ {x.dossier.code} "
                    f"({x.dossier.procedure.name})" + ("; xem báo cáo HTML." if html else ".")
                )
        else:
            lines.append("Thư (letters): sổ hồ sơ không có hồ sơ khai sinh hay khai tử nào, nên không viết thư.")
        return unicodedata.normalize("NFC", "\n".join(lines))

    # ------------------------------------------------------------------ HTML

    def _repr_html_(self) -> str:
        """The page of :meth:`to_html` in a notebook, framed so that its styles stay inside it."""
        style = "width: 100%; height: 900px; border: 1px solid #bbb"
        return f'<iframe sandbox srcdoc="{escape(self.to_html())}" style="{style}"></iframe>'

    def to_html(self) -> str:
        """The SYNTHETIC year as one self-contained HTML page (inline CSS and SVG, no external assets).

        Title, the synthetic-data notice, the year's calendar with its sources, form 06 by procedure
        and the three rates, the monthly on-time rates as a hand-written SVG chart, the survey
        summary and the two letters; every value is escaped.
        """
        cal = vietnam_calendar()
        title = f"motcua – {_WARD}, năm {self.year} (dữ liệu mô phỏng)"
        parts = [
            "<!DOCTYPE html>",
            '<html lang="vi">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            f"<h1>{escape(title)}</h1>",
            f'<p class="notice"><strong>DỮ LIỆU MÔ PHỎNG.</strong> {escape(SYNTHETIC_NOTICE)}</p>',
            _pre_block("Tóm tắt (summary)", self.summary_text()),
            self._calendar_html(cal),
            self._report_html(),
            self._monthly_html(),
            "<section><h2>Khảo sát mức độ hài lòng (satisfaction survey)</h2>",
            self.survey_summary._repr_html_(),
            "<p>Câu chuyện chỉ nói 100 % hài lòng; không biết bao nhiêu phiếu “Rất hài lòng”, nên mọi phiếu được "
            "ghi ở mức “Hài lòng” (dữ liệu mô phỏng). Khoảng tin cậy chỉ tính sai số chọn mẫu.</p></section>",
            self._letters_html(),
            f'<footer><p class="notice">{escape(SYNTHETIC_NOTICE)}</p>'
            f"<p>Tạo bởi motcua.example (seed {self.seed}).</p></footer>",
            "</body>",
            "</html>",
        ]
        return unicodedata.normalize("NFC", "\n".join(parts))

    def _calendar_html(self, cal: WorkingCalendar) -> str:
        year = self.year
        offs = {d.date: d for d in cal.days_off(year)}
        makeups = {m.date: m for m in cal.makeup_days(year)}
        rows = "".join(
            f"<tr><td>{d.date:%d/%m/%Y}</td><td>{escape(d.weekday_vi)}</td><td>{escape(d.kind.label_vi)}</td>"
            f"<td>{escape(d.name)}</td><td>{escape(d.source.citation)}{escape(', ' + d.article if d.article else '')}"
            "</td></tr>"
            for d in offs.values()
        )
        rows += "".join(
            f"<tr><td>{m.date:%d/%m/%Y}</td><td>{escape(m.weekday_vi)}</td><td>làm bù</td>"
            f"<td>{escape(m.name)}</td><td>{escape(m.source.citation)}</td></tr>"
            for m in makeups.values()
        )
        months = []
        for month in range(1, 13):
            cells = []
            for week in _stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
                tds = []
                for day in week:
                    if day.month != month:
                        tds.append("<td></td>")
                        continue
                    if day in makeups:
                        cls, tip = "makeup", makeups[day].name
                    elif day in offs:
                        cls, tip = "off", offs[day].name
                    elif not cal.is_working_day(day):
                        cls, tip = "weekend", "nghỉ hằng tuần"
                    else:
                        cls, tip = "", ""
                    attr = f' class="{cls}" title="{escape(tip)}"' if cls else ""
                    tds.append(f"<td{attr}>{day.day}</td>")
                cells.append("<tr>" + "".join(tds) + "</tr>")
            head = "".join(f"<th>{h}</th>" for h in ("T2", "T3", "T4", "T5", "T6", "T7", "CN"))
            months.append(
                f'<table class="month"><caption>Tháng {month}</caption><tr>{head}</tr>{"".join(cells)}</table>'
            )
        return (
            f"<section><h2>Lịch làm việc năm {year} (the real civil-service calendar)</h2>"
            f"<p>{escape(cal.year_note(year))}</p>"
            '<table class="data"><tr><th>Ngày</th><th>Thứ</th><th>Loại</th><th>Tên</th><th>Nguồn</th></tr>'
            f"{rows}</table>"
            f'<div class="months">{"".join(months)}</div>'
            '<p class="legend"><span class="off">&nbsp;</span> ngày nghỉ lễ, Tết, nghỉ bù '
            '<span class="weekend">&nbsp;</span> nghỉ hằng tuần <span class="makeup">&nbsp;</span> làm bù</p>'
            "</section>"
        )

    def _report_html(self) -> str:
        r = self.report
        procs = self._procedures()
        head = "".join(f"<th>({num}) {escape(label)}</th>" for num, _, label in FORM_06_COLUMNS)

        def row(label: str, rep: PeriodReport) -> str:
            cells = "".join(f"<td>{getattr(rep, name)}</td>" for _, name, _ in FORM_06_COLUMNS)
            return f"<tr><th>{escape(label)}</th>{cells}<td>{escape(_pct(rep.on_time_rate))}</td></tr>"

        body = row("Tổng cộng", r)
        for code, group in r.groups.items():
            name = procs[code].name if code in procs else str(code)
            body += row(f"{code} {name}", group)
        rates = "".join(
            f"<tr><th>{escape(label)}</th><td>{escape(_share(p))}</td></tr>" for _, label, p in self._rates()
        )
        points = r.timeliness_points_766
        rates += f"<tr><th>Điểm chỉ số 2.1 (Quyết định 766)</th><td>{'–' if points is None else points}/20</td></tr>"
        return (
            f"<section><h2>Biểu số 06: {r.start:%d/%m/%Y} – {r.end:%d/%m/%Y}</h2>"
            f'<div class="scroll"><table class="data form06"><tr><th>Thủ tục</th>{head}<th>Tỷ lệ đúng hạn</th></tr>'
            f"{body}</table></div>"
            f'<h3>Ba tỷ lệ đúng hạn (khoảng tin cậy 95 % Wilson)</h3><table class="data">{rates}</table></section>'
        )

    def _monthly_html(self) -> str:
        width, height, left, top, bottom = 760, 300, 56, 24, 56
        plot_h = height - top - bottom
        step = (width - left - 16) / 12
        bar = step * 0.6
        out = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
            f'aria-labelledby="chart-title chart-desc" class="chart" font-family="sans-serif" font-size="12">',
            f'<title id="chart-title">Tỷ lệ đúng hạn theo tháng, năm {self.year} (dữ liệu mô phỏng)</title>',
            '<desc id="chart-desc">Cột: tỷ lệ hồ sơ giải quyết trước hạn hoặc đúng hạn trên số đã giải quyết '
            "trong tháng; vạch đen: khoảng tin cậy 95 % Wilson; số dưới cột: số hồ sơ đã giải quyết.</desc>",
        ]
        for pct in (0, 25, 50, 75, 100):
            y = top + plot_h * (1 - pct / 100)
            out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 8}" y2="{y:.1f}" stroke="#ddd"/>')
            out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{pct} %</text>')
        label_y = height - bottom + 18
        out.append(f'<text x="{left - 6}" y="{label_y + 16}" text-anchor="end" fill="#555">n</text>')
        for i, (month, p) in enumerate(self.monthly):
            x = left + step * i + (step - bar) / 2
            cx = x + bar / 2
            out.append(f'<text x="{cx:.1f}" y="{label_y}" text-anchor="middle">T{month}</text>')
            if p is None:
                out.append(f'<text x="{cx:.1f}" y="{label_y + 16}" text-anchor="middle">–</text>')
                continue
            low, high = p.interval()
            y = top + plot_h * (1 - p.value)
            tip = f"Tháng {month}: {_share(p)}"
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{top + plot_h - y:.1f}" fill="#2e86de">'
                f"<title>{escape(tip)}</title></rect>"
            )
            y_low, y_high = top + plot_h * (1 - low), top + plot_h * (1 - high)
            ci = 'stroke="#000" stroke-width="1.5"'
            out.append(f'<line x1="{cx:.1f}" y1="{y_low:.1f}" x2="{cx:.1f}" y2="{y_high:.1f}" {ci}/>')
            out.append(f'<line x1="{cx - 6:.1f}" y1="{y_low:.1f}" x2="{cx + 6:.1f}" y2="{y_low:.1f}" {ci}/>')
            out.append(f'<text x="{cx:.1f}" y="{y - 6:.1f}" text-anchor="middle">{escape(_pct(p))}</text>')
            out.append(f'<text x="{cx:.1f}" y="{label_y + 16}" text-anchor="middle" fill="#555">{p.n}</text>')
        out.append("</svg>")
        return (
            "<section><h2>Tỷ lệ đúng hạn theo tháng (monthly on-time rate)</h2>"
            + "".join(out)
            + "<p>Tỷ lệ (8)+(9) trên (7) của các hồ sơ giải quyết trong từng tháng; trục đứng từ 0 %.</p></section>"
        )

    def _letters_html(self) -> str:
        if not self.letters:
            return "<section><h2>Thư</h2><p>Sổ hồ sơ không có hồ sơ khai sinh hay khai tử nào.</p></section>"
        items = []
        for x in self.letters:
            caption = (
                f"{x.title} ngày {_letter_date(x):%d/%m/%Y}, sau hồ sơ {x.dossier.code} "
                f"({x.dossier.procedure.name}); ủy ban, người ký và gia đình đều hư cấu."
            )
            items.append(
                f"<figure><figcaption>{escape(caption)}</figcaption>"
                f'<iframe class="letter" title="{escape(x.title)}" sandbox srcdoc="{escape(x.html)}"></iframe>'
                "</figure>"
            )
        return "<section><h2>Thư gửi người dân (letters)</h2>" + "".join(items) + "</section>"


_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 1.5rem auto; max-width: 1100px;
  padding: 0 1rem; color: #1b1b1b; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
.notice { background: #fff4ce; border-left: 6px solid #d29200; padding: .6rem .9rem; }
pre { background: #f6f8fa; padding: .8rem; overflow-x: auto; font-size: .85rem; white-space: pre-wrap; }
table { border-collapse: collapse; } .scroll { overflow-x: auto; }
table.data th, table.data td { border: 1px solid #bbb; padding: .25rem .45rem; font-size: .85rem;
  vertical-align: top; }
table.data th { background: #f0f0f0; text-align: left; } table.form06 td { text-align: right; }
.months { display: flex; flex-wrap: wrap; gap: .8rem; margin-top: 1rem; }
table.month { font-size: .75rem; } table.month caption { font-weight: bold; }
table.month td, table.month th { width: 1.7rem; text-align: center; padding: .1rem; }
.off { background: #e74c3c; color: #fff; } .weekend { background: #ddd; } .makeup { background: #2e86de; color: #fff; }
.legend span { display: inline-block; width: 1rem; margin: 0 .2rem 0 .8rem; }
svg.chart { width: 100%; max-width: 760px; height: auto; }
.motcua-survey table td, .motcua-survey table th { border: 1px solid #bbb; padding: .25rem .45rem; }
iframe.letter { width: 100%; height: 1000px; border: 1px solid #bbb; background: #fff; }
figure { margin: 1rem 0; } figcaption { font-style: italic; margin-bottom: .4rem; }
footer { margin-top: 2rem; font-size: .85rem; color: #555; }
"""


def _pre_block(title: str, text: str) -> str:
    return f"<section><h2>{escape(title)}</h2><pre>{escape(text)}</pre></section>"


def _pct(p: Proportion | None) -> str:
    return "–" if p is None else f"{shown_percent(p.value)} %"


def _share(p: Proportion | None) -> str:
    """``9158/9158 = 100,00 % (KTC 95 %: 99,95–100,00 %)``: two decimals, so that a bound near 100 % shows.

    Vietnamese number format; the bounds round outward (99.958 % shows as 99,95), so the printed
    interval contains the computed one.
    """
    if p is None:
        return "–"
    low, high = p.interval()
    shown = _n(shown_percent(p.value, 2))
    bounds = f"{_n(shown_percent(low, 2, 'down'))}–{_n(shown_percent(high, 2, 'up'))}"
    return f"{_n(p.successes)}/{_n(p.n)} = {shown} % (KTC 95 %: {bounds} %)"


def _n(value: float | Decimal) -> str:
    """A number in Vietnamese format ("9.158", "99,95")."""
    return format_number(value)


def _proportion_record(p: Proportion | None) -> dict[str, Any] | None:
    if p is None:
        return None
    low, high = p.interval()
    # The exact share, as the survey and report records carry it (rounding is for display).
    return {"successes": p.successes, "n": p.n, "pct": 100 * p.value, "ci_low": low, "ci_high": high}


def _letter_date(letter: ExampleLetter) -> date:
    value = letter.fields["ngay"]
    return value if isinstance(value, date) else date.fromisoformat(str(value))


# --------------------------------------------------------------------------- running it


def _monthly(timelines: Sequence[Timeline], year: int) -> tuple[tuple[int, Proportion | None], ...]:
    good = [0] * 13
    done = [0] * 13
    for t in timelines:
        if t.ended_at is None or t.ended_at.year != year or not t.outcome.finished:
            continue
        done[t.ended_at.month] += 1
        good[t.ended_at.month] += t.outcome in (Outcome.EARLY, Outcome.ON_TIME)
    return tuple((m, Proportion(good[m], done[m]) if done[m] else None) for m in range(1, 13))


def _letters(register: Sequence[Dossier], timelines: Sequence[Timeline]) -> tuple[ExampleLetter, ...]:
    """One congratulation (first birth registration) and one condolence (first death registration)."""
    from motcua import letters

    ended = {id(t.dossier): t.ended_at for t in timelines}
    out: list[ExampleLetter] = []
    for code, template, gap in (
        (_BIRTH, "chuc-mung-khai-sinh", _BIRTH_TO_REGISTRATION),
        (_DEATH, "chia-buon-khai-tu", _DEATH_TO_REGISTRATION),
    ):
        dossier = next((d for d in register if d.procedure.code == code), None)
        if dossier is None:
            continue
        done = ended[id(dossier)]
        registered = done.date() if done is not None else dossier.received_local.date()
        event = dossier.received_local.date() - gap
        fields = letters.example_fields(template) | EXAMPLE_OFFICE.fields() | {"ngay": registered}
        if template == "chuc-mung-khai-sinh":
            fields |= {"ngay_sinh": event, "ngay_dang_ky": registered}
        else:
            fields["ngay_mat"] = event
            if isinstance(fields.get("nam_sinh"), int) and "tuoi" in fields:
                fields["tuoi"] = event.year - fields["nam_sinh"]
        out.append(
            ExampleLetter(
                template=template,
                dossier=dossier,
                fields=fields,
                text=letters.render(template, "text", **fields),
                html=letters.render(template, "html", **fields),
            )
        )
    return tuple(out)


def run_example(year: int = 2016, *, n: int = 9158, seed: int = 2016) -> ExampleResult:
    """Replay the seed ward's *year* on SYNTHETIC data (dữ liệu mô phỏng): register, report, survey, letters.

    Builds :func:`seed_register`, every dossier's timeline, the year's form 06 report grouped by
    procedure, the monthly on-time rates, :func:`seed_survey` with its summary, and two letters:
    a congratulation after the register's first birth registration and a condolence after its first
    death registration (fictitious ward office :data:`EXAMPLE_OFFICE`, fictitious family).

    >>> result = run_example(n=200, seed=7)
    >>> result.report.on_time_rate.percent(), [x.template for x in result.letters]
    (Decimal('100.0'), ['chuc-mung-khai-sinh', 'chia-buon-khai-tu'])
    """
    register = seed_register(year, n, seed=seed)
    cal = vietnam_calendar()
    timelines = tuple(d.timeline(cal) for d in register)
    report = period_report(register, date(year, 1, 1), date(year, 12, 31), calendar=cal, by="procedure")
    survey = seed_survey()
    return ExampleResult(
        year=year,
        seed=seed,
        register=register,
        timelines=timelines,
        report=report,
        monthly=_monthly(timelines, year),
        survey=survey,
        survey_summary=survey.summary(),
        letters=_letters(register, timelines),
    )
