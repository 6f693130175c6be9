"""The search types moved to the core (gongkai/search_types.py, issue 17); this name stays for tests and
benchmarks that import it. Modules of the package import gongkai.search_types (tests/test_layers.py checks)."""

from gongkai.search_types import FACET_NAMES, SORTS, Hit, SearchRequest, SearchResponse

__all__ = ["FACET_NAMES", "SORTS", "Hit", "SearchRequest", "SearchResponse"]
