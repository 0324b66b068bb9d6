r"""The issuing office and the signer of a letter or slip, as the letterhead needs them.

Nothing about a ward is built into the templates: the body's name, its superior body, the place
on the date line, the symbol in the document number and the signature block all come from an
:class:`Office` and a :class:`Signer` that the caller describes once.

>>> from motcua.offices import Office, Signer
>>> ward = Office(name="Ủy ban nhân dân\nphường Hải Đăng", locality="Hải Đăng", symbol="UBND")
>>> ward.name_in_text
'Ủy ban nhân dân phường Hải Đăng'
>>> vice = Signer("Lê Minh Quân", "Phó Chủ tịch", authority="KT.", on_behalf_of="Chủ tịch",
...               collective="Ủy ban nhân dân")
>>> vice.lines
('TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH')
"""

from __future__ import annotations

import unicodedata
from typing import Any

import attrs

__all__ = ["AUTHORITIES", "Office", "Signer"]

#: The authority prefixes of a signature block (Decree 30/2020/NĐ-CP Appendix I, cells 7a–7c):
#: none (the head signs in their own name), TM. (on behalf of a collective body), KT. (a deputy
#: signing for the head), Q. (acting head), TL. (by order of the head), TUQ. (by authorisation).
AUTHORITIES = ("", "TM.", "KT.", "Q.", "TL.", "TUQ.")


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a str, got {type(value).__name__}")
    return unicodedata.normalize("NFC", value.strip())


def _optional_text(value: object) -> str:
    return "" if value is None else _text(value)


def _required(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value:
        raise ValueError(f"{type(instance).__name__}.{attribute.name} must not be empty")


def _one_line(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if "\n" in value:
        raise ValueError(f"{type(instance).__name__}.{attribute.name} must be a single line, got {value!r}")


@attrs.frozen(kw_only=True)
class Office:
    r"""An issuing body as its letterhead shows it (Decree 30/2020/NĐ-CP Art. 8(2)(b), Appendix I cell 2).

    * ``name``: the body's official name in normal case ("Ủy ban nhân dân phường Hải Đăng"); the
      letterhead prints it in capitals. A newline marks where the heading breaks ("Ủy ban nhân
      dân\nphường Hải Đăng"); running text joins the lines with a space.
    * ``parent_body``: the directly governing body, printed above the name, not bold ("" for none).
    * ``locality``: the place on the date line. A local body writes its own administrative unit
      (Appendix I cell 4): a ward writes "Hải Đăng", or "Phường 1" in full when the unit is a number.
    * ``symbol``: the body's abbreviation in document numbers ("UBND" in "Số: 05/TB-UBND").
    * ``address``, ``phone``, ``email``, ``website``: optional contact lines (Art. 8(3)).
    """

    name: str = attrs.field(converter=_text, validator=_required)
    locality: str = attrs.field(converter=_text, validator=[_required, _one_line])
    parent_body: str = attrs.field(default="", converter=_optional_text)
    symbol: str = attrs.field(default="", converter=_optional_text, validator=_one_line)
    address: str = attrs.field(default="", converter=_optional_text)
    phone: str = attrs.field(default="", converter=_optional_text)
    email: str = attrs.field(default="", converter=_optional_text)
    website: str = attrs.field(default="", converter=_optional_text)

    @symbol.validator
    def _check_symbol(self, attribute: attrs.Attribute[str], value: str) -> None:
        if any(c.isspace() or c == "/" for c in value):
            raise ValueError(f"Office.symbol is an abbreviation without spaces or '/', such as 'UBND'; got {value!r}")

    @property
    def name_in_text(self) -> str:
        """The name on one line, for running text ("Ủy ban nhân dân phường Hải Đăng")."""
        return " ".join(part.strip() for part in self.name.splitlines() if part.strip())

    def fields(self) -> dict[str, Any]:
        """The letterhead fields of every template (``co_quan``, ``dia_danh`` …).

        >>> Office(name="Trung tâm Phục vụ hành chính công", locality="Hải Đăng").fields()["dia_danh"]
        'Hải Đăng'
        """
        return {
            "co_quan_chu_quan": self.parent_body,
            "co_quan": self.name,
            "dia_danh": self.locality,
            "co_quan_dia_chi": self.address,
            "co_quan_dien_thoai": self.phone,
            "co_quan_email": self.email,
            "co_quan_website": self.website,
        }

    def symbol_for(self, kind: str = "") -> str:
        """The symbol part of a document number: type abbreviation, "-", the body's symbol.

        Decree 30/2020/NĐ-CP Appendix I cell 3: "/" between number and symbol, "-" between the
        symbol's groups, no spaces. A letter (thư công) has no type abbreviation (Appendix III).

        >>> Office(name="Ủy ban nhân dân phường Hải Đăng", locality="Hải Đăng", symbol="UBND").symbol_for("TB")
        'TB-UBND'
        """
        if not self.symbol:
            raise ValueError("this office has no symbol; pass Office(symbol='UBND', ...) to number its documents")
        kind = _text(kind)
        return f"{kind}-{self.symbol}" if kind else self.symbol


@attrs.frozen
class Signer:
    """Who signs, and in whose name (Decree 30/2020/NĐ-CP Art. 13; Appendix I cells 7a–7c).

    * ``name``: the signer's full name, printed as given: no honours or academic titles.
    * ``title``: the signer's own position ("Phó Chủ tịch").
    * ``authority``: one of :data:`AUTHORITIES`; ``on_behalf_of`` is the body or position it
      refers to: "Ủy ban nhân dân" after TM., "Chủ tịch" after KT., TL. and TUQ.; Q. takes none
      (it prefixes the title: "Q. CHỦ TỊCH").
    * ``collective``: for a deputy of a collectively run body, the "TM." line above the KT. line
      (a People's Committee: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", Art. 13(2)).

    Positions print in capitals as Appendix I asks; the name is never changed.

    >>> Signer("Nguyễn Văn Tâm", "Chủ tịch", authority="TM.", on_behalf_of="Ủy ban nhân dân").lines
    ('TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH')
    """

    name: str = attrs.field(converter=_text, validator=_required)
    title: str = attrs.field(converter=_text, validator=[_required, _one_line])
    authority: str = attrs.field(default="", kw_only=True, converter=_optional_text)
    on_behalf_of: str = attrs.field(default="", kw_only=True, converter=_optional_text, validator=_one_line)
    collective: str = attrs.field(default="", kw_only=True, converter=_optional_text, validator=_one_line)

    def __attrs_post_init__(self) -> None:
        if self.authority not in AUTHORITIES:
            raise ValueError(
                f"Signer.authority must be one of {', '.join(repr(a) for a in AUTHORITIES)}, got {self.authority!r}"
            )
        if self.authority in ("", "Q.") and self.on_behalf_of:
            what = "a head signing in their own name" if not self.authority else "an acting head (Q. GIÁM ĐỐC)"
            raise ValueError(f"on_behalf_of is not used for {what}; leave it empty")
        if self.authority in ("TM.", "KT.", "TL.", "TUQ.") and not self.on_behalf_of:
            example = "Ủy ban nhân dân" if self.authority == "TM." else "Chủ tịch"
            raise ValueError(f"{self.authority} needs on_behalf_of, e.g. on_behalf_of={example!r}")
        if self.collective and self.authority != "KT.":
            raise ValueError("collective (the 'TM.' line above) is only used with authority='KT.'")

    @property
    def lines(self) -> tuple[str, ...]:
        """The authority and position lines of the signature block, in capitals."""
        out: list[str] = []
        if self.collective:
            out.append(f"TM. {self.collective.upper()}")
        if self.authority == "Q.":
            out.append(f"Q. {self.title.upper()}")
            return tuple(out)
        if self.authority:
            out.append(f"{self.authority} {self.on_behalf_of.upper()}")
        out.append(self.title.upper())
        return tuple(out)

    def fields(self) -> dict[str, Any]:
        """The signature-block fields of a letter: ``chu_ky`` (the lines) and ``nguoi_ky`` (the name)."""
        return {"chu_ky": list(self.lines), "nguoi_ky": self.name}
