"""How text becomes index terms, shared by indexing, querying and snippets.

Every Han character is one token and every ASCII letter/digit run is one token, with positions
kept, so a phrase query of a query's tokens is an exact substring match ("停电" finds 停电 anywhere,
however long the title). Text is folded first (gongkai.textnorm.fold: Traditional→Simplified,
full-width→half-width), the same way on both sides, so 停電 finds 停电 and ２０１４ finds 2014.

Punctuation is not searchable but keeps its place: each punctuation character becomes "|",
which the tokenizer reads as a token and a stop-word filter then drops, leaving a gap in the
positions. So 限行 does not match 权限；行政, while 厦府[2014]12号 matches 厦府〔2014〕12号 (one
punctuation character in the same places). Whitespace is no gap: a title broken over two lines,
or 12 号, still matches.

Python does the splitting: index_text() puts a space on both sides of every Han character and
every mark, so tantivy only splits on spaces. Its regex tokenizer gave the same terms and
positions at about 4x the CPU (measured: 289 vs 62 microseconds per 1,000-character document),
and it was the largest single cost of ingest.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

import tantivy

from gongkai.textnorm import fold

#: The tokenizer names registered on every opened index (tantivy does not persist custom tokenizers).
TOKENIZER_NAME = "gongkai_cjk"
BIGRAM_TOKENIZER_NAME = "gongkai_bigram"
PUNCT_MARK = "|"

# Python's `re` has no \p{Han}: these ranges are the Unicode Han script blocks. Python decides
# what is punctuation (replaced by "|" before tantivy sees the text), so both sides agree.
HAN_CLASS = (
    "\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\U00020000-\U0003ffff"
)
#: One character that is neither a token character nor whitespace (full-width letters and digits
#: count as letters and digits: fold() makes them ASCII).
PUNCT_CLASS = f"[^\\s0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a{HAN_CLASS}]"
_TOKEN_RE = re.compile(f"[{HAN_CLASS}]|[A-Za-z0-9]+|{re.escape(PUNCT_MARK)}")


@lru_cache(maxsize=1)
def analyzer() -> tantivy.TextAnalyzer:
    """Splits index_text() output on spaces. No lowercase filter: index_text() already lower-cased
    every letter it keeps (Han characters have no case)."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace())
        .filter(tantivy.Filter.custom_stopword([PUNCT_MARK]))  # drops the token, keeps the position gap
        .build()
    )


@lru_cache(maxsize=1)
def bigram_analyzer() -> tantivy.TextAnalyzer:
    """Every pair of adjacent characters of bigram_text() output, which holds only Han characters and
    marks (nothing to lower-case; skipping the filter halves this analyzer's CPU)."""
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.ngram(2, 2, False)).build()


def register(index: tantivy.Index) -> None:
    """Must run on every `tantivy.Index` object before writing or querying text fields."""
    index.register_tokenizer(TOKENIZER_NAME, analyzer())
    index.register_tokenizer(BIGRAM_TOKENIZER_NAME, bigram_analyzer())


def index_text(text: str) -> str:
    """The form of a text field's value that goes into the index: folded, letters lower-cased,
    punctuation replaced by the mark, and every Han character and mark set between spaces so that
    the whitespace tokenizer yields one term per Han character, per ASCII letter/digit run and per
    mark. Whitespace stays whitespace (no term, no gap)."""
    prepared = text.translate(_index_table())
    if _has_astral(text):  # rare: the table covers the BMP only
        prepared = _ASTRAL_RE.sub(_astral_char, prepared)
    return prepared


@lru_cache(maxsize=1)  # one cached call on the ingest's hot path, as before the forms were made beside it
def _index_table() -> list[str]:
    return _tables()[0]


@lru_cache(maxsize=1)
def _tables() -> tuple[list[str], dict[str, str]]:
    """fold(), the punctuation mark and the spacing as one translation table, for every BMP character; and, made in the
    same pass, the compatibility forms each term stands for (compatibility_forms).

    One str.translate pass is about 9x faster than fold() followed by a regex substitution
    (measured: 30 vs 280 microseconds per 1,000 characters). A list, not a dict: indexing it needs
    no int key comparison, and its compact layout stays in cache next to tantivy's threads
    (measured 20% faster). Characters beyond it (beyond the BMP) raise IndexError, which
    translate() reads as "leave as it is".
    """
    han = re.compile(f"[{HAN_CLASS}]")
    mark, space = f" {PUNCT_MARK} ", " "  # one shared object each: most entries are one of these
    table: list[str] = []
    forms: dict[str, str] = {}
    for code in range(0x10000):
        folded = fold(chr(code))
        if han.match(folded):
            table.append(f" {folded} ")
        elif folded.isascii() and folded.isalnum():
            table.append(folded.lower())
        elif folded.isspace():
            table.append(space)
        else:
            term = _compatibility_term(chr(code), han)
            table.append(term or mark)
            if term is not None:
                forms[term.strip()] = forms.get(term.strip(), "") + chr(code)
    return table, forms


#: What wraps a compatibility form's value: ⑴ is (1), ⒈ is 1., ㈠ is (一).
_COMPATIBILITY_WRAPPING = re.compile(r"[().\s]")


def compatibility_forms(term: str) -> str:
    """The characters the index reads as `term` by _compatibility_term (①⑴⒈❶ for 1, ㈠㊀ for 一), for snippets to mark them."""
    return _tables()[1].get(term, "")


def _compatibility_term(char: str, han: re.Pattern[str]) -> str | None:
    """The term a numbering or compatibility form stands for, or None (it stays a mark).

    Documents number their items ①②, ⑴, ⒈, ❶, ㈠, Roman Ⅲ (Ⅲ级响应) and print m², ㎡; people type 1, III, 一, m2.
    Unicode's compatibility decomposition (NFKC) names the value, brackets and stop dropped; the dingbat
    circled digits (❶ ➀) have none, their numeric value serves. The term is spaced like a Han character: one term
    in the one position the mark had, so phrase positions stay as they were and a neighbouring run keeps its own
    term (100m² is 100m then 2: 100m still matches). A letter form (the ligature ﬁ, ª) joins its word instead.
    """
    compatible = unicodedata.normalize("NFKC", char)
    if compatible == char and "CIRCLED" in unicodedata.name(char, ""):
        value = unicodedata.numeric(char, -1.0)
        compatible = str(int(value)) if value >= 0 and value == int(value) else char
    if compatible == char:
        return None
    core = _COMPATIBILITY_WRAPPING.sub("", fold(compatible))
    if core.isascii() and core.isalnum():
        return core.lower() if unicodedata.category(char).startswith("L") else f" {core.lower()} "
    if len(core) == 1 and han.match(core):
        return f" {core} "
    return None


_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")
_ASTRAL_HAN_RE = re.compile(f"[{HAN_CLASS}]")


def _has_astral(text: str) -> bool:
    # A string of BMP characters only encodes to exactly 2 bytes a character in UTF-16: a memory
    # copy, cheaper than any scan in Python (surrogatepass: a lone surrogate is one unit too).
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


def _astral_char(match: re.Match[str]) -> str:
    """A character beyond the BMP: a Han one (extension B and later) is a term as it is, any other
    (emoji, ...) is no term and no gap, as the query side sees it (_TOKEN_RE skips it)."""
    char = match.group()
    return f" {char} " if _ASTRAL_HAN_RE.match(char) else " "


def positioned_tokens(text: str) -> list[tuple[int, str]]:
    """(position, term) of each index term of `text`, positions counted from its first term.

    Punctuation between terms counts one position per character, as in the index.
    """
    found: list[tuple[int, str]] = []
    for position, token in enumerate(_TOKEN_RE.findall(index_text(text))):
        if token != PUNCT_MARK:
            found.append((position, token.lower()))
    if not found:
        return []
    first = found[0][0]
    return [(p - first, t) for p, t in found]


def query_tokens(text: str) -> list[str]:
    """The index terms of `text`, in order."""
    return [token for _, token in positioned_tokens(text)]


# Why bigrams too: a phrase of single characters must walk the position lists of very common
# characters (发, 展 are in most government documents), which is slow at 100,000 records. The
# character pairs of all text fields, indexed without positions, have far shorter lists: a
# query requires its pairs first (cheap), and the exact phrase is checked only on those candidates.
# After index_text() a text holds only Han characters, a-z0-9, spaces and the mark.
#: After index_text() every non-Han token character is ASCII (a-z, 0-9, the mark): in UTF-8 each is one byte
#: below 0x80, never part of a Han character's bytes, so one bytes.translate pass turns them into marks and
#: deletes the spaces.
_TO_MARK = bytes.maketrans(b"0123456789abcdefghijklmnopqrstuvwxyz", PUNCT_MARK.encode("ascii") * 36)
# Written as two marks then a repeat: the literal prefix lets `re` jump from one "||" to the next with a
# fast search; "{2,}" has no such prefix and tested every position (measured 21 vs 3 microseconds a document).
_MARK_RUN_RE = re.compile(re.escape(PUNCT_MARK.encode("ascii")) * 2 + b"+")


def bigram_text(prepared_parts: list[str]) -> str:
    """The text of the pairs field from texts already through index_text().

    Spaces are removed (whitespace is no gap for a phrase either, so 集约化\n试点 holds 化试); any
    other run of non-Han characters becomes one mark, so no pair spans it and no useless pair is indexed.
    """
    joined = PUNCT_MARK.join(part for part in prepared_parts if part)
    # In UTF-8 bytes: bytes.translate is one C pass over a 256-entry table, and the remaining runs of marks
    # are found by a literal search; a character-class regex over the str (the way before) tested every
    # character and cost twice as much (measured: 30 vs 16 microseconds per document). surrogatepass
    # keeps any str encodable.
    data = joined.encode("utf-8", "surrogatepass").translate(_TO_MARK, b" ")
    if PUNCT_MARK.encode("ascii") * 2 in data:
        data = _MARK_RUN_RE.sub(PUNCT_MARK.encode("ascii"), data)
    return data.decode("utf-8", "surrogatepass")


def han_bigrams(tokens: list[tuple[int, str]]) -> list[str]:
    """The distinct pairs of adjacent Han characters among positioned query tokens."""
    pairs: dict[str, None] = {}
    for (p1, t1), (p2, t2) in itertools.pairwise(tokens):
        if p2 == p1 + 1 and len(t1) == 1 and len(t2) == 1 and not t1.isascii() and not t2.isascii():
            pairs.setdefault(t1 + t2, None)
    return list(pairs)
