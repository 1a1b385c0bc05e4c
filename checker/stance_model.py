"""The project's own stance model: a cross-encoder on top of multilingual-e5-small.

Given an evidence text and a claim, it says whether the evidence entails the claim,
contradicts it, or says neither (neutral), with calibrated probabilities.

How it is built (bench/train_stance.py writes the weights file):

* the pair is one sequence, `<s> evidence </s></s> claim </s>`, through the e5 encoder;
* the embeddings and the lower `frozen_layers` transformer layers are e5's own, unchanged:
  they are shared with the embedder already in memory, so the stance model costs no
  second copy of the 470 MB model;
* the top layers were fine-tuned on NLI and fact-checking stance data; only those layers,
  a linear head over the mean-pooled tokens and a softmax temperature (fitted on held-out
  real pairs) ship, in `checker/data/stance_model.safetensors` (fp16, about 21 MB).

A weights file may hold an ensemble: several such top-layer stacks and heads trained with
different seeds over the same frozen layers (tensor names `member0.top…`, `member1.top…`).
The frozen layers run once; each member reads their output, and the ensemble's logits are
the mean of the members' log-probabilities, divided by the file's one temperature.

The weights belong to the exact e5 build they were trained on: the file records the
model's fingerprint and anything else is refused.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from checker.config import STANCE_WEIGHTS as DEFAULT_WEIGHTS
from checker.errors import ModelError

RETRAIN = "retrain it with `.venv/bin/python bench/train_stance.py`"
LABELS = ("entails", "contradicts", "neutral")  # the order of the head's outputs
MAX_TOKENS = 192


@dataclass(frozen=True, slots=True)
class StanceSettings:
    """What the weights file says about itself (its safetensors metadata)."""

    model: str  # fingerprint of the e5 build the layers were trained on
    frozen_layers: int  # transformer layers taken unchanged from e5
    temperature: float  # logits are divided by this before the softmax (calibration)
    max_tokens: int
    members: int = 1  # more than one: an ensemble (see the module docstring)


def member_prefixes(members: int) -> list[str]:
    """Tensor-name prefixes of a file's members: none for a single model."""
    return [""] if members == 1 else [f"member{k}." for k in range(members)]


def run_layers(transformer, layers, hidden, attention_mask):
    """Run `hidden` (batch, tokens, 384) through some of a BERT model's layers.

    `transformer` is the BertModel the layers belong to (or were copied from); it builds
    the attention mask in the form its layers expect.
    """
    mask, _ = transformer._create_attention_masks(
        attention_mask=attention_mask, encoder_attention_mask=None, embedding_output=hidden,
        encoder_hidden_states=None, cache=None)
    for layer in layers:
        hidden = layer(hidden, attention_mask=mask)
        hidden = hidden[0] if isinstance(hidden, tuple) else hidden
    return hidden


def mean_pool(hidden, attention_mask):
    """Mean of the token vectors, padding left out (e5's own pooling)."""
    weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)


def encode_pairs(tokenizer, evidence: Sequence[str], claims: Sequence[str], max_tokens: int = MAX_TOKENS):
    """Token ids of (evidence, claim) pairs; a long evidence text is cut, the claim never."""
    return tokenizer(list(evidence), list(claims), truncation="only_first", max_length=max_tokens,
                     padding=True, return_tensors="pt")


class CrossEncoderStance:
    """Entails / contradicts / neutral probabilities for (evidence, claim) pairs."""

    def __init__(self, transformer, tokenizer, fingerprint: str, weights: Path = DEFAULT_WEIGHTS,
                 *, batch_size: int = 16):
        import torch
        from safetensors import SafetensorError, safe_open

        if not weights.is_file():
            raise ModelError(f"No stance model at {weights}; {RETRAIN}.")
        try:
            with safe_open(str(weights), framework="pt") as handle:
                meta = handle.metadata() or {}
                tensors = {key: handle.get_tensor(key).float() for key in handle.keys()}
            self.settings = StanceSettings(model=meta["model"], frozen_layers=int(meta["frozen_layers"]),
                                           temperature=float(meta["temperature"]),
                                           max_tokens=int(meta.get("max_tokens", MAX_TOKENS)),
                                           members=int(meta.get("members", "1")))
            labels = tuple(json.loads(meta["labels"]))
            if self.settings.members < 1:
                raise ValueError(f"{self.settings.members} members")
        except (OSError, KeyError, ValueError, SafetensorError) as error:
            raise ModelError(f"The stance model {weights} cannot be read ({error}); {RETRAIN}.") from None
        if labels != LABELS:
            raise ModelError(f"The stance model {weights} has labels {labels}, expected {LABELS}; {RETRAIN}.")
        if self.settings.model != fingerprint:
            raise ModelError(f"The stance model {weights} was trained on {self.settings.model}, but the "
                             f"model loaded is {fingerprint}; {RETRAIN} (or rebuild the model with `make setup`).")
        self._torch = torch
        self._transformer = transformer
        self._tokenizer = tokenizer
        self._batch_size = batch_size
        frozen = self.settings.frozen_layers
        self._frozen = list(transformer.encoder.layer[:frozen])
        self._members = []  # (top layers, head) per member
        for prefix in member_prefixes(self.settings.members):
            # The top layers are copies, so the embedder's own layers stay untouched.
            top = torch.nn.ModuleList(copy.deepcopy(layer) for layer in transformer.encoder.layer[frozen:])
            head = torch.nn.Linear(transformer.config.hidden_size, len(LABELS))
            try:
                top.load_state_dict({k[len(prefix + "top."):]: v for k, v in tensors.items()
                                     if k.startswith(prefix + "top.")})
                head.load_state_dict({"weight": tensors[prefix + "head.weight"], "bias": tensors[prefix + "head.bias"]})
            except (KeyError, RuntimeError) as error:
                raise ModelError(f"The stance model {weights} does not fit the loaded e5 model ({error}); "
                                 f"{RETRAIN}.") from None
            self._members.append((top.eval(), head.eval()))

    def probabilities(self, evidence: Sequence[str], claims: Sequence[str]) -> np.ndarray:
        """One row per pair: P(entails), P(contradicts), P(neutral), summing to 1."""
        if len(evidence) != len(claims):
            raise ValueError("evidence and claims must pair up one to one")
        if not claims:
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        torch = self._torch
        # Similar lengths in one batch keep the padding (and the work) small.
        order = sorted(range(len(claims)), key=lambda i: len(evidence[i]) + len(claims[i]))
        out = np.zeros((len(claims), len(LABELS)), dtype=np.float32)
        with torch.inference_mode():
            for start in range(0, len(order), self._batch_size):
                chunk = order[start:start + self._batch_size]
                batch = encode_pairs(self._tokenizer, [evidence[i] for i in chunk], [claims[i] for i in chunk],
                                     self.settings.max_tokens)
                logits = self.logits(batch["input_ids"], batch["attention_mask"])
                out[chunk] = torch.softmax(logits / self.settings.temperature, dim=-1).numpy()
        return out

    def logits(self, input_ids, attention_mask):
        """Uncalibrated head outputs for a tokenised batch (an ensemble's: the mean of its
        members' log-probabilities)."""
        hidden = self._transformer.embeddings(input_ids=input_ids)
        hidden = run_layers(self._transformer, self._frozen, hidden, attention_mask)
        outputs = [head(mean_pool(run_layers(self._transformer, top, hidden, attention_mask), attention_mask))
                   for top, head in self._members]
        if len(outputs) == 1:
            return outputs[0]
        return self._torch.stack([self._torch.log_softmax(output, dim=-1) for output in outputs]).mean(0)


def cross_encoder(embedder, weights: Path = DEFAULT_WEIGHTS) -> CrossEncoderStance:
    """The trained cross-encoder over the embedder's own e5 (its lower layers are shared)."""
    transformer, tokenizer = embedder.transformer()
    return CrossEncoderStance(transformer, tokenizer, embedder.fingerprint, weights)


def load_model_stance(embedder, settings):
    """`factcheck verify`'s stance stage: the trained cross-encoder decides."""
    from checker.stance import ModelStance

    return ModelStance(settings, cross_encoder(embedder, settings.stance_weights))


def load_checked_stance(embedder, settings):
    """The pipeline's stance stage: label transfer, checked by the trained cross-encoder."""
    from checker.stance import ModelCheckedStance

    return ModelCheckedStance(settings, cross_encoder(embedder, settings.stance_weights))
