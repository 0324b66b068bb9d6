"""One-stop slips: which form set is in force on a date, and the fields of a slip from a dossier.

The slips a one-stop desk prints are standard forms of the guiding circular: Circular
01/2018/TT-VPCP Art. 9 (six forms, Mẫu 01–06) under Decree 61/2018/NĐ-CP, then Circular
03/2025/TT-VPCP Appendix I (seven forms, with the new stop notice as Mẫu 05) under Decree
118/2025/NĐ-CP. Numbers and titles changed, so they are data (``data/forms.toml``), chosen by
the slip's date. The 2025 set's effective date is not confirmed: it is taken as the circular's
issue date (15/9/2025), and dates from 01/7/2025 to 19/11/2025 warn (:class:`UncertainDataWarning`).

>>> from datetime import date
>>> old, new = form_set(date(2024, 5, 2)), form_set(date(2026, 3, 2))
>>> old.form("phieu-xin-loi").title
'Phiếu xin lỗi và hẹn lại ngày trả kết quả'
>>> new.form("phieu-xin-loi").title
'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết'
>>> old.form("phieu-kiem-soat").number, new.form("phieu-kiem-soat").number
('05', '06')

:func:`slip_fields` fills a slip from a :class:`~motcua.Dossier` and its timeline; what a
dossier does not record (the applicant, the documents, the officer) comes as arguments.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import attrs

from ._data import check_keys, get_date, get_str, read_toml
from ._warn import warn
from .calendar import WorkingCalendar
from .dossiers import (
    Closed,
    Dossier,
    Extended,
    Outcome,
    Refused,
    Resolved,
    Returned,
    StepRecord,
    SupplementRequested,
    Timeline,
    Transferred,
    TransferReturned,
    Withdrawn,
)
from .errors import DataFileError, MotcuaError, UncertainDataWarning
from .offices import Office, Signer
from .sources import LegalSource, sources
from .vietnamese import _local_date, date_line

__all__ = [
    "SLIP_TEMPLATES",
    "Applicant",
    "Form",
    "FormNotInForceError",
    "FormSet",
    "form_set",
    "form_sets",
    "slip_fields",
]

#: The templates that render standard one-stop forms (the rest are letters).
SLIP_TEMPLATES = (
    "giay-tiep-nhan",
    "phieu-yeu-cau-bo-sung",
    "phieu-tu-choi",
    "phieu-xin-loi",
    "thong-bao-dung",
    "phieu-kiem-soat",
)

_CERTAINTY = ("confirmed", "secondary", "uncertain")


class FormNotInForceError(MotcuaError, LookupError):
    """No form set is in force on that date, or the set in force has no such form."""


@attrs.frozen
class Form:
    """One standard form: its number in its set, its title and the template that renders it."""

    number: str
    title: str
    template: str | None = None


@attrs.frozen(repr=False)
class FormSet:
    """The forms of one guiding circular, in force from ``valid_from`` to ``valid_until``."""

    key: str
    circular: LegalSource
    decree: LegalSource
    valid_from: date
    valid_until: date | None
    forms: tuple[Form, ...]
    #: ``confirmed``, ``secondary`` or ``uncertain`` (then ``note`` says why).
    certainty: str
    note: str | None = None
    #: Dates for which the choice of this set is in doubt (they warn).
    doubtful: tuple[date, date] | None = None
    #: Set by :func:`form_set` for a date in the next set's doubtful window before it starts: that
    #: next set, whose forms stand in (with a warning) for the ones this set lacks.
    interim: FormSet | None = attrs.field(default=None, eq=False)

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def _locate(self, template: str) -> tuple[FormSet, Form]:
        for f in self.forms:
            if f.template == template:
                return self, f
        if self.interim is not None:
            for f in self.interim.forms:
                if f.template == template:
                    # The decree behind the next set may already be in force (Decree 118/2025 from
                    # 1/7/2025 provides the stop, Art. 21) while its circular's forms are not
                    # known to be: use the only form there is, and say so.
                    warn(_interim_doubt(self, self.interim, f), UncertainDataWarning)
                    return self.interim, f
        known = ", ".join(f.template for f in self.forms if f.template)
        why = ""
        if template == "thong-bao-dung":
            why = (
                " The stop notice (Thông báo dừng giải quyết hồ sơ) was introduced by Circular 03/2025/TT-VPCP "
                "with the stop procedure of Decree 118/2025/NĐ-CP Art. 21; before it no such form existed."
            )
        raise FormNotInForceError(
            f"the form set of {self.circular.citation} (in force from {self.valid_from:%d/%m/%Y}) has no form "
            f"{template!r}.{why} Forms in this set: {known}"
        )

    def form(self, template: str) -> Form:
        """The form rendered by *template*; raises :class:`FormNotInForceError` if the set has none.

        In the uncertain change-over to the next set (see :func:`form_set`), a form only the next
        set has is taken from it, with an :class:`~motcua.UncertainDataWarning`.
        """
        return self._locate(template)[1]

    def fields(self, template: str) -> dict[str, str]:
        """The ``bieu_mau`` field of a slip: number, title, circular and set key (of the set the form is from)."""
        owner, f = self._locate(template)
        return {
            "so": f.number,
            "ten": f.title,
            "thong_tu": owner.circular.number or owner.circular.title,
            "bo": owner.key,
        }

    def __repr__(self) -> str:
        until = self.valid_until.isoformat() if self.valid_until else ""
        return f"<FormSet {self.circular.number} [{self.valid_from.isoformat()}..{until}] {len(self.forms)} forms>"


# --------------------------------------------------------------------------- loading


def parse_forms(raw: Mapping[str, Any], registry: Mapping[str, LegalSource]) -> tuple[FormSet, ...]:
    """Check a parsed ``forms.toml`` strictly and build the form sets; errors name the entry."""
    check_keys(raw, "forms.toml", required=("schema", "data_as_of", "set"))
    if raw["schema"] != 1:
        raise DataFileError(f"forms.toml: unsupported schema {raw['schema']!r}")
    parsed: list[FormSet] = []
    for i, entry in enumerate(raw["set"]):
        where = f"forms.toml set[{i}]"
        check_keys(
            entry,
            where,
            required=("key", "circular", "decree", "valid_from", "certainty", "forms"),
            optional=("note", "doubtful_from", "doubtful_until"),
        )
        certainty = get_str(entry, "certainty", where)
        if certainty not in _CERTAINTY:
            raise DataFileError(f"{where}: certainty must be one of {_CERTAINTY}, got {certainty!r}")
        note = get_str(entry, "note", where) if "note" in entry else None
        if certainty == "uncertain" and not note:
            raise DataFileError(f"{where}: an uncertain set must say why in 'note'")
        decree = get_str(entry, "decree", where)
        circular = get_str(entry, "circular", where)
        for kind, key in (("decree", decree), ("circular", circular)):
            if key not in registry:
                raise DataFileError(f"{where}: {kind} {key!r} is not in sources.toml")
        doubtful = None
        if "doubtful_from" in entry or "doubtful_until" in entry:
            doubtful = (get_date(entry, "doubtful_from", where), get_date(entry, "doubtful_until", where))
            if doubtful[1] < doubtful[0]:
                raise DataFileError(f"{where}: doubtful_until is before doubtful_from")
        forms: list[Form] = []
        for j, f in enumerate(entry["forms"]):
            fwhere = f"{where}.forms[{j}]"
            check_keys(f, fwhere, required=("number", "title"), optional=("template",))
            number = get_str(f, "number", fwhere)
            if not (len(number) == 2 and number.isdigit()):
                raise DataFileError(f"{fwhere}: number is two digits such as '04', got {number!r}")
            forms.append(
                Form(
                    number=number,
                    title=get_str(f, "title", fwhere),
                    template=get_str(f, "template", fwhere) if "template" in f else None,
                )
            )
        templates = [f.template for f in forms if f.template]
        if len(set(templates)) != len(templates) or len({f.number for f in forms}) != len(forms):
            raise DataFileError(f"{where}: form numbers and templates must be unique within a set")
        unknown = sorted(set(templates) - set(SLIP_TEMPLATES))
        if unknown:
            raise DataFileError(f"{where}: unknown template(s) {', '.join(unknown)}")
        parsed.append(
            FormSet(
                key=get_str(entry, "key", where),
                circular=registry[circular],
                decree=registry[decree],
                valid_from=get_date(entry, "valid_from", where),
                valid_until=None,
                forms=tuple(forms),
                certainty=certainty,
                note=note,
                doubtful=doubtful,
            )
        )
    # Each set runs until the day before the next one starts.
    parsed.sort(key=lambda s: s.valid_from)
    out = []
    for k, s in enumerate(parsed):
        if k + 1 < len(parsed):
            nxt = parsed[k + 1]
            if nxt.valid_from == s.valid_from:
                raise DataFileError(f"forms.toml: sets {s.key!r} and {nxt.key!r} start on the same day")
            s = attrs.evolve(s, valid_until=date.fromordinal(nxt.valid_from.toordinal() - 1))
        out.append(s)
    return tuple(out)


@functools.cache
def form_sets() -> tuple[FormSet, ...]:
    """Every form set in the shipped data, oldest first (read once, then cached)."""
    return parse_forms(read_toml("forms.toml"), sources())


def form_set(on: date) -> FormSet:
    """The form set in force on *on* (a date, or a moment: naive is Vietnam time, aware is converted).

    Circular 01/2018/TT-VPCP from 06/01/2019; Circular 03/2025/TT-VPCP from 15/09/2025 (its issue
    date: the effective date is not confirmed, so dates from 01/07/2025 to 19/11/2025 emit an
    :class:`~motcua.UncertainDataWarning`). Earlier dates raise :class:`FormNotInForceError`.
    From 01/07/2025 to 14/09/2025 the 2018 set is returned, and a form it lacks (the stop notice,
    which Decree 118/2025/NĐ-CP already provides) is taken from the 2025 set with a warning.

    >>> from datetime import date
    >>> form_set(date(2019, 1, 6)).circular.number, form_set(date(2026, 1, 5)).circular.number
    ('01/2018/TT-VPCP', '03/2025/TT-VPCP')
    """
    # The date of the paper is its Vietnam date: 20:00 UTC on 14/09/2025 is already 15/09 there.
    on = _local_date(on, "on")
    sets = form_sets()
    for i, s in enumerate(sets):
        if s.in_force_on(on):
            doubt = next((j for j, x in enumerate(sets) if x.doubtful and x.doubtful[0] <= on <= x.doubtful[1]), None)
            if doubt is not None:
                warn(_doubt(on, sets[doubt]), UncertainDataWarning)
                if doubt > i:
                    return _with_interim(i, doubt)
            return s
    first = form_sets()[0]
    raise FormNotInForceError(
        f"no one-stop form set is modelled for {on:%d/%m/%Y}: the first is {first.circular.citation}, in force from "
        f"{first.valid_from:%d/%m/%Y} (the forms of Quyết định 09/2015/QĐ-TTg before it are not modelled)"
    )


@functools.cache
def _with_interim(index: int, successor: int) -> FormSet:
    # Cached, so that every date of the window gets the same object.
    sets = form_sets()
    return attrs.evolve(sets[index], interim=sets[successor])


def _interim_doubt(current: FormSet, nxt: FormSet, f: Form) -> str:
    effective = f" (in force from {nxt.decree.effective:%d/%m/%Y})" if nxt.decree.effective else ""
    return (
        f"the form set of {current.circular.citation} has no {f.title!r}; {nxt.decree.citation}{effective} "
        f"already governs the procedure, so Mẫu số {f.number} of {nxt.circular.citation} is used, although "
        "which forms applied before that circular took effect is not confirmed"
    )


def _doubt(on: date, s: FormSet) -> str:
    return (
        f"the one-stop form set for {on:%d/%m/%Y} is uncertain: {s.circular.citation} is taken to apply from "
        f"{s.valid_from:%d/%m/%Y}, but its effective date is not confirmed ({s.note})"
    )


# --------------------------------------------------------------------------- slip fields


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a str, got {type(value).__name__}")
    return value.strip()


@attrs.frozen(kw_only=True)
class Applicant:
    """The person who filed the dossier, as slips print them (the dossier does not record it).

    ``honorific`` is how slips address them: "Ông/Bà" unless the caller knows ("Ông", "Bà"); it
    is never guessed from the name (letters.md §3.2).
    """

    name: str = attrs.field(converter=_text)
    address: str = attrs.field(converter=_text)
    honorific: str = attrs.field(default="Ông/Bà", converter=_text)
    phone: str = attrs.field(default="", converter=_text)
    email: str = attrs.field(default="", converter=_text)
    id_number: str = attrs.field(default="", converter=_text)

    def __attrs_post_init__(self) -> None:
        if not self.name:
            raise ValueError("Applicant.name must not be empty")
        if not self.honorific:
            raise ValueError("Applicant.honorific must not be empty; the neutral form is 'Ông/Bà'")

    def fields(self) -> dict[str, Any]:
        return {
            "nguoi_nop": self.name,
            "xung_ho": self.honorific,
            "dia_chi": self.address,
            "so_dien_thoai": self.phone,
            "email": self.email,
            "so_giay_to": self.id_number,
        }


_NEEDS_CODE = ("giay-tiep-nhan", "phieu-xin-loi", "thong-bao-dung", "phieu-kiem-soat")
_OUTCOME_LABELS = {Outcome.EARLY: "Trước hạn", Outcome.ON_TIME: "Đúng hạn", Outcome.LATE: "Quá hạn"}


def _last(dossier: Dossier, kind: type[Any] | tuple[type[Any], ...], name: str) -> Any:
    found = [e for e in dossier.events if isinstance(e, kind)]
    if not found:
        kinds = kind if isinstance(kind, tuple) else (kind,)
        raise ValueError(
            f"{name}: the dossier has no {' or '.join(k.__name__ for k in kinds)} event to take it from; "
            "record the event on the dossier first"
        )
    return found[-1]


def _judge(at: datetime, due_at: datetime) -> str:
    """Early (before the due day), on time (by the due moment) or late: Circular 01/2018 Art. 13(2)."""
    due = due_at.replace(tzinfo=None) if due_at.tzinfo is not None else due_at
    if at.date() < due.date():
        return "Trước hạn"
    return "Đúng hạn" if at <= due else "Quá hạn"


def _naive(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment
    from .calendar import VN_TZ

    return moment.astimezone(VN_TZ).replace(tzinfo=None)


def _note(label: str, reason: str) -> str:
    return f"{label}: {reason}" if reason.strip() else label


def _control_rows(t: Timeline, one_stop: str, handler: str, applicant: str, forms: FormSet) -> list[dict[str, Any]]:
    """The hand-overs of a dossier, one row each, as the control slip records them.

    An apology is noted by the title it has in *forms*, the control slip's own form set: the 2025
    set calls it "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết".
    """
    d = t.dossier
    rows: list[dict[str, Any]] = [{"giao": one_stop, "nhan": handler, "thoi_diem": d.received_local}]
    steps: list[StepRecord] = list(t.steps)
    for e in d.events:
        at = e.local_at
        if t.as_of is not None and at > t.as_of:
            break
        if isinstance(e, Transferred):
            rows.append({"giao": handler, "nhan": e.agency, "thoi_diem": at})
        elif isinstance(e, TransferReturned):
            step = next(s for s in steps if s.agency == e.agency and s.returned_at == at)
            steps.remove(step)
            row = {"giao": e.agency, "nhan": handler, "thoi_diem": at}
            if step.due_at is not None:
                row["ket_qua"] = _judge(at, step.due_at)
            rows.append(row)
        elif isinstance(e, SupplementRequested):
            rows.append({"giao": handler, "nhan": applicant, "thoi_diem": at, "ghi_chu": _note(e.label_vi, e.reason)})
        elif isinstance(e, Extended):
            title = forms.form("phieu-xin-loi").title
            rows.append({"giao": handler, "nhan": one_stop, "thoi_diem": at, "ghi_chu": _note(title, e.reason)})
        elif isinstance(e, (Resolved, Refused)):
            row = {"giao": handler, "nhan": one_stop, "thoi_diem": at, "ket_qua": _OUTCOME_LABELS.get(t.outcome, "")}
            if isinstance(e, Refused):
                row["ghi_chu"] = _note(e.label_vi, e.reason)
            rows.append(row)
        elif isinstance(e, (Returned, Withdrawn, Closed)):
            rows.append({"giao": one_stop, "nhan": applicant, "thoi_diem": at, "ghi_chu": e.label_vi})
    return rows


#: The slips signed by the head of the body (the others name the officer only).
_SIGNED = ("phieu-xin-loi", "thong-bao-dung")


def slip_fields(
    name: str,
    dossier: Dossier,
    *,
    office: Office,
    applicant: Applicant,
    signer: Signer | None = None,
    officer: str = "",
    documents: Sequence[str | Mapping[str, Any]] = (),
    items: Sequence[str | Mapping[str, Any]] = (),
    reason: str = "",
    handler: str = "",
    calendar: WorkingCalendar | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The fields of slip *name* for *dossier*, ready for ``motcua.letters.render(name, **fields)``.

    From the dossier and its timeline: the code, the procedure, receipt and appointment moments,
    the reason and new date of the apology (:class:`~motcua.Extended`), the reason of a refusal
    (:class:`~motcua.Refused`) or supplement request (:class:`~motcua.SupplementRequested`), the
    stop (:class:`~motcua.Withdrawn` or :class:`~motcua.Closed`) and the control slip's rows. The
    slip's date (``ngay``) is the date of that event (of the receipt for the receipt and the
    control slip); the form set is the one in force then.

    Arguments give what a dossier does not record: ``office`` (the issuing unit), ``applicant``,
    ``signer`` (for the apology and the stop notice, signed by the head of the body), ``officer``
    (the receiving or guiding officer), ``documents`` (the receipt's list), ``items`` (what to
    supplement), ``reason`` (a refusal at the counter, with no event; for the refusal, the
    supplement request, the apology and the stop notice it overrides the event's reason, which
    the law requires for the first three), ``handler`` (the body that resolves the dossier, for
    the control slip; default the dossier's agency or the office). The control slip's
    co-processing bodies are those of the dossier's :class:`~motcua.Transferred` events.
    ``extra`` fields are added last and override the rest (``so``, ``ky_hieu``, ``noi_nhan`` …).

    >>> from datetime import datetime
    >>> from motcua import Dossier
    >>> from motcua.offices import Office
    >>> d = Dossier("1.004873", datetime(2026, 4, 24, 9, 0), code="000.00.00.H00-260424-0001")
    >>> office = Office(name="Trung tâm Phục vụ hành chính công", locality="Hải Đăng")
    >>> f = slip_fields("giay-tiep-nhan", d, office=office, applicant=Applicant(name="Phạm Văn Bình",
    ...     address="Tổ 5, phường Hải Đăng"), officer="Trần Thị Thu", documents=["Tờ khai"])
    >>> f["bieu_mau"]["so"], f["thoi_gian_giai_quyet"], f["thoi_diem_tra"].date()
    ('01', '03 ngày làm việc', datetime.date(2026, 5, 4))
    """
    if name not in SLIP_TEMPLATES:
        raise FormNotInForceError(f"{name!r} is not a one-stop slip; slips: {', '.join(SLIP_TEMPLATES)}")
    if not isinstance(dossier, Dossier):
        raise TypeError(f"dossier must be a motcua.Dossier, got {type(dossier).__name__}")
    if name in _NEEDS_CODE and not dossier.code:
        raise ValueError(f"{name}: the dossier has no code; build it with Dossier(..., code='…') (Mã hồ sơ)")
    timeline = dossier.timeline(calendar)
    proc = dossier.procedure
    fields: dict[str, Any] = {**office.fields(), **applicant.fields(), "noi_dung_yeu_cau": proc.name}
    if dossier.code:
        fields["ma_ho_so"] = dossier.code
    received = dossier.received_local
    issued: date = received.date()
    forms: FormSet | None = None  # looked up once: a doubtful date warns on every lookup

    def need(value: str, what: str) -> str:
        if not value or not value.strip():
            raise ValueError(f"{name}: pass {what}")
        return value

    if name == "giay-tiep-nhan":
        if not documents:
            raise ValueError("giay-tiep-nhan: pass documents=[...], the documents received (thành phần hồ sơ)")
        limit = proc.verification_limit if dossier.verification and proc.verification_limit else proc.time_limit
        fields.update(
            thanh_phan_ho_so=list(documents),
            thoi_gian_giai_quyet=limit.label("vi"),
            thoi_diem_nhan=received,
            thoi_diem_tra=_naive(timeline.original_due.due_at),
            nguoi_tiep_nhan=need(officer, "officer=..., the receiving officer's name"),
        )
    elif name == "phieu-yeu-cau-bo-sung":
        event = _last(dossier, SupplementRequested, name)
        issued = event.local_at.date()
        if not items:
            raise ValueError(f"{name}: pass items=[...], what the applicant must supplement (each a str or dict)")
        fields.update(
            noi_dung_bo_sung=list(items),
            ly_do=need(reason or event.reason, "the reason (SupplementRequested(reason=...) or reason=...)"),
            nguoi_huong_dan=need(officer, "officer=..., the guiding officer's name"),
        )
    elif name == "phieu-tu-choi":
        refusals = [e for e in dossier.events if isinstance(e, Refused)]
        if refusals:
            issued = refusals[-1].local_at.date()
        recorded = refusals[-1].reason if refusals else ""
        fields.update(
            ly_do=need(reason or recorded, "the reason (a Refused event or reason=...)"),
            nguoi_tiep_nhan=need(officer, "officer=..., the receiving officer's name"),
        )
    elif name == "phieu-xin-loi":
        ext = timeline.extension
        if ext is None:
            raise ValueError(f"{name}: the dossier has no Extended event (the apology with a new date)")
        issued = ext.local_at.date()
        fields.update(
            ngay_tiep_nhan=received,
            han_tra_cu=_naive(timeline.due_at),
            # The law asks for the reason (Decree 118/2025/NĐ-CP Art. 19(6)); reason= overrides.
            ly_do=need(reason or ext.reason, "the reason for the delay (Extended(reason=...) or reason=...)"),
            han_tra_moi=_naive(timeline.appointment),
        )
    elif name == "thong-bao-dung":
        stop = _last(dossier, (Withdrawn, Closed), name)
        issued = stop.local_at.date()
        who = applicant.honorific
        if isinstance(stop, Withdrawn):
            why = f"{who} đề nghị dừng giải quyết hồ sơ {date_line(stop.local_at)}"
        else:
            why = f"{who} không bổ sung, hoàn thiện hồ sơ trong thời hạn đã thông báo"
        if stop.reason:
            why += f" ({stop.reason})"
        fields.update(ngay_tiep_nhan=received, thoi_diem_dung=stop.local_at, ly_do=reason or why)
    else:  # phieu-kiem-soat
        body = handler or dossier.agency or office.name_in_text
        forms = form_set(issued)
        fields.update(
            thoi_diem_nhan=received,
            thoi_diem_tra=_naive(timeline.appointment),
            co_quan_giai_quyet=body,
            cac_buoc=_control_rows(timeline, office.name_in_text, body, applicant.name, forms),
        )
        # The co-processing bodies (law.md §2.2, Mẫu 06): those the dossier was handed to.
        partners = list(dict.fromkeys(e.agency for e in dossier.events if isinstance(e, Transferred)))
        if partners:
            fields["co_quan_phoi_hop"] = partners
    if name in _SIGNED:
        if signer is None:
            raise ValueError(f"{name}: pass signer=Signer(...); the head of the body signs it")
        fields.update(signer.fields())
    # The other slips carry no signature block (the officer's name is their signature), so a
    # signer passed to every slip alike is not used there.
    fields["ngay"] = issued
    fields["bieu_mau"] = (forms or form_set(issued)).fields(name)
    fields.update(extra)
    return fields
