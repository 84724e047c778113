"""Every default the commands share, defined once.

The command-line options, the configuration file and the core all read their
defaults from here, and the documentation states them.
"""

from __future__ import annotations

#: Where the claims are when no --claims, FACTCHECK_CLAIMS or configuration says otherwise.
CLAIMS = "claims"
#: Days after which a claim nobody looked at, or a source check, is stale.
MAX_AGE_DAYS = 180
#: Extract proposes sentences scoring at least this check-worthiness.  It leans towards
#: recall: extract proposes and a person curates, and dropping a proposal is
#: cheaper than noticing a claim that was never proposed.
MIN_SCORE = 0.4
#: A quote (or claim) is found in a source when its match scores at least this, of 100.
MATCH_THRESHOLD = 80.0
#: A source failing on this many runs in a row, spread over at least this many days, is dead.
DEAD_AFTER = 3
DEAD_DAYS = 2.0
#: A check that finds what the last one found is recorded again (with its new time) only when
#: the last one is older than this many days, so that files change when something happened.
RECHECK_DAYS = 30.0
#: URLs verify fetches at the same time, and at most per host.
JOBS = 16
PER_HOST = 4
#: Seconds to connect and to wait for each part of an answer.
TIMEOUT = 10.0
#: Retries of a failed request, and the first wait before one (doubled each time).
RETRIES = 2
BACKOFF = 0.5
#: A page fetched this many minutes ago or less is taken from the cache, not asked for again.
FRESH_MINUTES = 60.0
#: The largest body read, in MB counted on the wire.
MAX_SIZE_MB = 5.0
#: Status changes the report lists when not given a date.
RECENT_CHANGES = 10
#: The web archive: its availability API's base URL, and Save Page Now's (which also serves the snapshots).
ARCHIVE_API = "https://archive.org"
ARCHIVE_SAVE = "https://web.archive.org"
#: The archive, once it had no copy of a page that holds the evidence, is not asked again by ``verify --all`` for
#: this many days.
NO_COPY_DAYS = 7.0

#: A match (``factcheck match``) this sure or more is one ``check`` points at (rule strong-match).
STRONG_MATCH = 0.8
