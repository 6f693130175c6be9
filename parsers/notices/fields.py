"""The structured fields of each notice type. The models live in the core (`gongkai.notices`), where
`Record.notice` is typed with them; the parsers fill them (extract.py, which imports them from the core: a new
type is not added here, issue 17) and the time-window readers import the ones they need from here.
"""

from __future__ import annotations

from gongkai.notices import (  # noqa: F401  (re-exported)
    NOTICE_MODELS,
    BusinessTaxNotice,
    GraveRelocationNotice,
    IdentifierNumber,
    LandHousingNotice,
    LostNotice,
    OtherNotice,
    OutageArea,
    OutageEvent,
    OutageNotice,
    TimeWindow,
)
