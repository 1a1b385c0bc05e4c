"""Frozen records passed between the stages, each built by exactly one stage.

Data flows one way:
    text (Segment) -> language (Sentence) -> claims (Claim) -> index (Evidence)
    -> stance (Evidence.stance) -> verdict (Verdict) -> report (Finding, Report)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Layout(str, Enum):
    """How a piece of text sits in the article, as the text stage saw it."""

    TEXT = "text"  # running prose
    HEADING = "heading"  # a short block without final punctuation
    LINK = "link"  # a bare URL on a line of its own


class SentenceKind(str, Enum):
    CLAIM = "claim"  # a check-worthy factual statement
    HEADING = "heading"
    QUESTION = "question"
    OTHER = "other"  # everything else: opinion, boilerplate, links, low check-worthiness


class AttributionType(str, Enum):
    ASSERTED = "asserted"  # the article states it in its own voice
    REPORTED = "reported"  # the article reports what someone else said


class CorpusLabel(str, Enum):
    """The label a reference corpus entry carries (the publisher's verdict, normalised)."""

    TRUE = "true"
    FALSE = "false"
    MISLEADING = "misleading"
    UNPROVEN = "unproven"


class Stance(str, Enum):
    """What one piece of evidence says about a checked claim."""

    SUPPORTS = "supports"
    REFUTES = "refutes"
    MIXED = "mixed"  # the evidence calls a claim like this misleading or unproven
    NEUTRAL = "neutral"  # related, but says nothing either way


class Label(str, Enum):
    """The verdict on a checked claim."""

    SUPPORTED = "supported"
    REFUTED = "refuted"
    MISLEADING = "misleading"
    UNVERIFIED = "unverified"


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence as the splitter found it; offsets index the ORIGINAL text."""

    text: str  # repaired: hard wraps joined, line-end hyphenation resolved
    start: int  # original[start:end] is the span the sentence came from
    end: int
    layout: Layout


@dataclass(frozen=True, slots=True)
class Sentence:
    id: int  # position in the article, from 0
    text: str
    start: int
    end: int
    layout: Layout
    language: str  # ISO 639-1 code, e.g. "de"


@dataclass(frozen=True, slots=True)
class Attribution:
    type: AttributionType
    speaker: str | None  # who made a reported claim ("Trump", "a source"), if found
    cue: str | None  # the words that mark the report ("beschuldigte", "according to")
    marked_false_by_author: bool  # the article itself calls the reported claim false


ASSERTED = Attribution(AttributionType.ASSERTED, None, None, False)


@dataclass(frozen=True, slots=True)
class Claim:
    """One sentence as the claims stage judged it."""

    sentence: Sentence
    kind: SentenceKind
    checkworthiness: float  # in [0, 1]
    attribution: Attribution
    checked_text: str  # what gets checked: the sentence, or the reported proposition

    @property
    def needs_check(self) -> bool:
        return self.kind is SentenceKind.CLAIM


@dataclass(frozen=True, slots=True)
class CorpusEntry:
    """One reference entry: a fact-checked claim or a sourced fact."""

    id: str
    text: str
    label: CorpusLabel | None = None
    rating: str | None = None  # the publisher's own words, e.g. "Falsch"
    language: str | None = None
    title: str | None = None
    evidence: str | None = None  # a sentence or two stating the facts
    source_url: str | None = None
    publisher: str | None = None
    date: str | None = None  # ISO 8601 date


@dataclass(frozen=True, slots=True)
class Hit:
    """A corpus entry retrieved for a query, before any judgement."""

    entry: CorpusEntry
    similarity: float  # cosine of query and entry embeddings, in [-1, 1]
    score: float  # the fused ranking score (higher is better)
    cross_lingual: bool = False  # the entry is in another language than the query (both known)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A retrieved entry with what it says about the checked claim."""

    entry: CorpusEntry
    similarity: float  # cosine, checked claim vs entry text
    stance: Stance
    stance_confidence: float  # in [0, 1]
    note: str  # why this stance, in a few words a reader understands


@dataclass(frozen=True, slots=True)
class Verdict:
    label: Label
    confidence: float  # in [0, 1]
    flagged: bool  # a reviewer should look at this one
    explanation: str  # one line a journalist can read


@dataclass(frozen=True, slots=True)
class Finding:
    """Everything the report says about one sentence."""

    claim: Claim
    verdict: Verdict | None  # None for sentences that are not check-worthy claims
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class CorpusInfo:
    name: str
    version: str  # content hash of the corpus files
    entries: int


@dataclass(frozen=True, slots=True)
class Report:
    language: str
    corpus: CorpusInfo
    findings: tuple[Finding, ...]
    text_length: int  # characters in the original article
    model: str  # embedding model name and fingerprint
    checker_version: str
