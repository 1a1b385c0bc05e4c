"""The search index: dense (FAISS, inner product on normalised e5 vectors = cosine) and
lexical (BM25) side by side, fused by reciprocal rank.

An index is a folder written atomically (built beside, then renamed into place) with a
manifest holding the corpus version, the model fingerprint, the dense index's layout and a
sha256 of every file, checked at load: a stale or corrupt index is reported, never served.
An index grows without a rebuild: `add` embeds only the new entries.
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
from checker.dense_index import EXACT_UP_TO, DenseLayout, build_dense, grow_dense, layout_for, read_dense
from checker.embed import Embedder
from checker.errors import SearchIndexError
from checker.lexical import LexicalIndex
from checker.records import CorpusEntry, CorpusInfo, Hit
from checker.text import claim_text_for_embedding

class Retriever(str, Enum):
    DENSE = "dense"
    LEXICAL = "lexical"


BOTH = frozenset(Retriever)
# 2: the lexical side also indexes titles; 3: passage vectors for ranking; 4: the dense index's
# kind (flat or HNSW, by size) and parameters in the manifest
FORMAT_VERSION = 4
MANIFEST = "manifest.json"
ENTRIES = "entries.jsonl"
DENSE = "dense.faiss"  # "passage:" vectors of title + claim: what the dense side ranks by
CLAIMS = "claims.faiss"  # "query:" vectors of the claim alone: the similarity verdicts read
LEXICAL = "lexical"


class SearchIndex:
    """Hybrid search over one corpus, made with one embedding model."""

    def __init__(self, info: CorpusInfo, entries: tuple[CorpusEntry, ...], dense: faiss.Index,
                 claims: faiss.Index, lexical: LexicalIndex, model: str, layout: DenseLayout):
        self.info = info
        self.entries = entries
        self.model = model
        self.layout = layout  # the dense index's kind and parameters
        self._dense = dense
        self._claims = claims
        self._lexical = lexical

    @classmethod
    def build(cls, corpus: Corpus, embedder: Embedder, *, exact_up_to: int = EXACT_UP_TO) -> "SearchIndex":
        """Embed every entry and index it both ways (no I/O); search is exact up to `exact_up_to` entries."""
        documents = [document_of(entry) for entry in corpus.entries]
        layout = layout_for(len(documents), exact_up_to)
        dense = build_dense(embedder.embed_passages(documents), layout)
        claims = _vector_store(embedder.embed_queries([entry.text for entry in corpus.entries]))
        lexical = LexicalIndex.build(documents, [entry.language for entry in corpus.entries])
        return cls(corpus.info, corpus.entries, dense, claims, lexical, embedder.fingerprint, layout)

    def add(self, entries: tuple[CorpusEntry, ...] | list[CorpusEntry], embedder: Embedder,
            info: CorpusInfo | None = None, *, exact_up_to: int = EXACT_UP_TO) -> None:
        """Index new entries in place, embedding only them; searches then see the union.

        `info` describes the grown corpus (default: this one's name, a version derived from
        both versions, the new count). Raises SearchIndexError, changing nothing, for an id
        already in the index or twice among `entries`, or for another embedding model.
        Vectors are appended; the flat index becomes HNSW when the corpus grows past
        `exact_up_to`. The BM25 side is rebuilt over all entries, since its document
        frequencies change with every entry: about 0.1 ms an entry (bench/scale.py), where
        embedding the whole corpus again would take hours at a million entries. Call `save`
        to persist.
        """
        entries = tuple(entries)
        if embedder.fingerprint != self.model:
            raise SearchIndexError(f"the index was built with {self.model}, not {embedder.fingerprint}; "
                                   f"add with the same model, or rebuild the index.")
        known = {entry.id for entry in self.entries}
        for entry in entries:
            if entry.id in known:
                raise SearchIndexError(f"entry id {entry.id!r} is already in the index; give the new entry "
                                       f"another id (nothing was added).")
            known.add(entry.id)
        if not entries:
            return
        documents = [document_of(entry) for entry in entries]
        dense_vectors = embedder.embed_passages(documents)
        claim_vectors = embedder.embed_queries([entry.text for entry in entries])
        union = self.entries + entries
        lexical = LexicalIndex.build([document_of(entry) for entry in union], [entry.language for entry in union])
        # Everything that can fail has run; from here on the index changes as a whole.
        self._dense, self.layout = grow_dense(self._dense, self.layout, dense_vectors, exact_up_to)
        self._claims.add(np.ascontiguousarray(claim_vectors, np.float32))
        self._lexical = lexical
        self.entries = union
        self.info = info or CorpusInfo(
            name=self.info.name,
            version=hashlib.sha256(f"{self.info.version}+{_entries_digest(entries)}".encode()).hexdigest()[:12],
            entries=len(union),
        )

    def search_texts(self, embedder: Embedder, texts: list[str], languages: list[str],
                     *, top_k: int, candidates: int, rrf_k: int, lexical_weight: float = 1.0,
                     retrievers: frozenset[Retriever] = BOTH) -> list[list[Hit]]:
        """Embed the texts (without links and post signatures) and search; see `search`."""
        vectors = embedder.embed_queries([claim_text_for_embedding(text) for text in texts])
        return self.search(vectors, texts, languages, top_k=top_k, candidates=candidates, rrf_k=rrf_k,
                           lexical_weight=lexical_weight, retrievers=retrievers)

    def search(self, vectors: np.ndarray, texts: list[str], languages: list[str],
               *, top_k: int, candidates: int, rrf_k: int, lexical_weight: float = 1.0,
               retrievers: frozenset[Retriever] = BOTH) -> list[list[Hit]]:
        """The top_k entries for each query, ranked by reciprocal-rank fusion of the retrievers:
        1 / (rrf_k + dense rank) + lexical_weight / (rrf_k + lexical rank).

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
        for row, (vector, language) in enumerate(zip(vectors, languages)):
            fused: dict[int, float] = {}
            for ranking, weight in ((dense_ranked[row], 1.0), (lexical_ranked[row], lexical_weight)):
                for rank, position in enumerate(ranking, start=1):
                    fused[position] = fused.get(position, 0.0) + weight / (rrf_k + rank)
            best = sorted(fused, key=lambda position: (-fused[position], position))[:top_k]
            entry_vectors = self._claims.reconstruct_batch(np.array(best, dtype=np.int64)) if best else []
            results.append([
                Hit(entry=self.entries[position], similarity=float(np.dot(vector, entry_vector)),
                    score=fused[position], cross_lingual=self.entries[position].language not in (None, language))
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
            "dense_index": self.layout.to_json(),
            "files": {name: _sha256(folder / name) for name in _data_files(folder)},
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, *, model: str | None = None) -> "SearchIndex":
        """Load an index, verifying every file's checksum (and the model, if given)."""
        _restore_retired(folder)
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
        layout = DenseLayout.from_json(manifest["dense_index"])
        dense = read_dense(folder / DENSE, layout)
        claims = faiss.read_index(str(folder / CLAIMS))
        lexical = LexicalIndex.load(folder / LEXICAL, len(entries))
        info = CorpusInfo(**manifest["corpus"])
        return cls(info, entries, dense, claims, lexical, manifest["model"], layout)


def add_to_folder(folder: Path, entries: tuple[CorpusEntry, ...], embedder: Embedder,
                  *, exact_up_to: int = EXACT_UP_TO) -> SearchIndex:
    """Load the index in `folder` (checksums verified), add the entries and write it back atomically.

    The grown index is written beside the old one and renamed into place, so a crash at
    any point leaves the old index whole and loadable.
    """
    index = SearchIndex.load(folder, model=embedder.fingerprint)
    index.add(entries, embedder, exact_up_to=exact_up_to)
    index.save(folder)
    return index


def document_of(entry: CorpusEntry) -> str:
    """What the candidate-finding side reads of an entry: its title, then its claim.

    A fact-check's title names the claim in other words ("Did 122 Prisoners Released from
    Guantanamo Return to the Battlefield?"). Both BM25 and e5's asymmetric "passage:"
    vectors read it (CT2022 dev-test dense MAP@5 0.844 -> 0.882). Whether a candidate is the
    same claim is judged on the claim alone, symmetric "query:" vs "query:" (see embed.py).
    """
    return f"{entry.title}. {entry.text}" if entry.title else entry.text


def _vector_store(vectors: np.ndarray) -> faiss.Index:
    """The claims' "query:" vectors, looked up by position (never searched), so flat at any size."""
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(np.ascontiguousarray(vectors, np.float32))
    return index


def _entries_digest(entries: tuple[CorpusEntry, ...]) -> str:
    return hashlib.sha256("".join(entry_to_json(entry) + "\n" for entry in entries).encode()).hexdigest()


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
    and an unchanged one is loaded, never rebuilt. A corpus that only grew (entries
    appended, as the corpus page does) starts from the index of its earlier version and
    embeds just the new entries.
    """
    key = hashlib.sha256(f"{corpus.info.version}|{embedder.fingerprint}".encode()).hexdigest()[:16]
    folder = root / f"{corpus.info.name}-{key}"
    if (folder / MANIFEST).is_file() or _retired_copies(folder):
        try:
            return SearchIndex.load(folder, model=embedder.fingerprint)
        except SearchIndexError:
            pass  # corrupt or half-deleted: rebuild below, replacing it atomically
    index = _earlier_version(corpus, embedder, root)
    if index is None:
        index = SearchIndex.build(corpus, embedder)
    else:
        index.add(corpus.entries[len(index.entries):], embedder, corpus.info)
    index.save(folder)
    return index


def _earlier_version(corpus: Corpus, embedder: Embedder, root: Path) -> SearchIndex | None:
    """The largest saved index of this corpus and model whose entries begin the corpus, if any."""
    earlier = []
    for folder in root.glob(f"{corpus.info.name}-*"):
        try:
            manifest = read_manifest(folder)
        except SearchIndexError:
            continue
        if manifest["model"] == embedder.fingerprint and manifest["corpus"]["entries"] < corpus.info.entries:
            earlier.append((manifest["corpus"]["entries"], folder))
    for _, folder in sorted(earlier, reverse=True):
        try:
            index = SearchIndex.load(folder, model=embedder.fingerprint)
        except SearchIndexError:
            continue
        if index.entries == corpus.entries[:len(index.entries)]:  # grown only; an edited entry means a rebuild
            return index
    return None


def _replace_folder(staging: Path, folder: Path) -> None:
    """Move `staging` to `folder`; an existing folder is swapped out, then removed.

    Two renames, as a folder cannot replace another in one: a crash between them leaves
    the old index as a retired copy, which `SearchIndex.load` puts back.
    """
    if not folder.exists():
        os.replace(staging, folder)
        return
    retired = folder.with_name(f".{folder.name}.old-{uuid.uuid4().hex[:8]}")
    os.replace(folder, retired)
    os.replace(staging, folder)
    shutil.rmtree(retired, ignore_errors=True)


def _retired_copies(folder: Path) -> list[Path]:
    """Copies of `folder` swapped out by `_replace_folder`, newest first."""
    copies = [path for path in folder.parent.glob(f".{folder.name}.old-*") if (path / MANIFEST).is_file()]
    return sorted(copies, key=lambda path: (path / MANIFEST).stat().st_mtime, reverse=True)


def _restore_retired(folder: Path) -> None:
    """After a crash between the two renames of `_replace_folder`, put the old index back."""
    if not folder.exists():
        for retired in _retired_copies(folder)[:1]:
            os.replace(retired, folder)


def _data_files(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*")
                  if path.is_file() and path.name != MANIFEST)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
