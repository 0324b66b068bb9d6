"""Vietnamese numbers, amounts, dates, times and name sorting for letters and one-stop slips.

Everything here is pure Python and follows the research note ``letters.md`` (shared domain
notes), which cites the legal basis: Decree 30/2020/NĐ-CP Appendices I–II for dates and
capitalisation, Decree 123/2020/NĐ-CP Art. 10(13) for separators, Circular 01/2018/TT-VPCP forms
for times on slips, and the CLDR ``vi`` data for spelling numbers out and for collation.

>>> from datetime import date
>>> from motcua.vietnamese import amount_in_words, format_amount, place_date_line, sort_names
>>> place_date_line("Phường Bến Nghé", date(2026, 3, 5))
'Phường Bến Nghé, ngày 05 tháng 3 năm 2026'
>>> format_amount(1_250_000)
'1.250.000 đồng'
>>> amount_in_words(1_020_000)
'Một triệu không trăm hai mươi nghìn đồng'
>>> sort_names(["Trần Văn Ưng", "Lê Thị Anh", "Phạm Ăn", "Ngô Ánh"])
['Lê Thị Anh', 'Ngô Ánh', 'Phạm Ăn', 'Trần Văn Ưng']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal

from .calendar import VN_TZ

__all__ = [
    "CollationKey",
    "NameSortKey",
    "amount_in_words",
    "collation_key",
    "date_in_words",
    "date_line",
    "format_amount",
    "format_date",
    "format_datetime",
    "format_number",
    "format_time",
    "name_sort_key",
    "nfc",
    "number_in_words",
    "place_date_line",
    "sort_names",
    "weekday_name",
]

#: Primary, secondary and tertiary weights, then the NFD text itself (ICU's "identical" level),
#: so two keys are equal exactly when the strings are canonically equivalent.
CollationKey = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], str]
#: Given name, then the other words from the start, then the whole name as a tie-breaker.
NameSortKey = tuple[CollationKey, tuple[CollationKey, ...], CollationKey]


def nfc(text: str) -> str:
    """``text`` in Unicode NFC, the form every string in motcua's output uses (letters.md §3.4).

    >>> len(nfc("Nguye\\u0302\\u0303n")), nfc("Nguye\\u0302\\u0303n") == "Nguyễn"
    (6, True)
    """
    if not isinstance(text, str):
        raise TypeError(f"expected a str to normalise, got {type(text).__name__}")
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------------------------
# Numbers with separators (Decree 123/2020/NĐ-CP Art. 10(13)(b), letters.md §4.1)
# --------------------------------------------------------------------------------------------


def _to_decimal(value: object, name: str = "value") -> Decimal:
    """A finite Decimal from an int, float or Decimal; floats go through their shortest repr."""
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a number (int, float or Decimal), not a bool")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"{name} must be a finite number, got {value!r}")
        return Decimal(str(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{name} must be a finite number, got {value!r}")
        return value
    raise TypeError(f"{name} must be an int, float or Decimal, got {type(value).__name__}")


def _group_thousands(digits: str) -> str:
    head = len(digits) % 3 or 3
    return ".".join([digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))])


def format_number(value: int | float | Decimal, decimals: int | None = None) -> str:
    """``value`` with "." between thousands and "," before decimals, as Vietnamese papers write it.

    With ``decimals`` the value is rounded half away from zero (never to even); without it an
    int prints whole and a Decimal prints its own digits (``Decimal("12.50")`` keeps its "0").
    A float goes through ``Decimal(str(x))``, its shortest repr. A zero never prints a minus sign.

    >>> format_number(1250000), format_number(Decimal("12.5")), format_number(-1250)
    ('1.250.000', '12,5', '-1.250')
    >>> format_number(2.675, 2), format_number(Decimal("0.125"), 2), format_number(2.5, 0)
    ('2,68', '0,13', '3')
    """
    number = _to_decimal(value)
    if decimals is not None:
        if isinstance(decimals, bool) or not isinstance(decimals, int):
            raise TypeError(f"decimals must be an int or None, got {type(decimals).__name__}")
        if decimals < 0:
            raise ValueError(f"decimals must be 0 or more, got {decimals}")
        # Enough precision for every digit of the result, so quantize never raises or rounds twice.
        precision = max(number.adjusted(), 0) + decimals + 2
        context = Context(prec=precision, Emax=MAX_EMAX, Emin=MIN_EMIN)
        number = number.quantize(Decimal((0, (1,), -decimals)), rounding=ROUND_HALF_UP, context=context)
    text = format(number, "f")  # plain notation, exact: no exponent, no rounding
    negative = text.startswith("-")
    whole, _, fraction = text.lstrip("-").partition(".")
    out = _group_thousands(whole) + ("," + fraction if fraction else "")
    return "-" + out if negative and number != 0 else out


def _currency(currency: object) -> str:
    if not isinstance(currency, str) or not currency.strip():
        raise ValueError(f"currency must be a non-empty str such as 'đồng', got {currency!r}")
    return nfc(currency.strip())


def _whole_amount(amount: object) -> int:
    """An amount of money as an int: VND has no minor unit, so fees are whole đồng (letters.md §4.1)."""
    if isinstance(amount, bool) or not isinstance(amount, (int, Decimal)):
        raise TypeError(f"amount must be an int or Decimal of whole đồng, got {type(amount).__name__}")
    if isinstance(amount, Decimal):
        if not amount.is_finite():
            raise ValueError(f"amount must be a finite number, got {amount!r}")
        if amount != amount.to_integral_value():
            raise ValueError(
                f"amount must be whole đồng (VND has no minor unit), got {amount!r}; "
                "round it first, e.g. with motcua.half_up(amount, 0)"
            )
        return int(amount)
    return amount


def format_amount(value: int | Decimal, currency: str = "đồng") -> str:
    """An amount of money for running text: digits with "." separators, then the currency word.

    Decree 123/2020/NĐ-CP Art. 10(13) names the currency "đồng"; tables may pass ``"đ"`` or ``"VND"``.

    >>> format_amount(1250000), format_amount(Decimal("50000.00"), "VND")
    ('1.250.000 đồng', '50.000 VND')
    """
    return f"{format_number(_whole_amount(value))} {_currency(currency)}"


# --------------------------------------------------------------------------------------------
# Numbers in words (CLDR vi spell-out rules, letters.md §4.3)
# --------------------------------------------------------------------------------------------

_DIGIT_WORDS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_ODD_WORDS = ("lẻ", "linh")
_THOUSAND_WORDS = ("nghìn", "ngàn")
_FOUR_WORDS = ("tư", "bốn")
# A guard against runaway input (Decimal("1E+999999") would spell out for ever); 10**36 is
# "một tỷ tỷ tỷ tỷ", far beyond any amount a letter can carry.
_MAX_DIGITS = 36
_NUMBER_TEXT = re.compile(r"([+-]?)([0-9]+)(?:\.([0-9]+))?", re.ASCII)


def _choice(value: object, allowed: tuple[str, ...], name: str) -> str:
    word = nfc(value) if isinstance(value, str) else value
    if word not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, allowed))}, got {value!r}")
    return str(word)


def _split_number(value: object) -> tuple[bool, int, str]:
    """(negative, integer part, fraction digits without trailing zeros) of an exact number."""
    if isinstance(value, bool):
        raise TypeError("value must be an int, Decimal or str of digits, not a bool")
    if isinstance(value, int):
        if abs(value) >= 10**_MAX_DIGITS:
            raise ValueError(f"value must be below 10**{_MAX_DIGITS} in magnitude to be spelled out")
        return value < 0, abs(value), ""
    if isinstance(value, float):
        raise TypeError("value must be an int, Decimal or str, not a float (inexact); pass Decimal(str(x)) instead")
    if isinstance(value, str):
        match = _NUMBER_TEXT.fullmatch(value.strip())
        if match is None:
            raise ValueError(
                f"value must be digits with an optional sign and '.' decimal point, like '1250000' or '-12.5', "
                f"got {value!r} (no thousands separators, no decimal comma)"
            )
        sign, whole, fraction = match.groups()
        whole = whole.lstrip("0") or "0"
        fraction = (fraction or "").rstrip("0")
        if len(whole) > _MAX_DIGITS or len(fraction) > _MAX_DIGITS:
            raise ValueError(f"value must have at most {_MAX_DIGITS} digits on each side of the point")
        return sign == "-", int(whole), fraction
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"value must be a finite number, got {value!r}")
        sign, digits, exponent = value.as_tuple()
        assert isinstance(exponent, int)  # finite, checked above
        if not any(digits):  # 0E+100 and -0.000 are zero, whatever their exponent
            return bool(sign), 0, ""
        if len(digits) + exponent > _MAX_DIGITS or -exponent > _MAX_DIGITS + len(digits):
            raise ValueError(f"value must have at most {_MAX_DIGITS} digits on each side of the point")
        text = "".join(map(str, digits))
        if exponent >= 0:
            return bool(sign), int(text + "0" * exponent), ""
        text = text.rjust(-exponent + 1, "0")
        fraction = text[exponent:].rstrip("0")
        if len(fraction) > _MAX_DIGITS:
            raise ValueError(f"value must have at most {_MAX_DIGITS} digits on each side of the point")
        return bool(sign), int(text[:exponent]), fraction
    raise TypeError(f"value must be an int, Decimal or str of digits, got {type(value).__name__}")


def _group_words(group: int, *, inner: bool, odd: str, four: str) -> list[str]:
    """Words for 1–999; ``inner`` when higher digits precede it, so a zero hundreds is said."""
    hundreds, rest = divmod(group, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or inner:
        # "không trăm" keeps the place value audible: 2.024 = hai nghìn không trăm hai mươi bốn.
        # CLDR says it only after "nghìn" (%%after-thousand-or-more); after "triệu"/"tỷ" it uses
        # %%after-hundred and would write 1.020.000 as "một triệu hai mươi nghìn". letters.md §4.3
        # (and invoice practice) says it after every scale; we follow letters.md here.
        words += [_DIGIT_WORDS[hundreds], "trăm"]
    if tens == 0:
        if units:
            # "lẻ"/"linh" marks the empty tens (CLDR "after-hundred"): 105 = một trăm lẻ năm.
            words += [odd, _DIGIT_WORDS[units]] if words else [_DIGIT_WORDS[units]]
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else _DIGIT_WORDS[units])  # CLDR %%teen: 15 = mười lăm
    else:
        words += [_DIGIT_WORDS[tens], "mươi"]
        if units:  # CLDR %%x-ty: mốt, tư, lăm after "mươi"
            words.append({1: "mốt", 4: four, 5: "lăm"}.get(units, _DIGIT_WORDS[units]))
    return words


def _integer_words(number: int, *, odd: str, thousand: str, four: str) -> list[str]:
    if number == 0:
        return [_DIGIT_WORDS[0]]
    words: list[str] = []
    billions, below = divmod(number, 10**9)
    if billions:
        # Above 10**9 the scale words repeat: nghìn tỷ, triệu tỷ, tỷ tỷ (letters.md §4.3).
        words += [*_integer_words(billions, odd=odd, thousand=thousand, four=four), "tỷ"]
    millions, below = divmod(below, 10**6)
    thousands, units = divmod(below, 1000)
    for group, scale in ((millions, "triệu"), (thousands, thousand), (units, "")):
        if group:  # a whole zero group is skipped: 10**9 is "một tỷ", not "... không trăm triệu ..."
            words += _group_words(group, inner=bool(words), odd=odd, four=four)
            if scale:
                words.append(scale)
    return words


def number_in_words(value: int | Decimal | str, *, odd: str = "lẻ", thousand: str = "nghìn", four: str = "bốn") -> str:
    """``value`` spelled out in lower-case Vietnamese, as amounts "bằng chữ" are written.

    Read in groups of three; a group after a non-zero higher group always says its hundreds
    ("không trăm", after every scale as letters.md §4.3 asks, where CLDR does so after
    "nghìn" only), a zero tens before a unit says ``odd`` ("lẻ", or "linh" in the South), a unit
    after "mươi" says "mốt" (1), ``four`` (4: "bốn" by default, as letters.md §4.3 asks, or "tư"
    as in CLDR's %%x-ty) and "lăm" (5), after "mười" only "lăm". Scales are ``thousand`` ("nghìn"
    or "ngàn"), "triệu", "tỷ", then "nghìn tỷ", "tỷ tỷ". Digits after the point are read one by
    one after "phẩy" (CLDR ``x.x: << phẩy >>``), so 12,25 is "mười hai phẩy hai năm". A
    negative number starts with "âm".

    >>> number_in_words(2024), number_in_words(2024, four="tư")
    ('hai nghìn không trăm hai mươi bốn', 'hai nghìn không trăm hai mươi tư')
    >>> number_in_words(105, odd="linh"), number_in_words(1_000_050)
    ('một trăm linh năm', 'một triệu không trăm năm mươi')
    >>> number_in_words(Decimal("-12.25"))
    'âm mười hai phẩy hai năm'
    """
    odd = _choice(odd, _ODD_WORDS, "odd")
    thousand = _choice(thousand, _THOUSAND_WORDS, "thousand")
    four = _choice(four, _FOUR_WORDS, "four")
    negative, whole, fraction = _split_number(value)
    words = _integer_words(whole, odd=odd, thousand=thousand, four=four)
    if fraction:
        words += ["phẩy", *(_DIGIT_WORDS[int(d)] for d in fraction)]
    if negative and (whole or fraction):  # "âm không" would be nonsense for -0
        words.insert(0, "âm")
    return " ".join(words)


def amount_in_words(
    amount: int | Decimal,
    currency: str = "đồng",
    *,
    odd: str = "lẻ",
    thousand: str = "nghìn",
    four: str = "bốn",
) -> str:
    """The "Bằng chữ" line of an amount: words with a capital first letter, then the currency.

    Circular 22/2015/TT-NHNN Art. 7 and bookkeeping practice capitalise the first letter
    (letters.md §4.1). VND has no minor unit, so a fractional amount is an error, not rounded;
    a fee or a payment is never negative, so a negative amount is an error too.

    >>> amount_in_words(1_250_000), amount_in_words(24_000), amount_in_words(0)
    ('Một triệu hai trăm năm mươi nghìn đồng', 'Hai mươi bốn nghìn đồng', 'Không đồng')
    """
    whole = _whole_amount(amount)
    if whole < 0:
        raise ValueError(
            f"amount must not be negative, got {amount!r}: an amount in words states a sum paid or due; "
            "for a signed number in words use number_in_words"
        )
    words = number_in_words(whole, odd=odd, thousand=thousand, four=four)
    text = f"{words} {_currency(currency)}"
    return text[0].upper() + text[1:]


# --------------------------------------------------------------------------------------------
# Dates and times (Decree 30/2020/NĐ-CP Appendix I–II, letters.md §1.3, §2.4, §4.2)
# --------------------------------------------------------------------------------------------

# Appendix II §V.8(c): only the day syllable is capitalised; "thứ" is lower case mid-sentence.
_WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
# Gregorian months in words; "Giêng" and "Chạp" name lunar months only (letters.md §4.2).
_MONTHS = ("Một", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Mười Một", "Mười Hai")


def _local_date(d: object, name: str = "d") -> date:
    if not isinstance(d, date):
        raise TypeError(f"{name} must be a datetime.date, got {type(d).__name__}")
    if isinstance(d, datetime):
        return _local_datetime(d).date()
    return d


def _local_datetime(moment: datetime) -> datetime:
    """Naive datetimes are Vietnam-local already; aware ones are converted to UTC+7 (motcua.VN_TZ)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment
    return moment.astimezone(VN_TZ)


def weekday_name(d: date, *, sentence_start: bool = False) -> str:
    """The weekday of ``d`` as written in running text: "thứ Hai" … "thứ Bảy", "Chủ nhật".

    Decree 30 Appendix II §V.8(c) capitalises the day syllable only (letters.md §4.2); pass
    ``sentence_start=True`` for the capital "Thứ" that starts a sentence or a table cell.

    >>> weekday_name(date(2026, 3, 5)), weekday_name(date(2026, 3, 5), sentence_start=True)
    ('thứ Năm', 'Thứ Năm')
    >>> weekday_name(date(2026, 3, 8))
    'Chủ nhật'
    """
    name = _WEEKDAYS[_local_date(d).weekday()]
    return name[0].upper() + name[1:] if sentence_start else name


def date_line(d: date) -> str:
    """The date of an issue line: days below 10 and months 1–2 only get a leading zero.

    Decree 30/2020/NĐ-CP Appendix I §II.4(b) (letters.md §1.3 cell 4, §4.2).

    >>> date_line(date(2026, 3, 5)), date_line(date(2023, 2, 28)), date_line(date(2026, 11, 12))
    ('ngày 05 tháng 3 năm 2026', 'ngày 28 tháng 02 năm 2023', 'ngày 12 tháng 11 năm 2026')
    """
    day = _local_date(d)
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_date_line(place: str, d: date) -> str:
    """Place and date of an issue line (cell 4 of Decree 30 Appendix I): "<place>, ngày … tháng … năm …".

    The place is the issuing unit's own name as given (a ward writes its ward); only spaces at
    the ends are dropped and the text is NFC-normalised, its capitalisation is the caller's.

    >>> place_date_line("Hà Nội", date(2020, 1, 5))
    'Hà Nội, ngày 05 tháng 01 năm 2020'
    """
    if not isinstance(place, str):
        raise TypeError(f"place must be a str such as 'Phường Bến Nghé', got {type(place).__name__}")
    if not place.strip():
        raise ValueError("place must not be empty: pass the issuing unit's name, e.g. 'Phường Bến Nghé'")
    return f"{nfc(place.strip())}, {date_line(d)}"


def format_date(d: date) -> str:
    """``d`` as dd/mm/yyyy with day and month zero-padded, the numeric form used on slips and tables.

    Slips pad both day and month (letters.md §2.4); the months-1–2-only rule is for the issue
    line (:func:`date_line`). letters.md itself writes dates this way ("09/06/2025").

    >>> format_date(date(2026, 3, 5)), format_date(date(2026, 11, 27))
    ('05/03/2026', '27/11/2026')
    """
    day = _local_date(d)
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def date_in_words(d: date) -> str:
    """``d`` fully in words: "ngày <day> tháng <Month> năm <year>", day and year as cardinals.

    The month takes its name with a capital, as Decree 30 Appendix II §V.8(c) writes months in
    words ("tháng Tám"); month 4 is "Tư", and 1 and 12 are "Một" and "Mười Hai" because "Giêng"
    and "Chạp" name lunar months (letters.md §4.2). Days 1–10 are plain cardinals, without the
    spoken "mùng"/"mồng". Numbers follow :func:`number_in_words` defaults (24 = "hai mươi bốn").

    >>> date_in_words(date(2026, 3, 15))
    'ngày mười lăm tháng Ba năm hai nghìn không trăm hai mươi sáu'
    >>> date_in_words(date(2024, 4, 1))
    'ngày một tháng Tư năm hai nghìn không trăm hai mươi bốn'
    """
    day = _local_date(d)
    return f"ngày {number_in_words(day.day)} tháng {_MONTHS[day.month - 1]} năm {number_in_words(day.year)}"


def format_time(t: time | datetime) -> str:
    """The clock time of a slip, "HH giờ mm phút", both zero-padded (letters.md §2.4); seconds are dropped.

    A naive datetime is taken as Vietnam time and an aware one is converted to UTC+7; a ``time``
    prints as given.

    >>> format_time(time(15, 30)), format_time(time(8, 5, 59))
    ('15 giờ 30 phút', '08 giờ 05 phút')
    """
    if isinstance(t, datetime):
        t = _local_datetime(t).time()
    elif not isinstance(t, time):
        raise TypeError(f"t must be a datetime.time or datetime.datetime, got {type(t).__name__}")
    return f"{t.hour:02d} giờ {t.minute:02d} phút"


def format_datetime(dt: datetime) -> str:
    """A moment on a one-stop slip: "HH giờ mm phút, ngày dd tháng mm năm yyyy".

    This is the "Thời gian … trả kết quả" format of Mẫu 01 (letters.md §2.3), with day and month
    both zero-padded as slips print them (§2.4). Naive means Vietnam time; aware is converted.

    >>> format_datetime(datetime(2026, 11, 27, 15, 30))
    '15 giờ 30 phút, ngày 27 tháng 11 năm 2026'
    >>> format_datetime(datetime(2026, 3, 5, 8, 0))
    '08 giờ 00 phút, ngày 05 tháng 03 năm 2026'
    """
    if not isinstance(dt, datetime):
        raise TypeError(f"dt must be a datetime.datetime (use format_date for a date), got {type(dt).__name__}")
    local = _local_datetime(dt)
    return f"{format_time(local)}, ngày {local.day:02d} tháng {local.month:02d} năm {local.year}"


# --------------------------------------------------------------------------------------------
# Collation (CLDR vi tailoring, letters.md §3.5)
# --------------------------------------------------------------------------------------------

# CLDR vi: &a<ă<â &d<đ &e<ê &o<ô<ơ &u<ư make these separate primary letters. f, j, w, z are not
# Vietnamese letters but occur in names and loanwords; they keep their Latin places.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"  # NFC: one code point per letter
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
# The marks that make a new letter in NFD: breve, circumflex, horn (U+0306, U+0302, U+031B).
_MODIFIERS = {
    "a": {"\u0306": "ă", "\u0302": "â"},
    "e": {"\u0302": "ê"},
    "o": {"\u0302": "ô", "\u031b": "ơ"},
    "u": {"\u031b": "ư"},
}
# CLDR vi: &̀<<̉<<̃<<́<<̣ puts the tones, as secondary differences, in the order huyền < hỏi <
# ngã < sắc < nặng; an unmarked letter (weight 0) comes first. Other marks follow the tones.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_OTHER_MARK = 6
# Primary groups, in CLDR root order: spaces, punctuation and symbols, digits, letters.
_SPACE, _SYMBOL, _DIGIT, _LETTER, _OTHER_LETTER = range(1, 6)
_GROUP_SHIFT = 22  # above every code point (0x10FFFF < 2**21)


def _mark_weight(mark: str) -> int:
    return _TONES.get(mark) or _OTHER_MARK + ord(mark)


def _primary(base: str) -> int:
    lower = base.lower()
    if lower in _LETTER_RANK:
        return (_LETTER << _GROUP_SHIFT) + _LETTER_RANK[lower]
    if base.isspace():
        return _SPACE << _GROUP_SHIFT
    digit = unicodedata.digit(base, None)
    if digit is not None:
        return (_DIGIT << _GROUP_SHIFT) + digit
    if unicodedata.category(base).startswith("L"):
        return (_OTHER_LETTER << _GROUP_SHIFT) + ord(lower[0])
    return (_SYMBOL << _GROUP_SHIFT) + ord(base)


def collation_key(text: str) -> CollationKey:
    """A sort key for ``text`` following the CLDR ``vi`` collation (an in-house subset of it).

    Compared level by level: letters in the Vietnamese alphabet order (a < ă < â, d < đ, e < ê,
    o < ô < ơ, u < ư), then tones (none < huyền < hỏi < ngã < sắc < nặng), then case (lower
    first), then the NFD text, so NFC and NFD input sort alike and equal keys mean equal text.
    Spaces sort before punctuation, digits and letters; letters outside the Vietnamese
    alphabet come after "z" by code point (an approximation of CLDR root there).

    >>> sorted(["Ưng", "Zô", "Đặng", "Dương", "Ăn", "Anh", "Ánh"], key=collation_key)
    ['Anh', 'Ánh', 'Ăn', 'Dương', 'Đặng', 'Ưng', 'Zô']
    >>> sorted(["Họa", "Hóa", "Hoa", "Hõa", "Hòa", "Hỏa"], key=collation_key)
    ['Hoa', 'Hòa', 'Hỏa', 'Hõa', 'Hóa', 'Họa']
    """
    if not isinstance(text, str):
        raise TypeError(f"collation_key needs a str, got {type(text).__name__}")
    decomposed = unicodedata.normalize("NFD", text)
    primary: list[int] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    i, n = 0, len(decomposed)
    while i < n:
        base = decomposed[i]
        j = i + 1
        while j < n and unicodedata.category(decomposed[j]).startswith("M"):
            j += 1
        marks = list(decomposed[i + 1 : j])
        i = j
        category = unicodedata.category(base)
        if category.startswith("M") or category == "Cf":
            # A mark with no base counts at the secondary level only; format controls (ZWJ,
            # soft hyphen) are ignorable, as in CLDR root, but the marks after them still count.
            secondary.extend(_mark_weight(m) for m in ([base] if category != "Cf" else []) + marks)
            continue
        letter = base.lower()
        modifiers = _MODIFIERS.get(letter, {})
        seen_classes: set[int] = set()
        for index, mark in enumerate(marks):
            # A mark can join its base only if no earlier mark has the same combining class
            # (canonical ordering puts lower classes first): "ặ" is NFD a + dot below + breve.
            klass = unicodedata.combining(mark)
            if klass in seen_classes:
                continue
            seen_classes.add(klass)
            if mark in modifiers:
                letter = modifiers[mark]
                del marks[index]
                break
        primary.append(_primary(letter) if letter in _LETTER_RANK else _primary(base))
        secondary.append(0)
        secondary.extend(_mark_weight(m) for m in marks)
        tertiary.append(1 if base != base.lower() else 0)
    return tuple(primary), tuple(secondary), tuple(tertiary), decomposed


def name_sort_key(name: str) -> NameSortKey:
    """A roster key for a Vietnamese full name: the given name (last word) first, then the others.

    A full name is họ + tên đệm + tên and rosters sort by tên, then họ, then đệm (letters.md
    §3.5), each word compared with :func:`collation_key`. The whole name breaks the last ties.

    >>> sorted(["Trần Văn Bình", "Nguyễn Thị An", "Lê An"], key=name_sort_key)
    ['Lê An', 'Nguyễn Thị An', 'Trần Văn Bình']
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, got {type(name).__name__}")
    words = name.split()
    if not words:
        raise ValueError("name must contain at least one word, got an empty or blank string")
    return collation_key(words[-1]), tuple(collation_key(w) for w in words[:-1]), collation_key(name)


def sort_names(names: Iterable[str], *, normalize: bool = False) -> list[str]:
    """``names`` in roster order (see :func:`name_sort_key`), each returned exactly as given.

    Registered names are never corrected (letters.md §3.4), so "Hòa" and "Hoà" stay as they are;
    pass ``normalize=True`` to get every name back in NFC instead. The sort is stable.

    >>> sort_names(["Đặng Văn Ơn", "Vũ Ôn", "Lý Thị Dương", "Hồ Đức"])
    ['Lý Thị Dương', 'Hồ Đức', 'Vũ Ôn', 'Đặng Văn Ơn']
    """
    if isinstance(names, str):
        raise TypeError("names must be an iterable of names, not one str; wrap it in a list")
    result = sorted(names, key=name_sort_key)
    return [nfc(n) for n in result] if normalize else result
