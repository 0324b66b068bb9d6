"""Satisfaction-survey tallies: counts by channel and level, shares with honest intervals.

The seed ward's 2016 survey, in three lines:

>>> from motcua import Channel, SurveyTally
>>> survey = SurveyTally.from_counts({Channel.ONLINE: {"Hài lòng": 415}, Channel.IN_PERSON: {"Hài lòng": 102}})
>>> print(survey.summary())
Khảo sát mức độ hài lòng: 517 phiếu; thang online-3 (Rất hài lòng / Hài lòng / Chưa hài lòng; hài lòng = 2 mức đầu)
Kênh          n  Rất hài lòng  Hài lòng  Chưa hài lòng  Tỷ lệ hài lòng  95 % CI (wilson)
Trực tiếp   102             0       102              0         100.0 %      96.4–100.0 %
Trực tuyến  415             0       415              0         100.0 %      99.1–100.0 %
Tổng cộng   517             0       517              0         100.0 %      99.3–100.0 %
Ghi chú:
- Phiếu tự nguyện: khoảng tin cậy chỉ tính sai số chọn mẫu, không tính sai lệch do tự chọn hay không trả lời.
- Thang 3 mức: “Hài lòng” là mức giữa; xem cả tỷ lệ “Rất hài lòng” (0.0 %).

A tally is immutable; tallies on the same scale add with ``+``; :meth:`SurveyTally.satisfaction`
is a :class:`~motcua.Proportion`, so every interval method and comparison applies.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Mapping
from html import escape
from statistics import NormalDist
from typing import Any

import attrs

from ._warn import warn
from .dossiers import Channel
from .errors import NoResponsesError, SmallSampleWarning, UncertainDataWarning
from .scales import Criteria, Scale, UnknownLevelError, criteria, scale
from .stats import Proportion, StratifiedProportion, multinomial_intervals, shown_percent, stratified_proportion

__all__ = ["CriteriaTally", "MeanScore", "SummaryRow", "SurveySummary", "SurveyTally"]

#: Fewer responses than this draw a :class:`~motcua.SmallSampleWarning` (a convention, not a law).
SMALL_SAMPLE = 30

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
    if isinstance(count, bool) or not isinstance(count, int):
        raise TypeError(f"{where}: a count must be an int, got {count!r}")
    if count < 0:
        raise ValueError(f"{where}: a count must not be negative, got {count}")
    return count


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
        if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 0 < confidence < 1:
            raise ValueError(f"confidence must be strictly between 0 and 1, got {confidence!r}")
        z = NormalDist().inv_cdf(0.5 + confidence / 2)
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
            raise ValueError(
                f"cells must have one row per channel ({len(_CHANNELS)}) and one count per level "
                f"({len(self.scale.levels)}); use SurveyTally.from_counts() instead"
            )
        for channel, row in zip(_CHANNELS, self.cells, strict=True):
            for label, count in zip(self.scale.levels, row, strict=True):
                _check_count(count, f"{channel.value}/{label}")

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
                raise ValueError(f"channel {channel.value!r} is given twice (as {raw_channel!r})")
            seen_channels.add(channel)
            if not isinstance(by_level, Mapping):
                raise TypeError(f"counts for {channel.value!r} must map level to count, got {type(by_level).__name__}")
            seen_levels: set[int] = set()
            for label, count in by_level.items():
                i = s.position(label)
                if i in seen_levels:
                    raise ValueError(f"level {s.levels[i]!r} is given twice for {channel.value!r} (as {label!r})")
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
            raise ValueError(f"cannot add tallies on different scales: {self.scale!r} and {other.scale!r}")
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
            raise ValueError(f"top-2-box needs a scale with at least three levels; {self.scale.key!r} has two")
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
            raise ValueError(
                f"scale {s.key!r} declares no scores; pass scores={{level: number}} "
                "(e.g. {'Rất hài lòng': 2, 'Hài lòng': 1, 'Chưa hài lòng': 0})"
            )
        row = self._row(channel)
        n = sum(row)
        if n == 0:
            raise NoResponsesError("no responses: a mean over nothing is undefined")
        if n == 1:
            raise ValueError("a mean score with a standard error needs at least two responses")
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
                raise ValueError(f"channel {c.value!r} is weighted twice")
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
    ) -> SurveySummary:
        """A table per channel and in total: n, each level, the satisfied share and its interval."""
        rows = [_summary_row(c.label_vi, c.value, self.channel(c), confidence, method) for c in self.channels]
        rows.append(_summary_row("Tổng cộng", "total", self, confidence, method))
        stratified = self.stratified(weights) if weights is not None else None
        title = f"Khảo sát mức độ hài lòng: {self.total} phiếu"
        return _make_summary(self.scale, self.self_selected, title, "Kênh", rows, confidence, method, stratified)

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


def _summary_row(label: str, key: str, tally: SurveyTally, confidence: float, method: str) -> SummaryRow:
    row = tally._row(None)
    n = sum(row)
    if n == 0:
        return SummaryRow(label, key, 0, row, None, None, None)
    top = tally.scale.satisfied_count
    satisfied = Proportion(sum(row[:top]), n)
    return SummaryRow(label, key, n, row, satisfied, satisfied.interval(confidence, method), Proportion(row[0], n))


def _make_summary(
    scale_: Scale,
    self_selected: bool,
    title: str,
    row_header: str,
    rows: list[SummaryRow],
    confidence: float,
    method: str,
    stratified: StratifiedProportion | None,
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
    small = [r for r in rows if 0 < r.n < SMALL_SAMPLE]
    for r in small:
        notes.append(f"{r.label}: chỉ {r.n} phiếu (< {SMALL_SAMPLE}), mẫu nhỏ; đọc khoảng tin cậy.")
        notes_en.append(f"{r.label}: only {r.n} responses (< {SMALL_SAMPLE}); read the interval.")
    for r in rows:
        if r.n == 0:
            notes.append(f"{r.label}: không có phiếu; tỷ lệ không xác định.")
            notes_en.append(f"{r.label}: no responses; the share is undefined.")
    s = scale_
    total = rows[-1]
    # Only a channel table ends with a total row; a criteria table has none to quote.
    if total.key == "total" and len(s.levels) == 3 and s.satisfied_count == 2 and total.top_box is not None:
        top = shown_percent(total.top_box.value)
        notes.append(f"Thang 3 mức: “{s.levels[1]}” là mức giữa; xem cả tỷ lệ “{s.levels[0]}” ({top} %).")
        notes_en.append(
            f"On a 3-level scale “{s.levels[1]}” is the middle level: look at the top-box share as well ({top} %)."
        )
    if small:
        warn(
            f"{', '.join(r.label for r in small)}: fewer than {SMALL_SAMPLE} responses; report the intervals",
            SmallSampleWarning,
        )
    return SurveySummary(
        s, title, row_header, tuple(rows), confidence, method, stratified, tuple(notes), tuple(notes_en)
    )


@attrs.frozen
class SurveySummary:
    """A readable table of a tally: print it, show it in a notebook, or take its records."""

    scale: Scale
    title: str
    row_header: str
    rows: tuple[SummaryRow, ...]
    confidence: float
    method: str
    stratified: StratifiedProportion | None
    notes: tuple[str, ...]
    notes_en: tuple[str, ...]

    def _scale_line(self) -> str:
        s = self.scale
        return f"thang {s.key} ({' / '.join(s.levels)}; hài lòng = {s.satisfied_count} mức đầu)"

    def _ci_header(self) -> str:
        return f"{round(self.confidence * 100)} % CI ({self.method})"

    def __str__(self) -> str:
        header = [self.row_header, "n", *self.scale.levels, "Tỷ lệ hài lòng", self._ci_header()]
        table = [header]
        for r in self.rows:
            share = "–" if r.satisfied is None else f"{shown_percent(r.satisfied.value)} %"
            ci = "–" if r.interval is None else f"{shown_percent(r.interval[0])}–{shown_percent(r.interval[1])} %"
            table.append([r.label, str(r.n), *map(str, r.counts), share, ci])
        widths = [max(len(row[i]) for row in table) for i in range(len(header))]
        lines = [f"{self.title}; {self._scale_line()}"]
        for row in table:
            cells = [row[0].ljust(widths[0])] + [cell.rjust(w) for cell, w in zip(row[1:], widths[1:], strict=True)]
            lines.append("  ".join(cells).rstrip())
        if self.stratified is not None:
            lines.append(f"Ước lượng phân tầng theo trọng số kênh: {self.stratified}")
        if self.notes:
            lines.append("Ghi chú:")
            lines.extend(f"- {note}" for note in self.notes)
        return "\n".join(lines)

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per row: n, each level's count, the satisfied share in per cent and its bounds."""
        out = []
        for r in self.rows:
            rec: dict[str, Any] = {"row": r.key, "label": r.label, "n": r.n}
            rec.update(zip(self.scale.levels, r.counts, strict=True))
            rec["satisfied"] = None if r.satisfied is None else r.satisfied.successes
            rec["satisfied_pct"] = None if r.satisfied is None else float(r.satisfied.percent(2))
            rec["ci_low"] = None if r.interval is None else r.interval[0]
            rec["ci_high"] = None if r.interval is None else r.interval[1]
            rec["top_box_pct"] = None if r.top_box is None else float(r.top_box.percent(2))
            out.append(rec)
        return out

    def to_frame(self) -> Any:
        """The records as a pandas DataFrame (needs pandas)."""
        return _frame(self.to_records())

    def _repr_html_(self) -> str:
        head = "".join(
            f"<th>{escape(h)}</th>"
            for h in [self.row_header, "n", *self.scale.levels, "Tỷ lệ hài lòng", self._ci_header()]
        )
        body = ""
        for r in self.rows:
            share = "–" if r.satisfied is None else f"{shown_percent(r.satisfied.value)} %"
            ci = "–" if r.interval is None else f"{shown_percent(r.interval[0])}–{shown_percent(r.interval[1])} %"
            cells = "".join(f"<td>{c}</td>" for c in (r.n, *r.counts, share, ci))
            body += f"<tr><th>{escape(r.label)}</th>{cells}</tr>"
        extra = ""
        if self.stratified is not None:
            extra += f"<p>Ước lượng phân tầng theo trọng số kênh: {escape(str(self.stratified))}</p>"
        if self.notes:
            extra += "<ul>" + "".join(f"<li>{escape(n)}</li>" for n in self.notes) + "</ul>"
        return (
            f"<div class='motcua-survey'><p><b>{escape(self.title)}</b>; {escape(self._scale_line())}</p>"
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
            raise ValueError(f"need one tally per criterion ({len(self.criteria.items)}), got {len(self.tallies)}")
        scales = {t.scale for t in self.tallies}
        if len(scales) > 1:
            raise ValueError("every criterion must be tallied on the same scale")

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
                raise ValueError(f"criterion {key!r} is given twice (as {name!r})")
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
        the set's data marks that aggregation as unverified.
        """
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
            raise ValueError("weights must be >= 0 and not all zero")
        return math.fsum(v * shares[k].value for k, v in w.items() if v) / total  # type: ignore[union-attr]

    def __add__(self, other: object) -> CriteriaTally:
        if not isinstance(other, CriteriaTally):
            return NotImplemented
        if other.criteria != self.criteria:
            raise ValueError(
                f"cannot add tallies of different criteria sets: {self.criteria.key!r}, {other.criteria.key!r}"
            )
        return CriteriaTally(self.criteria, tuple(a + b for a, b in zip(self.tallies, other.tallies, strict=True)))

    def summary(self, confidence: float = 0.95, method: str = "wilson") -> SurveySummary:
        """A table with one row per criterion (all channels pooled within each criterion)."""
        rows = [
            _summary_row(c.label, c.key, t, confidence, method)
            for c, t in zip(self.criteria.items, self.tallies, strict=True)
        ]
        # No pooled row: one form rates several criteria, so pooling the ratings would count a
        # respondent several times and give a falsely narrow interval; index() combines them.
        title = f"{self.criteria.name}: số phiếu đánh giá theo từng tiêu chí"
        return _make_summary(
            self.scale, self.tallies[0].self_selected, title, "Tiêu chí", rows, confidence, method, None
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
