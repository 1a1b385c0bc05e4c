"""Errors whose message is shown to the user as is.

Every error says what happened and what to do next. The CLI and the app translate
them once, at the edge; library code never prints.
"""


class CheckerError(Exception):
    """Base class: the message is a complete, actionable sentence for the user."""


class InputError(CheckerError):
    """The article text cannot be checked (empty, binary, too large…)."""


class CorpusError(CheckerError):
    """A reference corpus file is missing or malformed (message names file:line)."""


class SearchIndexError(CheckerError):
    """A persisted index is missing, stale or corrupt."""


class ModelError(CheckerError):
    """A model is missing or cannot be loaded (message says how to build it)."""
