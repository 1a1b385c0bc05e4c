"""The FAISS index behind the dense retriever, its kind chosen by corpus size.

Up to `EXACT_UP_TO` entries the search is exact: a flat inner-product scan (= cosine on
normalised vectors). Above that, an HNSW graph (`bench/scale.py`, README "Scale"): at 1M
entries a flat scan takes 150-450 ms a query on this 2-core machine, HNSW about 10 ms at
recall@10 0.97 against exact search. HNSW was chosen over IVF-Flat by the same
measurements (faster at equal recall at 10k and 100k), and because it needs no training:
new entries are inserted into the graph, so it never has to be retrained as it grows.

The layout (kind and parameters) is stored in the index manifest and restored at load.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from enum import Enum
from pathlib import Path

import faiss
import numpy as np

# Largest corpus searched exactly. A flat scan of one query costs about 0.1-0.2 ms per 1,000
# entries on one core here (1.0 ms at 10k, 22 ms at 100k; with FAISS's two threads on this
# busy machine 5 and 72 ms), so about 2-4 ms at 20,000; HNSW answers in 1-2 ms at 100k
# with recall@10 0.96-0.99 (bench/scale.py). The CheckThat! collections (10k-14k) stay exact.
EXACT_UP_TO = 20_000
# HNSW: links per node and the candidate list while building. M 16 built 2.6x faster than
# M 32 for the same recall at the same query time (a first trial at 100k, before
# bench/scale.py). efConstruction 80 builds about 2.3x slower than 40 but lifts recall@10
# at 1M from 0.927 to 0.972 at efSearch 2048 (1M entries: 9 minutes to build here, once;
# growing inserts, 3 s per 1,000 entries).
HNSW_M = 16
HNSW_EF_CONSTRUCTION = 80
# The candidate list while searching, by corpus size (up to, efSearch): 512 reached recall@10
# 0.986 at 100k (2.3 ms, graph built with efConstruction 40); 2048 reaches 0.972 at 1M (9.7 ms p50; 1024 gave 0.955 at 4.8 ms,
# too close to the 0.95 goal). Above 1M is unmeasured and keeps the last value.
HNSW_EF_SEARCH = ((100_000, 512), (1_000_000, 2048))


class DenseKind(str, Enum):
    FLAT = "flat"  # exact
    HNSW = "hnsw"  # approximate, a navigable small-world graph


@dataclass(frozen=True, slots=True)
class DenseLayout:
    """Which FAISS index holds the dense vectors, with its parameters (None for flat)."""

    kind: DenseKind
    m: int | None = None
    ef_construction: int | None = None
    ef_search: int | None = None

    def to_json(self) -> dict:
        return {name: value for name, value in asdict(self).items() if value is not None} | {"kind": self.kind.value}

    @classmethod
    def from_json(cls, raw: dict) -> "DenseLayout":
        return cls(DenseKind(raw["kind"]), raw.get("m"), raw.get("ef_construction"), raw.get("ef_search"))


FLAT = DenseLayout(DenseKind.FLAT)


def layout_for(entries: int, exact_up_to: int = EXACT_UP_TO) -> DenseLayout:
    """The rule: exact search up to `exact_up_to` entries, HNSW above, its efSearch by size.

    >>> [layout_for(n).kind.value for n in (10_000, 1_000_000)]
    ['flat', 'hnsw']
    >>> layout_for(50_000).ef_search < layout_for(1_000_000).ef_search
    True
    """
    if entries <= exact_up_to:
        return FLAT
    ef_search = next((ef for largest, ef in HNSW_EF_SEARCH if entries <= largest), HNSW_EF_SEARCH[-1][1])
    return DenseLayout(DenseKind.HNSW, HNSW_M, HNSW_EF_CONSTRUCTION, ef_search)


def build_dense(vectors: np.ndarray, layout: DenseLayout) -> faiss.Index:
    """A new index of this layout holding `vectors` (normalised float32 rows), in row order."""
    dimensions = vectors.shape[1]
    if layout.kind is DenseKind.FLAT:
        index = faiss.IndexFlatIP(dimensions)
    else:
        index = faiss.IndexHNSWFlat(dimensions, layout.m, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = layout.ef_construction
        index.hnsw.efSearch = layout.ef_search
    index.add(np.ascontiguousarray(vectors, np.float32))
    return index


def grow_dense(index: faiss.Index, layout: DenseLayout, vectors: np.ndarray,
               exact_up_to: int = EXACT_UP_TO) -> tuple[faiss.Index, DenseLayout]:
    """Append `vectors`; returns the index to use from now on and its layout.

    Within one kind the vectors are added in place: a flat index appends them, HNSW inserts
    them into its graph (built with its stored M and efConstruction; only efSearch follows
    the new size). When the corpus grows past `exact_up_to`, the flat vectors are moved into
    a new HNSW index: no re-embedding, and `index` itself is left as it was.
    """
    target = layout_for(index.ntotal + len(vectors), exact_up_to)
    if target.kind is not layout.kind:
        return build_dense(np.vstack([index.reconstruct_n(0, index.ntotal), vectors]), target), target
    index.add(np.ascontiguousarray(vectors, np.float32))
    if layout.kind is DenseKind.HNSW:
        layout = replace(layout, ef_search=target.ef_search)
        index.hnsw.efSearch = layout.ef_search
    return index, layout


def read_dense(path: Path, layout: DenseLayout) -> faiss.Index:
    """Load an index written by `faiss.write_index`, with its search parameters from the layout."""
    index = faiss.read_index(str(path))
    if layout.kind is DenseKind.HNSW:
        index.hnsw.efSearch = layout.ef_search
    return index
