"""The hand-labelled truth of issue 19's statements (tests/data/validity_truth.json) and how a reading is
scored against it: shared by tests/test_validity_statements.py and bench/validity_accuracy.py."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from gongkai.dates import parse_date
from gongkai.parsers.validity import Statements, read_statements, title_key
from gongkai.validity import number_key

TRUTH_FILE = Path(__file__).resolve().parent / "data" / "validity_truth.json"
#: a second labelled set, held out from the rules' making: phrasings from other documents (see its "_about")
HELDOUT_FILE = Path(__file__).resolve().parent / "data" / "validity_heldout.json"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


@dataclass
class Case:
    name: str
    title: str
    body: str
    publish_date: date | None
    truth: dict


def regulation_publish_date(text: str) -> date | None:
    """The first 公布/发布 date of a lawrefbook header (above <!-- INFO END -->), as the record would carry it."""
    head = text.split("<!-- INFO END -->")[0]
    match = re.search(r"((?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)[^\n]*(?:公布|发布)", head.translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}))
    return parse_date(match.group(1).replace(" ", "")) if match else None


def cases() -> list[Case]:
    truth = json.loads(TRUTH_FILE.read_text(encoding="utf-8"))
    out = []
    folder = CORPUS / "lawrefbook_regulations"
    for name, labels in truth["lawrefbook_regulations"].items():
        text = (folder / name).read_text(encoding="utf-8")
        title = text.splitlines()[0].lstrip("# ").strip()
        out.append(Case(name, title, text, regulation_publish_date(text), labels))
    govcn = truth["govcn_state_council_policies"]
    with (CORPUS / "govcn_state_council_policies" / "records.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            raw = json.loads(line)
            labels = govcn.get(raw["doc_no"], {})  # the others print no statement: all empty
            out.append(Case(raw["doc_no"], raw["title"], raw["body_text"], parse_date(raw["publish_date"]), labels))
    for name, labels in truth["sentences"].items():
        if not name.startswith("_"):
            out.append(Case(name, labels["title"], labels["body"], parse_date(labels["publish_date"]), labels))
    return out


def heldout_cases() -> list[Case]:
    """The held-out set (tests/data/validity_heldout.json), labelled like the first set's sentences."""
    labelled = json.loads(HELDOUT_FILE.read_text(encoding="utf-8"))
    return [Case(name, labels["title"], labels["body"], parse_date(labels["publish_date"]), labels)
            for name, labels in labelled.items() if not name.startswith("_")]


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _edge_keys(items: list[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    return {(title_key(t), number_key(n), d) for t, n, d in items}


def score(case: Case, st: Statements, tallies: dict[str, Tally]) -> None:
    """Add one document's reading to the tallies: repeals, amendments, effective dates, periods."""
    truth = case.truth
    got_repeals = _edge_keys([(r.title, r.doc_number, r.date.isoformat() if r.date else "") for r in st.of_kind("repeals")])
    want_repeals = _edge_keys([tuple(x) for x in truth.get("repeals", [])])
    # amendments of either direction: what amended this one, what this one amends (title and date)
    got_amend = {(k, title_key(r.title), r.date.isoformat() if r.date else "") for k in ("amended_by", "amends") for r in st.of_kind(k)}
    want_amend = {("amended_by", title_key(t), d) for t, d in truth.get("amended_by", [])} | {("amends", title_key(t), d) for t, d in truth.get("amends", [])}
    for name, got, want in (("repeal_edges", got_repeals, want_repeals), ("amendment_edges", got_amend, want_amend)):
        tally = tallies[name]
        tally.tp += len(got & want)
        tally.fp += len(got - want)
        tally.fn += len(want - got)
        for item in sorted(got ^ want):
            tally.misses.append(f"{case.name}: {'extra' if item in got else 'missed'} {item}")
    _score_value(tallies["effective_dates"], case.name, truth.get("effective"), "on_publish" if st.effective_on_publish else (st.effective_date.isoformat() if st.effective_date else None))
    _score_value(tallies["validity_periods"], case.name, truth.get("period"), st.period or (st.expiry_date.isoformat() if st.expiry_date else None))


def _score_value(tally: Tally, name: str, want, got) -> None:
    if want is not None and got == want:
        tally.tp += 1
        return
    if got is not None:
        tally.fp += 1
    if want is not None:
        tally.fn += 1
    if got != want:
        tally.misses.append(f"{name}: got {got!r}, want {want!r}")


def score_all(extra: list[Case] = (), base: list[Case] | None = None) -> dict[str, Tally]:
    """The tallies of `base` (default: the first labelled set, cases()) and `extra`."""
    tallies = {k: Tally() for k in ("repeal_edges", "amendment_edges", "effective_dates", "validity_periods")}
    for case in [*(cases() if base is None else base), *extra]:
        score(case, read_statements(case.title, case.body, case.publish_date), tallies)
    return tallies
