"""JSON Feed (jsonfeed.org 1.1 and 1.0) as the poller reads it: the reader is gongkai.json_feed, in the core since doors12
(session 20), where a JSON Feed handed over as a file is read by it too (gongkai.feed_files)."""

from gongkai.json_feed import JsonFeed, read_json_feed

__all__ = ["JsonFeed", "read_json_feed"]
