"""Shared fixtures: tiny corpora, a deterministic fake embedder, paths to shared data."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from checker.config import Settings
from checker.records import (ASSERTED, Attribution, AttributionType, Claim, CorpusEntry, CorpusLabel, Layout,
                             Sentence, SentenceKind)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
MOTIVATING_ARTICLE = SHARED / "examples" / "rare-earths-deal-de.txt"


def needs_shared(path: Path) -> Path:
    """Skip (saying why) in a clone that has no ../shared/ beside it; CI has it."""
    if not path.exists():
        pytest.skip(f"{path} not found: the shared data folder is not beside this checkout")
    return path


def load_bench_script(name: str) -> ModuleType:
    """Import bench/<name>.py (not a package) so tests can check its helpers."""
    sys.path.insert(0, str(REPO / "bench"))  # the scripts import their sibling `common`
    spec = importlib.util.spec_from_file_location(f"bench_{name}", REPO / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there while the file runs
    spec.loader.exec_module(module)
    return module


def write_corpus(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


SMALL_CORPUS = [
    {"id": "f1", "text": "Ukraine started the war with Russia.", "label": "false", "rating": "False",
     "language": "en", "publisher": "Example Checks", "date": "2025-02-20",
     "source_url": "https://example.org/f1", "evidence": "Russia invaded Ukraine on 24 February 2022."},
    {"id": "t1", "text": "Russia invaded Ukraine on 24 February 2022.", "label": "true", "rating": "Sourced fact",
     "language": "en"},
    {"id": "m1", "text": "The minerals deal is worth 500 billion dollars.", "label": "misleading",
     "rating": "Misleading", "language": "en"},
    {"id": "d1", "text": "Die Ukraine wurde nicht zu den Gesprächen in Riad eingeladen.", "label": "true",
     "rating": "Fakt", "language": "de"},
]


@pytest.fixture
def small_corpus_file(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "small.jsonl", SMALL_CORPUS)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(index_root=tmp_path / "index")


def make_claim(text: str, *, language: str = "en", checked: str | None = None,
               attribution: Attribution = ASSERTED, sentence_id: int = 0) -> Claim:
    sentence = Sentence(id=sentence_id, text=text, start=0, end=len(text), layout=Layout.TEXT, language=language)
    return Claim(sentence, SentenceKind.CLAIM, 0.9, attribution, checked or text)


def entry(text: str, label: CorpusLabel | None, **fields) -> CorpusEntry:
    return CorpusEntry(id=fields.pop("id", text[:10]), text=text, label=label, **fields)


REPORTED_BY_TRUMP = Attribution(AttributionType.REPORTED, "Trump", "beschuldigte", True)
