"""Every motcua warning names the user's line, whichever public path reached it."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest

import motcua
from motcua import Channel, Dossier, SurveyTally, WorkingDays, vietnam_calendar

# 1.001193 (birth registration) has an uncertain 2027 version; 2030 is past the calendar data.
UNCERTAIN = ("1.001193", date(2027, 3, 5))


def _uncertain_procedure() -> motcua.Procedure:
    return motcua.catalogue().get(UNCERTAIN[0], on=UNCERTAIN[1])


CASES: dict[str, tuple[type[Warning], Callable[[], Any]]] = {
    "procedure deadline": (motcua.UncertainDataWarning, lambda: _uncertain_procedure().deadline(UNCERTAIN[1])),
    "dossier timeline": (
        motcua.UncertainDataWarning,
        lambda: Dossier(_uncertain_procedure(), datetime(2027, 3, 5, 9)).timeline(as_of=datetime(2027, 3, 6, 9)),
    ),
    "calendar arithmetic": (
        motcua.EstimatedCalendarWarning,
        lambda: vietnam_calendar().add_working_days(date(2030, 1, 2), 5),
    ),
    "time limit": (motcua.EstimatedCalendarWarning, lambda: WorkingDays(5).deadline(date(2030, 1, 2))),
    "working days between": (
        motcua.EstimatedCalendarWarning,
        lambda: vietnam_calendar().working_days_between(date(2029, 12, 1), date(2030, 1, 2)),
    ),
    "survey share": (
        motcua.SmallSampleWarning,
        lambda: SurveyTally.from_counts({Channel.ONLINE: {"Hài lòng": 5}}).satisfaction(),
    ),
    "survey summary": (
        motcua.SmallSampleWarning,
        lambda: SurveyTally.from_counts({Channel.ONLINE: {"Hài lòng": 5}}).summary(),
    ),
    "form set in doubt": (motcua.UncertainDataWarning, lambda: motcua.form_set(date(2025, 9, 20))),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_warning_points_at_the_callers_line(case: str) -> None:
    category, call = CASES[case]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        call()
    ours = [w for w in caught if issubclass(w.category, category)]
    assert ours, f"{case}: no {category.__name__}"
    # The lambdas above are the callers: the warning must name this file, not a motcua module.
    assert {w.filename for w in ours} == {__file__}, [(w.filename, w.lineno) for w in ours]
