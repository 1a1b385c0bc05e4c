"""A 20,000-word article: the check and the review page, beside the motivating article in the same run.

The long article is real German and English text, built deterministically: the motivating
article and the two example articles, then alternating paragraphs of German Facebook
comments (GermEval 2021, in file order, those of 12 words or more) and English claims from
CLIMATE-FEVER dev, each followed by its Wikipedia evidence sentences, until 20,000 words.
Comments and evidence are deduplicated, so the embedding cache saves next to nothing
(4 of 1,036 sentences repeat at 20,000 words: comments quoting each other).

Measured, for each article: the check in-process (nothing cached; wall and CPU time, since
CPU time hardly moves when other jobs share the cores) and building the download
files, then the page through streamlit's AppTest with the real app.py: pressing "Check
article" (check + first render), a rerun (what every click on the page costs), and choosing
another sentence.

    .venv/bin/python bench/long_article.py [--words N] [--repeats N]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import tempfile
import time

from common import DATA, REPO, require

MOTIVATING = REPO.parent / "shared" / "examples" / "rare-earths-deal-de.txt"
TIMEOUT = 900  # seconds AppTest waits for one run


def long_article(words: int) -> str:
    """Real German and English paragraphs, alternating, until `words` words."""
    paragraphs = [path.read_text(encoding="utf-8").strip()
                  for path in (require(MOTIVATING), *sorted((REPO / "examples").glob("*.txt")))]
    with require(DATA / "germeval2021_factclaiming_de" / "GermEval21_TrainData.csv").open(encoding="utf-8") as file:
        comments = [" ".join(row["comment_text"].split()) for row in csv.DictReader(file)]
    german = iter([comment for comment in dict.fromkeys(comments) if len(comment.split()) >= 12])
    english = []
    seen: set[str] = set()
    with require(DATA / "climate_fever" / "climate-fever-dev.jsonl").open(encoding="utf-8") as file:
        for line in file:
            record = json.loads(line)
            sentences = [record["claim"].strip()] + [item["evidence"].strip() for item in record["evidences"]]
            fresh = [sentence for sentence in sentences if sentence not in seen]
            seen.update(fresh)
            if len(fresh) > 1:
                english.append(" ".join(fresh))
    english_paragraphs = iter(english)
    count = sum(len(paragraph.split()) for paragraph in paragraphs)
    while count < words:
        paragraph = " ".join(next(german) for _ in range(3)) if len(paragraphs) % 2 else next(english_paragraphs)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs) + "\n"


def time_check(checker, text: str) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds of this process, report); CPU time hardly moves when other jobs share the cores."""
    checker.embedder.clear_cache()  # the real work, not the embedding cache
    started, cpu = time.perf_counter(), time.process_time()
    report = checker.check(text)
    return time.perf_counter() - started, time.process_time() - cpu, report


def time_exports(report, text: str) -> dict[str, float]:
    """Seconds to build the download files: the five text files together, and the PDF."""
    from checker.export import report_to_claimreview, report_to_csv, report_to_html
    from checker.export_pdf import report_to_pdf
    from checker.report import report_to_json, report_to_markdown

    started = time.perf_counter()
    for build in (lambda: report_to_html(report, text), lambda: report_to_csv(report), lambda: report_to_json(report),
                  lambda: report_to_markdown(report), lambda: report_to_claimreview(report, {}, organisation="x")):
        build()
    files = time.perf_counter() - started
    started = time.perf_counter()
    report_to_pdf(report, text)
    return {"files": files, "pdf": time.perf_counter() - started}


def time_page(text: str, repeats: int) -> dict[str, float]:
    """Seconds for the page's runs with this article, in a fresh AppTest session."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
    app.run()
    app.text_area(key="article_text").input(text)
    [button] = [b for b in app.button if b.label == "Check article"]
    started, cpu = time.perf_counter(), time.process_time()
    button.click().run()
    press, press_cpu = time.perf_counter() - started, time.process_time() - cpu
    assert not app.exception and not app.error, (app.exception, app.error)
    reruns = []
    for _ in range(repeats):
        started = time.perf_counter()
        app.run()
        reruns.append(time.perf_counter() - started)
    picker = app.selectbox(key="selected_sentence")
    choices = [int(option.split()[0].lstrip("#")) for option in picker.options]
    picks = []
    for choice in choices[-repeats:]:
        started = time.perf_counter()
        app.selectbox(key="selected_sentence").set_value(choice).run()
        picks.append(time.perf_counter() - started)
    page_bytes = sum(len(element.value) for element in app.get("html"))
    return {"press": press, "press_cpu": press_cpu, "rerun": statistics.median(reruns), "pick": statistics.median(picks),
            "options": len(choices), "html_kb": page_bytes / 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    import torch

    torch.set_num_threads(2)
    os.environ["FACTCHECK_REVIEW_DB"] = str(os.path.join(tempfile.mkdtemp(), "reviews.sqlite3"))
    from checker.config import Settings
    from checker.pipeline import Checker

    articles = {"motivating article (baseline)": require(MOTIVATING).read_text(encoding="utf-8"),
                f"long article ({args.words:,} words)": long_article(args.words)}
    checker = Checker.from_settings(Settings())
    checker.check(articles["motivating article (baseline)"])  # warm-up: first-call costs are not the article's
    rows = {}
    for name, text in articles.items():
        seconds, cpu, report = time_check(checker, text)
        rows[name] = {"words": len(text.split()), "chars": len(text), "sentences": len(report.findings),
                      "claims": sum(f.verdict is not None for f in report.findings), "check": seconds,
                      "check_cpu": cpu}
        rows[name] |= time_exports(report, text)
    # Warm-up with a text in neither article: the app loads its model once, and caches no sentence measured below.
    time_page("Der Bundestag hat am Donnerstag über den Haushalt für das kommende Jahr beraten.", 1)
    for name, text in articles.items():
        rows[name] |= time_page(text, args.repeats)

    print(f"torch threads: {torch.get_num_threads()}; load average {os.getloadavg()[0]:.1f} at the end; "
          "page times from streamlit AppTest (server side, no browser)")
    print("| measure | " + " | ".join(rows) + " |")
    print("|---|" + "---:|" * len(rows))
    for key, title, unit in (
        ("words", "words", "{:,}"), ("chars", "characters", "{:,}"), ("sentences", "sentences", "{:,}"),
        ("claims", "claims checked", "{:,}"), ("check", "check in-process, nothing cached", "{:.1f} s"),
        ("check_cpu", "the same, CPU time of the process", "{:.1f} s"),
        ("press", "page: press Check article (check + first render)", "{:.1f} s"),
        ("press_cpu", "the same, CPU time of the process", "{:.1f} s"),
        ("rerun", f"page: rerun, what any click costs (median of {args.repeats})", "{:.2f} s"),
        ("pick", f"page: choose another sentence (median of {args.repeats})", "{:.2f} s"),
        ("options", "claims in the sentence picker", "{:,}"), ("html_kb", "HTML sent per run", "{:,.0f} kB"),
        ("files", "build HTML, JSON, Markdown, CSV, ClaimReview (only when downloaded)", "{:.2f} s"),
        ("pdf", "build the PDF (only when downloaded)", "{:.1f} s"),
    ):
        print(f"| {title} | " + " | ".join(unit.format(row[key]) for row in rows.values()) + " |")


if __name__ == "__main__":
    main()
