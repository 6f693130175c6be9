"""How text becomes index terms, shared by indexing, querying and snippets.

Every Han character is one token and every ASCII letter/digit run is one token, with positions
kept, so a phrase query of a query's tokens is an exact substring match ("停电" finds 停电 anywhere,
however long the title). Text is folded first (gongkai.textnorm.fold: Traditional→Simplified,
full-width→half-width), the same way on both sides, so 停電 finds 停电 and ２０１４ finds 2014.
"""

from __future__ import annotations

import re
from functools import lru_cache

import tantivy

from gongkai.textnorm import fold

#: The tokenizer name registered on every opened index (tantivy does not persist custom tokenizers).
TOKENIZER_NAME = "gongkai_cjk"
TOKEN_PATTERN = r"\p{Han}|[A-Za-z0-9]+"

# Python's `re` has no \p{Han}: these ranges are the Unicode Han script blocks, so that snippet
# matching (pure Python) agrees with the tantivy tokenizer on what is a token character.
HAN_CLASS = (
    "\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\U00020000-\U0003ffff"
)
_TOKEN_RE = re.compile(f"[{HAN_CLASS}]|[A-Za-z0-9]+")


@lru_cache(maxsize=1)
def analyzer() -> tantivy.TextAnalyzer:
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(TOKEN_PATTERN)).filter(tantivy.Filter.lowercase()).build()


def register(index: tantivy.Index) -> None:
    """Must run on every `tantivy.Index` object before writing or querying text fields."""
    index.register_tokenizer(TOKENIZER_NAME, analyzer())


def index_text(text: str) -> str:
    """The form of a text field's value that goes into the index."""
    return fold(text)


def query_tokens(text: str) -> list[str]:
    """The index terms of a piece of query text, in order (folded and lower-cased like the index)."""
    return [token.lower() for token in _TOKEN_RE.findall(fold(text))]
