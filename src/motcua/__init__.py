"""motcua: Vietnam's one-stop ("một cửa") administrative procedures as pure Python.

>>> import motcua
>>> from datetime import date
>>> motcua.vietnam_calendar().add_working_days(date(2026, 2, 13), 1)   # after Tết Bính Ngọ
datetime.date(2026, 2, 23)
"""

from __future__ import annotations

import importlib as _importlib
import sys as _sys
import types as _types
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

if _TYPE_CHECKING:  # what type checkers and editors see; at run time __getattr__ imports on first use
    from .calendar import VN_TZ, WorkingCalendar, vietnam_calendar
    from .columnar import combine_reports, period_report_columns
    from .days import CalendarStatus, DayKind, DayOff, MakeupDay
    from .dossiers import (
        Channel,
        Closed,
        Dossier,
        DossierEventError,
        DossierStatus,
        Event,
        Extended,
        LateExtensionWarning,
        Outcome,
        PauseRule,
        Refused,
        Resolved,
        Returned,
        StepRecord,
        Supplemented,
        SupplementRequested,
        Timeline,
        Transferred,
        TransferReturned,
        VerificationEnded,
        VerificationStarted,
        Withdrawn,
    )
    from .errors import (
        CalendarRangeError,
        DataFileError,
        EstimatedCalendarWarning,
        InvalidArgumentError,
        InvalidCountError,
        MissingOfficeHoursError,
        MotcuaError,
        MotcuaWarning,
        NoResponsesError,
        SmallSampleWarning,
        UncertainDataWarning,
    )
    from .letters import (
        DocxUnavailableError,
        FieldTypeError,
        InvalidFieldError,
        Letters,
        MissingFieldError,
        TemplateNotFoundError,
        UnknownFieldError,
        example_fields,
        optional_fields,
        render,
        render_docx,
        render_string,
        required_fields,
        templates,
    )
    from .lunar import LunarDate, lunar_date, solar_date, tet
    from .office_hours import OfficeHours, OfficeSchedule, SeasonalOfficeHours, Session
    from .offices import Office, Signer
    from .procedures import (
        Catalogue,
        Fee,
        LegalRef,
        NotInForceError,
        Procedure,
        ProcedureStep,
        UnknownProcedureError,
        catalogue,
    )
    from .registers import (
        REGISTER_COLUMNS,
        RegisterColumn,
        RegisterFormatError,
        RegisterReadResult,
        RejectedRow,
        read_register,
        write_register,
    )
    from .reports import FORM_06_COLUMNS, PeriodReport, period_report
    from .scales import Criteria, Criterion, Scale, UnknownLevelError, criteria, criteria_sets, scale, scales
    from .slips import Applicant, Form, FormNotInForceError, FormSet, form_set, form_sets, slip_fields
    from .sources import LegalSource, sources
    from .stats import (
        INTERVAL_METHODS,
        Comparison,
        Proportion,
        StratifiedProportion,
        half_up,
        multinomial_intervals,
        shown_percent,
        stratified_proportion,
    )
    from .surveys import CriteriaTally, MeanScore, SummaryRow, SurveySummary, SurveyTally, UndefinedIndexError
    from .timelimits import (
        CalendarDays,
        ClockHours,
        Conventions,
        Deadline,
        SameDay,
        TimeLimit,
        WorkingDays,
        WorkingHours,
    )
    from .year_view import CalendarYear

# Which submodule holds each public name. `import motcua` then costs a few milliseconds, and
# each part (the calendar, the catalogue, the letters) loads when first used.
_EXPORTS: dict[str, tuple[str, ...]] = {
    "calendar": ("VN_TZ", "WorkingCalendar", "vietnam_calendar"),
    "columnar": ("combine_reports", "period_report_columns"),
    "days": ("CalendarStatus", "DayKind", "DayOff", "MakeupDay"),
    "dossiers": (
        "Channel",
        "Closed",
        "Dossier",
        "DossierEventError",
        "DossierStatus",
        "Event",
        "Extended",
        "LateExtensionWarning",
        "Outcome",
        "PauseRule",
        "Refused",
        "Resolved",
        "Returned",
        "StepRecord",
        "Supplemented",
        "SupplementRequested",
        "Timeline",
        "Transferred",
        "TransferReturned",
        "VerificationEnded",
        "VerificationStarted",
        "Withdrawn",
    ),
    "errors": (
        "CalendarRangeError",
        "DataFileError",
        "EstimatedCalendarWarning",
        "InvalidArgumentError",
        "InvalidCountError",
        "MissingOfficeHoursError",
        "MotcuaError",
        "MotcuaWarning",
        "NoResponsesError",
        "SmallSampleWarning",
        "UncertainDataWarning",
    ),
    "letters": (
        "DocxUnavailableError",
        "FieldTypeError",
        "InvalidFieldError",
        "Letters",
        "MissingFieldError",
        "TemplateNotFoundError",
        "UnknownFieldError",
        "example_fields",
        "optional_fields",
        "render",
        "render_docx",
        "render_string",
        "required_fields",
        "templates",
    ),
    "lunar": ("LunarDate", "lunar_date", "solar_date", "tet"),
    "office_hours": ("OfficeHours", "OfficeSchedule", "SeasonalOfficeHours", "Session"),
    "offices": ("Office", "Signer"),
    "procedures": (
        "Catalogue",
        "Fee",
        "LegalRef",
        "NotInForceError",
        "Procedure",
        "ProcedureStep",
        "UnknownProcedureError",
        "catalogue",
    ),
    "registers": (
        "REGISTER_COLUMNS",
        "RegisterColumn",
        "RegisterFormatError",
        "RegisterReadResult",
        "RejectedRow",
        "read_register",
        "write_register",
    ),
    "reports": ("FORM_06_COLUMNS", "PeriodReport", "period_report"),
    "scales": ("Criteria", "Criterion", "Scale", "UnknownLevelError", "criteria", "criteria_sets", "scale", "scales"),
    "slips": ("Applicant", "Form", "FormNotInForceError", "FormSet", "form_set", "form_sets", "slip_fields"),
    "sources": ("LegalSource", "sources"),
    "stats": (
        "INTERVAL_METHODS",
        "Comparison",
        "Proportion",
        "StratifiedProportion",
        "half_up",
        "multinomial_intervals",
        "shown_percent",
        "stratified_proportion",
    ),
    "surveys": ("CriteriaTally", "MeanScore", "SummaryRow", "SurveySummary", "SurveyTally", "UndefinedIndexError"),
    "timelimits": (
        "CalendarDays",
        "ClockHours",
        "Conventions",
        "Deadline",
        "SameDay",
        "TimeLimit",
        "WorkingDays",
        "WorkingHours",
    ),
    "year_view": ("CalendarYear",),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}


class _Package(_types.ModuleType):
    """The package module, keeping ``motcua.sources`` and ``motcua.scales`` the public functions.

    Importing a submodule binds it as an attribute of its package; two submodules share their
    name with a function exported here, and lazy loading would let the module win. As before
    lazy loading, ``import motcua.sources as s`` therefore binds the function: use
    ``from motcua.sources import LegalSource`` (or ``sys.modules``) for the module's contents.
    """

    def __setattr__(self, name: str, value: _Any) -> None:
        if isinstance(value, _types.ModuleType) and _MODULE_OF.get(name) == name:
            return  # the submodule stays in sys.modules["motcua.<name>"]
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package

__all__ = [
    "FORM_06_COLUMNS",
    "INTERVAL_METHODS",
    "REGISTER_COLUMNS",
    "VN_TZ",
    "Applicant",
    "CalendarDays",
    "CalendarRangeError",
    "CalendarStatus",
    "CalendarYear",
    "Catalogue",
    "Channel",
    "ClockHours",
    "Closed",
    "Comparison",
    "Conventions",
    "Criteria",
    "CriteriaTally",
    "Criterion",
    "DataFileError",
    "DayKind",
    "DayOff",
    "Deadline",
    "DocxUnavailableError",
    "Dossier",
    "DossierEventError",
    "DossierStatus",
    "EstimatedCalendarWarning",
    "Event",
    "Extended",
    "Fee",
    "FieldTypeError",
    "Form",
    "FormNotInForceError",
    "FormSet",
    "InvalidArgumentError",
    "InvalidCountError",
    "InvalidFieldError",
    "LateExtensionWarning",
    "LegalRef",
    "LegalSource",
    "Letters",
    "LunarDate",
    "MakeupDay",
    "MeanScore",
    "MissingFieldError",
    "MissingOfficeHoursError",
    "MotcuaError",
    "MotcuaWarning",
    "NoResponsesError",
    "NotInForceError",
    "Office",
    "OfficeHours",
    "OfficeSchedule",
    "Outcome",
    "PauseRule",
    "PeriodReport",
    "Procedure",
    "ProcedureStep",
    "Proportion",
    "Refused",
    "RegisterColumn",
    "RegisterFormatError",
    "RegisterReadResult",
    "RejectedRow",
    "Resolved",
    "Returned",
    "SameDay",
    "Scale",
    "SeasonalOfficeHours",
    "Session",
    "Signer",
    "SmallSampleWarning",
    "StepRecord",
    "StratifiedProportion",
    "SummaryRow",
    "SupplementRequested",
    "Supplemented",
    "SurveySummary",
    "SurveyTally",
    "TemplateNotFoundError",
    "TimeLimit",
    "Timeline",
    "TransferReturned",
    "Transferred",
    "UncertainDataWarning",
    "UndefinedIndexError",
    "UnknownFieldError",
    "UnknownLevelError",
    "UnknownProcedureError",
    "VerificationEnded",
    "VerificationStarted",
    "Withdrawn",
    "WorkingCalendar",
    "WorkingDays",
    "WorkingHours",
    "__version__",
    "catalogue",
    "combine_reports",
    "criteria",
    "criteria_sets",
    "example_fields",
    "form_set",
    "form_sets",
    "half_up",
    "lunar_date",
    "multinomial_intervals",
    "optional_fields",
    "period_report",
    "period_report_columns",
    "read_register",
    "render",
    "render_docx",
    "render_string",
    "required_fields",
    "scale",
    "scales",
    "shown_percent",
    "slip_fields",
    "solar_date",
    "sources",
    "stratified_proportion",
    "templates",
    "tet",
    "vietnam_calendar",
    "write_register",
]


def __getattr__(name: str) -> _Any:
    module = _MODULE_OF.get(name)
    if module is not None:
        value = getattr(_importlib.import_module(f".{module}", __name__), name)
        globals()[name] = value  # the next lookup is a plain attribute
        return value
    if name == "__version__":
        from importlib.metadata import version

        return version("motcua")
    raise AttributeError(f"module 'motcua' has no attribute {name!r}")


def __dir__() -> list[str]:
    # The public names (loaded or not) and the module's dunders; not the private helpers.
    return sorted(set(__all__) | {name for name in globals() if name.startswith("__")})
