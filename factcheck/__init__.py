"""factcheck: the claims of an article as data in git, with sources and verdicts."""

__version__ = "0.1.0"
