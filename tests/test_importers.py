"""Importers: ClaimReview (JSON-LD, HTML, Fact Check Tools API), CSV and CheckThat! into corpus entries."""

import json

import pytest

from checker.cli import main
from checker.corpus import load_corpus, parse_entry
from checker.errors import CorpusError
from checker.corpus import entries_to_jsonl
from checker.importers import (RATING_LABELS, ImportResult, import_checkthat, import_claimreview,
                               import_csv, normalise_rating, parse_date, parse_mapping)
from checker.records import CorpusLabel
from tests.conftest import SHARED, needs_shared

T, F, M, U = CorpusLabel.TRUE, CorpusLabel.FALSE, CorpusLabel.MISLEADING, CorpusLabel.UNPROVEN

REVIEW_DE = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://correctiv.org/faktencheck/2025/02/20/ukraine-krieg-begonnen/",
    "claimReviewed": "Die Ukraine hat den Krieg mit Russland begonnen.",
    "name": "Nein, die Ukraine hat den Krieg nicht begonnen",
    "datePublished": "2025-02-20T09:30:00+01:00",
    "inLanguage": "de-DE",
    "author": {"@type": "Organization", "name": "CORRECTIV.Faktencheck"},
    "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                     "alternateName": "Falsch"},
    "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Donald Trump"}},
}
REVIEW_EN = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://www.politifact.com/factchecks/2025/feb/19/donald-trump/ukraine-did-not-start-war/",
    "claimReviewed": "Ukraine started the war with Russia.",
    "datePublished": "2025-02-19",
    "inLanguage": "en",
    "author": {"@type": "Organization", "name": "PolitiFact"},
    "reviewRating": {"@type": "Rating", "name": "Pants on Fire!"},
}
API_RESPONSE = {
    "claims": [
        {"text": "Zelensky has a 4% approval rating.", "claimant": "Donald Trump", "claimDate": "2025-02-18T00:00:00Z",
         "languageCode": "en",
         "claimReview": [
             {"publisher": {"name": "Full Fact", "site": "fullfact.org"},
              "url": "https://fullfact.org/online/zelensky-approval-rating/", "title": "Zelensky's approval is not 4%",
              "reviewDate": "2025-02-19T12:00:00Z", "textualRating": "Incorrect", "languageCode": "en"},
             {"publisher": {"site": "dpa-factchecking.com"},
              "url": "https://dpa-factchecking.com/germany/250219-99-123456/", "title": "Selenskyj-Zustimmung",
              "reviewDate": "2025-02-20T08:00:00Z", "textualRating": "Größtenteils falsch", "languageCode": "de"},
         ]},
    ],
    "nextPageToken": "CAo",
}


def one(result: ImportResult):
    assert len(result.entries) == 1, result
    return result.entries[0]


# --- the rating table -------------------------------------------------------------------------

@pytest.mark.parametrize("rating, label", [
    ("False", F), ("Mostly false", F), ("Pants on Fire", F), ("Misleading", M), ("Missing context", M),
    ("Partly false", M), ("Half true", M), ("Mostly true", T), ("True", T), ("Correct", T), ("Unproven", U),
    ("Unsupported", U), ("Satire", F), ("Falsch", F), ("Größtenteils falsch", F), ("Irreführend", M),
    ("Fehlender Kontext", M), ("Teilweise falsch", M), ("Halbwahr", M), ("Größtenteils richtig", T), ("Richtig", T),
    ("Wahr", T), ("Unbelegt", U), ("Frei erfunden", F), ("Manipuliert", F),
    # case, spacing, hyphens and punctuation do not matter
    ("  MOSTLY   FALSE ", F), ("pants-on-fire!", F), ("GRÖSSTENTEILS FALSCH", F), ("Irrefuehrend", M),
    ("Half-True", M), ("falsch.", F),
])
def test_rating_table_covers_english_and_german(rating, label):
    assert normalise_rating(rating) is label


@pytest.mark.parametrize("rating", ["", "   ", None, "Needs a closer look", "False, but see below", "Falschh"])
def test_unknown_ratings_are_not_guessed(rating):
    assert normalise_rating(rating) is None


def test_every_table_entry_maps_to_itself():
    assert all(normalise_rating(rating) is label for rating, label in RATING_LABELS.items())


@pytest.mark.parametrize("text, iso", [
    ("26 May 2015", "2015-05-26"), ("6 March 2021", "2021-03-06"), ("21February 2009", "2009-02-21"),
    ("May 26, 2015", "2015-05-26"), ("20.02.2025", "2025-02-20"), ("3. März 2025", "2025-03-03"),
    ("2025-02-19T12:00:00Z", "2025-02-19"), ("2025-02-19", "2025-02-19"),
    ("31 February 2020", None), ("05/26/2015", None), ("yesterday", None), ("", None),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


# --- ClaimReview ------------------------------------------------------------------------------

def test_single_claimreview_object_maps_every_field():
    entry = one(import_claimreview(json.dumps(REVIEW_DE), "de.json"))
    assert entry.id.startswith("cr-") and len(entry.id) == len("cr-") + 12
    assert entry.text == "Die Ukraine hat den Krieg mit Russland begonnen."
    assert (entry.label, entry.rating, entry.language) == (F, "Falsch", "de")
    assert entry.source_url == REVIEW_DE["url"]
    assert entry.publisher == "CORRECTIV.Faktencheck"
    assert entry.date == "2025-02-20"
    assert entry.title == "Nein, die Ukraine hat den Krieg nicht begonnen"
    assert entry.evidence is None


def test_list_and_graph_give_the_same_entries():
    as_list = import_claimreview(json.dumps([REVIEW_DE, REVIEW_EN]), "list.json")
    graph = {"@context": "https://schema.org",
             "@graph": [{"@type": "WebPage", "name": "Faktencheck"}, REVIEW_DE, REVIEW_EN]}
    as_graph = import_claimreview(json.dumps(graph), "graph.json")
    assert as_list.entries == as_graph.entries and not as_list.warnings and not as_graph.warnings
    english = as_list.entries[1]
    assert (english.label, english.rating, english.publisher, english.language) == (F, "Pants on Fire!",
                                                                                    "PolitiFact", "en")


def test_type_written_as_iri_or_list():
    review = {**REVIEW_EN, "@type": ["http://schema.org/ClaimReview"]}
    assert one(import_claimreview(json.dumps(review), "r.json")).label is F


def test_html_page_with_two_json_ld_scripts():
    page = f"""<!DOCTYPE html>
<html><head><title>Faktencheck</title>
<script type="application/ld+json">{json.dumps(REVIEW_DE)}</script>
<script type="text/javascript">var x = {{"@type": "ClaimReview"}};</script>
</head><body><p>Text &amp; more</p>
<script type="application/ld+json">
{json.dumps({"@context": "https://schema.org", "@graph": [REVIEW_EN]}, indent=1)}
</script>
<script type="application/ld+json">{{ not json </script>
</body></html>"""
    result = import_claimreview(page, "page.html")
    assert [entry.text for entry in result.entries] == [REVIEW_DE["claimReviewed"], REVIEW_EN["claimReviewed"]]
    assert len(result.warnings) == 1
    bad_line = next(number for number, line in enumerate(page.splitlines(), start=1) if "not json" in line)
    assert result.warnings[0].startswith(f"page.html:{bad_line}: JSON-LD block is not valid JSON")


def test_html_entities_in_json_ld_are_decoded():
    review = {**REVIEW_EN, "claimReviewed": "Biden &amp; Harris  said\nso."}
    page = f'<html><script type="application/ld+json">{json.dumps(review)}</script></html>'
    assert one(import_claimreview(page, "p.html")).text == "Biden & Harris said so."


def test_google_fact_check_tools_response():
    result = import_claimreview(json.dumps(API_RESPONSE), "api.json")
    assert not result.warnings
    full_fact, dpa = result.entries
    assert full_fact.text == dpa.text == "Zelensky has a 4% approval rating."
    assert (full_fact.label, full_fact.rating, full_fact.publisher, full_fact.date, full_fact.language) == (
        F, "Incorrect", "Full Fact", "2025-02-19", "en")
    assert full_fact.title == "Zelensky's approval is not 4%"
    assert (dpa.label, dpa.rating, dpa.publisher, dpa.language) == (F, "Größtenteils falsch", "dpa-factchecking.com",
                                                                    "de")
    assert full_fact.id != dpa.id  # same claim, two reviews: two entries


def test_unknown_rating_is_reported_and_imported_without_label():
    review = {**REVIEW_EN, "reviewRating": {"@type": "Rating", "alternateName": "Four Cheeseburgers"}}
    result = import_claimreview(json.dumps([REVIEW_DE, review]), "odd.json")
    entry = result.entries[1]
    assert entry.label is None and entry.rating == "Four Cheeseburgers"
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("odd.json $[1]: unknown rating 'Four Cheeseburgers'")


def test_unknown_rating_in_api_response_names_its_place():
    response = json.loads(json.dumps(API_RESPONSE))
    response["claims"][0]["claimReview"][1]["textualRating"] = "Zweifelhaft"
    result = import_claimreview(json.dumps(response), "api.json")
    assert result.entries[1].label is None and result.entries[1].rating == "Zweifelhaft"
    assert result.warnings == ("api.json $.claims[0].claimReview[1]: unknown rating 'Zweifelhaft'; imported with no "
                               "label (add it to RATING_LABELS in checker/importers.py or label the entry by hand)",)


def test_second_rating_text_is_used_when_the_first_is_unknown():
    review = {**REVIEW_EN, "reviewRating": {"alternateName": "Pinocchio-ish", "name": "Mostly False"}}
    entry = one(result := import_claimreview(json.dumps(review), "r.json"))
    assert (entry.label, entry.rating) == (F, "Pinocchio-ish") and not result.warnings


@pytest.mark.parametrize("rating, label", [
    ({"ratingValue": 1}, F), ({"ratingValue": "2", "bestRating": "5", "worstRating": "1"}, F),
    ({"ratingValue": 3}, M), ({"ratingValue": 4}, T), ({"ratingValue": 10, "bestRating": 10, "worstRating": 0}, T),
    ({"ratingValue": 0, "bestRating": 10, "worstRating": 0}, F),
])
def test_numeric_rating_is_a_fallback_when_there_is_no_text(rating, label):
    entry = one(import_claimreview(json.dumps({**REVIEW_EN, "reviewRating": rating}), "r.json"))
    assert entry.label is label and "on a scale of" in entry.rating


def test_numeric_rating_never_overrides_words():
    review = {**REVIEW_EN, "reviewRating": {"ratingValue": 5, "bestRating": 5, "alternateName": "Falsch"}}
    assert one(import_claimreview(json.dumps(review), "r.json")).label is F


def test_numeric_rating_out_of_range_is_reported():
    review = {**REVIEW_EN, "reviewRating": {"ratingValue": -1, "bestRating": 5, "worstRating": 1}}
    result = import_claimreview(json.dumps(review), "r.json")
    assert one(result).label is None and "cannot be read as a label" in result.warnings[0]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/x", "//example.org/x", "example.org/x",
                                 "https://"])
def test_non_http_url_is_dropped_with_a_warning(url):
    result = import_claimreview(json.dumps({**REVIEW_EN, "url": url}), "r.json")
    entry = one(result)
    assert entry.source_url is None and entry.text == REVIEW_EN["claimReviewed"]
    assert "is not http(s); dropped" in result.warnings[0]


def test_unparseable_date_and_language_are_reported_not_kept():
    review = {**REVIEW_EN, "datePublished": "last Tuesday", "inLanguage": "Klingon-ish!"}
    result = import_claimreview(json.dumps(review), "r.json")
    assert (one(result).date, one(result).language) == (None, None)
    assert any("date 'last Tuesday'" in warning for warning in result.warnings)
    assert any("language 'Klingon-ish!'" in warning for warning in result.warnings)


def test_language_as_object_and_name():
    review = {**REVIEW_DE, "inLanguage": {"@type": "Language", "name": "German", "alternateName": "de-AT"}}
    assert one(import_claimreview(json.dumps(review), "r.json")).language == "de"
    assert one(import_claimreview(json.dumps({**REVIEW_DE, "inLanguage": "Deutsch"}), "r.json")).language == "de"


def test_review_without_claim_text_is_skipped_with_a_warning():
    review = {key: value for key, value in REVIEW_EN.items() if key != "claimReviewed"}
    result = import_claimreview(json.dumps([review, REVIEW_DE]), "r.json")
    assert len(result.entries) == 1 and result.warnings == ("r.json $[0]: no claim text; skipped",)


def test_duplicate_reviews_are_dropped_with_a_warning():
    result = import_claimreview(json.dumps([REVIEW_DE, REVIEW_EN, REVIEW_DE]), "r.json")
    assert len(result.entries) == 2
    assert len(result.warnings) == 1 and "duplicate id" in result.warnings[0] and "(first at r.json $[0])" in \
        result.warnings[0]


def test_reimport_gives_identical_ids():
    first = import_claimreview(json.dumps([REVIEW_DE, REVIEW_EN]), "a.json")
    again = import_claimreview(json.dumps([REVIEW_EN, {**REVIEW_DE, "name": "Other title"}]), "b.json")
    assert {entry.id for entry in first.entries} == {entry.id for entry in again.entries}
    changed = import_claimreview(json.dumps({**REVIEW_DE, "claimReviewed": "Something else."}), "c.json")
    assert one(changed).id not in {entry.id for entry in first.entries}


def test_input_that_is_neither_json_nor_html_is_an_error():
    with pytest.raises(CorpusError, match=r"notes.txt:1:1: not valid JSON"):
        import_claimreview("just some notes", "notes.txt")


def test_every_imported_entry_round_trips_through_parse_entry():
    result = import_claimreview(json.dumps([REVIEW_DE, REVIEW_EN, API_RESPONSE]), "all.json")
    lines = entries_to_jsonl(result.entries).splitlines()
    assert len(lines) == 4
    assert tuple(parse_entry(line) for line in lines) == result.entries


# --- CSV --------------------------------------------------------------------------------------

CSV_WITH_MAPPING = (
    "\ufeffClaim;Verdict;Link;Published;Lang\n"
    "Die Ukraine hat den Krieg begonnen.;Falsch;https://example.org/1;20.02.2025;de-DE\n"
    ";Richtig;https://example.org/2;21.02.2025;de\n"
    '"Zelensky is a dictator; he cancelled elections.";Mostly False;https://example.org/3;2025-02-19;en\n'
    "Windräder töten alle Vögel.;Ganz schlimm;javascript:void(0);gestern;de\n"
)
CSV_MAPPING = {"text": "Claim", "label": "Verdict", "source_url": "Link", "date": "Published", "language": "Lang"}


def test_csv_with_mapping_bom_semicolons_and_a_bad_row():
    result = import_csv(CSV_WITH_MAPPING, "checks.csv", CSV_MAPPING)
    first, second, third = result.entries
    assert (first.text, first.label, first.rating, first.date, first.language, first.source_url) == (
        "Die Ukraine hat den Krieg begonnen.", F, "Falsch", "2025-02-20", "de", "https://example.org/1")
    assert (second.text, second.label) == ("Zelensky is a dictator; he cancelled elections.", F)
    assert (third.label, third.rating, third.source_url, third.date) == (None, "Ganz schlimm", None, None)
    assert all(entry.id.startswith("csv-") for entry in result.entries)
    assert result.warnings[0] == "checks.csv:3: no text in column 'Claim'; row skipped"
    assert [warning.split(":")[1] for warning in result.warnings[1:]] == ["5", "5", "5"]
    assert any("unknown rating 'Ganz schlimm'" in warning for warning in result.warnings)


def test_csv_default_columns_named_like_fields_with_ids_and_tabs():
    data = "ID\tText\tRating\tPublisher\nx1\tThe sky is green.\tPants on Fire\tExample Checks\n"
    entry = one(result := import_csv(data, "plain.tsv"))
    assert (entry.id, entry.text, entry.label, entry.rating, entry.publisher) == (
        "x1", "The sky is green.", F, "Pants on Fire", "Example Checks")
    assert not result.warnings


def test_csv_delimiter_comes_from_the_header_even_when_texts_hold_commas():
    data = "text;label\nOne, two, three;Falsch\nFour, five, six;Richtig\n"
    assert [entry.text for entry in import_csv(data, "s.csv").entries] == ["One, two, three", "Four, five, six"]
    assert one(import_csv("Text\nOne, two; three\n", "single.csv")).text == "One, two; three"


def test_csv_label_column_with_corpus_labels_keeps_rating_empty():
    entry = one(import_csv("text,label\nThe sky is blue.,true\n", "l.csv"))
    assert (entry.label, entry.rating) == (T, None)


def test_csv_line_numbers_count_multiline_cells():
    data = 'text,label\n"A claim\nover two lines.",False\n,True\n'
    result = import_csv(data, "m.csv")
    assert one(result).text == "A claim over two lines."
    assert result.warnings == ("m.csv:4: no text in column 'text'; row skipped",)


def test_csv_mapping_errors_name_the_columns():
    with pytest.raises(CorpusError, match=r"no column 'Behauptung' for field 'text'; the columns are: Claim, Verdict"):
        import_csv("Claim,Verdict\na,b\n", "c.csv", {"text": "Behauptung"})
    with pytest.raises(CorpusError, match=r"no 'text' column; name the claim column with --map text=COLUMN"):
        import_csv("Claim,Verdict\na,b\n", "c.csv")
    with pytest.raises(CorpusError, match=r"unknown field 'verdict'; fields: id, text, label"):
        parse_mapping("text=Claim,verdict=Verdict")
    with pytest.raises(CorpusError, match=r"must be FIELD=COLUMN"):
        parse_mapping("text")


def test_csv_reimport_gives_identical_ids():
    first = import_csv(CSV_WITH_MAPPING, "checks.csv", CSV_MAPPING)
    again = import_csv(CSV_WITH_MAPPING, "copy.csv", CSV_MAPPING)
    assert [entry.id for entry in first.entries] == [entry.id for entry in again.entries]
    as_commas = import_csv("Link,Claim\nhttps://example.org/1,Die Ukraine hat den Krieg begonnen.\n", "c.csv",
                           {"text": "Claim", "source_url": "Link"})
    assert one(as_commas).id == first.entries[0].id  # the id depends on URL and text only


# --- CheckThat! -------------------------------------------------------------------------------

CHECKTHAT_LINES = "\n".join([
    json.dumps({"title": "$1 McDonald's Any Size Fries", "subtitle": "Rumor: ...", "author": "David Mikkelson",
                "date": "26 May 2015", "vclaim_id": "vclaim-sno-1-fries",
                "vclaim": "McDonald’s restaurants are offering $1 Any Size Fries between May 18 and 31."}),
    json.dumps({"vclaim_id": "vclaim-sno-15-homeless", "vclaim": "Fifteen homeless people in Chicago were found dead.",
                "title": "Were 15 Homeless People Found Frozen to Death in Chicago?", "subtitle": "",
                "page_url": "https://www.snopes.com/fact-check/15-homeless-dead-in-chicago/",
                "author": "Arturo Garcia", "date": "30 January 2019"}),
    "",
    json.dumps({"vclaim_id": "vclaim-x", "vclaim": "Something.", "title": "T",
                "page_url": "https://example.org/x", "date": ""}),
    '{"vclaim_id": "broken"',
    json.dumps({"vclaim_id": "vclaim-no-text", "vclaim": "  "}),
    json.dumps({"vclaim_id": "vclaim-sno-1-fries", "vclaim": "Again.", "date": "Not surprisingly, when"}),
])


def test_checkthat_lines():
    result = import_checkthat(CHECKTHAT_LINES, "vclaims.jsonl")
    fries, homeless, other = result.entries
    assert (fries.id, fries.date, fries.title, fries.publisher, fries.source_url) == (
        "vclaim-sno-1-fries", "2015-05-26", "$1 McDonald's Any Size Fries", None, None)
    assert (homeless.publisher, homeless.source_url, homeless.date) == (
        "Snopes", "https://www.snopes.com/fact-check/15-homeless-dead-in-chicago/", "2019-01-30")
    assert all((entry.label, entry.rating, entry.language) == (None, None, "en") for entry in result.entries)
    assert (other.publisher, other.date) == (None, None)
    assert [warning.split(":")[1] for warning in result.warnings] == ["5", "6", "7", "7"]
    assert "not valid JSON" in result.warnings[0] and "needs 'vclaim_id' and 'vclaim'" in result.warnings[1]
    assert "date 'Not surprisingly, when'" in result.warnings[2] and "duplicate id" in result.warnings[3]


def test_whole_checkthat_collection_imports_and_loads(tmp_path, capsys):
    vclaims = needs_shared(SHARED / "data" / "ct2022_task2a_en" / "vclaims.jsonl")
    out = tmp_path / "vclaims-corpus.jsonl"
    assert main(["corpus", "import", str(vclaims), "--from", "checkthat", "--out", str(out)]) == 0
    assert "14231 imported into" in capsys.readouterr().err
    corpus = load_corpus(out)
    assert corpus.info.entries == 14231
    assert sum(entry.publisher == "Snopes" for entry in corpus.entries) == 2266


# --- the command ------------------------------------------------------------------------------

def test_cli_imports_claimreview_with_summary_and_warnings(tmp_path, capsys):
    review = {**REVIEW_EN, "url": "javascript:alert(1)"}
    source = tmp_path / "page.json"
    source.write_text(json.dumps([REVIEW_DE, review, REVIEW_DE]), encoding="utf-8")
    out = tmp_path / "sub" / "imported.jsonl"
    assert main(["corpus", "import", str(source), "--from", "claimreview", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert lines[-1] == f"2 imported into {out}, 2 warning(s)"
    assert sum(line.startswith("warning: ") for line in lines) == 2 and "is not http(s)" in err and "duplicate" in err
    assert load_corpus(out).info.entries == 2
    assert [entry.id for entry in load_corpus(out).entries] == [
        entry.id for entry in import_claimreview(source.read_text(encoding="utf-8"), "x").entries]
    assert list(out.parent.iterdir()) == [out]  # no temporary file left behind


def test_cli_csv_with_map(tmp_path, capsys):
    source = tmp_path / "checks.csv"
    source.write_bytes(CSV_WITH_MAPPING.encode("utf-8"))  # starts with a BOM
    out = tmp_path / "checks.jsonl"
    mapping = "text=Claim,label=Verdict,source_url=Link,date=Published,language=Lang"
    assert main(["corpus", "import", str(source), "--from", "csv", "--map", mapping, "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"warning: {source}:3: no text in column 'Claim'; row skipped" in err
    assert err.splitlines()[-1] == f"3 imported into {out}, 4 warning(s)"
    assert main(["corpus", "validate", str(out)]) == 0


def test_cli_reimport_writes_identical_file(tmp_path):
    source = tmp_path / "api.json"
    source.write_text(json.dumps(API_RESPONSE), encoding="utf-8")
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    for out in (first, second):
        assert main(["corpus", "import", str(source), "--from", "claimreview", "--out", str(out)]) == 0
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("content, kind, extra, message", [
    (None, "claimreview", [], "no such file"),
    (b"\xff\xfe\x00bad", "csv", [], "not UTF-8 text"),
    (b"just notes", "claimreview", [], "not valid JSON"),
    (b"<html><body>No JSON-LD here</body></html>", "claimreview", [], "no entries to import"),
    (b"Claim,Verdict\n,False\n", "csv", ["--map", "text=Claim"], "no entries to import"),
    (b"Claim,Verdict\nA claim.,False\n", "csv", ["--map", "text=Behauptung"], "no column 'Behauptung'"),
    (b"Claim,Verdict\nA claim.,False\n", "csv", ["--map", "claim=Claim"], "unknown field 'claim'"),
    (b"[]", "claimreview", ["--map", "text=Claim"], "--map applies only to --from csv"),
    (b"", "checkthat", [], "no entries to import"),
])
def test_cli_errors_exit_1_with_one_line_and_write_nothing(tmp_path, capsys, content, kind, extra, message):
    source = tmp_path / "input"
    if content is not None:
        source.write_bytes(content)
    out = tmp_path / "out" / "corpus.jsonl"
    assert main(["corpus", "import", str(source), "--from", kind, "--out", str(out), *extra]) == 1
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if not line.startswith("warning: ")]
    assert len(errors) == 1 and errors[0].startswith("error: ") and message in errors[0]
    assert "Traceback" not in err
    assert not out.exists() and not (out.parent.exists() and any(out.parent.iterdir()))


def test_cli_error_keeps_an_existing_output_file(tmp_path, capsys):
    out = tmp_path / "corpus.jsonl"
    out.write_text("old\n", encoding="utf-8")
    source = tmp_path / "empty.json"
    source.write_text("[]", encoding="utf-8")
    assert main(["corpus", "import", str(source), "--from", "claimreview", "--out", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "old\n"
    assert sorted(tmp_path.iterdir()) == sorted([out, source])
    assert "no entries to import" in capsys.readouterr().err


def test_cli_refuses_a_folder_as_output(tmp_path, capsys):
    source = tmp_path / "r.json"
    source.write_text(json.dumps(REVIEW_EN), encoding="utf-8")
    assert main(["corpus", "import", str(source), "--from", "claimreview", "--out", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err
