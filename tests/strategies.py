"""Hypothesis strategies for calendar tests."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

#: Days whose answers never leave the announced data: n up to ±250 working days stays inside
#: 2013-01-01..2027-12-31 from these.
# Early enough that 250 working days later is still inside the data (which ends 2027-12-31):
# past it the calendar warns that its answer is estimated.
announced_days = st.dates(min_value=date(2014, 1, 1), max_value=date(2026, 6, 30))
any_days = st.dates(min_value=date(2013, 1, 1), max_value=date(2027, 12, 31))
small_n = st.integers(min_value=1, max_value=250)
