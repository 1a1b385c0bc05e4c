"""The text stage: article bytes -> text -> sentence Segments with offsets into that text.

Real articles arrive hard-wrapped, with PDF page gaps in the middle of sentences, words
hyphenated at line ends, headings without punctuation and bare URL lines. The splitter
repairs all of that in `Segment.text` while `Segment.start`/`end` keep pointing at the
untouched original, so a report can highlight exactly what the author wrote.

Everything here runs in time linear in the input: no regular expression can backtrack over
more than one line break or one whitespace run, and look-backs are bounded.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from checker.errors import InputError
from checker.records import Layout, Segment

# --------------------------------------------------------------------------------------------
# Decoding

# More than this share of control characters (other than tab, newline, CR, form feed) means
# the bytes are not prose, even when they happen to decode.
_MAX_CONTROL_SHARE = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode_article(data: bytes) -> str:
    """Decode article bytes (UTF-8 with or without BOM, or UTF-16/32 with BOM) to text.

    The text is returned unchanged apart from the removed BOM (line endings included),
    because every offset the later stages report indexes this string.
    Raises InputError for binary data and for bytes that are not valid UTF-8.

    >>> decode_article(b"\\xef\\xbb\\xbfHallo\\r\\nWelt")
    'Hallo\\r\\nWelt'
    """
    if data.startswith(b"%PDF-"):
        raise InputError(
            "The file is a PDF, not text; copy the article text out of it (or run pdftotext) "
            "and try again."
        )
    if data.startswith(b"PK\x03\x04"):
        raise InputError(
            "The file is a ZIP archive or a Word/ODF document, not text; save the article as "
            "plain UTF-8 text (.txt) and try again."
        )
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as error:
                raise InputError(
                    f"The file starts like {codec.upper()[:6]} text but is damaged at byte "
                    f"{error.start + len(bom)}; save it again as UTF-8 and try again."
                ) from None
            _reject_binary(text)
            return text
    if b"\x00" in data:
        raise InputError(
            "The file looks binary (it contains NUL bytes), not like text; paste the article "
            "text or save it as a UTF-8 .txt file and try again."
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"The file is not UTF-8 text (byte 0x{data[error.start]:02x} at position "
            f"{error.start}); save it as UTF-8 and try again."
        ) from None
    _reject_binary(text)
    return text


def article_from_bytes(data: bytes) -> str:
    """Decode an uploaded article; an HTML page becomes its readable text (see html_to_text).

    Offsets from split_sentences index the returned string. Raises InputError like
    decode_article; empty input returns "" (the caller says that nothing was given).

    >>> article_from_bytes("<p>Kyiv &amp; Washington</p>".encode())
    'Kyiv & Washington'
    """
    text = decode_article(data)
    return html_to_text(text) if looks_like_html(text) else text


def _reject_binary(text: str) -> None:
    controls = len(_CONTROL.findall(text))
    if controls and controls > _MAX_CONTROL_SHARE * len(text):
        raise InputError(
            f"The file looks binary ({controls} control characters in {len(text)}), not like "
            "text; paste the article text or save it as a UTF-8 .txt file and try again."
        )


# --------------------------------------------------------------------------------------------
# HTML

_HTML_SIGN = re.compile(
    r"<!doctype\s+html|<(?:html|head|body|article|p|div|br|h[1-6]|ul|ol|li|span|a)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
# Elements whose text is never part of the article.
_DROPPED = frozenset(
    "script style nav header footer noscript template svg head iframe form button aside".split()
)
_BLOCKS = frozenset(
    "p div section article main blockquote pre table tr ul ol dl dt dd figure figcaption hr "
    "address center details summary".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())


def looks_like_html(text: str) -> bool:
    """True when the text carries HTML markup (checked on its first 4,000 characters).

    >>> looks_like_html("<p>Hallo</p>"), looks_like_html("a < b and c > d")
    (True, False)
    """
    return _HTML_SIGN.search(text, 0, 4000) is not None


def html_to_text(html: str) -> str:
    """Extract the readable text of an HTML page as light Markdown.

    Drops scripts, styles, navigation, headers and footers; block elements become paragraph
    breaks, h1-h6 become `# ` lines and list items `- ` lines, so the splitter sees the
    structure; entities are unescaped. The offsets of later stages index the returned text.

    >>> html_to_text("<h1>Deal</h1><p>Kyiv &amp; Washington<br>talk.</p><script>x()</script>")
    '# Deal\\n\\nKyiv & Washington\\ntalk.'
    """
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    lines = [line.strip(" ") for line in "".join(extractor.parts).split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return text.strip("\n ")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._dropped = 0  # depth inside dropped elements
        self._pre = 0
        self._prefix = ""  # `# ` or `- ` waiting for the element's first text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self._dropped += 1
        elif self._dropped:
            return
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _HEADINGS:
            self._prefix = "\n\n# "
        elif tag == "li":
            self._prefix = "\n- "
        elif tag in _BLOCKS:
            if tag == "pre":
                self._pre += 1
            if not self._prefix:
                self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self._dropped = max(0, self._dropped - 1)
        elif self._dropped:
            return
        elif tag in _BLOCKS or tag in _HEADINGS or tag == "li":
            if tag == "pre":
                self._pre = max(0, self._pre - 1)
            self._prefix = ""
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._dropped:
            return
        if not self._pre:
            # Whitespace in HTML is layout, not content; this also turns &nbsp; into a space.
            data = re.sub(r"\s+", " ", data)
        if self._prefix and data.strip():
            self.parts.append(self._prefix)
            self._prefix = ""
            data = data.lstrip()
        self.parts.append(data)


# --------------------------------------------------------------------------------------------
# Sentence splitting

# Line breaks. A form feed is not one: pdftotext puts it between pages, inside a paragraph.
_BREAK_CHARS = "\n\r\v\x1c\x1d\x1e\x85\u2028\u2029"
_CONTENT_LINE = re.compile(r"[^\s][^" + _BREAK_CHARS + r"]*")
_MD_HEADING = re.compile(r"#{1,6}(?:[ \t]+|$)")
_BULLET = re.compile(r"[-*+•▪◦‣][ \t]+(?=\S)")
_NUMBERED = re.compile(r"\d{1,3}[.)][ \t]+(?=\S)")
_QUOTE_MARK = re.compile(r">[ \t]?")
_WHITESPACE = re.compile(r"\s")

# A whitespace run to repair: anything but a single plain space, optionally after a hyphen;
# or a soft hyphen. Neither branch can backtrack beyond the run it matched.
_REPAIR = re.compile(r"-?(?:\s{2,}|[^\S ])|\u00ad\s*")
# The same inside a quoted block, where a line break also takes the next line's "> " marks.
_REPAIR_QUOTED = re.compile(
    r"-?(?:[ \t]*[" + _BREAK_CHARS + r"](?:[ \t]*>)+[ \t]*|\s{2,}|[^\S ])|\u00ad\s*"
)
_EMPHASIS = re.compile(r"(?<![\w*])(?:\*{1,3}|_{1,3})(?=[^\s*_])|(?<=[^\s*_])(?:\*{1,3}|_{1,3})(?![\w*])")
_SPACES = re.compile(r" {2,}")
_TERMINAL = re.compile(r"[.!?…]+")
_FINAL = set(".!?…")
_CLOSERS = set("\"'”“’‘»«)]*_")
_OPENING_CHARS = "\"'„“‚‘«»([*_¿¡"
_OPENERS = set(_OPENING_CHARS)
_WORD = re.compile(r"[^\W\d_]+")

_HEADING_MAX_LINES = 2
_HEADING_MAX_CHARS = 150

# Abbreviations after which a period never ends a sentence, even before a capital (German
# nouns are capitalised, so "Nr. Fünf" or "Mio. Euro" must not split). Single letters
# ("z. B.", "J. R. R.") and dotted forms ("z.B.", "U.S.", "e.g.") are handled by rule.
_ABBREVIATIONS_DE = frozenset(
    """
    bzw. ca. Nr. Dr. Prof. St. Str. vgl. Vgl. ggf. inkl. evtl. bspw. sog. Abs. Art. Hrsg. Mio.
    Mrd. Tsd. gem. lt. Jh. Jhd. Bd. Kap. Tel. geb. gest. Hr. Fr. Min. Std. Dipl. Ing. Mag.
    Abb. Anm. Aufl. Bsp. bzgl. einschl. exkl. ehem. Fa. Gebr. i.d.R. jun. sen. max. min. Mt.
    zzgl. ff. Jan. Feb. Mär. Apr. Jun. Jul. Aug. Sep. Sept. Okt. Nov. Dez.
    """.split()
)
_ABBREVIATIONS_EN = frozenset(
    """
    Mr. Mrs. Ms. Dr. Prof. St. Sr. Jr. vs. Gen. Sen. Rep. Gov. Lt. Col. Capt. Sgt. Rev. Hon.
    Pres. No. Nos. approx. est. Fig. Vol. pp. cf. al. Mt. Ave. Blvd. Dept. Univ.
    Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec.
    """.split()
)
# The splitter runs before language detection, so it knows both lists.
_ABBREVIATIONS = _ABBREVIATIONS_DE | _ABBREVIATIONS_EN

_MONTHS = frozenset(
    """
    Januar Jänner Februar März April Mai Juni Juli August September Oktober November Dezember
    January February March May June July October December
    Jan Feb Mär Mar Apr Jun Jul Aug Sep Sept Okt Oct Nov Dez Dec
    """.split()
)
# Words before a number that make "N." an ordinal ("der 2. Weltkrieg", "zum 3. Mal").
_ORDINAL_CUES = frozenset(
    """
    am an im in vom zum zur bis ab seit vor nach um der die das den dem des ein eine einem
    einen einer eines sein seine seinem seinen seiner ihr ihre ihrem ihren ihrer beim fürs
    """.split()
)
# "Import-\nund Export": the hyphen before a conjunction is a real one (suspended compound).
_CONJUNCTIONS = frozenset("und oder bzw sowie bis als wie noch and or nor to".split())
# A paragraph ending in one of these cannot end a sentence or a heading: the next
# paragraph continues it (a page break cut the sentence).
_FUNCTION_WORDS = frozenset(
    """
    der die das den dem des ein eine einen einem einer eines und oder aber sondern denn dass
    weil wenn als wie von vom zu zum zur mit nach bei beim seit aus für über unter auf an am
    im in ins vor hinter neben zwischen durch gegen ohne um bis sowie sein seine seiner
    seinem seinen ihr ihre ihrer ihrem ihren unser unsere unserer dessen deren
    the a an and or but nor of to in on at by for from with as that than into onto over
    under between about his her their its our
    """.split()
)


@dataclass(slots=True)
class _Block:
    """A run of article lines that belong together, before sentence splitting."""

    start: int  # first character (after any list or heading marker)
    end: int  # after the last non-space character
    layout: Layout
    lines: int
    list_item: bool = False
    quoted: bool = False  # its lines start with "> " marks (e-mail or Markdown quotation)
    gap_after: bool = False  # a blank line follows
    merged: bool = False  # joined across a blank line (a page gap)


_LINK = re.compile(r"(?:https?://|pic\.twitter\.com/)\S+")
# A pasted post's signature: "— Name (@handle) January 28, 2021". The name may be the
# claim's speaker; the handle and the date say nothing about what is claimed.
_POST_SIGNATURE = re.compile(
    r"\s*[—–]\s*([^—–()]{1,60}?)\s*\(@\w+\)\s*[A-Z][a-z]+ \d{1,2}, \d{4}\W*$"
)


def claim_text_for_embedding(text: str) -> str:
    """The words of a short text (a sentence, a pasted post) without links and post signatures.

    A sentence encoder reads "pic.twitter.com/OPdkueC45h" and "(@Oreo) January 28, 2021" as
    content; a claim never is. Lexical search keeps the raw text, where a handle or hashtag
    can still match a fact-check's words.

    >>> claim_text_for_embedding('OREO x LADY GAGA packs drop today! pic.twitter.com/Op1 — OREO Cookie (@Oreo) January 28, 2021')
    'OREO x LADY GAGA packs drop today! — OREO Cookie'
    """
    cleaned = _LINK.sub(" ", text.replace('""', '"'))
    cleaned = _POST_SIGNATURE.sub(r" — \1", cleaned)
    cleaned = " ".join(cleaned.split()).strip('" ')
    return cleaned or text


def split_sentences(original: str) -> list[Segment]:
    """Split article text into sentence Segments whose offsets index `original`.

    `original[s.start:s.end]` is the span each sentence came from; `s.text` is that span
    repaired: line breaks and whitespace runs become one space, line-end hyphenation is
    resolved ("Verhand-\\nlungen" -> "Verhandlungen", "US-\\nRegierung" -> "US-Regierung"),
    Markdown emphasis marks are dropped. Headings and bare URL lines become their own
    Segments. Returns [] for empty or whitespace-only text; never raises on text.

    >>> [(s.text, s.layout.value) for s in split_sentences("Kurz gesagt\\n\\nDer Plan ist\\nfertig. Dr. Rau nickt.")]
    [('Kurz gesagt', 'heading'), ('Der Plan ist fertig.', 'text'), ('Dr. Rau nickt.', 'text')]
    """
    blocks = _merge_page_gaps(original, _read_blocks(original))
    segments: list[Segment] = []
    for index, block in enumerate(blocks):
        if block.layout is Layout.LINK:
            segments.append(
                Segment(original[block.start : block.end], block.start, block.end, Layout.LINK)
            )
            continue
        text, runs = _repair(original, block.start, block.end, block.quoted)
        layout = block.layout
        if layout is Layout.HEADING:
            spans = [(0, len(text))]
        else:
            spans = _sentence_spans(text)
            if _is_heading(block, spans, text, has_next=index + 1 < len(blocks)):
                layout = Layout.HEADING
        for start, end in spans:
            # A dropped soft hyphen can leave a space at either end of a span.
            while start < end and text[start] == " ":
                start += 1
            while end > start and text[end - 1] == " ":
                end -= 1
            sentence = text[start:end]
            if "*" in sentence or "_" in sentence:
                sentence = _SPACES.sub(" ", _EMPHASIS.sub("", sentence)).strip()
            if sentence:
                segments.append(
                    Segment(
                        sentence,
                        _to_original(runs, start),
                        _to_original(runs, end - 1) + 1,
                        layout,
                    )
                )
    return segments


def _read_blocks(original: str) -> list[_Block]:
    """Group the lines of the text into paragraphs, headings, links and list items."""
    blocks: list[_Block] = []
    current: _Block | None = None
    previous_end = 0
    previous_listed = False  # the previous line was a list item
    previous_colon = False  # the previous line ended with a colon
    for match in _CONTENT_LINE.finditer(original):
        start, line = match.start(), match.group().rstrip()
        end = start + len(line)
        gap = _count_breaks(original, previous_end, start) >= 2
        previous_end = end
        if gap and current is not None:
            current.gap_after = True
            current = None

        # Cheap tests on the first character first: most lines are plain prose.
        first = line[0]
        marker = _QUOTE_MARK.match(line) if first == ">" else None
        quoted = marker is not None
        while marker:  # "> > quoted", e-mail style: the text after the marks
            line = line[marker.end() :].lstrip()
            start = end - len(line)
            marker = _QUOTE_MARK.match(line)
        if not line:  # a quoted blank line separates paragraphs
            if current is not None:
                current.gap_after = True
            current = None
            continue
        first = line[0]

        heading = _MD_HEADING.match(line) if first == "#" else None
        if heading:
            content = line[heading.end() :]
            stripped = content.rstrip("#")
            if stripped != content and (not stripped or stripped[-1] in " \t"):
                content = stripped.rstrip()  # closing hashes: "## Title ##"
            current, previous_listed = None, False
            if content.strip():
                head_start = start + heading.end()
                blocks.append(_Block(head_start, head_start + len(content), Layout.HEADING, 1))
            continue
        if (
            first in "hw"
            and line.startswith(("http://", "https://", "www."))
            and not _WHITESPACE.search(line)
        ):
            current, previous_listed = None, False
            blocks.append(_Block(start, end, Layout.LINK, 1))
            continue
        if first in "-*_=" and _is_rule(line):
            # "Title\n=====" or "Title\n-----" under one or two lines is a setext heading.
            if current is not None and line[0] in "=-" and current.lines <= _HEADING_MAX_LINES:
                current.layout = Layout.HEADING
            if current is not None:
                current.gap_after = True
            current, previous_listed = None, False
            continue

        bullet = _BULLET.match(line) if first in "-*+•▪◦‣" else None
        numbered = _NUMBERED.match(line) if first.isdigit() else None
        if bullet:
            current = _Block(start + bullet.end(), end, Layout.TEXT, 1, list_item=True)
            blocks.append(current)
        elif numbered and current is not None and (previous_listed or previous_colon):
            # Only a list context makes "3. Oktober" at a line start a list item; otherwise
            # it is a hard-wrapped date. The number stays in the text.
            current = _Block(start, end, Layout.TEXT, 1, list_item=True)
            blocks.append(current)
        elif current is not None:
            current.end = end
            current.lines += 1
        else:
            current = _Block(start, end, Layout.TEXT, 1, quoted=quoted)
            blocks.append(current)
        previous_listed = bool(bullet or numbered) or (previous_listed and not gap)
        previous_colon = line.endswith(":")
    if current is not None:
        current.gap_after = False
    return blocks


def _count_breaks(text: str, start: int, end: int) -> int:
    """Line breaks in text[start:end] (which is whitespace); CRLF counts once."""
    gap = text[start:end]
    if gap == "\n":
        return 1
    return sum(gap.count(char) for char in _BREAK_CHARS) - gap.count("\r\n")


def _is_rule(line: str) -> bool:
    """A Markdown thematic break or setext underline: ---, ***, ___, ===."""
    chars = set(line) - {" ", "\t"}
    return len(chars) == 1 and chars <= set("-*_=") and line.count(line[0]) >= 3


def _merge_page_gaps(original: str, blocks: list[_Block]) -> list[_Block]:
    """Join paragraphs that a page break or stray blank line cut inside a sentence."""
    merged: list[_Block] = []
    for block in blocks:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.layout is Layout.TEXT
            and block.layout is Layout.TEXT
            and previous.gap_after
            and not block.list_item
            and _continues(original, previous, block)
        ):
            previous.end = block.end
            previous.lines += block.lines
            previous.gap_after = block.gap_after
            previous.quoted = previous.quoted or block.quoted
            previous.merged = True
            continue
        merged.append(block)
    return merged


def _continues(original: str, previous: _Block, block: _Block) -> bool:
    last = _last_meaningful(original, previous.start, previous.end)
    if last in _FINAL:
        return False
    if last in ",-":  # a comma or a cut-off hyphenation never ends a paragraph
        return True
    first = _first_letter(original, block.start, block.end)
    if first.islower():
        return True
    tail = original[max(previous.start, previous.end - 20) : previous.end]
    words = _WORD.findall(tail)
    return bool(words) and words[-1] in _FUNCTION_WORDS


def _last_meaningful(text: str, start: int, end: int) -> str:
    """The last character before `end` that is not a closing quote, bracket or space."""
    index = end - 1
    while index >= start and (text[index] in _CLOSERS or text[index].isspace()):
        index -= 1
    return text[index] if index >= start else ""


def _first_letter(text: str, start: int, end: int) -> str:
    """The first character from `start` that is not an opening quote, bracket or space."""
    index = start
    while index < end and (text[index] in _OPENERS or text[index].isspace()):
        index += 1
    return text[index] if index < end else ""


def _is_heading(block: _Block, spans: list[tuple[int, int]], text: str, has_next: bool) -> bool:
    """A short block (1-2 lines) without sentence-final punctuation, followed by a blank line."""
    return (
        has_next
        and block.gap_after
        and not block.merged
        and not block.list_item
        and block.lines <= _HEADING_MAX_LINES
        and len(text) <= _HEADING_MAX_CHARS
        and len(spans) == 1
        and _last_meaningful(text, 0, len(text)) not in _FINAL | set(",;:")
    )


def _repair(
    original: str, start: int, end: int, quoted: bool = False
) -> tuple[str, list[tuple[int, int]]]:
    """Repair original[start:end]; return the text and runs mapping it back to the original.

    Each run (repaired_index, original_index) starts a stretch copied verbatim.
    """
    pieces: list[str] = []
    runs: list[tuple[int, int]] = []
    length = 0
    position = start

    def copy(upto: int) -> None:
        nonlocal length, position
        if upto > position:
            runs.append((length, position))
            pieces.append(original[position:upto])
            length += upto - position
        position = upto

    def insert_space(at: int) -> None:
        nonlocal length
        if not pieces or pieces[-1][-1] == " ":  # dropped soft hyphens can meet spaces
            return
        runs.append((length, at))
        pieces.append(" ")
        length += 1

    for match in (_REPAIR_QUOTED if quoted else _REPAIR).finditer(original, start, end):
        left, right = match.span()
        found = match.group()
        after = original[right] if right < end else ""
        if found[0] == "\u00ad":
            copy(left)
            if right > left + 1 and not _has_break(found):
                insert_space(left + 1)
        elif found[0] == "-":
            before = original[left - 1] if left > start else ""
            if _has_break(found) and before.isalnum() and after.isalnum():
                word = _WORD.match(original, right, min(end, right + 12))
                if after.islower() and not (word and word.group() in _CONJUNCTIONS):
                    copy(left)  # soft hyphenation: "Verhand-\nlungen"
                elif word and word.group() in _CONJUNCTIONS:
                    copy(left + 1)  # suspended compound: "Import- und Export"
                    insert_space(left + 1)
                else:
                    copy(left + 1)  # real hyphen: "US-\nRegierung", "2024-\n2025"
            else:
                copy(left + 1)
                insert_space(left + 1)
        else:
            copy(left)
            insert_space(left)
        position = right
    copy(end)
    return "".join(pieces), runs


def _has_break(text: str) -> bool:
    return any(char in text for char in _BREAK_CHARS)


def _to_original(runs: list[tuple[int, int]], index: int) -> int:
    run = bisect.bisect_right(runs, (index, float("inf"))) - 1
    repaired_start, original_start = runs[run]
    return original_start + index - repaired_start


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries in repaired text (single spaces, no line breaks)."""
    spans: list[tuple[int, int]] = []
    sentence_start = 0
    size = len(text)
    for match in _TERMINAL.finditer(text):
        end = match.end()
        while end < size and text[end] in _CLOSERS:  # „… kostet.“ keeps its closing quote
            end += 1
        if end >= size or text[end] != " ":
            continue  # "3.5", "U.S.", "www.x.de", or the end of the block
        following = end + 1
        while following < size and text[following] in _OPENERS:
            following += 1
        if following >= size:
            continue
        if _ends_sentence(text, match, sentence_start, following):
            spans.append((sentence_start, end))
            sentence_start = end + 1
    if sentence_start < size:
        spans.append((sentence_start, size))
    return spans


def _ends_sentence(text: str, terminal: re.Match[str], sentence_start: int, following: int) -> bool:
    """Whether the terminal punctuation ends the sentence; `following` is the next letter."""
    next_char = text[following]
    if next_char.islower():
        return False
    marks = terminal.group()
    if "…" in marks or ".." in marks:
        # An omission "[…]" or "(...)" inside a quotation is no sentence end.
        return terminal.start() == 0 or text[terminal.start() - 1] not in "[("
    if marks[-1] != ".":
        return True
    word_start = text.rfind(" ", max(sentence_start, terminal.start() - 40), terminal.start()) + 1
    word_start = max(word_start, sentence_start)
    token = text[word_start : terminal.start()].lstrip(_OPENING_CHARS)
    if not token or token + "." in _ABBREVIATIONS:
        return False
    if token.isalpha() and len(token) == 1:
        return False  # an initial or "z. B.", "u. a."
    if "." in token and all(part.isalpha() and len(part) <= 2 for part in token.split(".")):
        return False  # "z.B.", "U.S.", "e.g.", "Ph.D."
    if token.isdigit() and len(token) <= 3:
        if word_start == sentence_start:
            return False  # a list number: "1. Punkt"
        next_word = _WORD.match(text, following, following + 12)
        if next_word and next_word.group() in _MONTHS:
            return False  # "am 24. Februar"
        before = _WORD.findall(text[max(sentence_start, word_start - 12) : word_start])
        if before and before[-1].lower() in _ORDINAL_CUES:
            return False  # "der 2. Weltkrieg"
    return True
