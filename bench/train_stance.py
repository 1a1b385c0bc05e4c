"""Train the stance model shipped in checker/data/stance_model.safetensors.

A cross-encoder on multilingual-e5-small (see checker/stance_model.py): the pair
`<s> evidence </s></s> claim </s>` runs through e5; the lower `--frozen-layers` layers (6) stay as
they are, the top layers and a 3-way head are trained. Because the lower layers never
change, their output is computed once per pair and cached (fp16, under .cache/stance), and
every training step runs only the top layers: that is what makes training fit two cores.

Protocol, one fixed seed:
1. Data: bench/stance_data.py (sources, weights, held-out rules) plus the generated contrast
   pairs of bench/stance_contrast.py. A fixed hash share of every source, by premise, is
   the dev split; nothing of bench/stance.py's test sets is read.
2. Training: EPOCHS passes of weighted sampling (German and in-domain sources up-weighted),
   AdamW, linear warm-up and decay; 2-way "not entailment" targets only push probability
   away from "entails". The dev loss is checked every EVAL_EVERY steps and the best state
   is kept.
3. Calibration: one softmax temperature minimising the negative log-likelihood of the real
   (not generated) dev pairs (grid search); their ECE before and after is recorded. The
   generated pairs are left out because the model meets its own templates there and reads
   them more surely than real text: fitted with them, the temperature comes out lower and
   the model overconfident on the text it is used on. `--recalibrate` fits it again for a
   trained weights file (same tensors, new temperature and thresholds).
4. Output: the top layers and head in fp16 safetensors with metadata (model fingerprint,
   frozen layers, temperature), and a JSON record beside it (data counts, time, dev
   numbers, sha256 of the weights).

    .venv/bin/python bench/train_stance.py            # about 75 minutes on 2 idle cores
    .venv/bin/python bench/train_stance.py --cache-only
    .venv/bin/python bench/train_stance.py --recalibrate --out checker/data/stance_model.safetensors
    .venv/bin/python bench/train_stance.py --ensemble A.safetensors B.safetensors --out ENSEMBLE.safetensors
    .venv/bin/python bench/train_stance.py --compare NEW.safetensors checker/data/stance_model.safetensors
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
import time
from collections import Counter
from pathlib import Path

from common import REPO

import stance_contrast
import stance_data
from checker.config import Settings
from checker.embed import SentenceTransformerEmbedder
from checker.stance_model import DEFAULT_WEIGHTS, LABELS, MAX_TOKENS, encode_pairs, mean_pool, run_layers

FROZEN_LAYERS = 6  # e5-small has 12; the top 12 - FROZEN_LAYERS are trained (--frozen-layers)
EPOCHS = 1.5  # the defaults are the shipped model's settings
BATCH = 32
LEARNING_RATE = 1e-4  # top layers
HEAD_LEARNING_RATE = 1e-3
WARMUP = 0.05
WEIGHT_DECAY = 0.01
EVAL_EVERY = 300
SEED = 20240224
CACHE = REPO / ".cache" / "stance"
TEMPERATURES = [round(0.5 + 0.02 * i, 2) for i in range(126)]  # 0.50 … 3.00


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# ------------------------------------------------------------------ cached lower layers


class HiddenCache:
    """Output of the frozen lower layers for each pair, computed once, stored per source."""

    def __init__(self, transformer, tokenizer, fingerprint: str, frozen_layers: int, torch):
        self._transformer, self._tokenizer, self._torch = transformer, tokenizer, torch
        self._frozen_layers = frozen_layers
        self._folder = CACHE / f"{fingerprint}-L{frozen_layers}-T{MAX_TOKENS}"
        self._folder.mkdir(parents=True, exist_ok=True)

    def hidden(self, examples: list[stance_data.Example], name: str) -> list:
        """fp16 tensors (tokens, 384), one per example, in order."""
        torch = self._torch
        digest = hashlib.sha256("\0".join(f"{e.premise}\t{e.hypothesis}" for e in examples).encode())
        path = self._folder / f"{name}-{digest.hexdigest()[:16]}.pt"
        if path.is_file():
            return torch.load(path)
        log(f"encoding {len(examples)} pairs of {name} through the frozen layers")
        order = sorted(range(len(examples)), key=lambda i: len(examples[i].premise) + len(examples[i].hypothesis))
        result: list = [None] * len(examples)
        started = time.time()
        with torch.inference_mode():
            for start in range(0, len(order), 64):
                if start % 3200 == 0:
                    fit_threads(self._torch)
                chunk = order[start:start + 64]
                batch = encode_pairs(self._tokenizer, [examples[i].premise for i in chunk],
                                     [examples[i].hypothesis for i in chunk])
                hidden = self._transformer.embeddings(input_ids=batch["input_ids"])
                hidden = run_layers(self._transformer, self._transformer.encoder.layer[:self._frozen_layers], hidden,
                                    batch["attention_mask"])
                for row, i in enumerate(chunk):
                    length = int(batch["attention_mask"][row].sum())
                    result[i] = hidden[row, :length].to(torch.float16).clone()
        log(f"  {len(examples) / (time.time() - started):.1f} pairs/s")
        partial = path.with_suffix(".partial")
        torch.save(result, partial)
        partial.replace(path)
        return result


# ------------------------------------------------------------------ training


def fit_threads(torch) -> None:
    """Two threads on an idle machine, one when another process holds a core: torch's
    threads wait on each other at every step, and on an oversubscribed machine that is
    several times slower than one thread (measured: 11 vs 19 pairs/s)."""
    import os

    others = os.getloadavg()[0] - torch.get_num_threads()
    torch.set_num_threads(2 if others < 0.5 else 1)


def partial_loss(torch, logits, targets):
    """Cross-entropy for 3-way targets; for NOT_ENTAILS, -log P(contradicts or neutral)."""
    log_probs = torch.log_softmax(logits, dim=-1)
    three_way = targets < 3
    losses = []
    if three_way.any():
        losses.append(-log_probs[three_way].gather(1, targets[three_way].unsqueeze(1)).squeeze(1))
    if (~three_way).any():
        not_entails = torch.logsumexp(log_probs[~three_way][:, 1:], dim=-1)
        losses.append(-not_entails)
    return torch.cat(losses).mean()


def batch_tensors(torch, hidden: list, indices: list[int]):
    length = max(hidden[i].shape[0] for i in indices)
    states = torch.zeros(len(indices), length, hidden[indices[0]].shape[1])
    mask = torch.zeros(len(indices), length, dtype=torch.long)
    for row, i in enumerate(indices):
        states[row, :hidden[i].shape[0]] = hidden[i].float()
        mask[row, :hidden[i].shape[0]] = 1
    return states, mask


def epoch_batches(examples, train: list[int], rng: random.Random) -> list[list[int]]:
    """Weighted sampling with replacement, then batches of similar length (less padding)."""
    weights = [examples[i].weight for i in train]
    drawn = rng.choices(train, weights=weights, k=len(train))
    batches = []
    for start in range(0, len(drawn), BATCH * 50):
        block = sorted(drawn[start:start + BATCH * 50],
                       key=lambda i: len(examples[i].premise) + len(examples[i].hypothesis))
        batches += [block[j:j + BATCH] for j in range(0, len(block), BATCH)]
    rng.shuffle(batches)
    return batches


class Model:
    def __init__(self, torch, transformer, frozen_layers: int):
        import copy

        self.torch = torch
        self.transformer = transformer
        self.top = torch.nn.ModuleList(copy.deepcopy(l) for l in transformer.encoder.layer[frozen_layers:])
        self.head = torch.nn.Linear(transformer.config.hidden_size, len(LABELS))
        self.dropout = torch.nn.Dropout(0.1)

    def logits(self, states, mask):
        hidden = run_layers(self.transformer, self.top, states, mask)
        return self.head(self.dropout(mean_pool(hidden, mask)))

    def train(self, flag: bool) -> None:
        for module in (self.top, self.head, self.dropout):
            module.train(flag)

    def state(self) -> dict:
        return {**{f"top.{k}": v.detach().clone() for k, v in self.top.state_dict().items()},
                **{f"head.{k}": v.detach().clone() for k, v in self.head.state_dict().items()}}

    def load(self, state: dict) -> None:
        self.top.load_state_dict({k[4:]: v for k, v in state.items() if k.startswith("top.")})
        self.head.load_state_dict({k[5:]: v for k, v in state.items() if k.startswith("head.")})


def dev_logits(model: Model, hidden, dev: list[int]):
    torch = model.torch
    model.train(False)
    out = []
    with torch.inference_mode():
        for start in range(0, len(dev), 128):
            states, mask = batch_tensors(torch, hidden, dev[start:start + 128])
            out.append(model.logits(states, mask))
    model.train(True)
    return torch.cat(out)


def ece(probabilities, targets, bins: int = 10) -> float:
    confidence, predicted = probabilities.max(dim=1)
    correct = (predicted == targets).float()
    total = 0.0
    for b in range(bins):
        in_bin = (confidence >= b / bins) & ((confidence < (b + 1) / bins) if b < bins - 1 else (confidence <= 1))
        if in_bin.any():
            total += in_bin.float().mean().item() * abs(correct[in_bin].mean().item() - confidence[in_bin].mean().item())
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_WEIGHTS)
    parser.add_argument("--cache-only", action="store_true", help="compute the lower-layer cache and stop")
    parser.add_argument("--epochs", type=float, default=EPOCHS)
    parser.add_argument("--frozen-layers", type=int, default=FROZEN_LAYERS,
                        help="lower e5 layers kept as they are (of 12); fewer train more of the model, slower")
    parser.add_argument("--init", type=Path, help="start from these trained weights (a further pass over the data)")
    parser.add_argument("--seed", type=int, default=SEED, help="sampling seed (use another one for a further pass)")
    parser.add_argument("--turned-contradictions", action="store_true",
                        help="also train on the NLI contradictions with their texts swapped (bench/stance_data.py)")
    parser.add_argument("--thresholds-only", action="store_true",
                        help="keep the trained weights; choose the verdict thresholds again")
    parser.add_argument("--recalibrate", action="store_true",
                        help="keep the trained weights; fit the temperature again, then the thresholds")
    parser.add_argument("--ensemble", type=Path, nargs="+", metavar="WEIGHTS",
                        help="join these trained files (same frozen layers, other seeds) into one ensemble file "
                             "at --out, then fit its temperature and thresholds")
    parser.add_argument("--compare", type=Path, nargs="+", metavar="WEIGHTS",
                        help="dev accuracy of these weights files on this script's dev split, and stop")
    args = parser.parse_args()
    if args.thresholds_only:
        record_thresholds(args.out)
        return
    if args.recalibrate or args.ensemble:
        for path in args.ensemble or [args.out]:
            if not (path.is_file() and path.with_suffix(".json").is_file()):
                raise SystemExit(f"error: {path} or its record {path.with_suffix('.json').name} is missing")
        if args.ensemble:
            join_ensemble(args.ensemble, args.out)
        recalibrate(args.out)
        record_thresholds(args.out)
        return
    if args.compare:
        compare(args.compare)
        return

    started = time.time()
    settings = Settings()
    embedder = SentenceTransformerEmbedder(settings.model_dir, threads=2)
    transformer, tokenizer = embedder.transformer()
    import torch

    torch.manual_seed(args.seed)
    transformer.eval()
    cache = HiddenCache(transformer, tokenizer, embedder.fingerprint, args.frozen_layers, torch)
    real = stance_data.training_examples()
    turned = stance_data.turned_contradictions(real) if args.turned_contradictions else []
    generated = stance_contrast.generate()
    examples = real + turned + generated
    # cached apart, so the real pairs' cache serves runs with and without the turned ones
    hidden = (cache.hidden(real, "real") + (cache.hidden(turned, "turned") if turned else [])
              + cache.hidden(generated, "generated"))
    log(f"{len(examples)} examples ({len(turned)} turned contradictions, {len(generated)} generated) cached")
    if args.cache_only:
        return

    train = [i for i, e in enumerate(examples) if not e.dev]
    dev = [i for i, e in enumerate(examples) if e.dev and e.target < 3]
    dev_targets = torch.tensor([examples[i].target for i in dev])
    model = Model(torch, transformer, args.frozen_layers)
    if args.init:
        from safetensors.torch import load_file

        model.load({key: value.float() for key, value in load_file(str(args.init)).items()})
        log(f"starting from {args.init}")
    for parameter in transformer.parameters():
        parameter.requires_grad_(False)
    optimiser = torch.optim.AdamW([
        {"params": model.top.parameters(), "lr": LEARNING_RATE},
        {"params": model.head.parameters(), "lr": HEAD_LEARNING_RATE},
    ], weight_decay=WEIGHT_DECAY)
    rng = random.Random(args.seed)
    batches = []
    for _ in range(math.ceil(args.epochs)):
        batches += epoch_batches(examples, train, rng)
    batches = batches[:round(len(batches) * args.epochs / math.ceil(args.epochs))]
    total = len(batches)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda step: min(
        (step + 1) / (WARMUP * total), max(0.0, (total - step) / (total * (1 - WARMUP)))))
    best = (float("inf"), None, -1)
    model.train(True)
    log(f"training on {len(train)} examples, {total} steps; dev {len(dev)}")
    running = []
    for step, indices in enumerate(batches, start=1):
        if step % 50 == 1:
            fit_threads(torch)
        states, mask = batch_tensors(torch, hidden, indices)
        targets = torch.tensor([examples[i].target for i in indices])
        loss = partial_loss(torch, model.logits(states, mask), targets)
        optimiser.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_([p for g in optimiser.param_groups for p in g["params"]], 1.0)
        optimiser.step()
        schedule.step()
        running.append(loss.item())
        if step % EVAL_EVERY == 0 or step == total:
            logits = dev_logits(model, hidden, dev)
            dev_loss = torch.nn.functional.cross_entropy(logits, dev_targets).item()
            accuracy = (logits.argmax(1) == dev_targets).float().mean().item()
            log(f"step {step}/{total}: train loss {sum(running) / len(running):.4f}, "
                f"dev loss {dev_loss:.4f}, dev accuracy {accuracy:.4f}")
            running = []
            if dev_loss < best[0]:
                best = (dev_loss, model.state(), step)
    model.load(best[1])
    logits = dev_logits(model, hidden, dev)
    real_rows = [k for k, i in enumerate(dev) if i < len(real)]  # examples are real + turned + generated
    calibration = calibrate(torch, logits[real_rows], dev_targets[real_rows])
    temperature = calibration["temperature"]
    accuracy = (logits.argmax(1) == dev_targets).float().mean().item()
    by_language = {}
    for language in ("de", "en", "de-en", "en-de"):
        rows = [k for k, i in enumerate(dev) if examples[i].language == language]
        if rows:
            by_language[language] = round((logits[rows].argmax(1) == dev_targets[rows]).float().mean().item(), 4)
    log(f"best step {best[2]}; dev accuracy {accuracy:.4f} {by_language}; temperature {temperature}; "
        f"ECE on the real dev pairs {calibration['ece_before']:.4f} -> {calibration['ece_after']:.4f}")
    save(args.out, best[1], embedder.fingerprint, args.frozen_layers, temperature, {
        "seconds": round(time.time() - started),
        "frozen_layers": args.frozen_layers, "epochs": args.epochs, "steps": total, "best_step": best[2],
        "batch": BATCH, "learning_rate": LEARNING_RATE, "head_learning_rate": HEAD_LEARNING_RATE, "seed": args.seed,
        "init": args.init.name if args.init else None,
        "earlier_passes": _earlier_passes(args.init),
        "train_examples": len(train), "dev_examples": len(dev), "turned_contradictions": len(turned),
        "sources": dict(sorted(Counter(e.source for e in examples).items())),
        "dev": {"accuracy": round(accuracy, 4), "accuracy_by_language": by_language},
        "calibration": calibration, "temperature": temperature,
    })
    record_thresholds(args.out)


def calibrate(torch, logits, targets) -> dict:
    """The softmax temperature minimising the negative log-likelihood of these pairs (grid
    search over TEMPERATURES), with the NLL and ECE before (T = 1) and after."""
    nll = {t: torch.nn.functional.cross_entropy(logits / t, targets).item() for t in TEMPERATURES}
    temperature = min(nll, key=nll.get)
    return {"temperature": temperature, "pairs": len(targets),
            "accuracy": round((logits.argmax(1) == targets).double().mean().item(), 4),
            "nll_before": round(torch.nn.functional.cross_entropy(logits, targets).item(), 4),
            "nll_after": round(nll[temperature], 4),
            "ece_before": round(ece(torch.softmax(logits, 1), targets), 4),
            "ece_after": round(ece(torch.softmax(logits / temperature, 1), targets), 4)}


def recalibrate(weights: Path) -> None:
    """Fit the temperature of trained weights again on the real dev pairs: the tensors stay,
    the file's temperature and its record change (the verdict thresholds are chosen again
    after this, since they read calibrated probabilities)."""
    import torch

    from checker.stance_model import cross_encoder

    model = cross_encoder(SentenceTransformerEmbedder(Settings().model_dir, threads=2), weights)
    real = [e for e in stance_data.training_examples() if e.dev and e.target < 3]
    probabilities = torch.tensor(model.probabilities([e.premise for e in real], [e.hypothesis for e in real]))
    # log-probabilities times the temperature they were read at are the logits less a
    # per-pair constant, which no softmax sees
    logits = torch.log(probabilities.double().clamp_min(1e-30)) * model.settings.temperature
    calibration = calibrate(torch, logits, torch.tensor([e.target for e in real]))
    write_temperature(weights, calibration)
    log(f"temperature {model.settings.temperature} -> {calibration['temperature']} on {len(real)} real dev pairs; "
        f"ECE {calibration['ece_before']:.4f} (T = 1) -> {calibration['ece_after']:.4f}")


def write_temperature(weights: Path, calibration: dict) -> None:
    """Put a newly fitted temperature into a weights file (tensors unchanged) and its record;
    each file is written beside and renamed into place."""
    from safetensors import safe_open

    with safe_open(str(weights), framework="pt") as handle:
        metadata = {**handle.metadata(), "temperature": str(calibration["temperature"])}
        tensors = {key: handle.get_tensor(key) for key in handle.keys()}
    sha256 = write_weights(weights, tensors, metadata)
    record = json.loads(weights.with_suffix(".json").read_text(encoding="utf-8"))
    for stale in ("nll", "nll_calibrated", "ece_before", "ece_after"):  # fitted on all dev pairs before
        record.get("dev", {}).pop(stale, None)
    record.update(calibration=calibration, temperature=calibration["temperature"], sha256=sha256)
    write_record(weights, record)


def join_ensemble(members: list[Path], out: Path) -> None:
    """One weights file holding several trained models over the same frozen layers, as
    checker/stance_model.py reads an ensemble; its temperature (1.0 here) is fitted next."""
    from safetensors import safe_open

    from checker.stance_model import member_prefixes

    if len(members) < 2:
        raise SystemExit("error: an ensemble needs at least two weights files")
    tensors, metadata, records = {}, [], []
    for prefix, path in zip(member_prefixes(len(members)), members):
        with safe_open(str(path), framework="pt") as handle:
            metadata.append(handle.metadata())
            tensors.update({prefix + key: handle.get_tensor(key) for key in handle.keys()})
        records.append(json.loads(path.with_suffix(".json").read_text(encoding="utf-8")))
        if metadata[-1].get("members", "1") != "1":
            raise SystemExit(f"error: {path} is an ensemble already; join its members instead")
    for key in ("model", "frozen_layers", "labels", "max_tokens"):
        if len({meta[key] for meta in metadata}) > 1:
            raise SystemExit(f"error: the members differ in {key} ({', '.join(meta[key] for meta in metadata)}); "
                             "an ensemble shares its frozen layers")
    sha256 = write_weights(out, tensors, {**metadata[0], "temperature": "1.0", "members": str(len(members))})
    keep = ("weights", "sha256", "seed", "seconds", "steps", "best_step", "dev", "turned_contradictions")
    write_record(out, {"weights": out.name, "sha256": sha256, "model": metadata[0]["model"],
                       "frozen_layers": int(metadata[0]["frozen_layers"]),
                       "members": [{key: r.get(key) for key in keep} for r in records], "temperature": 1.0})
    log(f"joined {len(members)} members into {out} ({out.stat().st_size / 1e6:.1f} MB)")


def compare(weights_files: list[Path]) -> None:
    """Dev accuracy of trained weights on the current dev split: the first test a new model
    must pass to replace the shipped one (the second: the end-to-end tests, with the
    thresholds it chose, still find the motivating article's refutation and no other).
    Printed for the real NLI / fact-checking pairs and the generated ones apart, since a
    model trained on a changed generator meets its own templates in the generated dev
    pairs; the real pairs decide.

    Every file after the first is compared with the first on the real pairs: the difference
    (first minus it) and its 95 % paired bootstrap interval, so a margin within the dev
    set's sampling noise shows as one."""
    import numpy as np

    from checker.stance_model import cross_encoder

    embedder = SentenceTransformerEmbedder(Settings().model_dir, threads=2)
    real = [e for e in stance_data.training_examples() if e.dev and e.target < 3]
    generated = [e for e in stance_contrast.generate() if e.dev and e.target < 3]
    first_correct = None
    for path in weights_files:
        model = cross_encoder(embedder, path)
        correct = {}
        for name, examples in (("real", real), ("generated", generated)):
            predicted = model.probabilities([e.premise for e in examples], [e.hypothesis for e in examples]).argmax(1)
            correct[name] = np.array([p == e.target for p, e in zip(predicted, examples)], dtype=float)
        overall = np.concatenate([correct["real"], correct["generated"]]).mean()
        line = (f"{path}: dev accuracy {overall:.4f} (real {correct['real'].mean():.4f} on {len(real)}, "
                f"generated {correct['generated'].mean():.4f} on {len(generated)})")
        if first_correct is None:
            first_correct = correct["real"]
        else:
            difference, low, high = paired_bootstrap(first_correct, correct["real"])
            line += f"; the first minus this on the real pairs {difference:+.4f} (95 % interval {low:+.4f} to {high:+.4f})"
        print(line, flush=True)


def paired_bootstrap(first, second, resamples: int = 2000) -> tuple[float, float, float]:
    """Mean of first - second (per-pair scores) and its 95 % percentile bootstrap interval."""
    import numpy as np

    differences = first - second
    rows = np.random.default_rng(SEED).integers(0, len(differences), (resamples, len(differences)))
    means = differences[rows].mean(1)
    return float(differences.mean()), float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def _earlier_passes(init: Path | None) -> list[dict]:
    """What the passes before this one recorded (a model trained further keeps its history)."""
    if init is None or not init.with_suffix(".json").is_file():
        return []
    earlier = json.loads(init.with_suffix(".json").read_text(encoding="utf-8"))
    keep = ("seconds", "epochs", "steps", "best_step", "seed", "dev")
    return earlier.get("earlier_passes", []) + [{key: earlier.get(key) for key in keep}]


def record_thresholds(weights: Path) -> None:
    """Choose the verdict thresholds with the saved model on the CLIMATE-FEVER dev claims and
    add them to the weights' JSON record (checker/config.py's defaults must match them)."""
    from checker.stance_model import cross_encoder

    settings = Settings()
    model = cross_encoder(SentenceTransformerEmbedder(settings.model_dir, threads=2), weights)
    claims = stance_data.climate_fever_dev_claims()
    pairs = list(dict.fromkeys((e["evidence"], r["claim"]) for r in claims for e in r["evidences"]))
    probabilities = model.probabilities([p[0] for p in pairs], [p[1] for p in pairs])
    chosen = choose_thresholds(Lookup(dict(zip(pairs, probabilities.tolist()))), claims)
    log(f"thresholds: {chosen}")
    record = json.loads(weights.with_suffix(".json").read_text(encoding="utf-8"))
    record["thresholds"] = chosen
    write_record(weights, record)


class Lookup:
    """A PairClassifier answering from probabilities computed beforehand."""

    def __init__(self, table: dict[tuple[str, str], list[float]]):
        self._table = table

    def probabilities(self, evidence, claims):
        import numpy as np

        return np.array([self._table[(e, c)] for e, c in zip(evidence, claims)], dtype=np.float32).reshape(-1, 3)


def claim_level(settings: Settings, classifier, claims: list[dict]) -> tuple[list[str], list]:
    """Gold claim labels and the product's verifications (checker.verify) of the claims."""
    from checker.embed import HashingEmbedder
    from checker.stance import ModelStance
    from checker.verify import PairsItem, verify

    items = [PairsItem(str(k), r["claim"], tuple(e["evidence"] for e in r["evidences"])) for k, r in enumerate(claims)]
    # similarity plays no part in verify's stance reading; a hashing embedder keeps this fast
    results = verify(items, HashingEmbedder(), ModelStance(settings, classifier), settings)
    gold = [stance_data.bench_stance.CLIMATE_FEVER_CLAIM_LABELS[r["claim_label"]] for r in claims]
    return gold, results


def choose_thresholds(classifier, claims: list[dict]) -> dict:
    """1. Verdict threshold: the best claim-level macro-F1 on the dev claims (ties: the higher).
    2. Flag threshold, at most the verdict one: the best F1 of "flagged" against "the gold label
       is not unverified", so a reviewer's attention goes where evidence settles the claim."""
    import dataclasses

    bench = stance_data.bench_stance
    base = Settings()

    def run(verdict: float, flag: float):
        settings = dataclasses.replace(base, stance_verdict_threshold=verdict, stance_flag_threshold=flag)
        return claim_level(settings, classifier, claims)

    scores = {}
    # from just above 1/3 (below it, a 3-way probability says less than chance) to 0.94
    for verdict in [round(0.34 + 0.02 * i, 2) for i in range(31)]:
        gold, results = run(verdict, verdict)
        scores[verdict] = bench.macro_f1(gold, [r.label.value for r in results], bench.CLAIM_LABELS)
    verdict = max(scores, key=lambda v: (round(scores[v], 4), v))
    flags = {}
    for flag in [round(0.10 + 0.02 * i, 2) for i in range(46)]:
        if flag > verdict:
            continue
        gold, results = run(verdict, flag)
        settled = [g != "unverified" for g in gold]
        flagged = [r.flagged for r in results]
        true_positive = sum(s and f for s, f in zip(settled, flagged))
        flags[flag] = 2 * true_positive / (sum(settled) + sum(flagged)) if any(settled) or any(flagged) else 0.0
    flag = max(flags, key=lambda f: (round(flags[f], 4), f))
    gold, results = run(verdict, flag)
    final = bench.macro_f1(gold, [r.label.value for r in results], bench.CLAIM_LABELS)
    return {"verdict_threshold": verdict, "flag_threshold": flag, "dev_claims": len(claims),
            "dev_claim_macro_f1": round(final, 4), "dev_flag_f1": round(flags[flag], 4)}


def save(path: Path, state: dict, fingerprint: str, frozen_layers: int, temperature: float, record: dict) -> None:
    """Weights (fp16) and their record, each written beside and renamed into place."""
    import torch

    tensors = {key: value.to(torch.float16).contiguous() for key, value in state.items()}
    metadata = {"model": fingerprint, "frozen_layers": str(frozen_layers), "temperature": str(temperature),
                "labels": json.dumps(list(LABELS)), "max_tokens": str(MAX_TOKENS)}
    sha256 = write_weights(path, tensors, metadata)
    write_record(path, {"weights": path.name, "sha256": sha256, "model": fingerprint, **record})
    log(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) and {path.with_suffix('.json')}")


def write_weights(path: Path, tensors: dict, metadata: dict) -> str:
    """A safetensors file written beside and renamed into place; returns its sha256."""
    from safetensors.torch import save_file

    partial = path.with_suffix(".partial")
    save_file(tensors, str(partial), metadata=metadata)
    partial.replace(path)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_record(weights: Path, record: dict) -> None:
    """The JSON record beside a weights file, written beside and renamed into place."""
    record_path = weights.with_suffix(".json")
    partial = record_path.with_suffix(".partial")
    partial.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    partial.replace(record_path)


if __name__ == "__main__":
    sys.exit(main())
