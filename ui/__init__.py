"""Streamlit components of the review workspace; each renders one part of the page and returns what it read."""
