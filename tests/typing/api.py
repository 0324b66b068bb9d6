"""Type-checked, never run: the public API as a user's editor and mypy --strict see it."""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, assert_type

import motcua
from motcua import letters, lunar, vietnamese
from motcua.example import ExampleLetter, ExampleResult, run_example, seed_register, seed_survey


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
    view: motcua.CalendarYear = cal.year(2026, months=[1, 2])
    grid: list[str] = view.month_grid(2)
    view_rows: list[dict[str, Any]] = view.to_records()
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


def surveys() -> None:
    """Never called: the proportion and survey API as mypy --strict sees it."""
    p = motcua.Proportion(517, 517)
    bounds: tuple[float, float] = p.interval(0.95, "clopper-pearson")
    low: float = p.lower_bound()
    three: tuple[float, float] = p.rule_of_three()
    pvalue: float = p.binomial_test(0.95)
    cmp: motcua.Comparison = p.compare(motcua.Proportion(480, 500))
    diff: tuple[float, float] = cmp.interval("agresti-caffo")
    tally = motcua.SurveyTally.from_counts({motcua.Channel.ONLINE: {"Hài lòng": 415}})
    tally = tally + motcua.SurveyTally.from_responses([("in_person", "Hài lòng")])
    share: motcua.Proportion = tally.satisfaction(motcua.Channel.ONLINE)
    strat: motcua.StratifiedProportion = tally.stratified({motcua.Channel.ONLINE: 0.8, "in_person": 0.2})
    n_eff: float = strat.n_eff
    summary: motcua.SurveySummary = tally.summary()
    records: list[dict[str, object]] = summary.to_records()
    scale: motcua.Scale = motcua.scale("likert-5").with_scores({"Rất hài lòng": 5})
    mean: motcua.MeanScore = tally.mean_score({"Rất hài lòng": 2, "Hài lòng": 1, "Chưa hài lòng": 0})
    counts = {"a": {"online": {"Hài lòng": 3}}}
    crit = motcua.CriteriaTally.from_counts(counts, criteria="nd-118-2025", scale="online-3")
    per: dict[str, motcua.Proportion | None] = crit.satisfaction()
    goodman: dict[str, tuple[float, float]] = motcua.multinomial_intervals({"a": 1, "b": 2})
    print(bounds, low, three, pvalue, diff, share, n_eff, records, scale, mean, per, goodman)


def calendar_records() -> None:
    """Never called: days off, make-up days, sources and office hours as mypy --strict sees them."""
    cal = motcua.vietnam_calendar(include_proposed=False)
    off: motcua.DayOff | None = cal.day_off(date(2026, 1, 2))
    assert off is not None
    kind_vi: str = off.kind.label_vi
    on_weekend: bool = off.on_weekend
    article: str | None = off.article
    makeup: motcua.MakeupDay = cal.makeup_days(2026)[0]
    replaces: date | None = makeup.replaces
    status: motcua.CalendarStatus = motcua.CalendarStatus.CONFIRMED
    note: str = cal.year_note(2026)
    until: date = cal.data_until
    src: motcua.LegalSource = motcua.sources()["blld-2019"]
    local_src: motcua.LegalSource = motcua.LegalSource.local("Quyết định 1/QĐ-UBND")
    effective: date | None = src.effective
    hours = motcua.OfficeHours.parse("07:30-11:30, 13:30-17:00")
    session: motcua.Session = hours.sessions[0]
    length: timedelta = session.duration
    opening: time = hours.opening
    seasonal = motcua.SeasonalOfficeHours({(4, 1): hours, (10, 1): hours})
    schedule: motcua.OfficeSchedule = seasonal
    today_hours: motcua.OfficeHours = schedule.hours_on(date(2026, 7, 1))
    with_hours: motcua.WorkingCalendar = cal.with_office_hours(seasonal)
    next_day: date = with_hours.next_working_day(date(2026, 2, 13))
    tz = motcua.VN_TZ
    print(kind_vi, on_weekend, article, replaces, status, note, until, local_src, effective, length, opening)
    print(today_hours, next_day, tz)


def dossiers_and_reports() -> None:
    """Never called: dossiers, timelines and form 06 as mypy --strict sees them."""
    dossier = motcua.Dossier(
        "1.004873",
        datetime(2026, 4, 24, 9, 0),
        motcua.Channel.ONLINE,
        "000.00.00.H00-260424-0001",
        [motcua.SupplementRequested(datetime(2026, 4, 27, 9, 0), reason="thiếu tờ khai")],
        agency="UBND phường",
    )
    dossier = dossier.with_event(motcua.Supplemented(datetime(2026, 4, 28, 9, 0)))
    dossier = dossier.with_event(motcua.Extended(datetime(2026, 5, 4, 9, 0), new_due=date(2026, 5, 8), reason="x"))
    dossier = dossier.with_event(motcua.Resolved(datetime(2026, 5, 6, 10, 0)))
    procedure: motcua.Procedure = dossier.procedure
    received: datetime = dossier.received_local
    events: tuple[motcua.Event, ...] = dossier.events
    timeline: motcua.Timeline = dossier.timeline(as_of=date(2026, 5, 31), rule=motcua.PauseRule.DASHBOARD)
    assert_type(timeline.outcome, motcua.Outcome)
    assert_type(timeline.ended_at, datetime | None)
    finished: bool = timeline.outcome.finished
    status: motcua.DossierStatus = timeline.status
    label: str = status.label_vi
    due: motcua.Deadline = timeline.effective_due
    responsible: tuple[str, ...] = timeline.responsible
    steps: tuple[motcua.StepRecord, ...] = timeline.late_steps
    record: dict[str, Any] = timeline.to_record()
    report: motcua.PeriodReport = motcua.period_report(
        [dossier], date(2026, 4, 1), date(2026, 5, 31), by="procedure", rule="legal"
    )
    assert_type(report.on_time_rate, motcua.Proportion | None)
    groups: Mapping[Any, motcua.PeriodReport] = report.groups
    points: float | None = report.timeliness_points_766
    rows: list[dict[str, Any]] = report.to_records()
    columns: tuple[tuple[int, str, str], ...] = motcua.FORM_06_COLUMNS
    columnar: motcua.PeriodReport = motcua.period_report_columns(
        [datetime(2026, 4, 24, 9, 0)], [None], date(2026, 4, 1), date(2026, 5, 31), procedure="1.004873"
    )
    total: motcua.PeriodReport = motcua.combine_reports([report, columnar], by_group=True)
    rounded: Decimal = motcua.half_up(0.125, 2)
    shown: Decimal = motcua.shown_percent(9154 / 9158)
    error: type[ValueError] = motcua.DossierEventError
    warning: type[UserWarning] = motcua.LateExtensionWarning
    print(procedure, received, events, finished, label, due, responsible, steps, record, groups, points, rows)
    print(columns, total, rounded, shown, error, warning)


def letters_and_slips() -> None:
    """Never called: letters, slips, offices and signers as mypy --strict sees them."""
    names: tuple[str, ...] = motcua.templates()
    fields: dict[str, Any] = motcua.example_fields("chuc-mung-khai-sinh")
    needed: frozenset[str] = motcua.required_fields("chuc-mung-khai-sinh", "html")
    optional: frozenset[str] = motcua.optional_fields("chuc-mung-khai-sinh")
    text: str = motcua.render("chuc-mung-khai-sinh", **fields)
    html: str = letters.render("chuc-mung-khai-sinh", "html", **fields)
    word: bytes = motcua.render_docx("chuc-mung-khai-sinh", **fields)
    own: str = motcua.render_string("{{ ten }}", "html", ten="Trần & Con")
    custom = motcua.Letters(["my-templates"])
    same: str = custom.render("chuc-mung-khai-sinh", **fields)
    ward = motcua.Office(name="Ủy ban nhân dân\nphường Hải Đăng", locality="Hải Đăng", symbol="UBND")
    office: motcua.Office = ward
    one_line: str = ward.name_in_text
    number: str = ward.symbol_for("TB")
    signer: motcua.Signer = motcua.Signer("Lê Minh Quân", "Phó Chủ tịch", authority="KT.", on_behalf_of="Chủ tịch")
    lines: tuple[str, ...] = signer.lines
    applicant: motcua.Applicant = motcua.Applicant(name="Phạm Văn Bình", address="Tổ 5, phường Hải Đăng")
    dossier = motcua.Dossier("1.004873", datetime(2026, 4, 24, 9, 0), code="000.00.00.H00-260424-0001")
    slip: dict[str, Any] = motcua.slip_fields(
        "giay-tiep-nhan", dossier, office=office, applicant=applicant, officer="Trần Thị Thu", documents=["Tờ khai"]
    )
    forms: motcua.FormSet = motcua.form_set(date(2026, 3, 2))
    every: tuple[motcua.FormSet, ...] = motcua.form_sets()
    form: motcua.Form = forms.form("giay-tiep-nhan")
    title: str = form.title
    circular: motcua.LegalSource = forms.circular
    slip_fields_too = motcua.slip_fields
    missing: type[KeyError] = motcua.MissingFieldError
    unknown: type[LookupError] = motcua.TemplateNotFoundError
    no_docx: type[ImportError] = motcua.DocxUnavailableError
    misspelt: type[TypeError] = motcua.UnknownFieldError
    bad_value: type[ValueError] = motcua.InvalidFieldError
    bad_shape: type[TypeError] = motcua.FieldTypeError
    no_form: type[LookupError] = motcua.FormNotInForceError
    print(names, needed, optional, text, html, word, own, same, one_line, number, lines, slip, every, title, circular)
    print(slip_fields_too, missing, unknown, no_docx, misspelt, bad_value, bad_shape, no_form)


def lunar_and_vietnamese() -> None:
    """Never called: the lunar calendar and Vietnamese formatting as mypy --strict sees them."""
    day: motcua.LunarDate = motcua.lunar_date(date(2026, 2, 17))
    year: int = day.year
    leap: bool = day.leap
    name: str = day.year_name
    words: str = day.vi("traditional")
    solar: date = day.to_solar()
    new_year: date = motcua.tet(2026)
    gio_to: date = motcua.solar_date(2026, 3, 10)
    leap_month: int | None = lunar.leap_month(2025)
    days: int = lunar.month_length(2025, 6, leap=True)
    earlier: bool = motcua.LunarDate(2025, 6, 5, leap=True) < day
    amount: str = vietnamese.amount_in_words(1_250_000)
    line: str = vietnamese.place_date_line("Hải Đăng", date(2026, 3, 5))
    sorted_names: list[str] = vietnamese.sort_names(["Trần Văn An", "Lê Thị Bình"])
    key: vietnamese.CollationKey = vietnamese.collation_key("Đà Nẵng")
    print(year, leap, name, words, solar, new_year, gio_to, leap_month, days, earlier, amount, line, sorted_names, key)


def registers_and_example() -> None:
    """Never called: the CSV register and the embedded example as mypy --strict sees them."""
    result: motcua.RegisterReadResult = motcua.read_register(
        io.StringIO("code,procedure,received_at\n"), mapping={"code": "code"}
    )
    dossiers: tuple[motcua.Dossier, ...] = result.dossiers
    rejected: tuple[motcua.RejectedRow, ...] = result.rejected
    line: int = rejected[0].line
    written: int = motcua.write_register(dossiers, io.StringIO(), delimiter=";")
    example: ExampleResult = run_example(2016, n=300, seed=7)
    timelines: tuple[motcua.Timeline, ...] = example.timelines
    monthly: tuple[tuple[int, motcua.Proportion | None], ...] = example.monthly
    letter: ExampleLetter = example.letters[0]
    page: str = example.to_html()
    summary: str = example.summary_text()
    numbers: dict[str, Any] = example.key_numbers()
    register: tuple[motcua.Dossier, ...] = seed_register(2016, 100, seed=1)
    survey: motcua.SurveyTally = seed_survey()
    print(line, written, timelines, monthly, letter.html, page, summary, numbers, register, survey)


def every_other_public_name() -> None:
    """Never called: the names the functions above do not reach, each as ``motcua.<name>``."""
    at = datetime(2026, 4, 24, 9, 0)
    calendar_days: motcua.CalendarDays = motcua.CalendarDays(15)
    working_hours: motcua.WorkingHours = motcua.WorkingHours(8)
    clock_hours: motcua.ClockHours = motcua.ClockHours(24)
    due: motcua.Deadline = clock_hours.deadline(at)
    events: list[motcua.Event] = [
        motcua.VerificationStarted(at, reason="Xác minh nơi cư trú"),
        motcua.VerificationEnded(at + timedelta(days=2)),
        motcua.Transferred(at, agency="Công an phường", time_limit=motcua.WorkingDays(3)),
        motcua.TransferReturned(at + timedelta(days=3), agency="Công an phường"),
        motcua.Resolved(at + timedelta(days=4)),
        motcua.Returned(at + timedelta(days=4)),
    ]
    stops: list[motcua.Event] = [
        motcua.Refused(at, reason="Không đủ điều kiện"),
        motcua.Withdrawn(at, reason="Công dân rút hồ sơ"),
        motcua.Closed(at, reason="Không bổ sung"),
    ]
    procedure: motcua.Procedure = motcua.catalogue().get("LT-63-2024-01")
    steps: tuple[motcua.ProcedureStep, ...] = procedure.steps
    step_limit: motcua.TimeLimit = steps[0].time_limit
    fee: motcua.Fee | None = procedure.fee
    vnd: int | None = None if fee is None else fee.vnd
    methods: tuple[str, ...] = motcua.INTERVAL_METHODS
    stratified: motcua.StratifiedProportion = motcua.stratified_proportion(
        {"online": motcua.Proportion(415, 415), "in_person": motcua.Proportion(102, 102)}, {"online": 1, "in_person": 4}
    )
    every_scale: Mapping[str, motcua.Scale] = motcua.scales()
    sets: Mapping[str, motcua.Criteria] = motcua.criteria_sets()
    sipas: motcua.Criteria = motcua.criteria("sipas")
    item: motcua.Criterion = sipas.items[0]
    row: motcua.SummaryRow = (
        motcua.SurveyTally.from_counts({motcua.Channel.ONLINE: {"Hài lòng": 415}}).summary().rows[0]
    )
    row_n: int = row.n
    columns: tuple[motcua.RegisterColumn, ...] = motcua.REGISTER_COLUMNS
    required: bool = columns[0].required
    read: motcua.RegisterReadResult = motcua.read_register(io.StringIO("code,procedure,received_at\n"))
    bad: tuple[motcua.RejectedRow, ...] = read.rejected
    count: int = motcua.write_register(read.dossiers, io.StringIO())
    in_force: motcua.FormSet = motcua.form_set(date(2026, 3, 5))
    every_set: tuple[motcua.FormSet, ...] = motcua.form_sets()
    form: motcua.Form = in_force.form("giay-tiep-nhan")
    errors: tuple[type[Exception], ...] = (
        motcua.MotcuaError,
        motcua.DataFileError,
        motcua.InvalidArgumentError,
        motcua.InvalidCountError,
        motcua.MissingOfficeHoursError,
        motcua.NoResponsesError,
        motcua.NotInForceError,
        motcua.RegisterFormatError,
        motcua.UndefinedIndexError,
        motcua.UnknownLevelError,
        motcua.UnknownProcedureError,
    )
    warnings: tuple[type[Warning], ...] = (
        motcua.MotcuaWarning,
        motcua.SmallSampleWarning,
        motcua.UncertainDataWarning,
    )
    print(calendar_days, working_hours, due, events, stops, step_limit, vnd, methods, stratified, every_scale, sets)
    print(item.label, row_n, required, bad, count, every_set, form.title, errors, warnings)
