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
