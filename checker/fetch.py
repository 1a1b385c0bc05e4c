"""A web address -> the article text on that page (trafilatura removes menus, ads and comments).

The only module that goes on the network, and only when a user gives a URL: everything else
works offline. Every failure is an InputError with one line saying what to do instead,
which is nearly always "paste the text": the machine may be offline, the site may block
robots or need JavaScript, and the reviewer should not have to read a traceback to learn that.

Limits guard the machine, not the reader: the page is read in chunks and given up past
`max_bytes` or `timeout` seconds in all (a server that trickles bytes cannot hold a check).
"""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

from checker import __version__
from checker.errors import InputError

MAX_PAGE_BYTES = 5 * 1024 * 1024  # the same limit as an uploaded file
TIMEOUT_SECONDS = 20.0
HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = f"factcheck-assistant/{__version__} (article text for a fact-checker)"
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class FetchedArticle:
    """The text of a web article and where it was found."""

    text: str  # paragraphs separated by blank lines, as the text stage expects
    url: str  # after redirects: the address the article really has
    title: str | None


def fetch_article(url: str, *, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_PAGE_BYTES,
                  max_chars: int | None = None) -> FetchedArticle:
    """Download an http(s) page and extract its article text.

    `timeout` bounds the whole download in seconds; a page over `max_bytes`, or an article
    over `max_chars` characters, is refused. Raises InputError, with what to do instead, for
    anything that does not give article text.

    >>> fetch_article("file:///etc/passwd")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    checker.errors.InputError: 'file:///etc/passwd' is not a web address: give one that starts with http:// or ...
    """
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(f"'{url[:100]}' is not a web address: give one that starts with http:// or https://, "
                         "or paste the article text instead.")
    body, final_url, content_type, charset = _download(url, parts.hostname, timeout, max_bytes)
    if content_type and content_type not in HTML_TYPES:  # a server that names no type gets the benefit of the doubt
        raise InputError(f"{final_url} is not a web page but {content_type}; "
                         "download it and upload the file, or paste the article text instead.")
    text, title = _extract(body, charset, final_url)
    if max_chars is not None and len(text) > max_chars:
        raise InputError(f"The article at {final_url} has {len(text):,} characters; the limit is {max_chars:,}. "
                         "Paste it in parts and check each.")
    return FetchedArticle(text, final_url, title)


class _WebOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only: urllib would also follow one to ftp://."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: PLR0913 - urllib's signature
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise InputError(f"{req.full_url} redirects to '{newurl[:100]}', which is not a web page; "
                             "paste the article text instead.")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _download(url: str, host: str, timeout: float, max_bytes: int) -> tuple[bytes, str, str, str | None]:
    """(body, final URL, media type or "" when not named, charset); raises InputError for every way this fails."""
    opener = urllib.request.build_opener(_WebOnlyRedirects)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                   "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"})
    deadline = time.monotonic() + timeout
    slow = f"{host} did not send the page within {timeout:g} s; try again later, or paste the text instead."
    too_large = (f"The page at {url[:100]} is larger than {max_bytes / 1e6:.0f} MB, too large for one article; "
                 "paste the article text instead.")
    try:
        with opener.open(request, timeout=timeout) as response:
            headers: Message = response.headers
            length = headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise InputError(too_large)
            chunks, size = [], 0
            while chunk := response.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise InputError(too_large)
                if time.monotonic() > deadline:
                    raise InputError(slow)
                chunks.append(chunk)
            content_type = headers.get_content_type() if headers.get("Content-Type") else ""
            return b"".join(chunks), response.geturl(), content_type, headers.get_content_charset()
    except urllib.error.HTTPError as error:
        raise InputError(f"{error.url or url} answered HTTP {error.code} ({error.reason}); check the address, "
                         "or paste the article text instead.") from None
    except urllib.error.URLError as error:  # DNS failure, refused connection, no route, TLS problems
        if isinstance(error.reason, (TimeoutError, socket.timeout)):
            raise InputError(slow) from None
        reason = getattr(error.reason, "strerror", None) or str(error.reason)
        raise InputError(f"Could not reach {host} ({reason}) — this machine may be offline, or the address is "
                         "wrong; paste the text instead.") from None
    except (TimeoutError, socket.timeout):
        raise InputError(slow) from None
    except (ConnectionError, OSError) as error:  # a connection dropped halfway through the page
        raise InputError(f"The connection to {host} broke off ({type(error).__name__}); try again, "
                         "or paste the text instead.") from None


def _extract(body: bytes, charset: str | None, url: str) -> tuple[str, str | None]:
    import trafilatura  # imported here: only a fetch needs it, and it takes a moment to load

    try:
        page: str | bytes = body.decode(charset) if charset else body  # trafilatura guesses a missing charset
    except (LookupError, UnicodeDecodeError):
        page = body
    document = trafilatura.bare_extraction(page, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False)
    text = (document.text or "") if document is not None else ""
    # trafilatura puts one paragraph per line; the text stage joins single line breaks (hard
    # wraps), so paragraphs and headings are kept apart by a blank line.
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    if not paragraphs:
        raise InputError(f"No article text found at {url} (the page may need JavaScript or a login); "
                         "copy the text from your browser and paste it instead.")
    title = document.title if document is not None and document.title else None
    return "\n\n".join(paragraphs), title
