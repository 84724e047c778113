"""The fetcher against real servers on 127.0.0.1: address rules, redirects, retries, caps, encodings.

No request leaves the machine: the servers listen on 127.0.0.1, and names
that would need DNS are answered by a stand-in resolver that never connects
anywhere (the refused ones are refused before any connection is made).
"""

from __future__ import annotations

import gzip
import socket
import time
import zlib
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from factcheck import __version__
from factcheck.net import fetch

from loopback import serving

PAGE = b"<html><body><p>The bridge opened in March 2020.</p></body></html>"


def policy(*servers: HTTPServer, **changes) -> fetch.Policy:
    """A policy allowing just these servers, with short timeouts and backoffs."""
    settings = {"timeout": 2.0, "retries": 1, "backoff": 0.01, "max_retry_after": 3.0}
    settings.update(changes)
    return fetch.Policy(allow_hosts=frozenset(("127.0.0.1", s.port) for s in servers), **settings)


def get(url: str, pol: fetch.Policy, conditional=None) -> fetch.Page:
    with fetch.session(pol) as client:
        return fetch.fetch(client, url, pol, conditional)


def failure(url: str, pol: fetch.Policy) -> fetch.FetchError:
    with pytest.raises(fetch.FetchError) as info:
        get(url, pol)
    return info.value


# --- addresses ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("fd12::1", "private"),
        ("169.254.1.1", "link-local"),
        ("fe80::1", "link-local"),
        ("169.254.169.254", "cloud-metadata"),
        ("fd00:ec2::254", "cloud-metadata"),
        ("100.100.100.200", "cloud-metadata"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-public"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:10.0.0.1", "private"),
        ("93.184.215.14", None),
        ("2606:4700::6810:85e5", None),
    ],
)
def test_address_kinds(address: str, kind: str | None) -> None:
    assert fetch.address_kind(address) == kind


def test_loopback_is_refused_without_permission_and_never_contacted(server: HTTPServer) -> None:
    server.expect_request("/page").respond_with_data(PAGE, content_type="text/html")
    error = failure(server.url_for("/page"), fetch.Policy(timeout=2))
    assert error.kind == "refused"
    assert "127.0.0.1 is a loopback address, refused" in error.message
    assert f"--allow-host 127.0.0.1:{server.port}" in error.message
    assert server.log == []


def test_allow_private_and_allow_host_let_the_server_in(server: HTTPServer) -> None:
    server.expect_request("/page").respond_with_data(PAGE, content_type="text/html")
    assert get(server.url_for("/page"), fetch.Policy(timeout=2, allow_private=True)).body == PAGE
    assert get(server.url_for("/page"), policy(server)).status == 200


def test_allow_host_is_for_that_port_only(server: HTTPServer, other: HTTPServer) -> None:
    other.expect_request("/page").respond_with_data(PAGE)
    assert failure(other.url_for("/page"), policy(server)).kind == "refused"
    assert other.log == []


def test_names_are_checked_by_every_address_they_resolve_to() -> None:
    # The stand-in resolver answers like a DNS record pointing at a private
    # address; the fetch is refused before any connection is tried.
    def resolver(host: str, port: int) -> list[str]:
        return {"intranet.test": ["93.184.215.14", "10.0.0.7"], "metadata.test": ["169.254.169.254"]}[host]

    pol = fetch.Policy(timeout=1, resolver=resolver)
    error = failure("http://intranet.test/", pol)
    assert error.kind == "refused" and "intranet.test resolves to 10.0.0.7, which is a private address" in error.message
    # --allow-private does not open the cloud metadata service.
    pol = fetch.Policy(timeout=1, resolver=resolver, allow_private=True)
    error = failure("http://metadata.test/latest/meta-data/", pol)
    assert error.kind == "refused" and "cloud-metadata" in error.message


def test_a_failed_name_lookup_is_a_dns_error_and_is_not_retried() -> None:
    calls = []

    def resolver(host: str, port: int) -> list[str]:
        calls.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    error = failure("https://gone.test/page", fetch.Policy(timeout=1, retries=3, backoff=0.01, resolver=resolver))
    assert error.kind == "dns"
    assert error.message == "DNS lookup of gone.test failed"
    assert calls == ["gone.test"]


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (socket.EAI_AGAIN, "dns-temporary"),  # no resolver could answer (offline): nothing is said of the name
        (socket.EAI_FAIL, "dns-temporary"),
        (socket.EAI_NONAME, "dns"),  # the name does not exist: the source is gone
    ],
)
def test_a_name_not_resolved_for_now_is_not_a_name_gone(code: int, kind: str) -> None:
    calls = []

    def resolver(host: str, port: int) -> list[str]:
        calls.append(host)
        raise socket.gaierror(code, "lookup failed")

    error = failure("https://gone.test/page", fetch.Policy(timeout=1, retries=3, backoff=0.01, resolver=resolver))
    assert (error.kind, error.requested, calls) == (kind, False, ["gone.test"])
    assert error.message.startswith("DNS lookup of gone.test failed" + (" for now" if kind != "dns" else ""))


@pytest.mark.parametrize(
    "url", ["ftp://example.org/file", "file:///etc/passwd", "http:///nohost", "javascript:alert(1)"]
)
def test_only_http_and_https_urls_are_fetched(url: str) -> None:
    assert failure(url, fetch.Policy()).kind == "bad-url"


# --- what is sent ---------------------------------------------------------------


def test_user_agent_names_factcheck_and_its_version(server: HTTPServer) -> None:
    server.expect_request("/page").respond_with_data(PAGE)
    get(server.url_for("/page"), policy(server))
    request, _ = server.log[0]
    assert request.headers["User-Agent"].startswith(f"factcheck/{__version__} ")
    assert request.headers["Accept-Encoding"] == ", ".join(fetch.ENCODINGS)


def test_credentials_are_not_carried_to_another_origin(server: HTTPServer, other: HTTPServer) -> None:
    server.expect_request("/private").respond_with_data("", status=302, headers={"Location": other.url_for("/next")})
    other.expect_request("/next").respond_with_data(PAGE)
    url = server.url_for("/private").replace("http://", "http://reader:secret@")
    page = get(url, policy(server, other))
    assert page.status == 200 and page.final_url == other.url_for("/next")
    assert server.log[0][0].headers.get("Authorization", "").startswith("Basic ")
    assert "Authorization" not in other.log[0][0].headers


def _cookie_gate(request: Request) -> Response:
    """A site that sets a cookie and sends the visitor back to the same URL, and shows the page only with it."""
    if request.cookies.get("consent") == "yes":
        return Response(PAGE, content_type="text/html")
    return Response("", status=302, headers={"Location": request.path, "Set-Cookie": "consent=yes; Path=/"})


def test_a_cookie_set_by_a_redirect_to_the_same_url_is_sent_back_and_the_page_read(server: HTTPServer) -> None:
    server.expect_request("/article").respond_with_handler(_cookie_gate)
    page = get(server.url_for("/article"), policy(server))
    assert page.status == 200 and page.body == PAGE
    assert page.final_url == server.url_for("/article")
    assert [request.headers.get("Cookie") for request, _ in server.log] == [None, "consent=yes"]


def test_cookies_live_for_one_fetch_and_never_travel_to_the_next(server: HTTPServer) -> None:
    server.expect_request("/article").respond_with_handler(_cookie_gate)
    server.expect_request("/other").respond_with_data(PAGE)
    pol = policy(server)
    with fetch.session(pol) as client:
        assert fetch.fetch(client, server.url_for("/article"), pol).status == 200
        assert fetch.fetch(client, server.url_for("/other"), pol).status == 200
        assert fetch.fetch(client, server.url_for("/article"), pol).status == 200
    cookies = [request.headers.get("Cookie") for request, _ in server.log]
    assert cookies == [None, "consent=yes", None, None, "consent=yes"]


def test_a_redirect_to_the_same_url_with_no_new_cookie_is_a_loop(server: HTTPServer) -> None:
    server.expect_request("/again").respond_with_data("", status=302, headers={"Location": "/again"})
    error = failure(server.url_for("/again"), policy(server))
    assert error.kind == "redirects" and error.message.startswith("redirect loop")
    assert len(server.log) == 1


# --- redirects ------------------------------------------------------------------


def test_redirects_are_followed(server: HTTPServer) -> None:
    server.expect_request("/a").respond_with_data("", status=301, headers={"Location": "/b"})
    server.expect_request("/b").respond_with_data("", status=307, headers={"Location": server.url_for("/c")})
    server.expect_request("/c").respond_with_data(PAGE)
    page = get(server.url_for("/a#fragment"), policy(server))
    assert page.final_url == server.url_for("/c")
    assert [request.path for request, _ in server.log] == ["/a", "/b", "/c"]


def test_a_redirect_can_be_the_answer_with_its_location(server: HTTPServer) -> None:
    server.expect_request("/save/x").respond_with_data(
        "", status=302, headers={"Location": "/web/20260101000000/x", "Link": '<x>; rel="original"'}
    )
    pol = policy(server)
    with fetch.session(pol) as client:
        page = fetch.fetch(client, server.url_for("/save/x"), pol, follow_redirects=False)
    assert page.status == 302 and page.final_url == server.url_for("/save/x")
    assert page.headers["location"] == "/web/20260101000000/x" and page.headers["link"] == '<x>; rel="original"'
    assert len(server.log) == 1


def test_ten_redirects_are_followed_and_the_eleventh_is_not(server: HTTPServer) -> None:
    for hop in range(12):
        server.expect_request(f"/hop{hop}").respond_with_data("", status=302, headers={"Location": f"/hop{hop + 1}"})
    server.expect_request("/hop12").respond_with_data(PAGE)
    assert get(server.url_for("/hop2"), policy(server)).status == 200  # ten hops
    error = failure(server.url_for("/hop0"), policy(server))
    assert error.kind == "redirects" and error.message == "more than 10 redirects"


def test_a_redirect_loop_is_caught(server: HTTPServer) -> None:
    server.expect_request("/x").respond_with_data("", status=302, headers={"Location": "/y"})
    server.expect_request("/y").respond_with_data("", status=302, headers={"Location": "/x"})
    error = failure(server.url_for("/x"), policy(server))
    assert error.kind == "redirects"
    assert error.message == f"redirect loop: {server.url_for('/y')} → {server.url_for('/x')}"
    assert len(server.log) == 2


def test_every_redirect_hop_is_checked(server: HTTPServer, other: HTTPServer) -> None:
    server.expect_request("/away").respond_with_data("", status=302, headers={"Location": other.url_for("/inside")})
    other.expect_request("/inside").respond_with_data(PAGE)
    error = failure(server.url_for("/away"), policy(server))
    assert error.kind == "refused"
    assert error.final_url == other.url_for("/inside")
    assert other.log == []


def test_a_redirect_to_another_scheme_is_refused(server: HTTPServer) -> None:
    server.expect_request("/file").respond_with_data("", status=302, headers={"Location": "file:///etc/passwd"})
    error = failure(server.url_for("/file"), policy(server))
    assert error.kind == "bad-url" and "redirected to a URL we do not fetch" in error.message
    assert error.requested  # the first hop was


def test_what_the_rules_refuse_before_the_first_request_says_nothing_was_requested(
    server: HTTPServer, other: HTTPServer
) -> None:
    other.expect_request("/page").respond_with_data(PAGE)
    refused = [
        failure(other.url_for("/page"), policy(server)),  # an address not allowed
        failure("ftp://127.0.0.1/page", policy(server)),  # a scheme we do not fetch
        failure("https://gone.test/page", policy(server, resolver=lambda host, port: [])),  # no address
    ]
    assert [(e.kind, e.requested) for e in refused] == [("refused", False), ("bad-url", False), ("dns", False)]
    assert other.log == []
    # Past a first hop that was requested, the same refusals say a request went out.
    server.expect_request("/away").respond_with_data("", status=302, headers={"Location": other.url_for("/page")})
    assert (failure(server.url_for("/away"), policy(server)).requested, other.log) == (True, [])


# --- retries and timeouts -------------------------------------------------------


def test_a_500_is_retried(server: HTTPServer) -> None:
    server.expect_oneshot_request("/flaky").respond_with_data("oops", status=500)
    server.expect_request("/flaky").respond_with_data(PAGE)
    page = get(server.url_for("/flaky"), policy(server))
    assert page.status == 200 and len(server.log) == 2


def test_retries_give_up_with_the_last_answer(server: HTTPServer) -> None:
    server.expect_request("/down").respond_with_data("down", status=503)
    page = get(server.url_for("/down"), policy(server, retries=2))
    assert page.status == 503 and len(server.log) == 3


def test_retry_after_is_honoured(server: HTTPServer) -> None:
    server.expect_oneshot_request("/busy").respond_with_data("", status=429, headers={"Retry-After": "2"})
    server.expect_request("/busy").respond_with_data(PAGE)
    waits: list[float] = []
    page = get(server.url_for("/busy"), policy(server, sleep=waits.append))
    assert page.status == 200 and len(server.log) == 2
    assert waits == [2.0]


def test_a_retry_after_date_is_counted_from_the_clock(server: HTTPServer) -> None:
    server.expect_oneshot_request("/busy").respond_with_data(
        "", status=503, headers={"Retry-After": "Fri, 15 Jan 2027 08:00:02 GMT"}
    )
    server.expect_request("/busy").respond_with_data(PAGE)
    waits: list[float] = []
    page = get(server.url_for("/busy"), policy(server, sleep=waits.append, clock=lambda: 1_800_000_000.0))
    assert page.status == 200 and waits == [2.0]


def test_without_retry_after_the_waits_back_off_exponentially(server: HTTPServer) -> None:
    server.expect_request("/down").respond_with_data("down", status=503)
    waits: list[float] = []
    page = get(
        server.url_for("/down"), policy(server, retries=3, backoff=1.0, max_retry_after=30.0, sleep=waits.append)
    )
    assert page.status == 503 and len(server.log) == 4
    # 1, 2 and 4 seconds, each with up to half the first wait of jitter.
    assert [int(wait) for wait in waits] == [1, 2, 4]
    assert all(0 <= wait - base <= 0.5 for wait, base in zip(waits, (1, 2, 4), strict=True))


def test_a_retry_after_beyond_the_bound_is_not_waited_for(server: HTTPServer) -> None:
    server.expect_request("/later").respond_with_data("", status=429, headers={"Retry-After": "3600"})
    waits: list[float] = []
    page = get(server.url_for("/later"), policy(server, sleep=waits.append))
    assert page.status == 429 and page.retry_after == 3600
    assert len(server.log) == 1 and waits == []


def test_a_slow_answer_times_out(server: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response(PAGE)

    server.expect_request("/slow").respond_with_handler(slow)
    error = failure(server.url_for("/slow"), policy(server, timeout=0.2, retries=0))
    assert error.kind == "timeout"


def test_a_refused_connection_is_retried_then_reported() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    pol = fetch.Policy(timeout=1, retries=1, backoff=0.01, allow_hosts=frozenset({("127.0.0.1", port)}))
    error = failure(f"http://127.0.0.1:{port}/", pol)
    assert error.kind == "connect" and error.message == "connection refused"


# --- bodies ---------------------------------------------------------------------


def test_a_body_over_the_cap_is_refused_by_its_length(server: HTTPServer) -> None:
    server.expect_request("/big").respond_with_data(b"x" * 200_000, content_type="text/plain")
    error = failure(server.url_for("/big"), policy(server, max_bytes=100_000))
    assert error.kind == "too-large"
    assert error.message == "larger than the size cap (0.0953674 MB): 200000 bytes"


def test_a_streamed_body_over_the_cap_is_cut_off(server: HTTPServer) -> None:
    sent = []

    def endless(request: Request) -> Response:
        def chunks() -> Iterator[bytes]:
            for _ in range(1000):  # 64 MB if nobody stops reading
                sent.append(1)
                yield b"y" * 65536

        return Response(chunks(), content_type="text/plain")

    server.expect_request("/stream").respond_with_handler(endless)
    error = failure(server.url_for("/stream"), policy(server, max_bytes=300_000))
    assert error.kind == "too-large" and error.message == "larger than the size cap (0.286102 MB)"
    assert len(sent) < 100


def test_gzip_and_deflate_bodies_are_decoded(server: HTTPServer) -> None:
    server.expect_request("/gz").respond_with_data(gzip.compress(PAGE), headers={"Content-Encoding": "gzip"})
    server.expect_request("/zlib").respond_with_data(zlib.compress(PAGE), headers={"Content-Encoding": "deflate"})
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    server.expect_request("/raw").respond_with_data(
        raw.compress(PAGE) + raw.flush(), headers={"Content-Encoding": "deflate"}
    )
    for path in ("/gz", "/zlib", "/raw"):
        assert get(server.url_for(path), policy(server)).body == PAGE


def test_a_gzip_bomb_stops_at_the_decoded_cap(server: HTTPServer) -> None:
    bomb = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)  # 64 MB in about 64 kB
    assert len(bomb) < 100_000
    server.expect_request("/bomb").respond_with_data(bomb, headers={"Content-Encoding": "gzip"})
    error = failure(server.url_for("/bomb"), policy(server, max_bytes=1024 * 1024))
    assert error.kind == "too-large" and error.message == "decompresses to more than 5 MB"


def test_a_corrupt_or_unknown_encoding_is_an_encoding_error(server: HTTPServer) -> None:
    server.expect_request("/bad").respond_with_data(b"not gzip at all", headers={"Content-Encoding": "gzip"})
    server.expect_request("/lzw").respond_with_data(b"\x1f\x9d\x90", headers={"Content-Encoding": "compress"})
    error = failure(server.url_for("/bad"), policy(server))
    assert error.kind == "encoding" and error.message.startswith("the gzip body is corrupt")
    error = failure(server.url_for("/lzw"), policy(server))
    assert error.kind == "encoding" and error.message == "unsupported content encoding 'compress'"


@pytest.mark.parametrize(
    ("encoding", "package", "compress"),
    [
        ("br", "brotli", lambda data: __import__("brotli").compress(data)),
        ("zstd", "backports.zstd", lambda data: __import__("backports.zstd").zstd.compress(data)),
    ],
)
def test_br_and_zstd_are_asked_for_and_decoded_when_their_package_is_there(
    server: HTTPServer, encoding: str, package: str, compress
) -> None:
    pytest.importorskip(package)
    assert encoding in fetch.ENCODINGS
    server.expect_request("/page").respond_with_data(compress(PAGE), headers={"Content-Encoding": encoding})
    assert get(server.url_for("/page"), policy(server)).body == PAGE
    assert encoding in server.log[0][0].headers["Accept-Encoding"].split(", ")


@pytest.mark.parametrize(
    ("encoding", "package", "compress"),
    [
        ("br", "brotli", lambda data: __import__("brotli").compress(data, quality=11)),
        ("zstd", "backports.zstd", lambda data: __import__("backports.zstd").zstd.compress(data, level=19)),
    ],
)
def test_a_br_or_zstd_bomb_stops_at_the_decoded_cap(server: HTTPServer, encoding: str, package: str, compress) -> None:
    pytest.importorskip(package)
    bomb = compress(b"\0" * (64 * 1024 * 1024))
    assert len(bomb) < 100_000
    server.expect_request("/bomb").respond_with_data(bomb, headers={"Content-Encoding": encoding})
    error = failure(server.url_for("/bomb"), policy(server, max_bytes=1024 * 1024))
    assert error.kind == "too-large" and error.message == "decompresses to more than 5 MB"


def test_error_pages_are_read_only_in_part(server: HTTPServer) -> None:
    server.expect_request("/404").respond_with_data(b"z" * 500_000, status=404)
    page = get(server.url_for("/404"), policy(server))
    assert page.status == 404 and len(page.body) <= fetch.ERROR_BODY_BYTES


def test_conditional_headers_go_to_the_url_they_belong_to(server: HTTPServer) -> None:
    server.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    server.expect_request("/new", headers={"If-None-Match": '"v1"'}).respond_with_data("", status=304)
    page = get(server.url_for("/old"), policy(server), (server.url_for("/new"), {"If-None-Match": '"v1"'}))
    assert page.not_modified
    assert "If-None-Match" not in server.log[0][0].headers


def test_connections_are_kept_alive_between_fetches() -> None:
    # werkzeug closes every connection, so this server is the standard library's, speaking HTTP/1.1.
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    clients: list[int] = []

    class KeepAlive(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            clients.append(self.client_address[1])
            if self.path == "/one":
                self.send_response(302)
                self.send_header("Location", "/two")
                self.send_header("Content-Length", "7")
                self.end_headers()
                self.wfile.write(b"go away")
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, format: str, *args) -> None:  # noqa: A002
            pass

    with serving(ThreadingHTTPServer(("127.0.0.1", 0), KeepAlive)) as keeper:
        port = keeper.server_address[1]
        pol = fetch.Policy(timeout=2, allow_hosts=frozenset({("127.0.0.1", port)}))
        with fetch.session(pol) as client:
            for _ in range(3):
                assert fetch.fetch(client, f"http://127.0.0.1:{port}/one", pol).body == PAGE
    assert len(clients) == 6 and len(set(clients)) == 1


# --- headers a server may send anything in --------------------------------------


@given(st.one_of(st.text(), st.text("0123456789", min_size=4000, max_size=5000)))
def test_any_retry_after_is_a_wait_or_none_never_a_crash(value: str) -> None:
    wait = fetch.retry_after(value, clock=lambda: 1_800_000_000.0)
    assert wait is None or 0 <= wait < float("inf")


@given(st.one_of(st.text(), st.text("0123456789", min_size=4000, max_size=5000)))
def test_any_content_length_is_a_length_or_none_never_a_crash(value: str) -> None:
    length = fetch.content_length(value)
    assert length is None or 0 <= length <= 10**18


@pytest.mark.parametrize("value", ["²", "1²", "٣", "①", "1_000", "+5", "-1", "0x10", "1.5"])
def test_digits_are_ascii_digits_only(value: str) -> None:
    assert fetch.retry_after(value) is None and fetch.content_length(value) is None


@pytest.mark.parametrize(("value", "length"), [(" 12 ", 12), ("000000000000000000000012", 12), ("9" * 5000, 10**18)])
def test_lengths_are_read_whatever_their_digits(value: str, length: int) -> None:
    assert fetch.content_length(value) == length
    assert fetch.retry_after(value) == min(length, 10 * 365 * 86400)


def test_retry_after_as_a_date_counts_from_the_clock() -> None:
    now = 1_800_000_000.0  # 2027-01-15T08:00:00Z
    assert fetch.retry_after("Fri, 15 Jan 2027 08:00:30 GMT", clock=lambda: now) == 30.0
    assert fetch.retry_after("Fri, 15 Jan 2027 07:00:00 GMT", clock=lambda: now) == 0.0
    assert fetch.retry_after("Fri, 15 Jan 2027 08:00:30", clock=lambda: now) is None  # no zone: no time


@pytest.mark.parametrize("header", ["Content-Length: \u00b2", "Content-Length: 1\u00b2", "Retry-After: \u00b2"])
def test_a_source_whose_headers_hold_superscript_digits_is_fetched_or_refused_cleanly(
    server: HTTPServer, header: str
) -> None:
    name, value = header.split(": ")
    status = 503 if name == "Retry-After" else 200

    def answer(request: Request) -> Response:
        response = Response(PAGE, status=status)
        response.headers[name] = value
        return response

    server.expect_request("/odd").respond_with_handler(answer)
    try:
        page = get(server.url_for("/odd"), policy(server, retries=1, sleep=lambda seconds: None))
    except fetch.FetchError as exc:
        assert exc.kind == "protocol"
    else:
        assert page.status == status
