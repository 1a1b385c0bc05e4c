"""Fetching an article by URL, offline: a local http.server in a thread serves the pages."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from checker.errors import InputError
from checker.fetch import fetch_article

ARTICLE_HTML = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Rohstoff-Deal – Nachrichten</title>
</head><body><nav><a href="/">Startseite</a> | <a href="/politik">Politik</a></nav>
<article><h1>Rohstoff-Deal</h1>
<p>Trump beschuldigte Selenskyj fälschlicherweise, den Ukraine-Krieg begonnen zu haben. Das ist „falsch“.</p>
<p>Die USA und die Ukraine verhandeln seit Wochen über einen Rohstoff-Deal, der Washington Zugang zu
seltenen Erden verschaffen soll – so berichten mehrere Medien übereinstimmend.</p>
<script>alert(1)</script></article>
<footer>Impressum · Datenschutz</footer></body></html>"""

PAGES = {  # path -> (status, content type, body)
    "/article": (200, "text/html; charset=utf-8", ARTICLE_HTML.encode("utf-8")),
    "/latin1": (200, "text/html; charset=iso-8859-1", ARTICLE_HTML.replace("„", '"').replace("“", '"')
                .replace("–", "-").replace('charset="utf-8"', 'charset="iso-8859-1"').encode("latin-1")),
    "/untyped": (200, None, ARTICLE_HTML.encode("utf-8")),
    "/missing": (404, "text/html", b"<html><body>Not here</body></html>"),
    "/huge": (200, "text/html", b"<html><body><p>" + b"Viel Text. " * 200_000 + b"</p></body></html>"),
    "/image": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
    "/empty": (200, "text/html", b"<html><body><div id='app'></div><script>render()</script></body></html>"),
}


class Pages(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        if self.path == "/to-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://example.org/file")
            self.end_headers()
            return
        if self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(40):  # trickles for up to 4 s; the client gives up well before
                try:
                    self.wfile.write(b"<p>" + b"x" * 70_000 + b"</p>")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.1)
            return
        status, content_type, body = PAGES[self.path.removesuffix("-unsized")]
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if not self.path.endswith("-unsized"):  # without a length, the client must count as it reads
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # free once the socket closes: nothing listens there


def test_fetches_the_article_text_without_the_page_furniture(server):
    article = fetch_article(f"{server}/article")
    assert article.url == f"{server}/article" and article.title
    assert "Trump beschuldigte Selenskyj fälschlicherweise, den Ukraine-Krieg begonnen zu haben." in article.text
    assert "„falsch“" in article.text and "seltenen Erden" in article.text
    assert "Impressum" not in article.text and "alert(1)" not in article.text and "Startseite" not in article.text
    assert "\n\n" in article.text  # paragraphs stay apart for the sentence splitter


def test_follows_redirects_and_reports_the_final_url(server):
    assert fetch_article(f"{server}/moved").url == f"{server}/article"


def test_decodes_the_charset_the_server_names(server):
    assert "fälschlicherweise" in fetch_article(f"{server}/latin1").text


def test_a_page_without_a_content_type_is_tried_as_html(server):
    assert "fälschlicherweise" in fetch_article(f"{server}/untyped").text


@pytest.mark.parametrize("path, message", [
    ("/missing", "answered HTTP 404"),
    ("/huge", "is larger than 1 MB"),
    ("/huge-unsized", "is larger than 1 MB"),
    ("/image", "is not a web page but image/png"),
    ("/empty", "No article text found"),
    ("/to-ftp", "which is not a web page"),
])
def test_pages_that_give_no_article_are_one_line_errors(server, path, message):
    with pytest.raises(InputError, match=message) as error:
        fetch_article(f"{server}{path}", max_bytes=1_000_000)
    assert "\n" not in str(error.value) and "paste" in str(error.value)


def test_a_slow_page_times_out(server):
    # The server would send 2.8 MB in 4 s, each chunk in time: only the limit on the whole download stops it.
    with pytest.raises(InputError, match=r"did not send the page within 0.5 s"):
        fetch_article(f"{server}/slow", timeout=0.5)


def test_an_article_over_the_length_limit_is_refused(server):
    with pytest.raises(InputError, match="the limit is 100"):
        fetch_article(f"{server}/article", max_chars=100)


def test_an_unreachable_host_says_the_machine_may_be_offline():
    with pytest.raises(InputError, match="Could not reach 127.0.0.1 .*this machine may be offline.*paste the text"):
        fetch_article(f"http://127.0.0.1:{closed_port()}/article", timeout=5)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(1)", "www.example.org/article",
                                 "ftp://example.org/a", "https://"])
def test_only_web_addresses_are_fetched(url):
    with pytest.raises(InputError, match="is not a web address"):
        fetch_article(url)
