"""The one place where the stages meet: Checker.check(text) -> Report.

    text -> split_sentences -> tag_languages -> analyse_sentences -> embed + search
         -> stance -> decide -> Report
"""

from __future__ import annotations

from collections.abc import Callable

from checker import __version__
from checker.checkworthiness import TrainedScorer
from checker.claims import CheckworthinessScorer, analyse_sentences
from checker.config import Settings
from checker.corpus import load_corpus
from checker.embed import Embedder, SentenceTransformerEmbedder
from checker.errors import InputError
from checker.index import SearchIndex, open_index
from checker.language import document_language, tag_languages
from checker.records import Claim, Finding, Report
from checker.stance import LabelTransferStance, StanceModel
from checker.stance_model import load_checked_stance
from checker.text import split_sentences
from checker.verdict import decide

# Called with (done, total, what) while an article is checked, for a progress bar.
Progress = Callable[[int, int, str], None]
EMBED_BATCH = 64


def validate_article(text: str, settings: Settings) -> None:
    """Raise InputError if the text cannot be checked; cheap, so callers may run it before loading models."""
    if len(text) > settings.max_article_chars:
        raise InputError(
            f"The article has {len(text):,} characters; the limit is {settings.max_article_chars:,}. "
            f"Split it into parts and check each."
        )
    if not text.strip():
        raise InputError("The article is empty: paste or upload some text to check.")


class Checker:
    """Checks articles against one indexed corpus. Build once, call `check` many times."""

    def __init__(self, settings: Settings, embedder: Embedder, index: SearchIndex,
                 stance: StanceModel | None = None, scorer: CheckworthinessScorer | None = None):
        self.settings = settings
        self.embedder = embedder
        self.index = index
        self.stance = stance or LabelTransferStance(settings)
        self.scorer = scorer

    @classmethod
    def from_settings(cls, settings: Settings) -> "Checker":
        """Load the embedding model, the check-worthiness head and the corpus, and open (or build) its index."""
        embedder = SentenceTransformerEmbedder(settings.model_dir)
        scorer = TrainedScorer(embedder)  # before the index: a stale head fails fast
        corpus = load_corpus(settings.corpus_path, settings.corpus_additions)
        stance = load_checked_stance(embedder, settings)  # before the index: a stale model fails fast
        index = open_index(corpus, embedder, settings.index_root)
        return cls(settings, embedder, index, stance=stance, scorer=scorer)

    def check(self, text: str, progress: Progress | None = None) -> Report:
        """Check one article; raises InputError for input that cannot be checked."""
        validate_article(text, self.settings)
        report_progress = progress or (lambda done, total, what: None)
        segments = split_sentences(text)
        language = document_language(segments) if segments else "und"
        sentences = tag_languages(segments, language)
        claims = analyse_sentences(sentences, self.settings, self.scorer)
        to_check = [claim for claim in claims if claim.needs_check]
        findings = {claim.sentence.id: Finding(claim, None, ()) for claim in claims}
        for start in range(0, len(to_check), EMBED_BATCH):
            report_progress(start, len(to_check), "checking claims")
            for finding in self.check_claims(to_check[start:start + EMBED_BATCH]):
                findings[finding.claim.sentence.id] = finding
        report_progress(len(to_check), len(to_check), "done")
        return Report(
            language=language,
            corpus=self.index.info,
            findings=tuple(findings[claim.sentence.id] for claim in claims),
            text_length=len(text),
            model=self.embedder.fingerprint,
            checker_version=__version__,
        )

    def check_claims(self, claims: list[Claim]) -> list[Finding]:
        """Retrieval, stance and verdict for claims already analysed (of any kind)."""
        texts = [claim.checked_text for claim in claims]
        languages = [claim.sentence.language for claim in claims]
        # Retrieval gathers candidates; evidence is what comes closest to the claim. The fused
        # ranking favours entries that share words with the claim, which in a mixed-language
        # corpus are same-language ones, so the evidence is cut after the stance stage has
        # ordered the candidates by similarity, not before.
        hits = self.index.search_texts(self.embedder, texts, languages, top_k=self.settings.candidates,
                                       candidates=self.settings.candidates, rrf_k=self.settings.rrf_k,
                                       lexical_weight=self.settings.lexical_weight)
        findings = []
        for claim, claim_hits in zip(claims, hits):
            evidence = self.stance.assess(claim.checked_text, claim_hits)[: self.settings.top_k]
            findings.append(Finding(claim, decide(claim, evidence, self.settings), tuple(evidence)))
        return findings
