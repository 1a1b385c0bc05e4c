"""Offline fact-checking assistant: article in, checked claims with evidence out."""

__version__ = "0.1.0"
