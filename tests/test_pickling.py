"""Objects pickle (DESIGN: pandas, Dask or Spark users map the functions over partitions)."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest

import motcua

_FORMS = [("in_person", {"tiep-can": "Hài lòng", "cong-chuc": "Rất hài lòng"}), ("online", {"tiep-can": "Hài lòng"})]


def _tally() -> motcua.SurveyTally:
    return motcua.SurveyTally.from_counts(
        {motcua.Channel.ONLINE: {"Hài lòng": 415}, motcua.Channel.IN_PERSON: {"Hài lòng": 102}}
    )


def _dossier() -> motcua.Dossier:
    return motcua.Dossier("1.004873", datetime(2026, 3, 2, 9), events=[motcua.Resolved(datetime(2026, 3, 3, 9))])


MAKERS: dict[str, Callable[[], Any]] = {
    "scale": lambda: motcua.scale("online-3"),
    "criteria": lambda: motcua.criteria("sipas"),
    "tally": _tally,
    "summary": lambda: _tally().summary(),
    "stratified": lambda: _tally().stratified({"online": 1, "in_person": 3}),
    "criteria tally": lambda: motcua.CriteriaTally.from_responses(_FORMS, criteria="sipas"),
    "comparison": lambda: motcua.Proportion(5, 10).compare(motcua.Proportion(3, 10)),
    "deadline": lambda: motcua.WorkingDays(3).deadline(date(2026, 3, 2)),
    "calendar year": lambda: motcua.vietnam_calendar().year(2026, [2]),
    "dossier": _dossier,
    "report": lambda: motcua.period_report([_dossier()], date(2026, 3, 1), date(2026, 3, 31)),
    "form set": lambda: motcua.form_set(date(2026, 3, 2)),
    "office": lambda: motcua.Office(name="Ủy ban nhân dân phường Hải Đăng", locality="Hải Đăng"),
    "lunar date": lambda: motcua.lunar_date(date(2026, 2, 17)),
}


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_round_trip(name: str) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", motcua.SmallSampleWarning)  # the criteria tally is tiny on purpose
        original = MAKERS[name]()
        copy = pickle.loads(pickle.dumps(original))
        assert copy == original
        assert str(copy) == str(original)


def test_calendar_and_timeline_answer_the_same_after_a_round_trip() -> None:
    calendar = pickle.loads(pickle.dumps(motcua.vietnam_calendar()))
    assert calendar.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    timeline = pickle.loads(pickle.dumps(_dossier().timeline()))
    assert (timeline.due_date, timeline.outcome) == (date(2026, 3, 5), motcua.Outcome.EARLY)
