"""Satisfaction-survey tallies: counts by channel and level, shares with honest intervals.

The seed ward's 2016 survey, in three lines:

>>> from motcua import Channel, SurveyTally
>>> survey = SurveyTally.from_counts({Channel.ONLINE: {"Hài lòng": 415}, Channel.IN_PERSON: {"Hài lòng": 102}})
>>> print(survey.summary())
Khảo sát mức độ hài lòng: 517 phiếu; thang online-3 (Rất hài lòng / Hài lòng / Chưa hài lòng; hài lòng = 2 mức đầu)
Kênh          n  Rất hài lòng  Hài lòng  Chưa hài lòng  Tỷ lệ hài lòng  KTC 95 % (wilson)
Trực tiếp   102             0       102              0         100,0 %       96,3–100,0 %
Trực tuyến  415             0       415              0         100,0 %       99,0–100,0 %
Tổng cộng   517             0       517              0         100,0 %       99,2–100,0 %
Ghi chú:
- Phiếu tự nguyện: khoảng tin cậy chỉ tính sai số chọn mẫu, không tính sai lệch do tự chọn hay không trả lời.
- Trực tiếp, Trực tuyến, Tổng cộng: dưới 5 phiếu ở một phía (hài lòng hoặc không); chỉ đọc tỷ lệ cùng khoảng tin cậy.
- Thang 3 mức: “Hài lòng” là mức giữa; xem cả tỷ lệ “Rất hài lòng” (0,0 %).

Bounds are rounded outward (99.26 % shows as 99,2), so the printed interval contains the computed
one. ``summary(language="en")`` prints the same table in English with "95 % CI" and decimal points;
``summary(population=9158)`` adds the response rate (517 phiếu / 9.158 hồ sơ = 5,6 %).

A tally is immutable; tallies on the same scale add with ``+``; :meth:`SurveyTally.satisfaction`
is a :class:`~motcua.Proportion`, so every interval method and comparison applies.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Mapping
from decimal import Decimal
from html import escape
from statistics import NormalDist
from typing import Any, Literal

import attrs

from ._warn import warn
from .dossiers import Channel
from .errors import (
    InvalidArgumentError,
    InvalidCountError,
    MotcuaError,
    NoResponsesError,
    SmallSampleWarning,
    UncertainDataWarning,
)
from .scales import Criteria, Scale, UnknownLevelError, criteria, scale
from .stats import (
    Proportion,
    Rounding,
    StratifiedProportion,
    _as_count,
    _check_confidence,
    _check_method,
    confidence_percent,
    half_up,
    multinomial_intervals,
    shown_percent,
    stratified_proportion,
)
from .vietnamese import format_number

__all__ = [
    "LANGUAGES",
    "CriteriaTally",
    "MeanScore",
    "SummaryRow",
    "SurveySummary",
    "SurveyTally",
    "UndefinedIndexError",
]

#: Fewer responses than this draw a :class:`~motcua.SmallSampleWarning` (a convention, not a law).
SMALL_SAMPLE = 30

#: A share with fewer answers than this on one side (satisfied or not) gets a note in summaries
#: (surveys_kpi.md §5.7: "min(x, n − x) < 5"; a convention, not a law).
FEW_ON_ONE_SIDE = 5

#: The languages a :class:`SurveySummary` is shown in.
LANGUAGES = ("vi", "en")
Language = Literal["vi", "en"]

_CHANNEL_EN = {Channel.IN_PERSON: "In person", Channel.POSTAL: "Postal service", Channel.ONLINE: "Online"}


class UndefinedIndexError(MotcuaError, ValueError):
    """An overall index was asked of a criteria set whose source defines none (e.g. Decree 118/2025 Art. 33)."""


_CHANNELS = tuple(Channel)


def _channel(value: object) -> Channel:
    try:
        return Channel.parse(value)  # type: ignore[arg-type]  # anything else is refused below
    except ValueError:
        raise UnknownLevelError(
            f"unknown channel {value!r}; use Channel.ONLINE, Channel.IN_PERSON or Channel.POSTAL "
            "(or 'online', 'in_person', 'postal', 'trực tuyến', 'trực tiếp', 'bưu chính')"
        ) from None


def _check_count(count: object, where: str) -> int:
    return _as_count(count, f"{where}: a count")


def _cells(cells: Iterable[Iterable[int]]) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(row) for row in cells)


def _proportion(successes: int, n: int, what: str) -> Proportion:
    if n == 0:
        raise NoResponsesError(f"no responses for {what}: a share over nothing is undefined")
    return Proportion(successes, n)


def _warn_small(n: int, what: str) -> None:
    """Warn under 30 responses, at the user's line."""
    if 0 < n < SMALL_SAMPLE:
        warn(
            f"{what} rests on {n} responses (< {SMALL_SAMPLE}); report its interval, not only the percentage",
            SmallSampleWarning,
        )


@attrs.frozen
class MeanScore:
    """The mean of a declared score mapping (e.g. 2 / 1 / 0), with its standard error.

    The interval is the normal approximation ``mean ± z·SE`` (SE from the sample standard
    deviation). A mean treats an ordinal scale as numbers: compare means only on the same scale.
    """

    mean: float
    sd: float
    n: int

    @property
    def se(self) -> float:
        """The standard error ``sd / √n``."""
        return self.sd / math.sqrt(self.n)

    def interval(self, confidence: float = 0.95) -> tuple[float, float]:
        """The normal-approximation interval ``mean ± z·se``."""
        z = NormalDist().inv_cdf(0.5 + _check_confidence(confidence) / 2)
        return self.mean - z * self.se, self.mean + z * self.se


@attrs.frozen(repr=False)
class SurveyTally:
    """Counts of answers by :class:`~motcua.Channel` and level of a :class:`~motcua.Scale`.

    Build one with :meth:`from_counts` or :meth:`from_responses`. ``self_selected`` (default
    True) records that the forms were filled in voluntarily: the summary then says that its
    intervals carry sampling error only.

    >>> online = SurveyTally.from_counts({"online": {"Rất hài lòng": 300, "Hài lòng": 200, "Chưa hài lòng": 17}})
    >>> online.total, online.satisfaction().value == 500 / 517
    (517, True)
    >>> [round(b, 6) for b in online.satisfaction().interval()]
    [0.947975, 0.97937]
    >>> s = online.scale.with_scores({"Rất hài lòng": 2, "Hài lòng": 1, "Chưa hài lòng": 0})
    >>> m = SurveyTally.from_counts({"online": online.level_counts()}, s).mean_score()
    >>> round(m.mean, 6), round(m.sd, 6), [round(b, 6) for b in m.interval()]
    (1.547389, 0.560469, [1.499077, 1.595701])
    """

    scale: Scale
    cells: tuple[tuple[int, ...], ...] = attrs.field(converter=_cells)
    self_selected: bool = attrs.field(default=True, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.scale, Scale):
            raise TypeError(f"scale must be a Scale, got {type(self.scale).__name__}")
        if len(self.cells) != len(_CHANNELS) or any(len(row) != len(self.scale.levels) for row in self.cells):
            raise InvalidArgumentError(
                f"cells must have one row per channel ({len(_CHANNELS)}) and one count per level "
                f"({len(self.scale.levels)}); use SurveyTally.from_counts() instead"
            )
        cells = tuple(
            tuple(
                _check_count(count, f"{channel.value}/{label}")
                for label, count in zip(self.scale.levels, row, strict=True)
            )
            for channel, row in zip(_CHANNELS, self.cells, strict=True)
        )
        object.__setattr__(self, "cells", cells)  # numpy integers become ints

    # ------------------------------------------------------------------ construction

    @classmethod
    def empty(cls, scale_: str | Scale = "online-3", *, self_selected: bool = True) -> SurveyTally:
        """A tally with no responses yet."""
        s = scale(scale_)
        return cls(s, [[0] * len(s.levels) for _ in _CHANNELS], self_selected=self_selected)

    @classmethod
    def from_counts(
        cls,
        counts: Mapping[Channel | str, Mapping[str, int]],
        scale_: str | Scale = "online-3",
        *,
        self_selected: bool = True,
    ) -> SurveyTally:
        """Counts by channel, then by level label (``{Channel.ONLINE: {"Hài lòng": 415}}``).

        Levels not named count zero; labels match without diacritics; channels may be
        :class:`~motcua.Channel` members or their names (``"online"``, ``"trực tiếp"``).
        """
        s = scale(scale_)
        if not isinstance(counts, Mapping):
            raise TypeError(f"counts must be a mapping of channel to {{level: count}}, got {type(counts).__name__}")
        rows = {c: [0] * len(s.levels) for c in _CHANNELS}
        seen_channels: set[Channel] = set()
        for raw_channel, by_level in counts.items():
            channel = _channel(raw_channel)
            if channel in seen_channels:
                raise InvalidArgumentError(f"channel {channel.value!r} is given twice (as {raw_channel!r})")
            seen_channels.add(channel)
            if not isinstance(by_level, Mapping):
                raise TypeError(f"counts for {channel.value!r} must map level to count, got {type(by_level).__name__}")
            seen_levels: set[int] = set()
            for label, count in by_level.items():
                i = s.position(label)
                if i in seen_levels:
                    raise InvalidArgumentError(
                        f"level {s.levels[i]!r} is given twice for {channel.value!r} (as {label!r})"
                    )
                seen_levels.add(i)
                rows[channel][i] = _check_count(count, f"{channel.value}/{label}")
        return cls(s, [rows[c] for c in _CHANNELS], self_selected=self_selected)

    @classmethod
    def from_responses(
        cls,
        responses: Iterable[tuple[Channel | str, str]],
        scale_: str | Scale = "online-3",
        *,
        self_selected: bool = True,
    ) -> SurveyTally:
        """Tally ``(channel, level)`` pairs, one per completed form.

        >>> t = SurveyTally.from_responses([("online", "Rất hài lòng"), ("trực tiếp", "hai long")])
        >>> t.level_counts()
        {'Rất hài lòng': 1, 'Hài lòng': 1, 'Chưa hài lòng': 0}
        """
        s = scale(scale_)
        rows = {c: [0] * len(s.levels) for c in _CHANNELS}
        for i, response in enumerate(responses):
            try:
                raw_channel, label = response
            except (TypeError, ValueError):
                raise TypeError(f"response {i} must be a (channel, level) pair, got {response!r}") from None
            rows[_channel(raw_channel)][s.position(label)] += 1
        return cls(s, [rows[c] for c in _CHANNELS], self_selected=self_selected)

    # ------------------------------------------------------------------ counts

    @property
    def total(self) -> int:
        """The number of responses over every channel."""
        return sum(map(sum, self.cells))

    @property
    def channels(self) -> tuple[Channel, ...]:
        """The channels with at least one response."""
        return tuple(c for c, row in zip(_CHANNELS, self.cells, strict=True) if any(row))

    def _row(self, channel: Channel | str | None) -> tuple[int, ...]:
        if channel is None:
            return tuple(map(sum, zip(*self.cells, strict=True)))
        return self.cells[_CHANNELS.index(_channel(channel))]

    def level_counts(self, channel: Channel | str | None = None) -> dict[str, int]:
        """Responses per level (all channels, or one)."""
        return dict(zip(self.scale.levels, self._row(channel), strict=True))

    @property
    def counts(self) -> dict[Channel, dict[str, int]]:
        """Responses per channel (those with any) and level, as in :meth:`from_counts`."""
        return {c: self.level_counts(c) for c in self.channels}

    def channel(self, channel: Channel | str) -> SurveyTally:
        """The tally of one channel only."""
        keep = _channel(channel)
        zero = (0,) * len(self.scale.levels)
        rows = [row if c is keep else zero for c, row in zip(_CHANNELS, self.cells, strict=True)]
        return SurveyTally(self.scale, rows, self_selected=self.self_selected)

    def by_channel(self) -> dict[Channel, SurveyTally]:
        """One tally per channel that has responses."""
        return {c: self.channel(c) for c in self.channels}

    def __add__(self, other: object) -> SurveyTally:
        if not isinstance(other, SurveyTally):
            return NotImplemented
        if other.scale != self.scale:
            raise InvalidArgumentError(f"cannot add tallies on different scales: {self.scale!r} and {other.scale!r}")
        rows = [[a + b for a, b in zip(r1, r2, strict=True)] for r1, r2 in zip(self.cells, other.cells, strict=True)]
        return SurveyTally(self.scale, rows, self_selected=self.self_selected or other.self_selected)

    # ------------------------------------------------------------------ shares

    def _share(self, top: int, channel: Channel | str | None, what: str) -> Proportion:
        row = self._row(channel)
        where = what if channel is None else f"{what} ({_channel(channel).label_vi})"
        p = _proportion(sum(row[:top]), sum(row), where)
        _warn_small(p.n, where)
        return p

    def satisfaction(self, channel: Channel | str | None = None) -> Proportion:
        """The satisfied share (the scale's top ``satisfied`` levels), pooled or for one channel.

        Raises :class:`~motcua.NoResponsesError` when there is no response, and warns
        (:class:`~motcua.SmallSampleWarning`) under 30.
        """
        return self._share(self.scale.satisfied_count, channel, "satisfaction")

    def top_box(self, channel: Channel | str | None = None) -> Proportion:
        """The share answering the top level (e.g. "Rất hài lòng")."""
        return self._share(1, channel, "top-box share")

    def top2_box(self, channel: Channel | str | None = None) -> Proportion:
        """The share answering one of the top two levels."""
        if len(self.scale.levels) < 3:
            raise InvalidArgumentError(
                f"top-2-box needs a scale with at least three levels; {self.scale.key!r} has two"
            )
        return self._share(2, channel, "top-2-box share")

    def distribution(self, channel: Channel | str | None = None) -> dict[str, Proportion]:
        """Each level's share of the responses."""
        row = self._row(channel)
        n = sum(row)
        return {label: _proportion(c, n, "the distribution") for label, c in zip(self.scale.levels, row, strict=True)}

    def distribution_intervals(
        self, confidence: float = 0.95, channel: Channel | str | None = None
    ) -> dict[str, tuple[float, float]]:
        """Goodman's simultaneous intervals for every level's share at once."""
        return multinomial_intervals(self.level_counts(channel), confidence)

    def mean_score(self, scores: Mapping[str, float] | None = None, channel: Channel | str | None = None) -> MeanScore:
        """The mean score on a declared mapping (``scores`` here, or the scale's own).

        There is no default mapping: a mean of an ordinal scale means something only when the
        scores are declared (e.g. Circular 01/2018's 2 / 1 / 0).
        """
        s = self.scale.with_scores(scores) if scores is not None else self.scale
        if s.scores is None:
            raise InvalidArgumentError(
                f"scale {s.key!r} declares no scores; pass scores={{level: number}} "
                "(e.g. {'Rất hài lòng': 2, 'Hài lòng': 1, 'Chưa hài lòng': 0})"
            )
        row = self._row(channel)
        n = sum(row)
        if n == 0:
            raise NoResponsesError("no responses: a mean over nothing is undefined")
        if n == 1:
            raise InvalidArgumentError("a mean score with a standard error needs at least two responses")
        mean = math.fsum(c * v for c, v in zip(row, s.scores, strict=True)) / n
        ss = math.fsum(c * (v - mean) ** 2 for c, v in zip(row, s.scores, strict=True))
        _warn_small(n, "mean score")
        return MeanScore(mean, math.sqrt(ss / (n - 1)), n)

    def stratified(self, weights: Mapping[Channel | str, float] | None = None) -> StratifiedProportion:
        """The satisfied share weighted by each channel's share of the *population*.

        Pass, for instance, the dossiers received per channel; the responses' own shares give
        back the pooled share. The interval uses Kish's effective sample size.

        >>> t = SurveyTally.from_counts({"online": {"Hài lòng": 400, "Chưa hài lòng": 15},
        ...                              "in_person": {"Hài lòng": 95, "Chưa hài lòng": 7}})
        >>> s = t.stratified({"online": 0.2, "in_person": 0.8})
        >>> round(s.value, 6), round(s.n_eff, 2)
        (0.937869, 156.96)
        """
        strata = {c: self.satisfaction(c) for c in self.channels}
        if weights is None:
            return stratified_proportion(strata)
        by_channel: dict[Channel, float] = {}
        for key, w in weights.items():
            c = _channel(key)
            if c in by_channel:
                raise InvalidArgumentError(f"channel {c.value!r} is weighted twice")
            by_channel[c] = w
        empty = [c.value for c, w in by_channel.items() if c not in strata and w]
        if empty:
            raise NoResponsesError(f"channel(s) {', '.join(empty)} have a weight but no responses to estimate from")
        return stratified_proportion(strata, {c: w for c, w in by_channel.items() if c in strata})

    # ------------------------------------------------------------------ display

    def summary(
        self,
        confidence: float = 0.95,
        method: str = "wilson",
        weights: Mapping[Channel | str, float] | None = None,
        *,
        population: int | None = None,
        language: Language = "vi",
    ) -> SurveySummary:
        """A table per channel and in total: n, each level, the satisfied share and its interval.

        ``weights`` adds the estimate stratified by channel (see :meth:`stratified`), at the same
        ``confidence`` and ``method``. ``population``, the number of dossiers (or people served)
        the forms could have come from, adds the response rate as a note (surveys_kpi.md §5.1:
        report n and the response rate with the share). ``language`` is "vi" or "en".
        """
        confidence, method = _check_confidence(confidence), _check_method(method)
        language = _check_language(language)
        if population is not None:
            population = _as_count(population, "population")
            if population < self.total:
                raise InvalidCountError(
                    f"population ({population}) is smaller than the number of responses ({self.total}); "
                    "pass the number of dossiers (or people served) the forms could have come from"
                )
        rows = [
            _summary_row(c.label_vi, c.value, self.channel(c), confidence, method, _CHANNEL_EN[c])
            for c in self.channels
        ]
        rows.append(_summary_row("Tổng cộng", "total", self, confidence, method, "Total"))
        stratified = None
        if weights is not None:
            with warnings.catch_warnings():
                # The table's rows are these channels: the summary warns about small ones once.
                warnings.simplefilter("ignore", SmallSampleWarning)
                stratified = self.stratified(weights)
        titles = (
            f"Khảo sát mức độ hài lòng: {format_number(self.total)} phiếu",
            f"Satisfaction survey: {self.total:,} responses",
        )
        return _make_summary(
            self.scale,
            self.self_selected,
            titles,
            ("Kênh", "Channel"),
            rows,
            confidence,
            method,
            stratified,
            population=population,
            language=language,
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per channel and level: ``channel``, ``level``, ``count`` (for pandas)."""
        return [
            {"channel": c.value, "level": label, "count": count}
            for c, row in zip(_CHANNELS, self.cells, strict=True)
            for label, count in zip(self.scale.levels, row, strict=True)
        ]

    def to_frame(self) -> Any:
        """The records as a pandas DataFrame (needs pandas)."""
        return _frame(self.to_records())

    def __repr__(self) -> str:
        parts = ", ".join(f"{c.value}: {sum(self._row(c))}" for c in self.channels) or "no responses"
        return f"<SurveyTally {self.scale.key}: {self.total} responses ({parts})>"

    def __str__(self) -> str:
        return str(self.summary())

    def _repr_html_(self) -> str:
        return self.summary()._repr_html_()


@attrs.frozen
class SummaryRow:
    """One line of a :class:`SurveySummary` (a channel, a criterion, or the total)."""

    label: str
    key: str
    n: int
    counts: tuple[int, ...]
    satisfied: Proportion | None
    interval: tuple[float, float] | None
    top_box: Proportion | None
    label_en: str = attrs.field(default="", kw_only=True)

    def label_in(self, language: Language) -> str:
        """The row's label in ``language`` (the Vietnamese one when there is no English one)."""
        return self.label_en if language == "en" and self.label_en else self.label


def _summary_row(
    label: str, key: str, tally: SurveyTally, confidence: float, method: str, label_en: str = ""
) -> SummaryRow:
    row = tally._row(None)
    n = sum(row)
    if n == 0:
        return SummaryRow(label, key, 0, row, None, None, None, label_en=label_en)
    top = tally.scale.satisfied_count
    satisfied = Proportion(sum(row[:top]), n)
    return SummaryRow(
        label,
        key,
        n,
        row,
        satisfied,
        satisfied.interval(confidence, method),
        Proportion(row[0], n),
        label_en=label_en,
    )


def _check_language(language: object) -> Language:
    if language not in LANGUAGES:
        raise InvalidArgumentError(f"language must be 'vi' or 'en', got {language!r}")
    return language  # type: ignore[return-value]  # checked just above


def _number(value: int | Decimal, language: Language) -> str:
    """Vietnamese figures use "." between thousands and "," before decimals; English the reverse."""
    return format_number(value) if language == "vi" else format(value, ",f" if isinstance(value, Decimal) else ",")


def _percent(share: float | Decimal, language: Language, rounding: Rounding = "nearest") -> str:
    return _number(shown_percent(share, 1, rounding), language)


def _interval_text(interval: tuple[float, float], language: Language) -> str:
    """Bounds rounded outward (low down, high up), so the shown interval contains the computed one."""
    return f"{_percent(interval[0], language, 'down')}–{_percent(interval[1], language, 'up')} %"


def _ci_label(confidence: float, language: Language) -> str:
    """``KTC 95 %`` (khoảng tin cậy) or ``95 % CI``, with the level exactly as given (99.9, not 100)."""
    level = _number(confidence_percent(confidence), language)
    return f"KTC {level} %" if language == "vi" else f"{level} % CI"


def _make_summary(
    scale_: Scale,
    self_selected: bool,
    titles: tuple[str, str],
    row_headers: tuple[str, str],
    rows: list[SummaryRow],
    confidence: float,
    method: str,
    stratified: StratifiedProportion | None,
    *,
    population: int | None = None,
    language: Language = "vi",
) -> SurveySummary:
    notes: list[str] = []
    notes_en: list[str] = []
    if self_selected:
        notes.append(
            "Phiếu tự nguyện: khoảng tin cậy chỉ tính sai số chọn mẫu, "
            "không tính sai lệch do tự chọn hay không trả lời."
        )
        notes_en.append(
            "Self-selected forms: the intervals reflect sampling error only, not self-selection or non-response bias."
        )
    total = rows[-1]
    if population is not None:
        # The response rate of §5.1: forms over the dossiers (or people) they could have come from.
        rate = shown_percent(Decimal(total.n) / Decimal(population))
        notes.append(
            f"Tỷ lệ phản hồi: {_number(total.n, 'vi')} phiếu / {_number(population, 'vi')} hồ sơ "
            f"= {_number(rate, 'vi')} %."
        )
        notes_en.append(
            f"Response rate: {_number(total.n, 'en')} forms / {_number(population, 'en')} dossiers "
            f"= {_number(rate, 'en')} %."
        )
    small = [r for r in rows if 0 < r.n < SMALL_SAMPLE]
    for r in small:
        notes.append(f"{r.label}: chỉ {r.n} phiếu (< {SMALL_SAMPLE}), mẫu nhỏ; đọc khoảng tin cậy.")
        notes_en.append(f"{r.label_in('en')}: only {r.n} responses (< {SMALL_SAMPLE}); read the interval.")
    # surveys_kpi.md §5.7 also flags a share resting on fewer than 5 answers on one side (0/517 not
    # satisfied): a note, not a warning, since the intervals shown are built for exactly that case.
    edge = [
        r
        for r in rows
        if r.n >= SMALL_SAMPLE
        and r.satisfied is not None
        and min(r.satisfied.successes, r.satisfied.failures) < FEW_ON_ONE_SIDE
    ]
    if edge:
        notes.append(
            f"{', '.join(r.label for r in edge)}: dưới {FEW_ON_ONE_SIDE} phiếu ở một phía (hài lòng hoặc không); "
            "chỉ đọc tỷ lệ cùng khoảng tin cậy."
        )
        notes_en.append(
            f"{', '.join(r.label_in('en') for r in edge)}: fewer than {FEW_ON_ONE_SIDE} responses on one side "
            "(satisfied or not); read the share only with its interval."
        )
    for r in rows:
        if r.n == 0:
            notes.append(f"{r.label}: không có phiếu; tỷ lệ không xác định.")
            notes_en.append(f"{r.label_in('en')}: no responses; the share is undefined.")
    s = scale_
    # Only a channel table ends with a total row; a criteria table has none to quote.
    if total.key == "total" and len(s.levels) == 3 and s.satisfied_count == 2 and total.top_box is not None:
        top = shown_percent(total.top_box.value)
        top_en = (s.levels_en or s.levels)[0]
        notes.append(
            f"Thang 3 mức: “{s.levels[1]}” là mức giữa; xem cả tỷ lệ “{s.levels[0]}” ({_number(top, 'vi')} %)."
        )
        notes_en.append(
            f"On a 3-level scale “{(s.levels_en or s.levels)[1]}” is the middle level: look at the "
            f"“{top_en}” share as well ({_number(top, 'en')} %)."
        )
    if small:
        warn(
            f"{', '.join(r.label for r in small)}: fewer than {SMALL_SAMPLE} responses; report the intervals",
            SmallSampleWarning,
        )
    return SurveySummary(
        s,
        titles[0],
        row_headers[0],
        tuple(rows),
        confidence,
        method,
        stratified,
        tuple(notes),
        tuple(notes_en),
        title_en=titles[1],
        row_header_en=row_headers[1],
        population=population,
        language=language,
    )


@attrs.frozen
class SurveySummary:
    """A readable table of a tally: print it, show it in a notebook, or take its records.

    ``language`` ("vi", the default, or "en") chooses the title, headers, labels and notes of the
    text and HTML, and the number format: ``99,2–100,0 %`` and ``KTC 95 %`` (khoảng tin cậy) in
    Vietnamese, ``99.2–100.0 %`` and ``95 % CI`` in English. Interval bounds are rounded outward
    (low down, high up), so the shown interval always contains the computed one.
    """

    scale: Scale
    title: str
    row_header: str
    rows: tuple[SummaryRow, ...]
    confidence: float
    method: str
    stratified: StratifiedProportion | None
    notes: tuple[str, ...]
    notes_en: tuple[str, ...]
    title_en: str = attrs.field(default="", kw_only=True)
    row_header_en: str = attrs.field(default="", kw_only=True)
    population: int | None = attrs.field(default=None, kw_only=True)
    language: Language = attrs.field(default="vi", kw_only=True, converter=_check_language)

    def in_language(self, language: Language) -> SurveySummary:
        """The same summary, shown in ``language`` ("vi" or "en")."""
        return attrs.evolve(self, language=language)

    def _scale_line(self) -> str:
        s = self.scale
        if self.language == "en":
            top = f"top {s.satisfied_count} level{'s' if s.satisfied_count > 1 else ''}"
            return f"scale {s.key} ({' / '.join(s.levels_en or s.levels)}; satisfied = {top})"
        return f"thang {s.key} ({' / '.join(s.levels)}; hài lòng = {s.satisfied_count} mức đầu)"

    def _header(self) -> list[str]:
        en = self.language == "en"
        levels = (self.scale.levels_en or self.scale.levels) if en else self.scale.levels
        return [
            (self.row_header_en or self.row_header) if en else self.row_header,
            "n",
            *levels,
            "Share satisfied" if en else "Tỷ lệ hài lòng",
            f"{_ci_label(self.confidence, self.language)} ({self.method})",
        ]

    def _cells(self, r: SummaryRow) -> list[str]:
        lang = self.language
        share = "–" if r.satisfied is None else f"{_percent(r.satisfied.value, lang)} %"
        ci = "–" if r.interval is None else _interval_text(r.interval, lang)
        return [r.label_in(lang), _number(r.n, lang), *(_number(c, lang) for c in r.counts), share, ci]

    def _title(self) -> str:
        return (self.title_en or self.title) if self.language == "en" else self.title

    def _notes(self) -> tuple[str, ...]:
        return self.notes_en if self.language == "en" else self.notes

    def _stratified_line(self) -> str | None:
        """The weighted estimate, at the summary's own confidence and method."""
        if self.stratified is None:
            return None
        lang = self.language
        interval = self.stratified.interval(self.confidence, self.method)
        n_eff = _number(half_up(self.stratified.n_eff, 1), lang)
        share = _percent(self.stratified.value, lang)
        ci = f"{_ci_label(self.confidence, lang)} {_interval_text(interval, lang)}"
        if lang == "en":
            return f"Stratified by channel weights: {share} % (effective n {n_eff}; {ci})"
        return f"Ước lượng phân tầng theo trọng số kênh: {share} % (n hiệu dụng {n_eff}; {ci})"

    def __str__(self) -> str:
        header = self._header()
        table = [header, *(self._cells(r) for r in self.rows)]
        widths = [max(len(row[i]) for row in table) for i in range(len(header))]
        lines = [f"{self._title()}; {self._scale_line()}"]
        for row in table:
            cells = [row[0].ljust(widths[0])] + [cell.rjust(w) for cell, w in zip(row[1:], widths[1:], strict=True)]
            lines.append("  ".join(cells).rstrip())
        stratified = self._stratified_line()
        if stratified is not None:
            lines.append(stratified)
        notes = self._notes()
        if notes:
            lines.append("Notes:" if self.language == "en" else "Ghi chú:")
            lines.extend(f"- {note}" for note in notes)
        return "\n".join(lines)

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per row: n, each level's count, the satisfied share in per cent and its bounds.

        ``satisfied_pct`` and ``top_box_pct`` are the exact shares times 100, unrounded (99,999 of
        100,000 gives 99.999, never 100.0); round them for display with :func:`~motcua.shown_percent`.
        ``ci_low`` and ``ci_high`` are the interval's bounds as shares (0 to 1). Keys do not depend
        on ``language``; ``label`` is the Vietnamese label.
        """
        out = []
        for r in self.rows:
            rec: dict[str, Any] = {"row": r.key, "label": r.label, "n": r.n}
            rec.update(zip(self.scale.levels, r.counts, strict=True))
            rec["satisfied"] = None if r.satisfied is None else r.satisfied.successes
            rec["satisfied_pct"] = None if r.satisfied is None else r.satisfied.successes * 100 / r.satisfied.n
            rec["ci_low"] = None if r.interval is None else r.interval[0]
            rec["ci_high"] = None if r.interval is None else r.interval[1]
            rec["top_box_pct"] = None if r.top_box is None else r.top_box.successes * 100 / r.top_box.n
            out.append(rec)
        return out

    def to_frame(self) -> Any:
        """The records as a pandas DataFrame (needs pandas)."""
        return _frame(self.to_records())

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{escape(h)}</th>" for h in self._header())
        body = ""
        for r in self.rows:
            label, *cells = self._cells(r)
            body += f"<tr><th>{escape(label)}</th>{''.join(f'<td>{escape(c)}</td>' for c in cells)}</tr>"
        extra = ""
        stratified = self._stratified_line()
        if stratified is not None:
            extra += f"<p>{escape(stratified)}</p>"
        notes = self._notes()
        if notes:
            extra += "<ul>" + "".join(f"<li>{escape(n)}</li>" for n in notes) + "</ul>"
        return (
            f"<div class='motcua-survey' lang='{self.language}'><p><b>{escape(self._title())}</b>; "
            f"{escape(self._scale_line())}</p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{extra}</div>"
        )


def _frame(records: list[dict[str, Any]]) -> Any:
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("to_frame() needs pandas; install it with `pip install pandas`") from None
    return pd.DataFrame.from_records(records)


@attrs.frozen(repr=False)
class CriteriaTally:
    """One :class:`SurveyTally` per criterion of a set (e.g. the five SIPAS factors).

    >>> t = CriteriaTally.from_counts(
    ...     {"tiep-can": {"online": {"Hài lòng": 40, "Bình thường": 10}},
    ...      "cong-chuc": {"online": {"Rất hài lòng": 45, "Không hài lòng": 5}}},
    ...     criteria="sipas", scale="likert-5")
    >>> t.criterion("cong-chuc").satisfaction().value
    0.9
    >>> t.satisfaction()["thu-tuc"] is None     # nobody rated that factor
    True
    """

    criteria: Criteria
    tallies: tuple[SurveyTally, ...]

    def __attrs_post_init__(self) -> None:
        if len(self.tallies) != len(self.criteria.items):
            raise InvalidArgumentError(
                f"need one tally per criterion ({len(self.criteria.items)}), got {len(self.tallies)}"
            )
        scales = {t.scale for t in self.tallies}
        if len(scales) > 1:
            raise InvalidArgumentError("every criterion must be tallied on the same scale")

    @property
    def scale(self) -> Scale:
        """The scale every criterion is tallied on."""
        return self.tallies[0].scale

    @classmethod
    def from_counts(
        cls,
        counts: Mapping[str, Mapping[Channel | str, Mapping[str, int]]],
        *,
        criteria: str | Criteria,
        scale: str | Scale = "likert-5",
        self_selected: bool = True,
    ) -> CriteriaTally:
        """Counts by criterion (key or label), then channel, then level."""
        crit = _criteria(criteria)
        by_key: dict[str, SurveyTally] = {}
        for name, by_channel in counts.items():
            key = crit.get(name).key
            if key in by_key:
                raise InvalidArgumentError(f"criterion {key!r} is given twice (as {name!r})")
            by_key[key] = SurveyTally.from_counts(by_channel, scale, self_selected=self_selected)
        empty = SurveyTally.empty(scale, self_selected=self_selected)
        return cls(crit, tuple(by_key.get(c.key, empty) for c in crit.items))

    @classmethod
    def from_responses(
        cls,
        responses: Iterable[tuple[Channel | str, Mapping[str, str]]],
        *,
        criteria: str | Criteria,
        scale: str | Scale = "likert-5",
        self_selected: bool = True,
    ) -> CriteriaTally:
        """Tally forms given as ``(channel, {criterion: level})``; unanswered criteria are skipped."""
        crit = _criteria(criteria)
        pairs: dict[str, list[tuple[Channel | str, str]]] = {c.key: [] for c in crit.items}
        for i, response in enumerate(responses):
            try:
                channel, answers = response
            except (TypeError, ValueError):
                raise TypeError(
                    f"response {i} must be a (channel, {{criterion: level}}) pair, got {response!r}"
                ) from None
            for name, level in answers.items():
                pairs[crit.get(name).key].append((channel, level))
        return cls(
            crit,
            tuple(SurveyTally.from_responses(pairs[c.key], scale, self_selected=self_selected) for c in crit.items),
        )

    def criterion(self, key_or_label: str) -> SurveyTally:
        """The tally of one criterion."""
        key = self.criteria.get(key_or_label).key
        return self.tallies[self.criteria.keys.index(key)]

    def satisfaction(self) -> dict[str, Proportion | None]:
        """The satisfied share per criterion key (``None`` where nobody answered)."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SmallSampleWarning)  # summary() reports small samples once
            return {
                c.key: t.satisfaction() if t.total else None
                for c, t in zip(self.criteria.items, self.tallies, strict=True)
            }

    def index(self, weights: Mapping[str, float] | None = None) -> float:
        """The weighted mean of the criteria's satisfied shares (equal weights by default).

        This is the SIPAS-style overall index. Warns (:class:`~motcua.UncertainDataWarning`) when
        the set's data marks that aggregation as unverified. A set whose source defines no index
        (Decree 118/2025 Art. 33 lists what citizens evaluate, with no scores or weights) raises
        :class:`UndefinedIndexError` unless ``weights`` declares an index of the caller's own.
        """
        if self.criteria.aggregation is None and weights is None:
            raise UndefinedIndexError(
                f"criteria set {self.criteria.key!r} defines no overall index (its source gives no aggregation); "
                "report the criteria one by one (satisfaction(), summary()), or pass weights={criterion: weight} "
                "to compute an index of your own"
            )
        if self.criteria.aggregation_evidence == "uncertain":
            warn(
                f"the aggregation of {self.criteria.key!r} is not verified against its source: "
                f"{self.criteria.aggregation}",
                UncertainDataWarning,
            )
        shares = self.satisfaction()
        w = (
            {c.key: 1.0 for c in self.criteria.items}
            if weights is None
            else {self.criteria.get(k).key: v for k, v in weights.items()}
        )
        missing = [k for k, v in w.items() if v and shares[k] is None]
        if missing:
            raise NoResponsesError(f"criteria {', '.join(missing)} have a weight but no responses")
        total = math.fsum(w.values())
        if total <= 0 or any(v < 0 for v in w.values()):
            raise InvalidArgumentError("weights must be >= 0 and not all zero")
        return math.fsum(v * shares[k].value for k, v in w.items() if v) / total  # type: ignore[union-attr]

    def __add__(self, other: object) -> CriteriaTally:
        if not isinstance(other, CriteriaTally):
            return NotImplemented
        if other.criteria != self.criteria:
            raise InvalidArgumentError(
                f"cannot add tallies of different criteria sets: {self.criteria.key!r}, {other.criteria.key!r}"
            )
        return CriteriaTally(self.criteria, tuple(a + b for a, b in zip(self.tallies, other.tallies, strict=True)))

    def summary(self, confidence: float = 0.95, method: str = "wilson", *, language: Language = "vi") -> SurveySummary:
        """A table with one row per criterion (all channels pooled within each criterion)."""
        confidence, method = _check_confidence(confidence), _check_method(method)
        rows = [
            _summary_row(c.label, c.key, t, confidence, method, c.label_en)
            for c, t in zip(self.criteria.items, self.tallies, strict=True)
        ]
        # No pooled row: one form rates several criteria, so pooling the ratings would count a
        # respondent several times and give a falsely narrow interval; index() combines them.
        titles = (
            f"{self.criteria.name}: số phiếu đánh giá theo từng tiêu chí",
            f"{self.criteria.name_en}: responses per criterion",
        )
        return _make_summary(
            self.scale,
            self.tallies[0].self_selected,
            titles,
            ("Tiêu chí", "Criterion"),
            rows,
            confidence,
            method,
            None,
            language=_check_language(language),
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per criterion, channel and level (for pandas)."""
        return [
            {"criterion": c.key, **rec}
            for c, t in zip(self.criteria.items, self.tallies, strict=True)
            for rec in t.to_records()
        ]

    def to_frame(self) -> Any:
        """The records as a pandas DataFrame (needs pandas)."""
        return _frame(self.to_records())

    def __repr__(self) -> str:
        return f"<CriteriaTally {self.criteria.key} on {self.scale.key}: {[t.total for t in self.tallies]}>"

    def __str__(self) -> str:
        return str(self.summary())

    def _repr_html_(self) -> str:
        return self.summary()._repr_html_()


def _criteria(value: str | Criteria) -> Criteria:
    return criteria(value)
