"""The search index: dense (FAISS, inner product on normalised e5 vectors = cosine) and
lexical (BM25) side by side, fused by reciprocal rank.

An index is a folder written atomically (built beside, then renamed into place) with a
manifest holding the corpus version, the model fingerprint and a sha256 of every file,
checked at load: a stale or corrupt index is reported, never served.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import uuid
from enum import Enum
from pathlib import Path

import faiss
import numpy as np

from checker.corpus import Corpus, entry_to_json, parse_entry
from checker.embed import Embedder
from checker.errors import SearchIndexError
from checker.lexical import LexicalIndex
from checker.records import CorpusEntry, CorpusInfo, Hit
from checker.text import claim_text_for_embedding

class Retriever(str, Enum):
    DENSE = "dense"
    LEXICAL = "lexical"


BOTH = frozenset(Retriever)
FORMAT_VERSION = 3  # 2: the lexical side also indexes titles; 3: passage vectors for ranking
MANIFEST = "manifest.json"
ENTRIES = "entries.jsonl"
DENSE = "dense.faiss"  # "passage:" vectors of title + claim: what the dense side ranks by
CLAIMS = "claims.faiss"  # "query:" vectors of the claim alone: the similarity verdicts read
LEXICAL = "lexical"


class SearchIndex:
    """Hybrid search over one corpus, made with one embedding model."""

    def __init__(self, info: CorpusInfo, entries: tuple[CorpusEntry, ...], dense: faiss.Index,
                 claims: faiss.Index, lexical: LexicalIndex, model: str):
        self.info = info
        self.entries = entries
        self.model = model
        self._dense = dense
        self._claims = claims
        self._lexical = lexical

    @classmethod
    def build(cls, corpus: Corpus, embedder: Embedder) -> "SearchIndex":
        """Embed every entry and index it both ways (no I/O)."""
        # A fact-check's title names the claim in other words ("Did 122 Prisoners Released
        # from Guantanamo Return to the Battlefield?"). For finding candidates both sides read
        # it: BM25 over claim and title, and e5's asymmetric "passage:" vectors of title and
        # claim (CT2022 dev-test dense MAP@5 0.844 -> 0.882). Whether a candidate is the same
        # claim is judged on the claim alone, symmetric "query:" vs "query:" (see embed.py).
        documents = [f"{entry.title}. {entry.text}" if entry.title else entry.text for entry in corpus.entries]
        dense = _flat_index(embedder.embed_passages(documents))
        claims = _flat_index(embedder.embed_queries([entry.text for entry in corpus.entries]))
        lexical = LexicalIndex.build(documents, [entry.language for entry in corpus.entries])
        return cls(corpus.info, corpus.entries, dense, claims, lexical, embedder.fingerprint)

    def search_texts(self, embedder: Embedder, texts: list[str], languages: list[str],
                     *, top_k: int, candidates: int, rrf_k: int,
                     retrievers: frozenset[Retriever] = BOTH) -> list[list[Hit]]:
        """Embed the texts (without links and post signatures) and search; see `search`."""
        vectors = embedder.embed_queries([claim_text_for_embedding(text) for text in texts])
        return self.search(vectors, texts, languages, top_k=top_k, candidates=candidates, rrf_k=rrf_k,
                           retrievers=retrievers)

    def search(self, vectors: np.ndarray, texts: list[str], languages: list[str],
               *, top_k: int, candidates: int, rrf_k: int,
               retrievers: frozenset[Retriever] = BOTH) -> list[list[Hit]]:
        """The top_k entries for each query, ranked by reciprocal-rank fusion of the retrievers.

        `vectors` are the queries' normalised embeddings (same model as the index); each
        Hit carries the dense cosine, which the verdict stage reads as similarity.
        With one retriever the fusion keeps that retriever's order (benchmarks use this).
        """
        if len(texts) == 0:
            return []
        candidates = min(candidates, len(self.entries))
        no_hits: list[list[int]] = [[] for _ in texts]
        dense_ranked = no_hits
        if Retriever.DENSE in retrievers:
            _, dense_ids = self._dense.search(np.ascontiguousarray(vectors, np.float32), candidates)
            dense_ranked = [[int(i) for i in row if i >= 0] for row in dense_ids]
        lexical_ranked = no_hits
        if Retriever.LEXICAL in retrievers:
            # In the fusion, words count only within one language: across languages BM25 finds
            # little but shared names and numbers, and fusing that noise in costs the dense side
            # its cross-lingual matches (bench/retrieval.py, German -> English).
            same_language_only = Retriever.DENSE in retrievers
            lexical_ranked = [
                [position for position, _ in row
                 if not same_language_only or self.entries[position].language in (None, language)]
                for row, language in zip(self._lexical.search(texts, languages, candidates), languages)
            ]
        results = []
        for row, vector in enumerate(vectors):
            fused: dict[int, float] = {}
            for ranking in (dense_ranked[row], lexical_ranked[row]):
                for rank, position in enumerate(ranking, start=1):
                    fused[position] = fused.get(position, 0.0) + 1.0 / (rrf_k + rank)
            best = sorted(fused, key=lambda position: (-fused[position], position))[:top_k]
            entry_vectors = self._claims.reconstruct_batch(np.array(best, dtype=np.int64)) if best else []
            results.append([
                Hit(entry=self.entries[position], similarity=float(np.dot(vector, entry_vector)),
                    score=fused[position])
                for position, entry_vector in zip(best, entry_vectors)
            ])
        return results

    def save(self, folder: Path) -> None:
        """Write the index to `folder` atomically: a crash leaves the previous index intact."""
        folder = folder.resolve()
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = folder.with_name(f".{folder.name}.building-{uuid.uuid4().hex[:8]}")
        staging.mkdir()
        try:
            self._write(staging)
            _replace_folder(staging, folder)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def _write(self, folder: Path) -> None:
        with open(folder / ENTRIES, "w", encoding="utf-8") as out:
            for entry in self.entries:
                out.write(entry_to_json(entry) + "\n")
        faiss.write_index(self._dense, str(folder / DENSE))
        faiss.write_index(self._claims, str(folder / CLAIMS))
        self._lexical.save(folder / LEXICAL)
        manifest = {
            "format_version": FORMAT_VERSION,
            "corpus": dataclasses.asdict(self.info),
            "model": self.model,
            "files": {name: _sha256(folder / name) for name in _data_files(folder)},
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, *, model: str | None = None) -> "SearchIndex":
        """Load an index, verifying every file's checksum (and the model, if given)."""
        manifest = read_manifest(folder)
        if model is not None and manifest["model"] != model:
            raise SearchIndexError(
                f"{folder}: the index was built with {manifest['model']}, not {model}; rebuild it "
                f"with `factcheck index build`."
            )
        actual = set(_data_files(folder))
        expected = set(manifest["files"])
        if actual != expected:
            raise SearchIndexError(f"{folder}: files missing or added since the index was built "
                                   f"({', '.join(sorted(actual ^ expected))}); rebuild it.")
        for name, checksum in manifest["files"].items():
            if _sha256(folder / name) != checksum:
                raise SearchIndexError(f"{folder}: {name} is corrupt (checksum mismatch); rebuild the index.")
        entries = tuple(parse_entry(line) for line in (folder / ENTRIES).read_text(encoding="utf-8").splitlines())
        dense = faiss.read_index(str(folder / DENSE))
        claims = faiss.read_index(str(folder / CLAIMS))
        lexical = LexicalIndex.load(folder / LEXICAL, len(entries))
        info = CorpusInfo(**manifest["corpus"])
        return cls(info, entries, dense, claims, lexical, manifest["model"])


def _flat_index(vectors: np.ndarray) -> faiss.Index:
    """Exact inner-product search; on normalised vectors that is cosine similarity."""
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(np.ascontiguousarray(vectors, np.float32))
    return index


def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SearchIndexError(f"{folder}: no index here (no {MANIFEST}); build one with `factcheck index build`.") from None
    except (OSError, ValueError) as error:
        raise SearchIndexError(f"{path}: unreadable manifest ({error}); rebuild the index.") from None
    if manifest.get("format_version") != FORMAT_VERSION:
        raise SearchIndexError(f"{folder}: index format {manifest.get('format_version')} is not "
                               f"{FORMAT_VERSION}; rebuild it with `factcheck index build`.")
    return manifest


def open_index(corpus: Corpus, embedder: Embedder, root: Path) -> SearchIndex:
    """The index for this corpus version and model, built and saved under `root` if missing.

    The folder name is derived from both, so a changed corpus or model gets a new index
    and an unchanged one is loaded, never rebuilt.
    """
    key = hashlib.sha256(f"{corpus.info.version}|{embedder.fingerprint}".encode()).hexdigest()[:16]
    folder = root / f"{corpus.info.name}-{key}"
    if (folder / MANIFEST).is_file():
        try:
            return SearchIndex.load(folder, model=embedder.fingerprint)
        except SearchIndexError:
            pass  # corrupt or half-deleted: rebuild below, replacing it atomically
    index = SearchIndex.build(corpus, embedder)
    index.save(folder)
    return index


def _replace_folder(staging: Path, folder: Path) -> None:
    """Move `staging` to `folder`; an existing folder is swapped out, then removed."""
    if not folder.exists():
        os.replace(staging, folder)
        return
    retired = folder.with_name(f".{folder.name}.old-{uuid.uuid4().hex[:8]}")
    os.replace(folder, retired)
    os.replace(staging, folder)
    shutil.rmtree(retired, ignore_errors=True)


def _data_files(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*")
                  if path.is_file() and path.name != MANIFEST)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
