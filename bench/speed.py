"""Speed: cold start, warm check of the motivating article, embedding throughput.

Prints a table; the README's "Speed" section records its output. The baseline is a raw
`SentenceTransformer.encode` of the same sentences, measured in the same run.

    .venv/bin/python bench/speed.py [--article PATH] [--repeats N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DEFAULT_ARTICLE = REPO.parent / "shared" / "examples" / "rare-earths-deal-de.txt"


def cold_start_seconds(article: Path) -> float:
    """A fresh process: import, load model and index, check the article once."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "checker", "check", str(article), "-o", "/dev/null"],
                   check=True, cwd=REPO)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", type=Path, default=DEFAULT_ARTICLE)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    import torch
    from sentence_transformers import SentenceTransformer

    from checker.config import Settings
    from checker.language import tag_languages
    from checker.pipeline import Checker
    from checker.text import split_sentences

    torch.set_num_threads(2)
    cold = cold_start_seconds(args.article)

    started = time.perf_counter()
    checker = Checker.from_settings(Settings())
    load = time.perf_counter() - started
    text = args.article.read_text(encoding="utf-8")
    checker.check(text)  # warm-up
    warm, repeat = [], []
    for _ in range(args.repeats):
        checker.embedder.clear_cache()  # time the real work, not the embedding cache
        started = time.perf_counter()
        checker.check(text)
        warm.append(time.perf_counter() - started)
        started = time.perf_counter()
        checker.check(text)  # a reviewer re-checking the same article
        repeat.append(time.perf_counter() - started)

    sentences = [s.text for s in tag_languages(split_sentences(text))]
    # 512 distinct texts, so that neither side can skip a repeated one
    sample = [f"{sentence} ({number})" for number, sentence in
              enumerate((sentences * (512 // max(1, len(sentences)) + 1))[:512])]
    raw = SentenceTransformer(str(Settings().model_dir), device="cpu", local_files_only=True)
    rates = {}
    for name, encode in (
        ("raw SentenceTransformer.encode", lambda: raw.encode(sample, batch_size=64, prompt_name="query",
                                                              normalize_embeddings=True)),
        ("checker embedder", lambda: checker.embedder.embed_queries(sample)),
    ):
        encode()
        checker.embedder.clear_cache()
        started = time.perf_counter()
        encode()
        rates[name] = len(sample) / (time.perf_counter() - started)

    print(f"article: {args.article.name} ({len(text):,} characters, {len(sentences)} sentences); "
          f"torch threads: {torch.get_num_threads()}")
    print("| measure | value |")
    print("|---|---:|")
    print(f"| cold start: new process, load, check once | {cold:.1f} s |")
    print(f"| load model + corpus index in-process | {load:.1f} s |")
    print(f"| warm check of the article, nothing cached (median of {args.repeats}) | "
          f"{statistics.median(warm) * 1000:.0f} ms |")
    print(f"| the same article checked again (median of {args.repeats}) | {statistics.median(repeat) * 1000:.0f} ms |")
    for name, rate in rates.items():
        print(f"| embedding throughput, {name} | {rate:.0f} sentences/s |")


if __name__ == "__main__":
    main()
