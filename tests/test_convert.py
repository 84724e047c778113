"""Text extraction: HTML main text, encodings, plain text, PDF, and what cannot be read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.text import convert
from factcheck.text.convert import Unreadable

ARTICLE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Bridge news</title></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport and weather</a></li></ul></nav>
<article>
<h1>The bridge is open</h1>
<p>The city said the bridge opened in March 2020 after four years of work.</p>
<p>It cost $2.4 billion, which the council called money well spent.</p>
</article>
<footer><p>Copyright 2024 Example News. Subscribe to our newsletter.</p></footer>
<script>var tracking = "never shown";</script>
</body></html>
"""


def tiny_pdf(text: str) -> bytes:
    """A one-page PDF whose text layer says ``text`` (ASCII, no parentheses)."""
    return one_page_pdf(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii"))


def one_page_pdf(stream: bytes) -> bytes:
    """A one-page PDF whose content stream is ``stream``, in Helvetica as font F1."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return pdf_of(objects)


def pages_pdf(pages: list[list[str]]) -> bytes:
    """A PDF whose pages have these lines of text, top to bottom (ASCII, no parentheses)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for lines in pages:
        stream = b"BT /F1 11 Tf 72 740 Td " + b" 0 -14 Td ".join(b"(%s) Tj" % line.encode() for line in lines) + b" ET"
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (len(objects) + 2)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(pages)))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages))
    return pdf_of(objects)


def pdf_of(objects: list[bytes]) -> bytes:
    """A PDF file of these numbered objects (the first the catalog), with its cross-reference table."""
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def test_html_main_text_leaves_out_menus_footers_and_scripts() -> None:
    got = convert.to_text(ARTICLE.encode("utf-8"), "text/html; charset=utf-8")
    assert got.kind == "html" and got.encoding == "utf-8"
    assert "The city said the bridge opened in March 2020 after four years of work." in got.text
    assert "It cost $2.4 billion" in got.text
    for chrome in ("Sport and weather", "Subscribe to our newsletter", "never shown"):
        assert chrome not in got.text
    # The whole page is there for a second look.
    assert "Sport and weather" in got.full_text()


def test_meta_charset_is_honoured() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        "<title>Мост</title></head><body><p>Мост открыли в марте 2020 года после четырёх лет работы.</p>"
        "</body></html>"
    ).encode("cp1251")
    got = convert.to_text(page, "text/html")
    assert got.encoding == "cp1251"
    assert "Мост открыли в марте 2020 года после четырёх лет работы." in got.text


def test_html5_meta_charset_and_header_charset() -> None:
    body = '<html><head><meta charset="iso-8859-15"></head><body><p>Prix : 20 €, été.</p></body></html>'
    got = convert.to_text(body.encode("iso-8859-15"), "text/html")
    assert "Prix : 20 €, été." in got.text
    # The server's declaration wins over a guess.
    plain = "Ça coûte 5 €.".encode("cp1252")
    assert convert.to_text(plain, "text/plain; charset=windows-1252").text == "Ça coûte 5 €."


def test_latin_1_means_windows_1252_as_in_browsers() -> None:
    assert convert.decode("“quoted”".encode("cp1252"), "iso-8859-1") == ("“quoted”", "cp1252")


def test_a_byte_order_mark_wins() -> None:
    text, encoding = convert.decode("\ufeffhello".encode("utf-16-le"), "utf-8")
    assert (text, encoding) == ("hello", "utf-16-le")


def test_undeclared_encodings_are_detected() -> None:
    body = ("Москва — столица России, крупнейший по численности населения город страны. " * 5).encode("cp1251")
    text, encoding = convert.decode(body)
    assert text.startswith("Москва — столица России")
    assert encoding == "cp1251"


def test_an_undeclared_western_text_as_clean_in_central_european_reads_as_windows_1252() -> None:
    # Each reading is as clean as the other; windows-1250 makes the pound sign "Ł".
    body = "The minister’s “pay rise”: average pay rose 5.9% to £712 a week.".encode("cp1252")
    assert convert.decode(body) == ("The minister’s “pay rise”: average pay rose 5.9% to £712 a week.", "cp1252")
    polish = "Według GUS inflacja wyniosła 4,9% w styczniu, a płace wzrosły o 8,1%. Żółć gęślą jaźń."
    assert convert.decode(polish.encode("cp1250")) == (polish, "cp1250")


@pytest.mark.parametrize(
    "banner",
    [
        '<div id="CybotCookiebotDialog">{}</div>',
        '<div id="didomi-host"><div class="didomi-popup">{}</div></div>',
        '<div class="qc-cmp2-container">{}</div>',
        '<div role="dialog" aria-label="Cookie preferences">{}</div>',
    ],
)
def test_a_cookie_banner_is_no_part_of_a_page_s_text(banner: str) -> None:
    notice = "<p>We use cookies to collect information about how you use this website and to improve it.</p>"
    story = (
        '<main class="tag-cookies"><h1>Rail usage</h1><p>There were 1.6 billion rail journeys in Great Britain '
        "in the year to March 2025, up 7% on the year before, the regulator said.</p><p>Its survey of cookie "
        "banners found most sites still set tracking cookies before asking.</p></main>"
    )
    text = convert.to_text(f"<html><body>{banner.format(notice)}{story}</body></html>".encode(), "text/html").text
    assert "We use cookies" not in text
    assert "1.6 billion rail journeys" in text and "survey of cookie banners" in " ".join(text.split())


def test_plain_text_stays_as_it_is() -> None:
    got = convert.to_text(b"Line one.\n\nLine two.", "text/plain")
    assert got.kind == "text" and got.text == "Line one.\n\nLine two."


def test_html_without_a_content_type_is_recognised() -> None:
    assert convert.to_text(ARTICLE.encode(), None).kind == "html"


def test_pdf_text_layer() -> None:
    got = convert.to_text(tiny_pdf("Exports rose by 12 percent in 2021."), "application/pdf")
    assert got.kind == "pdf" and "Exports rose by 12 percent in 2021." in got.text


#: A two-column statistics release as a PDF's text layer gives it: a running header and footer on each page,
#: a numbered section heading, and words hyphenated at the ends of lines.
RELEASE = [
    [
        "Statistical bulletin: GDP, October to December 2025",
        "1. Main points",
        "Output grew in the quarter, and the household sav-",
        "ing ratio is estimated at 12.5% in 2025. Investment is",
        "now 3.1% below its level before the pandemic, its pre-",
        "coronavirus level, and exports rose in the pre-coronavirus",
        "years, the last of them strong. Trade with the Anglo-",
        "Saxon world grew by a fifth over the decade to 2025.",
        "Release date: 31 March 2026 - Page 1 of 2",
    ],
    [
        "Statistical bulletin: GDP, October to December 2025",
        "Public sector net borrowing was 3.2 billion pounds in December 2025.",
        "Release date: 31 March 2026 - Page 2 of 2",
    ],
]


def test_a_pdf_s_running_header_and_footer_are_left_out() -> None:
    text = convert.to_text(pages_pdf(RELEASE), "application/pdf").text
    assert "Statistical bulletin" not in text and "Release date" not in text
    # One page has no running lines to tell apart from its text.
    one = convert.to_text(pages_pdf(RELEASE[1:]), "application/pdf").text
    assert one.startswith("Statistical bulletin") and one.endswith("Page 2 of 2")


def test_a_word_a_pdf_hyphenated_at_a_line_s_end_is_made_whole() -> None:
    text = " ".join(convert.to_text(pages_pdf(RELEASE), "application/pdf").text.split())
    assert "the household saving ratio" in text
    # A hyphen the document writes elsewhere is the word's; before a capital, the word's too.
    assert "its pre-coronavirus level" in text
    assert "the Anglo-Saxon world" in text


def test_a_pdf_s_section_heading_is_a_paragraph_of_its_own() -> None:
    text = convert.to_text(pages_pdf(RELEASE), "application/pdf").text
    assert text.startswith("\nMain points\n\nOutput grew")
    # A sentence's short last line is none, nor is a line with a figure.
    lines = ["Prices in the shops rose faster than wages all year,", "the bank said", "Wages rose 3% in the spring."]
    lines += ["Inflation in 2025 was", "Lower than the year before, at a rate the bank liked."]
    assert "\n\n" not in convert.to_text(pages_pdf([lines]), "application/pdf").text


def test_a_word_chromium_printed_with_soft_hyphens_reads_whole() -> None:
    # Printed from "em&shy;ploy&shy;ment ... quar&shy;ter": Chromium marks each hyphenation point with
    # the soft hyphen as actual text over a space glyph, and breaks a line at one with a hyphen.
    body = (Path(__file__).parent / "data" / "library" / "soft-hyphens.pdf").read_bytes()
    text = " ".join(convert.to_text(body, "application/pdf").text.split())
    assert text == "The employment rate was 75.1 per cent in the quarter; unemployment fell to 4.2 per cent."


def test_a_footnote_s_marker_after_a_figure_is_left_out_of_a_pdf_s_text() -> None:
    # Each piece where a browser or a typesetter puts it: the marker smaller, and raised above the line.
    pieces = [
        (11, 72, 740, "Days lost were the most since November 2011"),
        (7, 420, 744, "2"),
        (11, 424, 740, ". Pay grew by 6.1%"),
        (7, 520, 744, "1"),
        (11, 72, 726, "in 2025, on an area of 21.5 km"),
        (7, 240, 730, "2"),
        (11, 245, 726, "."),
    ]
    stream = b" ".join(b"BT /F1 %d Tf %d %d Td (%s) Tj ET" % (size, x, y, text.encode()) for size, x, y, text in pieces)
    text = " ".join(convert.to_text(one_page_pdf(stream), "application/pdf").text.split())
    # After a letter, a raised number may be a unit's power: it stays.
    assert text == "Days lost were the most since November 2011. Pay grew by 6.1% in 2025, on an area of 21.5 km 2."


def test_figures_set_in_a_pdf_s_sentences_are_no_table_s_rows() -> None:
    # Each figure in a font of its own, where the words before it end: a sentence, not a row of cells.
    pieces = [(72, 740, "Prices rose by"), (145, 740, "5%"), (72, 726, "and pay by"), (129, 726, "3.2%")]
    stream = b" ".join(b"BT /F1 11 Tf %d %d Td (%s) Tj ET" % (x, y, text.encode()) for x, y, text in pieces)
    text = convert.to_text(one_page_pdf(stream), "application/pdf").text
    assert "|" not in text and " ".join(text.split()) == "Prices rose by 5% and pay by 3.2%"


def test_getting_ready_to_read_web_pages_leaves_the_pdf_reader_for_the_first_pdf() -> None:
    script = (
        "import sys\nfrom factcheck.text import convert\nconvert.prepare()\n"
        "assert 'trafilatura' in sys.modules and 'pypdf' not in sys.modules, 'prepare'\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def test_a_broken_pdf_is_unreadable() -> None:
    with pytest.raises(Unreadable, match="a PDF that cannot be read"):
        convert.to_text(b"%PDF-1.4\n garbage", "application/pdf")
    # A file of no bytes (a download that failed, a placeholder) says so, not "(EmptyFileError)".
    with pytest.raises(Unreadable, match="^an empty file$"):
        convert.to_text(b"", "application/pdf")
    # A server's error page saved under the report's name.
    page = b"<!doctype html><html><head><title>404 Not Found</title></head><body>Not Found</body></html>"
    with pytest.raises(Unreadable, match=r"^not a PDF: it holds a web page \(a download that failed\?\)$"):
        convert.to_text(page, "application/pdf")


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png", "unsupported content type image/png"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "text/html", "a PNG image, served as text/html"),
        (bytes(range(256)) * 4, "application/octet-stream", "binary data, served as application/octet-stream"),
        (b"PK\x03\x04rest", None, "a ZIP archive (or an office document), served as no content type"),
        (b"\0\1\2", "application/vnd.ms-excel", "binary data, served as application/vnd.ms-excel"),
        (b"{}", "application/zip", "unsupported content type application/zip"),
        (b"<html><body><script>x()</script></body></html>", "text/html", "the page has no text"),
    ],
)
def test_what_cannot_be_read_says_why(body: bytes, content_type: str | None, message: str) -> None:
    with pytest.raises(Unreadable) as info:
        convert.to_text(body, content_type)
    assert str(info.value) == message


def test_media_type() -> None:
    assert convert.media_type('Text/HTML; Charset="UTF-8"') == ("text/html", "UTF-8")
    assert convert.media_type(None) == (None, None)


def test_the_whole_page_keeps_its_blocks_apart_and_its_scripts_out() -> None:
    page = (
        b"<html><head><title>T</title><script>var x = 1;</script></head><body>"
        b"<nav>Home | News</nav><p>The bridge <b>opened</b> in 2020.</p><style>p {}</style>"
        b"<footer>Share this</footer></body></html>"
    )
    got = convert.to_text(page, "text/html")
    assert got.full_text().splitlines() == ["Home | News", "The bridge opened in 2020.", "Share this"]


def test_a_deeply_nested_page_does_not_break_the_whole_page_text() -> None:
    page = ("<div>" * 20000 + "<p>deep text</p>" + "</div>" * 20000).encode()
    try:
        convert.to_text(page, "text/html").full_text()
    except convert.Unreadable:
        pass  # saying so is fine; a RecursionError is not
