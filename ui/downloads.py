"""The export buttons: HTML, PDF, JSON, Markdown, CSV and ClaimReview, all built from the same report."""

from __future__ import annotations

import streamlit as st

from checker.export import Reviews, report_to_claimreview, report_to_csv, report_to_html
from checker.export_pdf import report_to_pdf
from checker.records import Report
from checker.report import report_to_json, report_to_markdown


def download_buttons(report: Report, text: str, reviews: Reviews, organisation: str, article_url: str | None) -> None:
    # Each file is built when its button is pressed, not on every run of the page: on a
    # 20,000-word article the five text files take 0.17 s and the PDF 4 s (bench/long_article.py),
    # which every click on the page would otherwise pay.
    # One row that wraps, each button as wide as its label: six equal columns cut the long labels off.
    row = st.container(horizontal=True)
    row.download_button("Download HTML", lambda: report_to_html(report, text, reviews, article_url=article_url),
                        file_name="factcheck-report.html", mime="text/html", on_click="ignore")
    row.download_button("Download PDF", lambda: report_to_pdf(report, text, reviews, article_url=article_url),
                        file_name="factcheck-report.pdf", mime="application/pdf", on_click="ignore")
    row.download_button("Download JSON", lambda: report_to_json(report), file_name="factcheck-report.json",
                        mime="application/json", on_click="ignore")
    row.download_button("Download Markdown", lambda: report_to_markdown(report), file_name="factcheck-report.md",
                        mime="text/markdown", on_click="ignore")
    row.download_button("Download CSV", lambda: report_to_csv(report, reviews), file_name="factcheck-report.csv",
                        mime="text/csv", on_click="ignore")
    row.download_button("Download ClaimReview",
                        lambda: report_to_claimreview(report, reviews, organisation=organisation or "unnamed",
                                                      article_url=article_url),
                        file_name="factcheck-claimreview.jsonld", mime="application/ld+json", on_click="ignore",
                        help="schema.org ClaimReview for the sentences a reviewer decided on")
