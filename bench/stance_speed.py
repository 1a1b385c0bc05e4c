"""Speed of stance model weights files on the same pairs, in one run.

Every file reads the pairs the product reads when it checks an article
(bench/long_article.py's real German and English text, `--words` long): the pipeline runs
once with the shipped model, recording each call its stance stage makes
(checker.stance.ModelCheckedStance: claims against retrieved entries), and each file then
answers those calls, batched as they were, on two threads. The first file is the baseline.
Each file is timed `--repeats` times; the median wall and CPU time are printed, so a run on
a shared machine shows in the CPU column.

    .venv/bin/python bench/stance_speed.py checker/data/stance_model.safetensors OTHER.safetensors
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from long_article import long_article


class Recorder:
    """A PairClassifier that remembers every call it answers (the pairs, as batched)."""

    def __init__(self, model):
        self._model, self.calls = model, []

    def probabilities(self, evidence, claims):
        self.calls.append((list(evidence), list(claims)))
        return self._model.probabilities(evidence, claims)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("weights", type=Path, nargs="+", help="weights files; the first is the baseline")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--words", type=int, default=5000, help="length of the article checked")
    args = parser.parse_args()

    import torch

    from checker.config import Settings
    from checker.pipeline import Checker
    from checker.stance import ModelCheckedStance
    from checker.stance_model import cross_encoder

    torch.set_num_threads(2)
    settings = Settings()
    checker = Checker.from_settings(settings)
    recorder = Recorder(cross_encoder(checker.embedder, settings.stance_weights))
    checker.stance = ModelCheckedStance(settings, recorder)
    checker.check(long_article(args.words))
    calls = recorder.calls
    pairs = sum(len(claims) for _, claims in calls)
    print(f"{pairs} (evidence, claim) pairs in {len(calls)} calls from checking a {args.words:,}-word article; "
          f"median of {args.repeats}\n")
    print("| weights | members | pairs/s | wall s | CPU s |\n|---|---:|---:|---:|---:|")
    for path in args.weights:
        model = cross_encoder(checker.embedder, path)
        model.probabilities(*calls[0])  # warm-up
        walls, cpus = [], []
        for _ in range(args.repeats):
            wall, cpu = time.perf_counter(), time.process_time()
            for evidence, claims in calls:
                model.probabilities(evidence, claims)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        print(f"| {path.parent.name}/{path.name} | {model.settings.members} | {pairs / wall:.1f} | {wall:.2f} | {cpu:.2f} |")


if __name__ == "__main__":
    main()
