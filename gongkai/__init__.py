"""gongkai (公开): collect, normalise and search Chinese government disclosures and public notices."""

__version__ = "0.1.0"
