"""The two credential hiders: ``redact_urls`` for URLs in any text, ``redact_path`` for paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.store.paths import display, redact_path
from factcheck.text.clean import redact_urls


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("see https://user:secret@example.org/page", "see https://***@example.org/page"),
        # A user name alone is often a token.
        ("https://ghp_token@example.org/repo.git", "https://***@example.org/repo.git"),
        ("two: http://a:b@one.example http://c:d@two.example", "two: http://***@one.example http://***@two.example"),
        ("write to desk@example.org", "write to desk@example.org"),
        ("no URL at all", "no URL at all"),
    ],
)
def test_redact_urls_hides_whatever_a_url_carries_before_its_host(text: str, shown: str) -> None:
    assert redact_urls(text) == shown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # What Path makes of a URL given where a path belongs: its "//" folded into one "/".
        (str(Path("https://user:secret@example.org/page")), "https:/***@example.org/page"),
        ("archive/user:secret@example.org/page.html", "archive/***@example.org/page.html"),
        ("'user:secret@host/page'", "'***@host/page'"),
        ("photos/me@home.html", "photos/me@home.html"),
    ],
)
def test_redact_path_hides_a_name_and_password_starting_a_part_of_a_path(text: str, shown: str) -> None:
    assert redact_path(text) == shown


def test_each_sees_what_the_other_cannot() -> None:
    folded = str(Path("https://user:secret@example.org/page"))
    assert "secret" in redact_urls(folded)  # no "://" left to find the URL by
    assert "secret" not in redact_path(folded)
    assert "ghp_token" in redact_path("https://ghp_token@example.org/x")  # a path part with no password
    assert "ghp_token" not in redact_urls("https://ghp_token@example.org/x")


def test_display_hides_the_password_of_a_url_taken_for_a_path() -> None:
    assert display(Path("/tmp/https:/user:secret@example.org/page")) == "/tmp/https:/***@example.org/page"
