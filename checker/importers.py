"""Importing fact-checks from other formats into corpus entries.

Three sources: schema.org ClaimReview JSON-LD (plain, in an `@graph`, embedded in HTML pages,
or the Google Fact Check Tools `claims:search` response), CSV files with a column mapping, and
the CheckThat! verified-claims JSONL collections. Every entry is built through
`checker.corpus.parse_entry`, so what an importer returns always validates as a corpus line.

Importers never guess: a rating that is not in `RATING_LABELS` is kept in `rating`, the entry
gets no label, and the import result carries a warning naming where it was found.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from checker.corpus import OPTIONAL_FIELDS, REQUIRED_FIELDS, parse_entry
from checker.errors import CorpusError
from checker.files import read_bytes
from checker.records import CorpusEntry, CorpusLabel


@dataclass(frozen=True, slots=True)
class ImportResult:
    entries: tuple[CorpusEntry, ...]
    warnings: tuple[str, ...]  # "where: what", one per skipped entry, dropped value or unknown rating


class ImportFormat(str, Enum):
    """The input formats `factcheck corpus import --from` accepts."""

    CLAIMREVIEW = "claimreview"
    CSV = "csv"
    CHECKTHAT = "checkthat"


ENTRY_FIELDS = REQUIRED_FIELDS + OPTIONAL_FIELDS  # what a column mapping may name

_T, _F, _M, _U = CorpusLabel.TRUE, CorpusLabel.FALSE, CorpusLabel.MISLEADING, CorpusLabel.UNPROVEN

# Publisher ratings (English and German) and the corpus label they mean. Decisions:
# - "Mostly true" / "Größtenteils richtig" count as true: the claim holds, with small caveats.
# - "Mostly false" / "Größtenteils falsch" count as false: the core of the claim is wrong.
# - "Half true", "Partly false", "Missing context" and their German forms are misleading: each
#   part may be accurate, but the claim as stated leaves a wrong impression.
# - "Satire" (and "Labeled satire") is false: a satirical piece restated as fact describes
#   something that did not happen; the publisher's word "Satire" stays in `rating`.
# - "Manipuliert" / "Manipulated" (doctored images, edited video) and "Frei erfunden" are false.
RATING_LABELS: dict[str, CorpusLabel] = {
    # English
    "false": _F, "mostly false": _F, "pants on fire": _F, "fake": _F, "incorrect": _F, "inaccurate": _F,
    "not true": _F, "untrue": _F, "wrong": _F, "fabricated": _F, "fabricated content": _F, "manipulated": _F,
    "altered": _F, "doctored": _F, "misattributed": _F, "satire": _F, "labeled satire": _F,
    "four pinocchios": _F, "three pinocchios": _F,
    "misleading": _M, "missing context": _M, "lacks context": _M, "needs context": _M, "out of context": _M,
    "partly false": _M, "partially false": _M, "partly true": _M, "partially true": _M, "half true": _M,
    "half truth": _M, "mixture": _M, "mixed": _M, "exaggerated": _M, "exaggeration": _M, "miscaptioned": _M,
    "two pinocchios": _M,
    "true": _T, "mostly true": _T, "correct": _T, "accurate": _T, "correct attribution": _T,
    "one pinocchio": _T, "geppetto checkmark": _T,
    "unproven": _U, "unsupported": _U, "unverified": _U, "unsubstantiated": _U, "no evidence": _U,
    "unproved": _U,
    # German
    "falsch": _F, "größtenteils falsch": _F, "überwiegend falsch": _F, "frei erfunden": _F, "erfunden": _F,
    "manipuliert": _F, "stimmt nicht": _F, "nicht wahr": _F, "unwahr": _F, "gefälscht": _F,
    "irreführend": _M, "fehlender kontext": _M, "falscher kontext": _M, "ohne kontext": _M,
    "aus dem kontext gerissen": _M, "teilweise falsch": _M, "teilweise richtig": _M, "teils richtig": _M,
    "halbwahr": _M, "halb wahr": _M, "übertrieben": _M,
    "richtig": _T, "wahr": _T, "größtenteils richtig": _T, "überwiegend richtig": _T, "stimmt": _T,
    "korrekt": _T, "zutreffend": _T,
    "unbelegt": _U, "nicht belegt": _U, "unbewiesen": _U, "unklar": _U,
}

_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def _rating_key(text: str) -> str:
    # casefold turns ß into ss; umlauts become ae/oe/ue so "Irrefuehrend" matches too.
    key = text.casefold().translate(_TRANSLITERATION)
    key = re.sub(r"[\s\-_]+", " ", key)
    return key.strip(" .!?:;,\"'“”„‘’«»")


_RATING_KEYS = {_rating_key(rating): label for rating, label in RATING_LABELS.items()}


def normalise_rating(text: str | None) -> CorpusLabel | None:
    """The corpus label a publisher's rating stands for, or None when the rating is not in the table.

    Case, spacing, hyphens and surrounding punctuation do not matter.

    >>> normalise_rating("Größtenteils  falsch"), normalise_rating("Pants-on-Fire!")
    (<CorpusLabel.FALSE: 'false'>, <CorpusLabel.FALSE: 'false'>)
    >>> normalise_rating("Half true"), normalise_rating("Quite wrong, we think") is None
    (<CorpusLabel.MISLEADING: 'misleading'>, True)
    """
    if not text or not text.strip():
        return None
    return _RATING_KEYS.get(_rating_key(text))


def parse_date(text: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD) from the date forms fact-checkers use, or None when it is not one.

    >>> parse_date("26 May 2015"), parse_date("2025-02-20T10:00:00+01:00"), parse_date("3. März 2025")
    ('2015-05-26', '2025-02-20', '2025-03-03')
    """
    if not text or not text.strip():
        return None
    value = text.strip()
    try:
        if match := re.match(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ])", value):
            return dt.date(*map(int, match.groups())).isoformat()
        if match := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", value):  # German 20.02.2025
            day, month, year = map(int, match.groups())
            return dt.date(year, month, day).isoformat()
        if match := re.fullmatch(r"(\d{1,2})\.?\s*([^\W\d_]+)\.?,?\s*(\d{4})", value):  # 26 May 2015
            day, name, year = match.groups()
            if month := _MONTHS.get(name.casefold()):
                return dt.date(int(year), month, int(day)).isoformat()
        if match := re.fullmatch(r"([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})", value):  # May 26, 2015
            name, day, year = match.groups()
            if month := _MONTHS.get(name.casefold()):
                return dt.date(int(year), month, int(day)).isoformat()
    except ValueError:  # 31 February and the like
        return None
    return None


_MONTH_NAMES = (
    ("january", "jan", "januar", "jänner"), ("february", "feb", "februar"), ("march", "mar", "märz", "maerz", "mär"),
    ("april", "apr"), ("may", "mai"), ("june", "jun", "juni"), ("july", "jul", "juli"), ("august", "aug"),
    ("september", "sep", "sept"), ("october", "oct", "oktober", "okt"), ("november", "nov"),
    ("december", "dec", "dezember", "dez"),
)
_MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names}
_LANGUAGE_NAMES = {"english": "en", "englisch": "en", "german": "de", "deutsch": "de"}


def import_file(path: Path, kind: ImportFormat | str, mapping: Mapping[str, str] | None = None) -> ImportResult:
    """Read a file (UTF-8, with or without BOM) and import it; CorpusError if it cannot be read.

    `mapping` (field -> column) applies to CSV only.
    """
    kind = ImportFormat(kind)
    if mapping and kind is not ImportFormat.CSV:
        raise CorpusError(f"a column mapping applies only to CSV input, not to {kind.value}.")
    data = read_bytes(path, CorpusError, expected="the file to import")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CorpusError(f"{path}:{line}: not UTF-8 text; save the file as UTF-8 and import it again.") from None
    source = str(path)
    if kind is ImportFormat.CLAIMREVIEW:
        return import_claimreview(text, source)
    if kind is ImportFormat.CSV:
        return import_csv(text, source, mapping)
    return import_checkthat(text, source)


def stable_id(prefix: str, url: str | None, text: str) -> str:
    """`prefix-` and 12 hex digits of a hash of URL and claim text: the same review always gets the same id.

    >>> stable_id("cr", "https://example.org/a", "The moon is  made of cheese.") == stable_id(
    ...     "cr", "https://example.org/a", "The moon is made of cheese.")
    True
    """
    digest = hashlib.sha256(f"{url or ''}\n{' '.join(text.split())}".encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:12]}"


# --- ClaimReview -----------------------------------------------------------------------------


def import_claimreview(data: str, source: str, prefix: str = "cr") -> ImportResult:
    """Entries from ClaimReview JSON-LD, a `claims:search` response, or an HTML page embedding JSON-LD.

    `source` names the input in warnings (a file path). Raises CorpusError when the input is
    neither JSON nor an HTML page; a broken JSON-LD block inside a page is only a warning.

    >>> page = '{"@type": "ClaimReview", "claimReviewed": "Die Erde ist flach.", "url": "https://example.org/f",'
    >>> page += ' "reviewRating": {"@type": "Rating", "alternateName": "Falsch"}, "inLanguage": "de-DE"}'
    >>> entry = import_claimreview(page, "page.json").entries[0]
    >>> entry.label.value, entry.rating, entry.language
    ('false', 'Falsch', 'de')
    """
    builder = _EntryBuilder(prefix)
    data = data.lstrip("\ufeff")
    try:
        documents = [(source, json.loads(data))]
    except json.JSONDecodeError as error:
        if not re.search(r"<(html|head|body|script|!doctype)\b", data[:100_000], re.IGNORECASE):
            raise CorpusError(f"{source}:{error.lineno}:{error.colno}: not valid JSON ({error.msg}); expected "
                              "ClaimReview JSON-LD, a Fact Check Tools claims:search response or an HTML page."
                              ) from None
        documents = _json_ld_blocks(data, source, builder.warnings)
    for where, document in documents:
        for location, review, api_claim in _find_reviews(document, "$"):
            builder.add(_review_fields(review, api_claim), f"{where} {location}")
    return builder.result()


def _json_ld_blocks(page: str, source: str, warnings: list[str]) -> list[tuple[str, object]]:
    scripts = _JsonLdScripts()
    scripts.feed(page)
    scripts.close()
    blocks = []
    for line, text in scripts.blocks:
        try:
            blocks.append((f"{source}:{line}", json.loads(text)))
        except json.JSONDecodeError as error:
            where = f"{source}:{line + error.lineno - 1}"
            warnings.append(f"{where}: JSON-LD block is not valid JSON ({error.msg}); skipped")
    return blocks


class _JsonLdScripts(HTMLParser):
    """Collects the text of every <script type="application/ld+json"> with the line it starts on."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)  # script content is raw text; keep it as written
        self.blocks: list[tuple[int, str]] = []
        self._open: tuple[int, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = (dict(attrs).get("type") or "").split(";")[0].strip().lower()
        if tag == "script" and kind == "application/ld+json":
            self._open = (self.getpos()[0], [])

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            self.blocks.append((self._open[0], "".join(self._open[1])))
            self._open = None


def _is_claim_review(node: dict) -> bool:
    types = node.get("@type")
    types = types if isinstance(types, list) else [types]
    # "ClaimReview", "schema:ClaimReview" and "http://schema.org/ClaimReview" all occur
    return any(isinstance(t, str) and re.split(r"[/:#]", t)[-1] == "ClaimReview" for t in types)


def _find_reviews(node: object, path: str) -> Iterator[tuple[str, dict, dict | None]]:
    """Every review in a JSON document: (JSON path, review, the API claim it belongs to or None)."""
    if isinstance(node, list):
        for position, item in enumerate(node):
            yield from _find_reviews(item, f"{path}[{position}]")
    elif isinstance(node, dict):
        if _is_claim_review(node):
            yield path, node, None
        elif isinstance(node.get("claimReview"), list) and "text" in node:  # Fact Check Tools API claim
            for position, review in enumerate(node["claimReview"]):
                if isinstance(review, dict):
                    yield f"{path}.claimReview[{position}]", review, node
        else:
            for key, value in node.items():
                if isinstance(value, (dict, list)):
                    yield from _find_reviews(value, f"{path}.{key}" if key.isidentifier() else f"{path}[{key!r}]")


def _review_fields(review: dict, claim: dict | None) -> dict:
    """Raw entry fields of one review, before validation; `_ratings` lists rating candidates in order."""
    if claim is not None:  # Google Fact Check Tools claims:search shape
        publisher = review.get("publisher") if isinstance(review.get("publisher"), dict) else {}
        return {
            "text": _string(claim.get("text")),
            "source_url": _string(review.get("url")),
            "title": _string(review.get("title")),
            "publisher": _string(publisher.get("name")) or _string(publisher.get("site")),
            "date": _string(review.get("reviewDate")),
            "language": _string(review.get("languageCode")) or _string(claim.get("languageCode")),
            "rating": _string(review.get("textualRating")),
            "_ratings": [_string(review.get("textualRating"))],
        }
    item = review.get("itemReviewed") if isinstance(review.get("itemReviewed"), dict) else {}
    rating = _first_dict(review.get("reviewRating"))
    ratings = [_string(rating.get("alternateName")), _string(review.get("textualRating")), _string(rating.get("name"))]
    return {
        "text": _string(review.get("claimReviewed")) or _string(item.get("text")),
        "source_url": _string(review.get("url")),
        "title": _string(review.get("name")) or _string(review.get("headline")),
        "publisher": _name(review.get("author")) or _name(review.get("publisher")),
        "date": _string(review.get("datePublished")),
        "language": _language_text(review.get("inLanguage")),
        "rating": next((text for text in ratings if text), None),
        "_ratings": ratings,
        "_scale": rating,
    }


def _string(value: object) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    text = " ".join(html.unescape(value).split())  # JSON-LD in pages often carries &amp; and line breaks
    return text or None


def _first_dict(value: object) -> dict:
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, dict)), None)
    return value if isinstance(value, dict) else {}


def _name(value: object) -> str | None:
    if isinstance(value, str):
        return _string(value)
    node = _first_dict(value)
    return _string(node.get("name")) or _string(node.get("alternateName"))


def _language_text(value: object) -> str | None:
    if isinstance(value, str):
        return _string(value)
    node = _first_dict(value)
    return _string(node.get("alternateName")) or _string(node.get("name"))


def _scale_label(rating: dict) -> tuple[CorpusLabel | None, str | None]:
    """Label from ratingValue between worstRating and bestRating (schema.org defaults 1 and 5)."""
    try:
        value = float(rating["ratingValue"])
        best = float(rating.get("bestRating", 5))
        worst = float(rating.get("worstRating", 1))
    except (KeyError, TypeError, ValueError):
        return None, None
    words = f"{value:g} on a scale of {worst:g} to {best:g}"
    if best == worst or not min(best, worst) <= value <= max(best, worst):
        return None, words
    position = (value - worst) / (best - worst)  # 0 = worst, 1 = best
    # thirds would put 2 of 5 ("mostly false") among the misleading; quarters keep it false
    if position <= 0.25:
        return CorpusLabel.FALSE, words
    if position >= 0.75:
        return CorpusLabel.TRUE, words
    return CorpusLabel.MISLEADING, words


# --- CSV ---------------------------------------------------------------------------------------


def parse_mapping(spec: str) -> dict[str, str]:
    """`text=Claim,label=Verdict` as {"text": "Claim", "label": "Verdict"}; CorpusError names the problem.

    >>> parse_mapping("text=Claim, label = Verdict")
    {'text': 'Claim', 'label': 'Verdict'}
    """
    mapping: dict[str, str] = {}
    for pair in spec.split(","):
        if not pair.strip():
            continue
        field, equals, column = pair.partition("=")
        field, column = field.strip().lower(), column.strip()
        if not equals or not column:
            raise CorpusError(f"column mapping {pair.strip()!r} must be FIELD=COLUMN, e.g. text=Claim,label=Verdict.")
        if field not in ENTRY_FIELDS:
            raise CorpusError(f"column mapping names unknown field {field!r}; fields: {', '.join(ENTRY_FIELDS)}.")
        mapping[field] = column
    return mapping


def import_csv(data: str, source: str, mapping: Mapping[str, str] | None = None, prefix: str = "csv") -> ImportResult:
    """Entries from a CSV file with a header row; `mapping` is field -> column header.

    Unmapped fields are read from a column named like the field (case-insensitive), if any.
    The delimiter (comma, semicolon, tab or bar) is sniffed. Rows without text are skipped with a
    warning naming the line. A label column is normalised through `RATING_LABELS`; with no label
    column, the rating column is. Without an id column, ids are `prefix-` and a hash of URL and text.

    >>> rows = "Claim;Verdict\\nDie Erde ist flach.;Falsch\\n;Richtig\\n"
    >>> result = import_csv(rows, "f.csv", {"text": "Claim", "label": "Verdict"})
    >>> [(entry.label.value, entry.rating) for entry in result.entries]
    [('false', 'Falsch')]
    >>> print(*result.warnings)
    f.csv:3: no text in column 'Claim'; row skipped
    """
    mapping = dict(mapping or {})
    unknown = sorted(set(mapping) - set(ENTRY_FIELDS))
    if unknown:
        raise CorpusError(f"column mapping names unknown field(s) {', '.join(unknown)}; "
                          f"fields: {', '.join(ENTRY_FIELDS)}.")
    data = data.lstrip("\ufeff")
    if not data.strip():
        raise CorpusError(f"{source}: the CSV file is empty; it needs a header row and one row per claim.")
    reader = csv.reader(io.StringIO(data, newline=""), delimiter=_sniff_delimiter(data))
    header = [name.strip() for name in next(reader)]
    columns = _column_positions(header, mapping, source)
    builder = _EntryBuilder(prefix)
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise CorpusError(f"{source}:{line}: not readable as CSV ({error}).") from None
        if not any(cell.strip() for cell in row):
            continue
        cells = {field: _cell(row, position) for field, position in columns.items()}
        where = f"{source}:{line}"
        if not cells.get("text"):
            builder.warnings.append(f"{where}: no text in column {header[columns['text']]!r}; row skipped")
            continue
        label_text, rating = cells.pop("label", None), cells.get("rating")
        raw = {**cells, "_ratings": [label_text, rating]}
        if label_text and not rating and label_text.casefold() not in {label.value for label in CorpusLabel}:
            raw["rating"] = label_text  # keep the publisher's words when they are only in the label column
        builder.add(raw, where)
    return builder.result()


def _sniff_delimiter(data: str) -> str:
    # The header decides first: column names rarely hold a delimiter, claim texts often hold commas.
    header = re.sub(r'"[^"]*"', "", data.lstrip().splitlines()[0])
    counts = sorted(((header.count(d), d) for d in ",;\t|"), reverse=True)
    if counts[0][0] == 0:
        return "\x1f"  # a single column: split on nothing, so a comma inside a claim stays in it
    if counts[0][0] > counts[1][0]:
        return counts[0][1]
    try:
        return csv.Sniffer().sniff("\n".join(data.splitlines()[:50]), delimiters=",;\t|").delimiter
    except csv.Error:
        return ","  # one column, or nothing to tell them apart


def _column_positions(header: list[str], mapping: dict[str, str], source: str) -> dict[str, int]:
    by_name = {name.casefold(): position for position, name in enumerate(header)}
    positions = {}
    for field in ENTRY_FIELDS:
        column = mapping.get(field, field)
        if column.casefold() in by_name:
            positions[field] = by_name[column.casefold()]
        elif field in mapping:
            raise CorpusError(f"{source}:1: no column {column!r} for field {field!r}; "
                              f"the columns are: {', '.join(header)}.")
    if "text" not in positions:
        raise CorpusError(f"{source}:1: no 'text' column; name the claim column with --map text=COLUMN "
                          f"(the columns are: {', '.join(header)}).")
    return positions


def _cell(row: list[str], position: int) -> str | None:
    return (" ".join(row[position].split()) or None) if position < len(row) else None


# --- CheckThat! verified claims -----------------------------------------------------------------


def import_checkthat(data: str, source: str) -> ImportResult:
    """Entries from a CheckThat! verified-claims JSONL file (`vclaim_id`, `vclaim`, `title`, `page_url`, `date`).

    Ids stay the collection's `vclaim_id`, so runs over the index score against the task's QRELs.
    The collections carry no verdicts: label and rating are None. Language is "en".

    >>> line = '{"vclaim_id": "vclaim-sno-1", "vclaim": "Fries cost $1.", "title": "Fries", "date": "26 May 2015"}'
    >>> entry = import_checkthat(line, "vclaims.jsonl").entries[0]
    >>> entry.id, entry.date, entry.label
    ('vclaim-sno-1', '2015-05-26', None)
    """
    builder = _EntryBuilder(prefix="vclaim")
    for number, line in enumerate(data.lstrip("\ufeff").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as error:
            builder.warnings.append(f"{where}: not valid JSON ({error.msg} at column {error.colno}); line skipped")
            continue
        if not isinstance(raw, dict) or not _string(raw.get("vclaim_id")) or not _string(raw.get("vclaim")):
            builder.warnings.append(f"{where}: needs 'vclaim_id' and 'vclaim'; line skipped")
            continue
        url = _string(raw.get("page_url"))
        host = (urlsplit(url).hostname or "") if url else ""
        builder.add({
            "id": _string(raw["vclaim_id"]),
            "text": _string(raw["vclaim"]),
            "title": _string(raw.get("title")),
            "source_url": url,
            "publisher": "Snopes" if host == "snopes.com" or host.endswith(".snopes.com") else None,
            "date": _string(raw.get("date")),
            "language": "en",
        }, where)
    return builder.result()


# --- building validated entries ----------------------------------------------------------------


class _EntryBuilder:
    """Turns raw fields into validated entries, collecting warnings and dropping duplicate ids."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.entries: list[CorpusEntry] = []
        self.warnings: list[str] = []
        self._seen: dict[str, str] = {}

    def add(self, raw: dict, where: str) -> None:
        ratings = [text for text in raw.pop("_ratings", []) if text]
        scale = raw.pop("_scale", None)
        text = raw.get("text")
        if not text:
            self.warnings.append(f"{where}: no claim text; skipped")
            return
        fields = {name: raw.get(name) for name in ENTRY_FIELDS}
        fields["source_url"] = self._url(fields["source_url"], where)
        fields["date"] = self._date(fields["date"], where)
        fields["language"] = self._language(fields["language"], where)
        label = next((label for label in map(normalise_rating, ratings) if label), None)
        if label is None and ratings:
            self.warnings.append(f"{where}: unknown rating {ratings[0]!r}; imported with no label "
                                 "(add it to RATING_LABELS in checker/importers.py or label the entry by hand)")
        elif label is None and scale:  # numbers only count when the publisher gave no words
            label, words = _scale_label(scale)
            fields["rating"] = words
            if label is None and words:
                self.warnings.append(f"{where}: rating {words} cannot be read as a label; imported with no label")
        fields["label"] = label.value if label else None
        fields["id"] = fields["id"] or stable_id(self.prefix, fields["source_url"], text)
        try:
            entry = parse_entry(json.dumps({k: v for k, v in fields.items() if v is not None}, ensure_ascii=False))
        except ValueError as error:
            self.warnings.append(f"{where}: {error}; skipped")
            return
        if entry.id in self._seen:
            self.warnings.append(f"{where}: duplicate id {entry.id!r} (first at {self._seen[entry.id]}); dropped")
            return
        self._seen[entry.id] = where
        self.entries.append(entry)

    def result(self) -> ImportResult:
        return ImportResult(entries=tuple(self.entries), warnings=tuple(self.warnings))

    def _url(self, url: str | None, where: str) -> str | None:
        if url is None:
            return None
        parts = urlsplit(url)
        if parts.scheme.lower() in ("http", "https") and parts.netloc and url.startswith(("http://", "https://")):
            return url
        self.warnings.append(f"{where}: URL {url[:80]!r} is not http(s); dropped")
        return None

    def _date(self, value: str | None, where: str) -> str | None:
        if value is None:
            return None
        date = parse_date(value)
        if date is None:
            self.warnings.append(f"{where}: date {value[:40]!r} is not a date this importer reads; dropped")
        return date

    def _language(self, value: str | None, where: str) -> str | None:
        if value is None:
            return None
        code = _LANGUAGE_NAMES.get(value.casefold(), re.split(r"[-_]", value)[0].lower())
        if 2 <= len(code) <= 3 and code.isalpha() and code.isascii():
            return code
        self.warnings.append(f"{where}: language {value!r} is not a language code; dropped")
        return None
