"""Tests for the multilingual full-text analyzer (pure Python: no Django, no database)."""

import re
import sqlite3
import threading

import pytest

from safercities.search import segment
from safercities.search.analyzer import (
    MAX_QUERY_TERMS,
    MAX_TOKEN_CHARS,
    analyze,
    encode_token,
    fts5_match,
    highlight_terms,
    index_text,
    query_terms,
    script_of,
    tsquery,
)

ENCODED = re.compile(r"^[a-z0-9]+$")


def finds(document: str, query: str, language: str | None = None) -> bool:
    """What the FTS index does: every query term has at least one form among the doc tokens."""
    indexed = set(index_text(document, language).split())
    terms = query_terms(query)
    assert terms, f"query {query!r} has no terms"
    return all(any(form in indexed for form in forms) for forms in terms)


def terms_of(query: str) -> list[tuple[str, ...]]:
    """query_terms() expected for readable single-form terms."""
    return [(encode_token(word),) for word in query]


def icu_words(text: str) -> list[str]:
    return [text[a:b] for a, b in segment.word_spans(text)]


# 1. Unicode normalisation -------------------------------------------------------------------


def test_precomposed_devanagari_nukta_finds_decomposed_text():
    decomposed = "\u0915\u093c\u093e\u0928\u0942\u0928"  # क + nukta + ानून
    precomposed = "\u0958\u093e\u0928\u0942\u0928"  # क़ (U+0958) + ानून
    assert analyze(decomposed) == analyze(precomposed)
    assert finds(f"नया {decomposed} लागू", precomposed)
    assert finds(f"नया {precomposed} लागू", decomposed)


def test_precomposed_vietnamese_tones_find_decomposed_text():
    precomposed = "c\u1ed9ng \u0111\u1ed3ng"  # cộng đồng
    decomposed = "co\u0302\u0323ng \u0111o\u0302\u0300ng"
    assert analyze(precomposed) == analyze(decomposed) == ["cong", "dong"]
    assert finds(f"An toàn {decomposed}", precomposed)


def test_case_and_compatibility_forms_are_unified():
    assert analyze("ＳＡＦＥＴＹ Straße") == analyze("safety STRASSE")
    assert analyze("๒๕๖๗ ２０２４") == ["2567", "2024"]


def test_marks_stay_inside_non_latin_words():
    for word in ["ปลอดภัย", "សុវត្ថិភាព", "নিরাপত্তা", "\u0915\u093c\u093e\u0928\u0942\u0928"]:
        assert analyze(word)[0] == word
    assert analyze("καλά") != analyze("καλα")  # only Latin is accent-folded


# 2. Segmentation of scripts without spaces ---------------------------------------------------


def test_thai_is_segmented_into_words():
    assert query_terms("ความปลอดภัยของผู้หญิง") == terms_of(["ความ", "ปลอดภัย", "ของ", "ผู้", "หญิง"])


def test_lao_khmer_and_myanmar_are_segmented_into_words():
    assert query_terms("ຄວາມປອດໄພໃນເມືອງ") == terms_of(["ຄວາມປອດໄພ", "ໃນ", "ເມືອງ"])
    assert query_terms("សុវត្ថិភាពនៅក្នុងទីក្រុង") == terms_of(["សុវត្ថិភាព", "នៅក្នុង", "ទីក្រុង"])
    assert query_terms("မြို့ပြလုံခြုံရေး") == terms_of(["မြို့ပြ", "လုံခြုံရေး"])


def test_chinese_and_japanese_are_segmented_into_words():
    assert query_terms("城市安全和家庭暴力") == terms_of(["城市", "安全", "和", "家庭", "暴力"])
    assert query_terms("東京の安全な街") == terms_of(["東京", "の", "安全", "な", "街"])


def test_punctuation_spaces_and_symbols_are_never_tokens():
    assert analyze("ความ, ปลอดภัย! — «城市»… (安全) 👍🏽 #1") == [
        "ความ",
        "ปลอดภัย",
        "ปลอด",
        "ภัย",
        "城市",
        "安全",
        "1",
    ]


def test_latin_and_digits_next_to_thai_or_lao_without_space_are_split():
    assert query_terms("COVID19ความปลอดภัย") == terms_of(["covid19", "ความ", "ปลอดภัย"])
    assert query_terms("ປອດໄພCOVID19") == terms_of(["ປອດໄພ", "covid19"])
    assert query_terms("ปี2567") == query_terms("ปี๒๕๖๗") == terms_of(["ปี", "2567"])


def test_underscores_and_apostrophes_split_words():
    assert analyze("street_lighting don't") == ["street", "light", "lighting", "don", "t"]


# 3. Accent-insensitive Latin ------------------------------------------------------------------


def test_vietnamese_without_diacritics_finds_text_with_diacritics():
    document = "Chương trình phòng chống bạo lực gia đình tại Hà Nội"
    assert finds(document, "bao luc gia dinh")
    assert finds(document, "ha noi")


def test_vietnamese_with_diacritics_finds_text_without_diacritics():
    assert finds("phong chong bao luc gia dinh", "bạo lực gia đình")


def test_d_with_stroke_is_folded_to_d_in_both_cases():
    assert analyze("ĐÌNH đình Đình") == ["dinh", "dinh", "dinh"]


def test_french_and_indonesian_accents_are_folded():
    assert analyze("Sécurité naïve") == analyze("securite naive")


# 4. Stemming ----------------------------------------------------------------------------------


def test_english_plural_finds_gerund_through_the_stem():
    assert finds("Street lighting was improved", "lights")
    assert finds("Community policing works", "police")
    assert finds("She was harassed twice", "harassment")


def test_women_finds_woman_and_children_finds_child():
    assert finds("A woman with a child", "women children")
    assert finds("Safe spaces for women and children", "woman child")


def test_indonesian_affixed_words_are_found_by_their_root():
    document = "Kekerasan terhadap perempuan di perkotaan"
    assert finds(document, "keras")
    assert finds(document, "kota")
    assert finds(document, "kekerasan perkotaan")


def test_vietnamese_syllables_are_stemmed_identically_at_index_and_query_time():
    syllables = "bao luc gia dinh nguoi an toan thanh pho phu nu cong dong duong"
    stored = analyze(syllables)
    assert {"bao", "luc", "gia", "dinh", "an", "toan"} <= set(stored)
    for syllable in syllables.split():
        assert finds(syllables, syllable)
        assert finds(f"{syllable} xyz", syllable)


def test_document_language_narrows_stored_stems_but_words_still_find_themselves():
    assert index_text("lighting", "en") == "light"
    assert index_text("kekerasan", "id-ID") == "keras"
    assert index_text("lighting") == "light lighting"
    for word, language in [("lighting", "en"), ("kekerasan", "id"), ("lights", "vi")]:
        assert finds(word, word, language)


# 5. Compounds kept whole by ICU ---------------------------------------------------------------


def test_lao_compound_is_found_by_its_part():
    assert icu_words("ຄວາມປອດໄພ") == ["ຄວາມປອດໄພ"]  # ICU keeps it whole
    document = "ຄວາມປອດໄພໃນເມືອງ"
    assert finds(document, "ປອດໄພ")
    assert finds(document, "ຄວາມປອດໄພ")
    assert "ວາມ" not in analyze(document)  # fragments are not indexed


def test_thai_safety_words_are_found_inside_longer_text():
    document = "ความปลอดภัยของผู้หญิงในเมือง"
    assert finds(document, "ปลอดภัย")
    assert finds(document, "ความปลอดภัย")
    assert finds(document, "ภัย")  # dictionary word inside the ICU segment ปลอดภัย


def test_khmer_safety_is_found_in_a_sentence():
    document = "សុវត្ថិភាពនៅក្នុងទីក្រុង"
    assert finds(document, "សុវត្ថិភាព")
    assert finds(document, "ក្រុង")  # "city", inside ទីក្រុង


def test_chinese_words_are_found_inside_compounds():
    document = "城市安全和家庭暴力"
    assert finds(document, "安全")
    assert finds(document, "暴力")
    assert finds(document, "城市安全")
    assert finds("中华人民共和国", "共和")


def test_myanmar_security_is_found_by_the_whole_word_and_its_part():
    document = "မြို့ပြလုံခြုံရေး"
    assert finds(document, "လုံခြုံရေး")
    assert finds(document, "လုံခြုံ")


def test_queries_never_add_sub_words():
    assert query_terms("ຄວາມປອດໄພ") == terms_of(["ຄວາມປອດໄພ"])


def test_unrelated_text_is_not_found():
    assert not finds("ຄວາມຮຸນແຮງໃນຄອບຄົວ", "ປອດໄພ")
    assert not finds("家庭暴力", "安全")
    assert not finds("street lighting", "police")


# 6. Robustness --------------------------------------------------------------------------------

HOSTILE = [
    "",
    "   \t\n ",
    "\"quoted\" 'single' `back`",
    'NEAR(a b, 3) AND x OR y NOT z * ^start col:val -minus +plus "unterminated',
    "'; DROP TABLE x; --",
    "1; SELECT * FROM auth_user WHERE '1'='1'",
    "emoji 👍🏽 👩‍👩‍👧 🇹🇭 🏳️‍🌈",
    "nul\x00byte\x00",
    "lone \ud800 surrogate \udfff",
    "\u0301\u093c\u0e31 marks only",
    "zero\u200bwidth\u200djoiner\ufeffbom",
    "a" * 5000,
    "ก" * 5000,
    "城" * 5000,
    ("ความปลอดภัย bạo lực 城市安全 ຄວາມປອດໄພ " * 200)[:5000],
    " ".join(f"word{i}" for i in range(1000)),
    "𠀀𠀁城市安全 𝐒𝐚𝐟𝐞",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_never_raises_and_gives_safe_tokens(text):
    tokens = analyze(text)
    for token in tokens:
        assert token
        assert "\x00" not in token
        assert not any(ch.isspace() for ch in token)
        assert len(token) <= MAX_TOKEN_CHARS
    encoded = index_text(text).split()
    assert len(encoded) == len(tokens)
    assert all(ENCODED.match(token) for token in encoded)
    terms = query_terms(text)
    assert len(terms) <= MAX_QUERY_TERMS
    assert all(form and ENCODED.match(form) for forms in terms for form in forms)
    highlight_terms(text, text)


def test_non_string_input_is_treated_as_text():
    assert analyze(None) == []
    assert index_text(None) == ""
    assert query_terms(None) == []
    assert analyze(2024) == ["2024"]


def test_fts_operators_are_plain_lowercase_terms():
    assert query_terms('NEAR(a b) AND "x" OR y* NOT z') == terms_of(
        ["near", "b", "x", "y", "not", "z"]
    )


def test_query_terms_and_token_length_are_capped():
    assert len(query_terms(" ".join(f"topic{i}" for i in range(100)))) == MAX_QUERY_TERMS
    assert analyze("x" * 500) == ["x" * MAX_TOKEN_CHARS]
    assert analyze("ກ" * 500)[0] == "ກ" * MAX_TOKEN_CHARS


def test_duplicate_query_words_give_one_term():
    assert query_terms("safety Safety SAFETY") == [("safeti", "safety")]


def test_encoding_keeps_ascii_and_escapes_everything_else_injectively():
    assert encode_token("safety") == "safety"
    assert encode_token("2024") == "2024"
    samples = ["ປອດໄພ", "安全", "क़ानून", "0xabc", "0x", "ŋ", "𠀀", "a b", "x\x00", ""]
    encoded = [encode_token(token) for token in samples]
    assert all(token.startswith("0x") and ENCODED.match(token) for token in encoded)
    assert len(set(encoded) | {"safety", "2024"}) == len(samples) + 2
    assert encode_token("ปลอดภัย") == encode_token("ปลอดภัย")


def test_encoded_tokens_survive_sqlite_unicode61_as_single_tokens():
    documents = [
        "ຄວາມປອດໄພໃນເມືອງ",
        "ความปลอดภัยของผู้หญิง",
        "Phòng chống bạo lực gia đình",
        "城市安全和家庭暴力",
        "नया \u0915\u093c\u093e\u0928\u0942\u0928 लागू",
        "សុវត្ថិភាពនៅក្នុងទីក្រុង",
        "Street lighting and community policing",
    ]
    db = sqlite3.connect(":memory:")
    try:
        db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(body, tokenize='unicode61 remove_diacritics 0')"
        )
        db.execute("CREATE VIRTUAL TABLE vocab USING fts5vocab(docs, 'row')")
        db.executemany(
            "INSERT INTO docs(rowid, body) VALUES (?, ?)",
            [(i, index_text(doc)) for i, doc in enumerate(documents)],
        )
        stored = {row[0] for row in db.execute("SELECT term FROM vocab")}
        assert stored == {token for doc in documents for token in index_text(doc).split()}

        def search(query: str) -> list[int]:
            sql = "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rowid"
            return [row[0] for row in db.execute(sql, (fts5_match(query_terms(query)),))]

        assert search("ປອດໄພ") == [0]
        assert search("ปลอดภัย") == [1]
        assert search("bao luc gia dinh") == [2]
        assert search("暴力") == [3]
        assert search("\u0958\u093e\u0928\u0942\u0928") == [4]
        assert search("សុវត្ថិភាព") == [5]
        assert search("lights police") == [6]
        assert search('NEAR( "; DROP TABLE docs; -- *') == []
    finally:
        db.close()


def test_match_expressions_combine_alternatives_and_terms():
    terms = [("light", "lights"), ("polic",)]
    assert fts5_match(terms) == '("light" OR "lights") AND ("polic")'
    assert tsquery(terms) == "(light | lights) & (polic)"
    assert fts5_match([]) == tsquery([]) == ""


def test_analyzer_gives_the_same_results_from_many_threads():
    texts = [f"ความปลอดภัย {i} ຄວາມປອດໄພ lighting{i} bạo lực {i % 7}" for i in range(200)]
    expected = [index_text(text) for text in texts]
    results: dict[int, list[str]] = {}

    def work(n: int) -> None:
        results[n] = [index_text(text) for text in texts]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(result == expected for result in results.values())


# 7. Stopwords ---------------------------------------------------------------------------------


def test_english_stopwords_are_dropped_from_index_and_query():
    assert analyze("The safety of the city") == ["safeti", "safety", "citi", "city"]
    assert query_terms("the safety of women") == [("safeti", "safety"), ("woman", "women")]


def test_query_of_only_stopwords_has_no_terms():
    assert query_terms("the") == []
    assert query_terms("The AND of") == []
    assert query_terms("of the") == []


def test_vietnamese_an_and_words_with_diacritics_are_not_stopwords():
    assert analyze("an toàn") == ["an", "toan"]
    assert finds("thể thao an toàn", "thể")


# 9. Helpers for callers -----------------------------------------------------------------------


def test_script_of_reports_icu_script_names():
    assert script_of("safety") == "Latin"
    assert script_of("ປອດໄພ") == "Lao"
    assert script_of("安全") == "Han"
    assert script_of("2024") == "Common"
    assert script_of("") == ""


def test_highlight_terms_returns_spans_in_the_original_text():
    text = "Street lighting: bao\u0323 lu\u031b\u0323c gia \u0111i\u0300nh, the lights!"
    spans = highlight_terms(text, "lights BẠO LỰC")
    assert [text[a:b] for a, b in spans] == ["lighting", "bao\u0323", "lu\u031b\u0323c", "lights"]


def test_highlight_marks_only_the_matching_sub_word_of_a_compound():
    text = "ລາຍງານ: ຄວາມປອດໄພໃນເມືອງ"
    assert [text[a:b] for a, b in highlight_terms(text, "ປອດໄພ")] == ["ປອດໄພ"]


def test_highlight_with_nothing_to_search_is_empty():
    assert highlight_terms("the city", "the") == []
    assert highlight_terms("", "city") == []
