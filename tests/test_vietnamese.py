"""Vietnamese numbers, amounts, dates and name sorting (motcua.vietnamese).

Expected strings come from letters.md §1.3, §2.4, §3.5, §4.1–§4.3 and the CLDR vi rules it cites.
"""

from __future__ import annotations

import itertools
import random
import unicodedata
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua import VN_TZ, half_up
from motcua.vietnamese import (
    amount_in_words,
    collation_key,
    date_in_words,
    date_line,
    format_amount,
    format_date,
    format_datetime,
    format_number,
    format_time,
    name_sort_key,
    nfc,
    number_in_words,
    place_date_line,
    sort_names,
    weekday_name,
)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- nfc ----------------------------------------------------------------------------------------


def test_nfc_composes_decomposed_input() -> None:
    decomposed = nfd("Nguyễn Thị Hường")
    assert len(decomposed) == 22
    assert nfc(decomposed) == "Nguyễn Thị Hường"
    assert len(nfc(decomposed)) == 16


def test_nfc_rejects_non_str() -> None:
    with pytest.raises(TypeError, match="expected a str"):
        nfc(b"abc")  # type: ignore[arg-type]


# --- format_number / format_amount ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "0"),
        (999, "999"),
        (1000, "1.000"),
        (1_250_000, "1.250.000"),
        (-1250, "-1.250"),
        (10**12, "1.000.000.000.000"),
        (Decimal("12.5"), "12,5"),
        (Decimal("12.50"), "12,50"),
        (Decimal("1E+3"), "1.000"),
        (Decimal("-0"), "0"),
        (Decimal("-1234567.891"), "-1.234.567,891"),
        (1.5, "1,5"),
        (0.1, "0,1"),
        (1e16, "10.000.000.000.000.000"),
    ],
)
def test_format_number(value: int | float | Decimal, expected: str) -> None:
    assert format_number(value) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (2.675, 2, "2,68"),  # round(2.675, 2) == 2.67 on binary floats; the decimal repr rounds up
        (Decimal("0.125"), 2, "0,13"),
        (2.5, 0, "3"),
        (-2.5, 0, "-3"),
        (Decimal("-0.001"), 2, "0,00"),
        (1_250_000, 2, "1.250.000,00"),
        (Decimal("999.995"), 2, "1.000,00"),
        (12, 0, "12"),
        (Decimal("12.5"), 3, "12,500"),
        (Decimal("123456789012345678901234567890.5"), 0, "123.456.789.012.345.678.901.234.567.891"),
    ],
)
def test_format_number_rounds_half_up(value: int | float | Decimal, decimals: int, expected: str) -> None:
    assert format_number(value, decimals) == expected


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: format_number(True), TypeError, "not a bool"),
        (lambda: format_number("12"), TypeError, "int, float or Decimal"),  # type: ignore[arg-type]
        (lambda: format_number(float("nan")), ValueError, "finite"),
        (lambda: format_number(float("inf")), ValueError, "finite"),
        (lambda: format_number(Decimal("NaN")), ValueError, "finite"),
        (lambda: format_number(Decimal("-Infinity")), ValueError, "finite"),
        (lambda: format_number(1, -1), ValueError, "0 or more"),
        (lambda: format_number(1, 1.0), TypeError, "int or None"),  # type: ignore[arg-type]
        (lambda: format_number(1, True), TypeError, "int or None"),
    ],
)
def test_format_number_rejects_bad_input(call: Callable[[], object], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize(
    ("value", "currency", "expected"),
    [
        (1_250_000, "đồng", "1.250.000 đồng"),
        (0, "đồng", "0 đồng"),
        (Decimal("50000.00"), "đồng", "50.000 đồng"),
        (-5000, "đồng", "-5.000 đồng"),
        (1_250_000, "VND", "1.250.000 VND"),
        (1_250_000, "đ", "1.250.000 đ"),
        (1_250_000, nfd(" đồng chẵn "), "1.250.000 đồng chẵn"),
    ],
)
def test_format_amount(value: int | Decimal, currency: str, expected: str) -> None:
    assert format_amount(value, currency) == expected


def test_format_amount_default_currency() -> None:
    assert format_amount(1_250_000) == "1.250.000 đồng"


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: format_amount(1.5), TypeError, "whole đồng"),  # type: ignore[arg-type]
        (lambda: format_amount(True), TypeError, "whole đồng"),
        (lambda: format_amount(Decimal("12.5")), ValueError, "whole đồng"),
        (lambda: format_amount(Decimal("NaN")), ValueError, "finite"),
        (lambda: format_amount(100, ""), ValueError, "currency must be a non-empty str"),
        (lambda: format_amount(100, None), ValueError, "currency must be a non-empty str"),  # type: ignore[arg-type]
    ],
)
def test_format_amount_rejects_bad_input(call: Callable[[], object], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()


@given(st.integers(min_value=-(10**20), max_value=10**20))
def test_format_number_round_trips_ints(value: int) -> None:
    text = format_number(value)
    assert int(text.replace(".", "")) == value
    assert all(len(group) == 3 for group in text.lstrip("-").split(".")[1:])


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**15), max_value=10**15, places=4))
def test_format_number_round_trips_decimals(value: Decimal) -> None:
    assert Decimal(format_number(value).replace(".", "").replace(",", ".")) == value


# --- number_in_words --------------------------------------------------------------------------

# letters.md §4.3 golden values (and the brief's tricky cases). 24 reads "bốn" after "mươi" by
# default, as letters.md §4.3 asks; four="tư" gives CLDR's %%x-ty variant (tested below).
NUMBER_WORDS = [
    (0, "không"),
    (1, "một"),
    (4, "bốn"),
    (5, "năm"),
    (10, "mười"),
    (11, "mười một"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (24, "hai mươi bốn"),
    (25, "hai mươi lăm"),
    (31, "ba mươi mốt"),
    (44, "bốn mươi bốn"),
    (55, "năm mươi lăm"),
    (99, "chín mươi chín"),
    (100, "một trăm"),
    (101, "một trăm lẻ một"),
    (104, "một trăm lẻ bốn"),
    (105, "một trăm lẻ năm"),
    (110, "một trăm mười"),
    (111, "một trăm mười một"),
    (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"),
    (1000, "một nghìn"),
    (1001, "một nghìn không trăm lẻ một"),
    (1005, "một nghìn không trăm lẻ năm"),
    (1010, "một nghìn không trăm mười"),
    (1100, "một nghìn một trăm"),
    (2024, "hai nghìn không trăm hai mươi bốn"),
    (10_000, "mười nghìn"),
    (10_005, "mười nghìn không trăm lẻ năm"),
    (15_000, "mười lăm nghìn"),
    (21_000, "hai mươi mốt nghìn"),
    (100_050, "một trăm nghìn không trăm năm mươi"),
    (305_000, "ba trăm lẻ năm nghìn"),
    (1_000_000, "một triệu"),
    (1_000_005, "một triệu không trăm lẻ năm"),
    (1_000_050, "một triệu không trăm năm mươi"),
    (1_020_000, "một triệu không trăm hai mươi nghìn"),
    (1_250_000, "một triệu hai trăm năm mươi nghìn"),
    (123_456_789, "một trăm hai mươi ba triệu bốn trăm năm mươi sáu nghìn bảy trăm tám mươi chín"),
    (1_000_000_000, "một tỷ"),
    (1_000_000_005, "một tỷ không trăm lẻ năm"),
    (2_000_001_000, "hai tỷ không trăm lẻ một nghìn"),
    (5_000_000_000, "năm tỷ"),
    (10**12, "một nghìn tỷ"),
    (1_100_000_000_000, "một nghìn một trăm tỷ"),
    (1_020_000_000_000, "một nghìn không trăm hai mươi tỷ"),
    (10**15, "một triệu tỷ"),
    (10**18, "một tỷ tỷ"),
    (10**18 + 5, "một tỷ tỷ không trăm lẻ năm"),
    (
        999_999_999_999,
        "chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn "
        "chín trăm chín mươi chín",
    ),
]


@pytest.mark.parametrize(("value", "expected"), NUMBER_WORDS)
def test_number_in_words(value: int, expected: str) -> None:
    assert number_in_words(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (-5, "âm năm"),
        (-1_250_000, "âm một triệu hai trăm năm mươi nghìn"),
        (Decimal("12.5"), "mười hai phẩy năm"),
        (Decimal("12.50"), "mười hai phẩy năm"),
        (Decimal("12.25"), "mười hai phẩy hai năm"),
        (Decimal("0.5"), "không phẩy năm"),
        (Decimal("1.05"), "một phẩy không năm"),
        (Decimal("3.14"), "ba phẩy một bốn"),
        (Decimal("-0.5"), "âm không phẩy năm"),
        (Decimal("-0"), "không"),
        (Decimal("-0.00"), "không"),
        (Decimal("0E+100"), "không"),
        (Decimal("1E+3"), "một nghìn"),
        (Decimal("1250000.00"), "một triệu hai trăm năm mươi nghìn"),
        ("2024", "hai nghìn không trăm hai mươi bốn"),
        ("-12.5", "âm mười hai phẩy năm"),
        ("+7", "bảy"),
        ("007", "bảy"),
        (" 15 ", "mười lăm"),
        ("1000050", "một triệu không trăm năm mươi"),
        ("0.10", "không phẩy một"),
    ],
)
def test_number_in_words_signs_fractions_and_text(value: int | Decimal | str, expected: str) -> None:
    assert number_in_words(value) == expected


def test_number_in_words_regional_variants() -> None:
    assert number_in_words(105, odd="linh") == "một trăm linh năm"
    assert number_in_words(1_000_005, odd="linh") == "một triệu không trăm linh năm"
    assert number_in_words(1_250_000, thousand="ngàn") == "một triệu hai trăm năm mươi ngàn"
    assert number_in_words(2024) == "hai nghìn không trăm hai mươi bốn"  # letters.md §4.3: default "bốn"
    assert number_in_words(2024, four="tư") == "hai nghìn không trăm hai mươi tư"  # CLDR %%x-ty, on request
    assert number_in_words(44, four="tư") == "bốn mươi tư"
    assert number_in_words(14, four="tư") == "mười bốn"  # "tư" only after "mươi"
    assert number_in_words(105, odd=nfd("lẻ")) == "một trăm lẻ năm"  # NFD options are accepted


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: number_in_words(True), TypeError, "not a bool"),
        (lambda: number_in_words(1.5), TypeError, "not a float"),  # type: ignore[arg-type]
        (lambda: number_in_words(None), TypeError, "int, Decimal or str"),  # type: ignore[arg-type]
        (lambda: number_in_words("1.250.000"), ValueError, "no thousands separators"),
        (lambda: number_in_words("12,5"), ValueError, "no decimal comma"),
        (lambda: number_in_words(""), ValueError, "digits with an optional sign"),
        (lambda: number_in_words("abc"), ValueError, "digits with an optional sign"),
        (lambda: number_in_words("1e3"), ValueError, "digits with an optional sign"),
        (lambda: number_in_words("\u0661\u0662"), ValueError, "digits with an optional sign"),  # Arabic-Indic
        (lambda: number_in_words(Decimal("NaN")), ValueError, "finite"),
        (lambda: number_in_words(Decimal("Infinity")), ValueError, "finite"),
        (lambda: number_in_words(10**36), ValueError, "below 10\\*\\*36"),
        (lambda: number_in_words(-(10**36)), ValueError, "below 10\\*\\*36"),
        (lambda: number_in_words(Decimal("1E+40")), ValueError, "at most 36 digits"),
        (lambda: number_in_words(Decimal("1E-50")), ValueError, "at most 36 digits"),
        (lambda: number_in_words("1" * 37), ValueError, "at most 36 digits"),
        (lambda: number_in_words(1, odd="le"), ValueError, "odd must be one of 'lẻ', 'linh'"),
        (lambda: number_in_words(1, odd="lẽ"), ValueError, "odd must be one of"),  # the vietnam-number misspelling
        (lambda: number_in_words(1, thousand="ngan"), ValueError, "thousand must be one of"),
        (lambda: number_in_words(1, four="4"), ValueError, "four must be one of"),
    ],
)
def test_number_in_words_rejects_bad_input(call: Callable[[], object], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()


def test_number_in_words_large_scales() -> None:
    assert number_in_words(10**27) == "một tỷ tỷ tỷ"
    assert number_in_words(10**35) == "một trăm triệu tỷ tỷ tỷ"
    assert number_in_words(10**36 - 1).startswith("chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn")


_UNIT_WORDS = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
}


def _parse_group(tokens: list[str]) -> int:
    """An independent reader for 0–999 in words, strict about the shape of the group."""
    value = 0
    had_hundreds = "trăm" in tokens
    if had_hundreds:
        assert tokens.index("trăm") == 1, tokens
        value, tokens = 100 * _UNIT_WORDS[tokens[0]], tokens[2:]
    if not tokens:
        return value
    if tokens[0] in ("lẻ", "linh"):
        assert len(tokens) == 2, tokens
        assert had_hundreds, tokens
        return value + _UNIT_WORDS[tokens[1]]
    if tokens[0] == "mười":
        assert len(tokens) <= 2, tokens
        return value + 10 + (_UNIT_WORDS[tokens[1]] if len(tokens) == 2 else 0)
    if len(tokens) >= 2:
        assert tokens[1] == "mươi", tokens
        assert len(tokens) <= 3, tokens
        return value + 10 * _UNIT_WORDS[tokens[0]] + (_UNIT_WORDS[tokens[2]] if len(tokens) == 3 else 0)
    assert len(tokens) == 1, tokens
    return value + _UNIT_WORDS[tokens[0]]


def _parse_words(tokens: list[str]) -> int:
    if "tỷ" in tokens:
        last = len(tokens) - 1 - tokens[::-1].index("tỷ")
        return _parse_words(tokens[:last]) * 10**9 + _parse_words(tokens[last + 1 :])
    total = 0
    for scale, factor in (("triệu", 10**6), ("nghìn", 1000)):
        if scale in tokens:
            at = tokens.index(scale)
            total += _parse_group(tokens[:at]) * factor
            tokens = tokens[at + 1 :]
    return total + _parse_group(tokens)


@given(st.integers(min_value=-(10**24), max_value=10**24))
def test_number_in_words_reads_back(value: int) -> None:
    words = number_in_words(value)
    tokens = words.split()
    negative = tokens[0] == "âm"
    magnitude = _parse_words(tokens[1:] if negative else tokens)
    assert (-magnitude if negative else magnitude) == value


@given(st.integers(min_value=0, max_value=10**21))
def test_number_in_words_local_rules(value: int) -> None:
    words = number_in_words(value)
    assert words == nfc(words)
    assert "  " not in words
    assert words == words.strip()
    tokens = words.split()
    for before, word in itertools.pairwise(tokens):
        assert word != "tư"  # the default after "mươi" is "bốn" (letters.md §4.3)
        if word == "mốt":
            assert before == "mươi"
        if word == "lăm":
            assert before in ("mười", "mươi")
        if before == "mươi":
            assert word not in ("một", "năm")
        if before == "mười":
            assert word != "năm"
        if word in ("lẻ",):
            assert before == "trăm"
    for i, token in enumerate(tokens):
        if token == "không":
            assert tokens == ["không"] or tokens[i + 1] == "trăm"
    assert number_in_words(value, thousand="ngàn") == words.replace("nghìn", "ngàn")
    assert number_in_words(value, odd="linh") == words.replace("lẻ", "linh")
    # "tư" replaces exactly the "bốn" units after "mươi", nothing else.
    with_tu = number_in_words(value, four="tư").split()
    assert len(with_tu) == len(tokens)
    for i, (old, new) in enumerate(zip(tokens, with_tu, strict=True)):
        assert new == ("tư" if old == "bốn" and i > 0 and tokens[i - 1] == "mươi" else old)


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12, places=6))
def test_number_in_words_fraction_is_read_digit_by_digit(value: Decimal) -> None:
    words = number_in_words(value)
    whole, _, fraction = format(abs(value), "f").partition(".")
    fraction = fraction.rstrip("0")
    if fraction:
        head, _, tail = words.partition(" phẩy ")
        assert tail.split() == [number_in_words(int(d)) for d in fraction]
    else:
        head = words
        assert "phẩy" not in words
    assert head.removeprefix("âm ") == number_in_words(int(whole))


# --- amount_in_words ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (1_250_000, "Một triệu hai trăm năm mươi nghìn đồng"),
        (0, "Không đồng"),
        (1_020_000, "Một triệu không trăm hai mươi nghìn đồng"),
        (2024, "Hai nghìn không trăm hai mươi bốn đồng"),
        (100_050, "Một trăm nghìn không trăm năm mươi đồng"),
        (Decimal("1000.00"), "Một nghìn đồng"),
        (10**12, "Một nghìn tỷ đồng"),
    ],
)
def test_amount_in_words(amount: int | Decimal, expected: str) -> None:
    assert amount_in_words(amount) == expected


def test_amount_in_words_options() -> None:
    assert amount_in_words(50_000, "đồng chẵn") == "Năm mươi nghìn đồng chẵn"
    assert amount_in_words(105_000, odd="linh", thousand="ngàn") == "Một trăm linh năm ngàn đồng"
    assert amount_in_words(24_000) == "Hai mươi bốn nghìn đồng"  # letters.md §4.3: default "bốn"
    assert amount_in_words(24_000, four="tư") == "Hai mươi tư nghìn đồng"


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: amount_in_words(Decimal("12.5")), ValueError, "whole đồng"),
        (lambda: amount_in_words(1.0), TypeError, "int or Decimal"),  # type: ignore[arg-type]
        (lambda: amount_in_words("100"), TypeError, "int or Decimal"),  # type: ignore[arg-type]
        (lambda: amount_in_words(False), TypeError, "int or Decimal"),
        (lambda: amount_in_words(100, " "), ValueError, "currency must be a non-empty str"),
        # A fee or payment in words is never negative: no "Âm … đồng" on a receipt.
        (lambda: amount_in_words(-1_250_000), ValueError, "must not be negative"),
        (lambda: amount_in_words(-1), ValueError, "must not be negative"),
        (lambda: amount_in_words(Decimal("-5000")), ValueError, "must not be negative"),
    ],
)
def test_amount_in_words_rejects_bad_input(call: Callable[[], object], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()


def test_amount_in_words_after_half_up_rounding() -> None:
    assert (
        amount_in_words(half_up(Decimal("1250000.5"), 0)) == "Một triệu hai trăm năm mươi nghìn không trăm lẻ một đồng"
    )


# --- dates and times ---------------------------------------------------------------------------


def test_weekday_names_follow_appendix_ii() -> None:
    monday = date(2026, 3, 2)
    week = [weekday_name(monday + timedelta(days=i)) for i in range(7)]
    assert week == ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]
    starts = [weekday_name(monday + timedelta(days=i), sentence_start=True) for i in range(7)]
    assert starts == ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


def test_weekday_of_an_aware_datetime_is_the_vietnam_day() -> None:
    # 20:00 UTC on Sunday 1 March 2026 is 03:00 on Monday in Vietnam.
    assert weekday_name(datetime(2026, 3, 1, 20, 0, tzinfo=UTC)) == "thứ Hai"
    assert weekday_name(datetime(2026, 3, 1, 20, 0)) == "Chủ nhật"  # naive = Vietnam time


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 5), "ngày 05 tháng 3 năm 2026"),
        (date(2023, 2, 28), "ngày 28 tháng 02 năm 2023"),
        (date(2026, 11, 12), "ngày 12 tháng 11 năm 2026"),
        (date(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
        (date(2019, 6, 29), "ngày 29 tháng 6 năm 2019"),
        (date(2026, 1, 1), "ngày 01 tháng 01 năm 2026"),
        (date(2026, 9, 9), "ngày 09 tháng 9 năm 2026"),
        (date(2026, 10, 10), "ngày 10 tháng 10 năm 2026"),
        (date(2026, 12, 31), "ngày 31 tháng 12 năm 2026"),
        (datetime(2026, 3, 5, 23, 59), "ngày 05 tháng 3 năm 2026"),
    ],
)
def test_date_line(day: date, expected: str) -> None:
    assert date_line(day) == expected


@given(st.dates())
def test_date_line_pads_days_below_10_and_months_1_2_only(day: date) -> None:
    _, dd, _, mm, _, yyyy = date_line(day).split()
    assert int(dd) == day.day
    assert len(dd) == 2
    assert int(mm) == day.month
    assert len(mm) == (2 if day.month <= 2 else len(str(day.month)))
    assert int(yyyy) == day.year


def test_place_date_line() -> None:
    assert place_date_line("Phường Bến Nghé", date(2026, 3, 5)) == "Phường Bến Nghé, ngày 05 tháng 3 năm 2026"
    assert place_date_line("Thành phố Hồ Chí Minh", date(2019, 6, 29)) == (
        "Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019"
    )
    line = place_date_line(nfd("  Phường Điện Biên Phủ "), date(2026, 2, 3))
    assert line == "Phường Điện Biên Phủ, ngày 03 tháng 02 năm 2026"
    assert line == nfc(line)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: place_date_line("", date(2026, 3, 5)), ValueError, "place must not be empty"),
        (lambda: place_date_line("   ", date(2026, 3, 5)), ValueError, "place must not be empty"),
        (lambda: place_date_line(None, date(2026, 3, 5)), TypeError, "place must be a str"),  # type: ignore[arg-type]
        (lambda: place_date_line("Hà Nội", "2026-03-05"), TypeError, "datetime.date"),  # type: ignore[arg-type]
        (lambda: date_line("05/03/2026"), TypeError, "datetime.date"),  # type: ignore[arg-type]
        (lambda: weekday_name(None), TypeError, "datetime.date"),  # type: ignore[arg-type]
        (lambda: format_date(20260305), TypeError, "datetime.date"),  # type: ignore[arg-type]
        (lambda: date_in_words(time(8, 0)), TypeError, "datetime.date"),  # type: ignore[arg-type]
        (lambda: format_time(date(2026, 3, 5)), TypeError, "datetime.time or datetime"),  # type: ignore[arg-type]
        (lambda: format_time("15:30"), TypeError, "datetime.time or datetime.datetime"),  # type: ignore[arg-type]
        (lambda: format_datetime(date(2026, 3, 5)), TypeError, "use format_date"),  # type: ignore[arg-type]
    ],
)
def test_dates_and_times_reject_bad_input(call: Callable[[], object], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 5), "05/03/2026"),
        (date(2026, 11, 27), "27/11/2026"),
        (date(2026, 1, 1), "01/01/2026"),
        (datetime(2026, 12, 31, 23, 0, tzinfo=UTC), "01/01/2027"),  # 06:00 next day in Vietnam
    ],
)
def test_format_date(day: date, expected: str) -> None:
    assert format_date(day) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 15), "ngày mười lăm tháng Ba năm hai nghìn không trăm hai mươi sáu"),
        (date(2024, 4, 1), "ngày một tháng Tư năm hai nghìn không trăm hai mươi bốn"),
        (date(2026, 12, 25), "ngày hai mươi lăm tháng Mười Hai năm hai nghìn không trăm hai mươi sáu"),
        (date(2021, 1, 21), "ngày hai mươi mốt tháng Một năm hai nghìn không trăm hai mươi mốt"),
        (date(2000, 11, 10), "ngày mười tháng Mười Một năm hai nghìn"),
        (date(1999, 2, 5), "ngày năm tháng Hai năm một nghìn chín trăm chín mươi chín"),
        (date(2025, 8, 31), "ngày ba mươi mốt tháng Tám năm hai nghìn không trăm hai mươi lăm"),
        (date(2010, 5, 14), "ngày mười bốn tháng Năm năm hai nghìn không trăm mười"),
    ],
)
def test_date_in_words(day: date, expected: str) -> None:
    assert date_in_words(day) == expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (time(15, 30), "15 giờ 30 phút"),
        (time(8, 5, 59), "08 giờ 05 phút"),
        (time(0, 0), "00 giờ 00 phút"),
        (datetime(2026, 11, 27, 7, 45), "07 giờ 45 phút"),
        (datetime(2026, 11, 27, 8, 30, tzinfo=UTC), "15 giờ 30 phút"),
        (datetime(2026, 11, 27, 15, 30, tzinfo=VN_TZ), "15 giờ 30 phút"),
    ],
)
def test_format_time(moment: time | datetime, expected: str) -> None:
    assert format_time(moment) == expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 11, 27, 15, 30), "15 giờ 30 phút, ngày 27 tháng 11 năm 2026"),
        (datetime(2026, 3, 5, 8, 0), "08 giờ 00 phút, ngày 05 tháng 03 năm 2026"),
        (datetime(2026, 3, 4, 17, 30, tzinfo=UTC), "00 giờ 30 phút, ngày 05 tháng 03 năm 2026"),
        (datetime(2026, 3, 5, 8, 0, tzinfo=timezone(timedelta(hours=9))), "06 giờ 00 phút, ngày 05 tháng 03 năm 2026"),
    ],
)
def test_format_datetime(moment: datetime, expected: str) -> None:
    assert format_datetime(moment) == expected


# --- collation and name sorting ----------------------------------------------------------------

ALPHABET = list("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")
TONED = ["Hoa", "Hòa", "Hỏa", "Hõa", "Hóa", "Họa"]  # unmarked < huyền < hỏi < ngã < sắc < nặng


def test_letters_follow_the_vietnamese_alphabet() -> None:
    shuffled = sorted(ALPHABET, key=lambda s: s.encode())  # code point order puts ă, â, đ … after z
    assert shuffled != ALPHABET
    assert sorted(shuffled, key=collation_key) == ALPHABET
    upper = [c.upper() for c in ALPHABET]
    assert sorted(random.Random(0).sample(upper, len(upper)), key=collation_key) == upper


def test_letters_md_examples() -> None:
    # letters.md §3.5: code-point order puts these after "Zô"; DUCET puts "Ăn" before "Anh" and
    # "Đặng" before "Dương".
    names = ["Zô", "Ưng", "Ơn", "Ôn", "Đặng", "Dương", "Âu", "Ăn", "Ánh", "Anh"]
    assert sorted(names, key=collation_key) == ["Anh", "Ánh", "Ăn", "Âu", "Dương", "Đặng", "Ôn", "Ơn", "Ưng", "Zô"]
    assert sorted(names) != sorted(names, key=collation_key)


def test_tones_are_secondary_in_cldr_order() -> None:
    assert sorted(random.Random(1).sample(TONED, len(TONED)), key=collation_key) == TONED
    assert sorted(["Hoan", "Họa", "Hoa"], key=collation_key) == ["Hoa", "Họa", "Hoan"]  # letters first
    assert sorted(["ặ", "ă", "ạ", "a", "â", "ấ"], key=collation_key) == ["a", "ạ", "ă", "ặ", "â", "ấ"]


def test_case_is_tertiary_lower_first() -> None:
    assert sorted(["ăn", "An", "an", "Án"], key=collation_key) == ["an", "An", "Án", "ăn"]


def test_nfd_and_nfc_give_the_same_key() -> None:
    for text in ["Nguyễn Thị Hường", "Đặng Văn Ặ", "Ước Ợ Ẫ", "Phường 1"]:
        assert collation_key(nfd(text)) == collation_key(text)


def test_discontiguous_marks_still_make_a_letter() -> None:
    # NFD of "ặ" is a + dot below + breve: the breve still makes the letter ă.
    assert nfd("ặ") == "a\u0323\u0306"
    assert collation_key("ặ")[0] == collation_key("ă")[0]
    assert collation_key("ặ")[1] == collation_key("ạ")[1]
    # A grave before a circumflex blocks it: this is "à" plus a stray mark, not "ầ".
    assert collation_key("a\u0300\u0302")[0] == collation_key("a")[0]


def test_tone_placement_variants_differ_but_sort_together() -> None:
    # "Hoà" and "Hòa" are both NFC and different (letters.md §3.4); they tie on letters.
    keys = {collation_key("Hoà"), collation_key("Hòa")}
    assert len(keys) == 2
    assert sorted(["Hoan", "Hòa", "Hoa", "Hoà"], key=collation_key) == ["Hoa", "Hoà", "Hòa", "Hoan"]


def test_spaces_digits_punctuation_and_other_letters() -> None:
    assert sorted(["Anh", "An Bình"], key=collation_key) == ["An Bình", "Anh"]
    assert sorted(["Phường-", "Phường A", "Phường 1"], key=collation_key) == ["Phường 1", "Phường A", "Phường-"]
    assert sorted(["ß", "z", "a"], key=collation_key) == ["a", "z", "ß"]
    assert collation_key("An\u200dh")[:3] == collation_key("Anh")[:3]  # a zero-width joiner is ignorable
    assert collation_key("\u0301a")[0] == collation_key("a")[0]  # a leading mark has no primary weight


def test_collation_key_rejects_non_str() -> None:
    with pytest.raises(TypeError, match="needs a str"):
        collation_key(None)  # type: ignore[arg-type]


ROSTER = [
    "Trần Văn Ưng",
    "Nguyễn Thị Ánh",
    "Lê Văn Anh",
    "Phạm Thị Ăn",
    "Hoàng Âu",
    "Vũ Đặng",
    "Đỗ Dương",
    "Bùi Thị Ơn",
    "Ngô Ôn",
    "Lý Zô",
    "Nguyễn Văn An",
    "Lê An",
    "Nguyễn An",
    "Trần Thị Hòa",
    "Trần Thị Hoa",
    "Trần Thị Họa",
    "Đinh Hoàng",
]
ROSTER_SORTED = [
    "Lê An",  # tên "An"; then họ: Lê < Nguyễn
    "Nguyễn An",  # họ equal; no tên đệm comes before "Văn"
    "Nguyễn Văn An",
    "Lê Văn Anh",
    "Nguyễn Thị Ánh",
    "Phạm Thị Ăn",
    "Hoàng Âu",
    "Đỗ Dương",
    "Vũ Đặng",
    "Trần Thị Hoa",
    "Trần Thị Hòa",
    "Trần Thị Họa",
    "Đinh Hoàng",
    "Ngô Ôn",
    "Bùi Thị Ơn",
    "Trần Văn Ưng",
    "Lý Zô",
]


def test_sort_names_by_given_name_then_family_and_middle_names() -> None:
    assert sort_names(ROSTER) == ROSTER_SORTED
    assert sort_names(reversed(ROSTER)) == ROSTER_SORTED
    assert sort_names(iter(ROSTER)) == ROSTER_SORTED


def test_sort_names_keeps_names_exactly_as_given() -> None:
    decomposed = [nfd(n) for n in ROSTER]
    result = sort_names(decomposed)
    assert result == [nfd(n) for n in ROSTER_SORTED]  # still NFD: never altered
    assert sort_names(decomposed, normalize=True) == ROSTER_SORTED
    # Tone-placement variants are kept as registered, not folded.
    assert sort_names(["Lê Thị Hoà", "Lê Thị Hòa"]) == ["Lê Thị Hoà", "Lê Thị Hòa"]


def test_single_word_and_extra_spaces() -> None:
    assert sort_names(["Bình", "Trần An", "An", "Trần  An"]) == ["An", "Trần  An", "Trần An", "Bình"]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: name_sort_key(""), ValueError, "at least one word"),
        (lambda: name_sort_key("   "), ValueError, "at least one word"),
        (lambda: name_sort_key(42), TypeError, "name must be a str"),  # type: ignore[arg-type]
        (lambda: sort_names("Nguyễn Văn An"), TypeError, "not one str"),
        (lambda: sort_names(["Lê An", None]), TypeError, "name must be a str"),  # type: ignore[list-item]
    ],
)
def test_name_sorting_rejects_bad_input(call: Callable[[], object], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()


_VOWELS = "aăâeêioôơuưy"
_TONE_MARKS = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
_LETTERS = sorted(
    {nfc(v + t) for v in _VOWELS for t in _TONE_MARKS} | set("bcdđghklmnpqrstvx"),
)
_letter = st.sampled_from(_LETTERS + [c.upper() for c in _LETTERS])
_syllable = st.lists(_letter, min_size=1, max_size=5).map("".join)
vietnamese_names = st.lists(_syllable, min_size=1, max_size=4).map(" ".join)
any_text = st.text(st.characters(codec="utf-8"), max_size=12)


@given(st.one_of(vietnamese_names, any_text))
def test_key_ignores_normalisation_form(text: str) -> None:
    assert collation_key(nfd(text)) == collation_key(nfc(text))


@given(st.one_of(vietnamese_names, any_text), st.one_of(vietnamese_names, any_text))
def test_key_is_a_total_order_on_canonical_text(a: str, b: str) -> None:
    # Equal keys exactly for canonically equivalent strings; otherwise one is strictly smaller.
    assert (collation_key(a) == collation_key(b)) == (nfd(a) == nfd(b))


@given(vietnamese_names, vietnamese_names, vietnamese_names)
def test_key_order_is_transitive(a: str, b: str, c: str) -> None:
    x, y, z = sorted([a, b, c], key=collation_key)
    assert collation_key(x) <= collation_key(y) <= collation_key(z)
    assert collation_key(x) <= collation_key(z)


@given(st.lists(vietnamese_names, max_size=12), st.randoms(use_true_random=False))
def test_sort_names_is_permutation_invariant(names: list[str], rnd: random.Random) -> None:
    shuffled = list(names)
    rnd.shuffle(shuffled)
    assert [nfc(n) for n in sort_names(shuffled)] == [nfc(n) for n in sort_names(names)]
    assert Counter(sort_names(shuffled)) == Counter(names)


@given(st.lists(vietnamese_names, max_size=12))
def test_sort_names_is_stable_under_nfd(names: list[str]) -> None:
    assert [nfc(n) for n in sort_names([nfd(n) for n in names])] == sort_names(names)


@given(st.lists(vietnamese_names, min_size=1, max_size=12))
def test_sort_names_orders_by_given_name_first(names: list[str]) -> None:
    given_names = [collation_key(n.split()[-1]) for n in sort_names(names)]
    assert given_names == sorted(given_names)
