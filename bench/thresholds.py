"""Evidence for the match threshold, on CheckThat! 2022 2A dev (tweet vs its fact-checked claim).

For every dev tweet it takes the cosine to its own verified claim (a positive: "this is
that claim") and to the most similar other claim (a hard negative: "merely on the same
topic"), then prints precision and recall of "cosine >= t means the same claim" over a
range of thresholds. Tweets are longer and noisier than article sentences, so their
positives sit lower: read this as a floor, beside the sentence pairs printed after it.

    .venv/bin/python bench/thresholds.py
"""

from __future__ import annotations

import numpy as np
from common import CachedEmbedder
from retrieval import ct2022

from checker.config import Settings
from checker.embed import SentenceTransformerEmbedder
from checker.text import claim_text_for_embedding

# Hand-written pairs (ours): the same claim in other words or another language, and the
# same topic but another claim. Not tuned on: printed so a reader sees where they fall.
SAME_CLAIM = [
    ("Selenskyj hat den Krieg begonnen.", "Zelensky started the war."),
    ("Russland hat die Ukraine am 24. Februar 2022 überfallen.", "Russia invaded Ukraine on 24 February 2022."),
    ("Die Ukraine war nicht zu den Gesprächen in Riad eingeladen.", "Ukraine was not invited to the talks in Riyadh."),
    ("Impfstoffe verändern die menschliche DNA.", "Vaccines alter human DNA."),
    ("Die Erde ist flach.", "The earth is flat."),
    ("Die USA haben der Ukraine 350 Milliarden Dollar gegeben.", "The US gave Ukraine $350 billion."),
]
SAME_TOPIC = [
    ("Selenskyj hat den Krieg begonnen.", "Zelensky is a dictator without elections."),
    ("Russland hat die Ukraine am 24. Februar 2022 überfallen.", "Russia annexed Crimea in 2014."),
    ("Die Ukraine war nicht zu den Gesprächen in Riad eingeladen.", "Rubio met Lavrov in Riyadh."),
    ("Impfstoffe verändern die menschliche DNA.", "Vaccines cause autism."),
    ("Die Erde ist flach.", "The moon landing was faked."),
    ("Die USA haben der Ukraine 350 Milliarden Dollar gegeben.", "Europe gave Ukraine only loans."),
]


def main() -> None:
    settings = Settings()
    embedder = CachedEmbedder(SentenceTransformerEmbedder(settings.model_dir, threads=2))
    corpus, test_sets = ct2022()
    dev = test_sets[0]
    claim_vectors = embedder.embed_queries([entry.text for entry in corpus.entries])
    query_ids = sorted(dev.queries)
    # the same text the search path embeds (checker.index.SearchIndex.search_texts)
    queries = [claim_text_for_embedding(dev.queries[q]) for q in query_ids]
    similarities = embedder.embed_queries(queries) @ claim_vectors.T
    position = {entry.id: i for i, entry in enumerate(corpus.entries)}
    positives, negatives = [], []
    for row, query_id in enumerate(query_ids):
        gold = [position[claim_id] for claim_id in dev.qrels[query_id]]
        positives.append(similarities[row, gold].max())
        similarities[row, gold] = -1.0
        negatives.append(similarities[row].max())
    positives, negatives = np.array(positives), np.array(negatives)
    print(f"{dev.name}: {len(query_ids)} tweets; cosine to own claim median {np.median(positives):.3f}, "
          f"to best other claim median {np.median(negatives):.3f}\n")
    print("| threshold | precision | recall | F1 |")
    print("|---:|---:|---:|---:|")
    for threshold in np.arange(0.84, 0.951, 0.01):
        true_pos, false_pos = (positives >= threshold).sum(), (negatives >= threshold).sum()
        precision = true_pos / max(1, true_pos + false_pos)
        recall = true_pos / len(positives)
        f1 = 2 * precision * recall / max(1e-9, precision + recall)
        print(f"| {threshold:.2f} | {precision:.3f} | {recall:.3f} | {f1:.3f} |")
    print("\nSentence pairs (ours): cosine of the same claim vs the same topic")
    for label, pairs in (("same claim", SAME_CLAIM), ("same topic", SAME_TOPIC)):
        left = embedder.embed_queries([a for a, _ in pairs])
        right = embedder.embed_queries([b for _, b in pairs])
        cosines = (left * right).sum(axis=1)
        print(f"- {label}: " + ", ".join(f"{value:.3f}" for value in cosines))
    print(f"\nSettings: match_threshold {settings.match_threshold}, related_threshold {settings.related_threshold}")


if __name__ == "__main__":
    main()
