"""The dense index at 10k, 100k and 1M entries: exact flat search (the baseline) against HNSW
(the project's approximate kind) and IVF-Flat (the alternative it was chosen over).

For each size and kind: build time, index bytes, the process's RSS growth while building,
single-query latency p50/p99 (one query per call, as the corpus page searches, FAISS on 2
threads) and recall@10 against exact search, all in the same run. Prints Markdown for the
README.

Vectors: the real e5 "passage:" vectors of the CheckThat! 2022 and 2020 verified claims
(17,861 distinct texts, embedded as the index embeds entries, cached under .cache/bench), then generated
ones, each a real vector moved towards the difference of two other real vectors plus a
little noise, renormalised: the copies stay in the cone e5 vectors occupy and gather around
real claims like topics do (the run prints how close they stay to the real distribution).
Queries: the real CT2022 tweets (train, dev and dev-test), embedded as the checker embeds
claims. Heavy at 1M (over 10 minutes on 2 busy cores, 5 GB of memory); run it niced:

    nice -n 10 .venv/bin/python bench/scale.py [--sizes 10000,100000,1000000] [--ivf-up-to N]
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import faiss
import numpy as np
from common import DATA, CachedEmbedder, require
from retrieval import read_tsv

from checker.config import Settings
from checker.dense_index import HNSW, EXACT_UP_TO, FLAT, build_dense, layout_for
from checker.embed import SentenceTransformerEmbedder
from checker.index import document_of
from checker.lexical import LexicalIndex
from checker.records import CorpusEntry
from checker.text import claim_text_for_embedding

K = 10
LATENCY_QUERIES = 1_000
FLAT_TIMED_LARGE = 50  # above 100k: a flat scan of 1M takes 0.2-1 s a query here, and hardly varies
SEED = 20251125
EF_SEARCH = (256, 512, 1024, 2048, 4096)
NPROBE = (32, 64, 128, 256)
ADDED = 1_000  # vectors added to a built index, to time growth against a rebuild


@dataclass(frozen=True)
class Row:
    kind: str
    build_s: float
    index_bytes: int
    rss_growth_bytes: int
    p50_ms: float
    p99_ms: float
    p50_one_thread_ms: float
    recall: float


def real_vectors(embedder: CachedEmbedder) -> tuple[np.ndarray, list[CorpusEntry], np.ndarray]:
    """The verified claims' passage vectors, their entries, and the CT2022 tweets' query vectors.

    Both collections are Snopes fact-checks: 6,739 documents are in both, kept once.
    """
    ct2022 = require(DATA / "ct2022_task2a_en")
    claims = [json.loads(line) for line in (ct2022 / "vclaims.jsonl").read_text(encoding="utf-8").splitlines()]
    entries = [CorpusEntry(id=c["vclaim_id"], text=c["vclaim"], language="en", title=c.get("title")) for c in claims]
    rows = read_tsv(require(DATA / "ct2020_task2_en") / "verified_claims.docs.tsv", True)
    more = [CorpusEntry(id=r[0], text=r[1], language="en", title=r[2] if len(r) > 2 else None) for r in rows]
    # Embedded collection by collection, as bench/retrieval.py does, so its cached vectors are reused.
    vectors = {}
    for collection in (entries, more):
        documents = [document_of(entry) for entry in collection]
        vectors.update(zip(documents, embedder.embed_passages(documents)))
    tweets = [row[1] for row in read_tsv(ct2022 / "CT2022-Task2A-EN-Train-Dev_Queries.tsv", False)]
    tweets += [row[1] for row in read_tsv(ct2022 / "CT2022-Task2A-EN-Dev-Test_Queries.tsv", True)]
    queries = embedder.embed_queries(list(dict.fromkeys(claim_text_for_embedding(t) for t in tweets)))
    return np.vstack(list(vectors.values())).astype(np.float32), entries + more, queries.astype(np.float32)


def generated(real: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """`count` vectors like the real ones: x_i + beta (x_j - x_k) + noise, renormalised."""
    out = np.empty((count, real.shape[1]), np.float32)
    for start in range(0, count, 100_000):
        n = min(100_000, count - start)
        i, j, k = (rng.integers(0, len(real), n) for _ in range(3))
        beta = rng.uniform(0.2, 0.5, (n, 1)).astype(np.float32)
        noise = rng.standard_normal((n, real.shape[1]), dtype=np.float32)
        noise *= 0.05 / np.linalg.norm(noise, axis=1, keepdims=True)
        block = real[i] + beta * (real[j] - real[k]) + noise
        out[start:start + n] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out


def realism(real: np.ndarray, made: np.ndarray, rng: np.random.Generator) -> str:
    """Mean cosine of random pairs and of each sample's nearest neighbour, real vs generated."""
    def stats(pool: np.ndarray) -> tuple[float, float]:
        sample = pool[rng.choice(len(pool), 1_000, replace=False)]
        others = pool[rng.choice(len(pool), 1_000, replace=False)]
        index = faiss.IndexFlatIP(pool.shape[1])
        index.add(pool)
        nearest, _ = index.search(sample, 2)  # [:, 0] is the sample itself
        return float(np.mean(np.sum(sample * others, axis=1))), float(np.median(nearest[:, 1]))

    (real_pair, real_nn), (made_pair, made_nn) = stats(real), stats(made[:len(real)])
    return (f"random-pair cosine: real {real_pair:.3f}, generated {made_pair:.3f}; nearest-neighbour cosine "
            f"(median, among {len(real):,}): real {real_nn:.3f}, generated {made_nn:.3f}")


def rss_bytes() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS:"))


def index_bytes(index: faiss.Index) -> int:
    return int(faiss.serialize_index(index).nbytes)


def latencies_ms(index: faiss.Index, queries: np.ndarray) -> np.ndarray:
    times = np.empty(len(queries))
    for row, query in enumerate(queries):
        start = time.perf_counter()
        index.search(query[None, :], K)
        times[row] = time.perf_counter() - start
    return times * 1e3


def recall_at_k(found: np.ndarray, exact: np.ndarray) -> float:
    return float(np.mean([len(set(a) & set(b)) / K for a, b in zip(found, exact)]))


def measure(name: str, build: Callable[[], faiss.Index], queries: np.ndarray, exact: np.ndarray | None,
            settings: list[tuple[str, Callable[[faiss.Index], None]]],
            timed: int = LATENCY_QUERIES) -> tuple[list[Row], faiss.Index]:
    """Build once, then time and score each search setting (exact None: the index is the reference)."""
    gc.collect()
    before = rss_bytes()
    start = time.perf_counter()
    index = build()
    build_s = time.perf_counter() - start
    growth, size = rss_bytes() - before, index_bytes(index)
    rows = []
    for label, apply in settings:
        apply(index)
        times = latencies_ms(index, queries[:timed])
        # On a busy 2-core machine a 2-thread search of one query can wait for its second thread
        # at FAISS's OpenMP barrier; one thread shows the cost of the search itself.
        faiss.omp_set_num_threads(1)
        one_thread = latencies_ms(index, queries[:timed])
        faiss.omp_set_num_threads(2)
        _, found = index.search(queries, K)  # batched, for recall only
        rows.append(Row(f"{name}{label}", build_s, size, growth, float(np.percentile(times, 50)),
                        float(np.percentile(times, 99)), float(np.percentile(one_thread, 50)),
                        recall_at_k(found, found if exact is None else exact)))
    return rows, index


def ivf_lists(size: int) -> int:
    """IVF's number of lists: a power of two near 2 sqrt(N)."""
    return 2 ** round(math.log2(2 * math.sqrt(size)))


def ivf_flat(vectors: np.ndarray) -> faiss.Index:
    """IVF-Flat, its k-means trained on at most 50 points per list (faiss's default 256 takes minutes at 1M)."""
    nlist = ivf_lists(len(vectors))
    index = faiss.IndexIVFFlat(faiss.IndexFlatIP(vectors.shape[1]), vectors.shape[1], nlist,
                               faiss.METRIC_INNER_PRODUCT)
    index.cp.max_points_per_centroid = 50
    index.train(vectors)
    index.add(vectors)
    return index


def set_ef(ef: int) -> Callable[[faiss.Index], None]:
    return lambda index: setattr(index.hnsw, "efSearch", ef)


def set_nprobe(nprobe: int) -> Callable[[faiss.Index], None]:
    return lambda index: setattr(index, "nprobe", nprobe)


def bench_size(size: int, real: np.ndarray, queries: np.ndarray, rng: np.random.Generator, ivf_up_to: int,
               ef_constructions: list[int]) -> None:
    vectors = real[:size] if size <= len(real) else np.vstack([real, generated(real, size - len(real), rng)])
    fresh = generated(real, ADDED, rng)
    rule = layout_for(size)
    flat_timed = LATENCY_QUERIES if size <= 100_000 else FLAT_TIMED_LARGE
    print(f"### {size:,} entries ({min(size, len(real)):,} real), {len(queries):,} queries for recall, "
          f"{LATENCY_QUERIES:,} timed one by one ({flat_timed:,} for flat); the rule picks {rule.kind.value}\n")
    rows, flat = measure("flat (exact, baseline)", lambda: build_dense(vectors, FLAT), queries, None,
                         [("", lambda index: None)], timed=flat_timed)
    _, exact = flat.search(queries, K)  # the ground truth for recall
    del flat
    hnsw_rows, additions = [], []
    for ef_construction in ef_constructions:
        layout = replace(HNSW, ef_construction=ef_construction)
        rows_here, hnsw = measure(f"HNSW M {layout.m}, efConstruction {ef_construction}",
                                  lambda: build_dense(vectors, layout), queries, exact,
                                  [(f", efSearch {ef}", set_ef(ef)) for ef in EF_SEARCH])
        start = time.perf_counter()
        hnsw.add(fresh)
        additions.append(f"Adding {ADDED:,} vectors to the built HNSW index (efConstruction {ef_construction}): "
                      f"{time.perf_counter() - start:.2f} s (building it whole: {rows_here[0].build_s:.1f} s).")
        hnsw_rows += rows_here
        del hnsw
    ivf_rows = []
    if size <= ivf_up_to:
        ivf_rows, ivf = measure(f"IVF-Flat nlist {ivf_lists(size)}", lambda: ivf_flat(vectors), queries, exact,
                                [(f", nprobe {n}", set_nprobe(n)) for n in NPROBE])
        del ivf
    print("| index | build s | index MB | RSS growth MB | p50 ms | p99 ms | p50 ms, 1 thread | recall@10 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows + hnsw_rows + ivf_rows:
        print(f"| {row.kind} | {row.build_s:.1f} | {row.index_bytes / 1e6:.0f} | {row.rss_growth_bytes / 1e6:.0f} | "
              f"{row.p50_ms:.2f} | {row.p99_ms:.2f} | {row.p50_one_thread_ms:.2f} | {row.recall:.3f} |")
    print("\n" + "\n".join(additions) + "\n")


def lexical_rebuild(entries: list[CorpusEntry]) -> str:
    """Time the BM25 side's rebuild, which `SearchIndex.add` does over all entries."""
    start = time.perf_counter()
    LexicalIndex.build([document_of(entry) for entry in entries], [entry.language for entry in entries])
    seconds = time.perf_counter() - start
    return (f"BM25 rebuild over the {len(entries):,} real claims: {seconds:.1f} s "
            f"({seconds / len(entries) * 1e6:.0f} µs an entry, about {seconds / len(entries) * 1e6 / 60:.1f} "
            f"minutes at 1M entries, where embedding 1M entries again takes hours).")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated corpus sizes")
    parser.add_argument("--ivf-up-to", type=int, default=100_000,
                        help="measure IVF-Flat up to this size (default 100,000: at 1M its build adds minutes, "
                             "and HNSW was faster at equal recall at every smaller size)")
    parser.add_argument("--ef-construction", default=str(HNSW.ef_construction),
                        help="comma-separated HNSW efConstruction values to build and compare")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    faiss.omp_set_num_threads(2)
    rng = np.random.default_rng(SEED)
    embedder = CachedEmbedder(SentenceTransformerEmbedder(Settings().model_dir, threads=2))
    real, entries, queries = real_vectors(embedder)
    queries = queries[rng.permutation(len(queries))]
    print(f"model: {embedder.fingerprint}; faiss {faiss.__version__}, {faiss.omp_get_max_threads()} threads; "
          f"exact search up to {EXACT_UP_TO:,} entries\n")
    print(realism(real, generated(real, len(real), np.random.default_rng(SEED + 1)), rng) + "\n")
    print(lexical_rebuild(entries) + "\n")
    print(f"load average at the start: {os.getloadavg()[0]:.1f} (other jobs share this machine)\n")
    for size in sizes:
        start = time.perf_counter()
        bench_size(size, real, queries, rng, args.ivf_up_to, [int(v) for v in args.ef_construction.split(",")])
        print(f"({size:,} entries: {time.perf_counter() - start:.0f} s; load average {os.getloadavg()[0]:.1f})\n")


if __name__ == "__main__":
    main()
