"""The long article of bench/long_article.py: as long as asked, German and English, and no sentence twice."""

from collections import Counter

from checker.language import document_language, tag_languages
from checker.text import split_sentences
from tests.conftest import MOTIVATING_ARTICLE, SHARED, load_bench_script, needs_shared


def test_the_long_article_is_real_mixed_text_without_repeats():
    needs_shared(MOTIVATING_ARTICLE)
    needs_shared(SHARED / "data" / "germeval2021_factclaiming_de")
    text = load_bench_script("long_article").long_article(5_000)
    assert 5_000 <= len(text.split()) < 5_600 and text.startswith(MOTIVATING_ARTICLE.read_text(encoding="utf-8").strip())
    segments = split_sentences(text)
    repeated = [sentence for sentence, count in Counter(s.text for s in segments).items() if count > 1]
    assert len(repeated) <= len(segments) // 100, repeated[:5]  # the embedding cache saves next to nothing
    languages = Counter(s.language for s in tag_languages(segments, document_language(segments)))
    assert languages["de"] > len(segments) / 4 and languages["en"] > len(segments) / 4, languages
