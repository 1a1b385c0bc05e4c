"""The import rule: no streamlit under checker/, and no stage importing a later stage."""

import ast
from pathlib import Path

import pytest

CHECKER = Path(__file__).resolve().parents[1] / "checker"
# The order data flows in; a module may import only modules at or before its own place.
STAGES = ["errors", "files", "records", "config", "text", "documents", "fetch", "language", "english_verbs",
          "attribution_text", "attribution_de", "attribution_en", "attribution", "claims", "embed",
          "checkworthiness", "corpus", "importers", "lexical", "dense_index", "index", "stance", "stance_model",
          "verdict", "verify", "report", "review", "export", "export_pdf", "pipeline"]
# Shells and tools around the stages, free to import any of them.
OUTSIDE = {"__init__", "__main__", "cli", "model_build"}


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(CHECKER.glob("*.py")), ids=lambda p: p.name)
def test_library_never_imports_streamlit(path):
    assert not any(name.split(".")[0] == "streamlit" for name in imported_modules(path))


@pytest.mark.parametrize("stage", STAGES)
def test_no_stage_imports_a_later_stage(stage):
    later = {f"checker.{name}" for name in STAGES[STAGES.index(stage) + 1:]}
    assert not imported_modules(CHECKER / f"{stage}.py") & later


def test_every_module_has_its_place():
    modules = {path.stem for path in CHECKER.glob("*.py")}
    assert modules - OUTSIDE == set(STAGES)
