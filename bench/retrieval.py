"""Claim retrieval quality on CheckThat! data: BM25 alone, dense alone, and their fusion.

Every system is the project's own index and search path (checker.index.SearchIndex),
measured in the same run on the same queries. Prints Markdown tables for the README.

    .venv/bin/python bench/retrieval.py
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from common import (DATA, REPO, CachedEmbedder, average_precision_at, recall_at, reciprocal_rank,
                    require)

from checker.config import Settings
from checker.corpus import Corpus
from checker.embed import SentenceTransformerEmbedder
from checker.index import Retriever, SearchIndex
from checker.records import CorpusEntry, CorpusInfo

TOP_K = 10
SYSTEMS = {
    "BM25 (lexical only)": frozenset({Retriever.LEXICAL}),
    "dense e5 (only)": frozenset({Retriever.DENSE}),
    "fusion (RRF)": frozenset({Retriever.DENSE, Retriever.LEXICAL}),
}
GERMAN_SET = REPO / "bench" / "data" / "de_ct2022_paraphrases.tsv"


@dataclass(frozen=True)
class TestSet:
    name: str
    queries: dict[str, str]  # query id -> text
    qrels: dict[str, set[str]]  # query id -> relevant claim ids


def read_tsv(path: Path, header: bool) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[1:] if header else rows


def read_qrels(path: Path) -> dict[str, set[str]]:
    qrels: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            query_id, _, claim_id, relevance = line.split()
            if relevance != "0":
                qrels.setdefault(query_id, set()).add(claim_id)
    return qrels


def ct2022() -> tuple[Corpus, list[TestSet]]:
    folder = require(DATA / "ct2022_task2a_en")
    claims = [json.loads(line) for line in (folder / "vclaims.jsonl").read_text(encoding="utf-8").splitlines()]
    entries = tuple(CorpusEntry(id=c["vclaim_id"], text=c["vclaim"], language="en", title=c.get("title"))
                    for c in claims)
    corpus = Corpus(CorpusInfo("ct2022-vclaims", "bench", len(entries)), entries)
    train_dev = {row[0]: row[1] for row in read_tsv(folder / "CT2022-Task2A-EN-Train-Dev_Queries.tsv", False)}
    dev_qrels = read_qrels(folder / "CT2022-Task2A-EN-Dev_QRELs.tsv")
    dev_test = {row[0]: row[1] for row in read_tsv(folder / "CT2022-Task2A-EN-Dev-Test_Queries.tsv", True)}
    sets = [
        TestSet("CT2022 2A dev", {q: train_dev[q] for q in dev_qrels}, dev_qrels),
        TestSet("CT2022 2A dev-test (2021 test)", dev_test, read_qrels(folder / "CT2022-Task2A-EN-Dev-Test_QRELs.tsv")),
    ]
    if GERMAN_SET.is_file():
        rows = read_tsv(GERMAN_SET, True)
        sets.append(TestSet("German → English (ours)", {row[0]: row[1] for row in rows if row[2]},
                            {row[0]: {row[2]} for row in rows if row[2]}))
    return corpus, sets


def ct2020() -> tuple[Corpus, list[TestSet]]:
    folder = require(DATA / "ct2020_task2_en")
    rows = read_tsv(folder / "verified_claims.docs.tsv", True)
    entries = tuple(CorpusEntry(id=row[0], text=row[1], language="en", title=row[2] if len(row) > 2 else None)
                    for row in rows)
    corpus = Corpus(CorpusInfo("ct2020-vclaims", "bench", len(entries)), entries)
    queries = {row[0]: row[1] for row in read_tsv(folder / "dev" / "tweets.queries.tsv", True)}
    qrels = read_qrels(folder / "dev" / "tweet-vclaim-pairs.qrels")
    return corpus, [TestSet("CT2020 2 dev", {q: queries[q] for q in qrels}, qrels)]


def evaluate(index: SearchIndex, embedder, test_set: TestSet, retrievers, settings: Settings) -> dict[str, float]:
    ids = sorted(test_set.queries)
    texts = [test_set.queries[q] for q in ids]
    languages = ["de" if q.startswith("de-") else "en" for q in ids]
    hits = index.search_texts(embedder, texts, languages, top_k=TOP_K, candidates=settings.candidates,
                              rrf_k=settings.rrf_k, lexical_weight=settings.lexical_weight,
                              retrievers=retrievers)
    scores = {"MAP@5": [], "MRR": [], "R@1": [], "R@5": [], "R@10": []}
    for query_id, query_hits in zip(ids, hits):
        ranked, relevant = [hit.entry.id for hit in query_hits], test_set.qrels[query_id]
        scores["MAP@5"].append(average_precision_at(ranked, relevant, 5))
        scores["MRR"].append(reciprocal_rank(ranked, relevant))
        for k in (1, 5, 10):
            scores[f"R@{k}"].append(recall_at(ranked, relevant, k))
    return {name: sum(values) / len(values) for name, values in scores.items()}


def main() -> None:
    settings = Settings()
    embedder = CachedEmbedder(SentenceTransformerEmbedder(settings.model_dir, threads=2))
    print(f"model: {embedder.fingerprint}; candidates per retriever {settings.candidates}, RRF k {settings.rrf_k}\n")
    for load in (ct2022, ct2020):
        corpus, test_sets = load()
        index = SearchIndex.build(corpus, embedder)
        for test_set in test_sets:
            print(f"### {test_set.name}: {len(test_set.queries)} queries, {corpus.info.entries} claims\n")
            print("| system | MAP@5 | MRR@10 | R@1 | R@5 | R@10 |")
            print("|---|---:|---:|---:|---:|---:|")
            for name, retrievers in SYSTEMS.items():
                result = evaluate(index, embedder, test_set, retrievers, settings)
                print(f"| {name} | " + " | ".join(f"{value:.3f}" for value in result.values()) + " |")
            print()


if __name__ == "__main__":
    main()
