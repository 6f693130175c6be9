"""The Tantivy index and search of gongkai: Chinese substring search, identifiers, facets, snippets."""

from gongkai.indexer.errors import IndexCorruptError, IndexLockedError, IndexOutdatedError, SearchIndexError
from gongkai.indexer.search_index import SearchIndex
from gongkai.search_types import Hit, SearchRequest, SearchResponse

__all__ = [
    "Hit",
    "IndexCorruptError",
    "IndexLockedError",
    "IndexOutdatedError",
    "SearchIndex",
    "SearchIndexError",
    "SearchRequest",
    "SearchResponse",
]
