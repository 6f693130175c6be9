"""Codes a citizen types whole: a unified social credit code, a resident ID number, a phone number.

Typed whole, such a code is matched whole: it is one term of the index (or a phrase of its runs), so no term-dictionary
scan looks for it inside longer runs, and a relaxed answer never cuts it into pieces. Before (session 14), a credit code
that no record holds (`91350200MA31234567`) cost 0.8 s of CPU at 100,000 records and was answered by 50 notices holding
`91350200` (another company's code: the answer of a different question); a phone number no record holds cost ~115 ms of
term-dictionary scans before its zero.

A part of a code (its last digits, a prefix) is no complete code: it is still looked for inside longer runs.
"""

from __future__ import annotations

import re

#: The phone numbers, with groups printed_forms reads (a group changes no match).
_MOBILE = r"1[3-9][0-9]{9}"
_SERVICE = r"([48]00)-?([0-9]{3})-?([0-9]{4})"  # 400/800 service numbers
_LANDLINE = r"(0[1-9][0-9]{1,2})-([1-9][0-9]{6,7})"  # a landline with its area code (0592-1234567)
# GB 32100-2015: 18 characters, the registration office and the type (digits or letters), the 6-digit division code, the
# 9-character organisation code and its check character; I, O, Z, S and V never occur.
_CODE_CHAR = "[0-9a-hj-np-rtuwxy]"
_COMPLETE_CODE_RE = re.compile(
    "|".join((
        f"{_CODE_CHAR}{{2}}[0-9]{{6}}{_CODE_CHAR}{{10}}",  # 统一社会信用代码
        r"[1-9][0-9]{16}[0-9x]",  # 公民身份号码 (18)
        r"[0-9]{15}",  # an old 注册号 or a 15-digit ID number
        _MOBILE, _LANDLINE, _SERVICE,
    )),
    re.IGNORECASE,
)


def complete_code(text: str) -> bool:
    """Whether `text` (as typed, or folded) is a whole credit code, ID number or phone number."""
    return _COMPLETE_CODE_RE.fullmatch(text.strip()) is not None


_MOBILE_RE, _SERVICE_RE, _LANDLINE_RE = (re.compile(pattern) for pattern in (_MOBILE, _SERVICE, _LANDLINE))


def printed_forms(code: str) -> tuple[str, ...]:
    """A phone number as typed, then as notices print it: a mobile joined, in groups of 3-4-4 with dashes or spaces
    (139-0600-1234); a 400/800 number joined or in groups (400-800-1234); a landline with a dash or a space after its
    area code. (The index cuts digits at a dash, so each printing is another phrase: 4008001234 did not find
    400-800-1234.) Other codes: as typed only."""
    typed = code.strip()
    if _MOBILE_RE.fullmatch(typed):
        head, middle, tail = typed[:3], typed[3:7], typed[7:]
        return (typed, f"{head}-{middle}-{tail}", f"{head} {middle} {tail}")
    service = _SERVICE_RE.fullmatch(typed)
    if service:
        parts = service.groups()
        return tuple(dict.fromkeys((typed, "".join(parts), "-".join(parts), " ".join(parts))))
    landline = _LANDLINE_RE.fullmatch(typed)
    if landline:
        return (typed, f"{landline[1]} {landline[2]}")
    return (typed,)


def dash_forms(run: str) -> tuple[str, ...]:
    """A code of letters and digits typed with dashes between its parts, then as documents print it joined: a land
    plot 2023-Y45 is printed （2023Y45）, Wi-Fi WiFi, ISO-9001 ISO9001 (search17: `2023-Y45` found nothing, the index cuts
    a run at a dash). Digits alone keep their dash (a range 2025-2028, a 索引号 or a phone number: other rules read them)."""
    if "-" not in run or not all(part.isalnum() and part.isascii() for part in run.split("-")) or not any(c.isalpha() for c in run):
        return (run,)
    return (run, run.replace("-", ""))
