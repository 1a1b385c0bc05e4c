"""Reading and validating reference corpora (JSONL, one entry per line).

Required per line: `id`, `text`. Optional: `label` (true, false, misleading, unproven),
`rating`, `language`, `title`, `evidence`, `source_url`, `publisher`, `date` (YYYY-MM-DD).
A corpus is a file or a folder of `*.jsonl` files; every problem is reported with
file:line, and a corpus with any problem is refused whole, so nothing is indexed half.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from checker.errors import CorpusError
from checker.files import read_bytes
from checker.records import CorpusEntry, CorpusInfo, CorpusLabel

REQUIRED_FIELDS = ("id", "text")
OPTIONAL_FIELDS = ("label", "rating", "language", "title", "evidence", "source_url", "publisher", "date")
MAX_PROBLEMS_SHOWN = 10


@dataclass(frozen=True, slots=True)
class Corpus:
    info: CorpusInfo
    entries: tuple[CorpusEntry, ...]


def corpus_files(path: Path) -> list[Path]:
    """The JSONL files a corpus path stands for, in a stable order."""
    if path.is_file():
        return [path]
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.jsonl") if p.is_file())
        if not files:
            raise CorpusError(f"{path}: no *.jsonl files in this folder; a corpus is a JSONL file or a folder of them.")
        return files
    raise CorpusError(f"{path}: no such corpus file or folder.")


def load_corpus(path: Path, *additions: Path) -> Corpus:
    """Read and validate every entry of a corpus file or folder, then of any additions files.

    Additions (the reviewers' own entries, see `append_entries`) are read only if they
    exist. Raises CorpusError listing each malformed line as `file:line: problem`.
    """
    files = corpus_files(path) + [extra for extra in additions if extra.is_file()]
    entries: list[CorpusEntry] = []
    problems: list[str] = []
    first_seen: dict[str, str] = {}
    digest = hashlib.sha256()
    for file in files:
        data = read_bytes(file, CorpusError, expected="a corpus file")
        digest.update(file.name.encode() + b"\0" + data + b"\0")
        for number, line in enumerate(_decode(file, data).splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{file}:{number}"
            try:
                entry = parse_entry(line)
            except ValueError as error:
                problems.append(f"{where}: {error}")
                continue
            if entry.id in first_seen:
                problems.append(f"{where}: duplicate id {entry.id!r} (first at {first_seen[entry.id]})")
                continue
            first_seen[entry.id] = where
            entries.append(entry)
    if problems:
        shown = "\n".join(problems[:MAX_PROBLEMS_SHOWN])
        more = f"\n… and {len(problems) - MAX_PROBLEMS_SHOWN} more" if len(problems) > MAX_PROBLEMS_SHOWN else ""
        raise CorpusError(f"The corpus has {len(problems)} malformed line(s); nothing was indexed.\n{shown}{more}")
    if not entries:
        raise CorpusError(f"{path}: the corpus has no entries.")
    name = path.stem if path.is_file() else path.name
    info = CorpusInfo(name=name, version=digest.hexdigest()[:12], entries=len(entries))
    return Corpus(info=info, entries=tuple(entries))


def entry_to_json(entry: CorpusEntry) -> str:
    """One corpus line for an entry (what `parse_entry` reads back as the same entry)."""
    raw = {name: getattr(entry, name) for name in REQUIRED_FIELDS + OPTIONAL_FIELDS}
    if entry.label is not None:
        raw["label"] = entry.label.value
    return json.dumps({name: value for name, value in raw.items() if value is not None}, ensure_ascii=False)


def entries_to_jsonl(entries: tuple[CorpusEntry, ...] | list[CorpusEntry]) -> str:
    """Serialise entries as corpus JSONL, one object a line, fields that are None left out."""
    return "".join(entry_to_json(entry) + "\n" for entry in entries)


def append_entries(path: Path, entries: list[CorpusEntry]) -> None:
    """Add entries to a corpus file, atomically: the file is rewritten beside and renamed.

    A crash leaves the old file whole; the caller checks ids against the loaded corpus.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    existing = read_bytes(path, CorpusError, expected="a corpus file").decode("utf-8-sig") if path.is_file() else ""
    if existing and not existing.endswith("\n"):
        existing += "\n"
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.",
                                         delete=False)
    try:
        with handle:
            handle.write(existing + entries_to_jsonl(entries))
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def parse_entry(line: str) -> CorpusEntry:
    """Parse one JSONL line into a CorpusEntry; ValueError says what is wrong."""
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(raw, dict):
        raise ValueError("each line must be a JSON object with at least 'id' and 'text'")
    for name in REQUIRED_FIELDS:
        value = raw.get(name)
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"missing field {name!r} (each line needs 'id' and 'text' as non-empty strings)")
    unknown = sorted(set(raw) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS))
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(unknown)}; allowed: {', '.join(REQUIRED_FIELDS + OPTIONAL_FIELDS)}")
    for name in OPTIONAL_FIELDS:
        if raw.get(name) is not None and not isinstance(raw[name], str):
            raise ValueError(f"field {name!r} must be a string")
    return CorpusEntry(
        id=raw["id"].strip(),
        text=raw["text"].strip(),
        label=_parse_label(raw.get("label")),
        rating=raw.get("rating"),
        language=_parse_language(raw.get("language")),
        title=raw.get("title"),
        evidence=raw.get("evidence"),
        source_url=_parse_url(raw.get("source_url")),
        publisher=raw.get("publisher"),
        date=_parse_date(raw.get("date")),
    )


def _parse_label(value: str | None) -> CorpusLabel | None:
    if value is None:
        return None
    try:
        return CorpusLabel(value.strip().lower())
    except ValueError:
        allowed = ", ".join(label.value for label in CorpusLabel)
        raise ValueError(f"label {value!r} is not one of: {allowed}") from None


def _parse_language(value: str | None) -> str | None:
    if value is None:
        return None
    code = value.strip().lower()
    if not (2 <= len(code) <= 3 and code.isalpha()):
        raise ValueError(f"language {value!r} must be an ISO 639-1 code such as 'de' or 'en'")
    return code


def _parse_url(value: str | None) -> str | None:
    if value is None:
        return None
    if not value.startswith(("https://", "http://")):
        raise ValueError(f"source_url {value!r} must start with https:// or http://")
    return value


def _parse_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(f"date {value!r} must be an ISO date, YYYY-MM-DD") from None


def _decode(file: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CorpusError(f"{file}:{line}: not UTF-8 text; save the corpus as UTF-8.") from None
