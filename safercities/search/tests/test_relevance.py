"""The expected document comes first (or near) for queries in each language of the region."""

import unicodedata

import pytest

from safercities.search.engine import search
from safercities.search.params import SearchRequest

pytestmark = pytest.mark.django_db

DISTRACTORS = [
    (
        "Community policing handbook",
        "Patrols, trust and dialogue between residents and police.",
        "en",
    ),
    ("Market vendors and water points", "Where vendors sell, and where water is collected.", "en"),
    ("รายงานการประชุมประจำปี", "สรุปงบประมาณและแผนงานของเทศบาล", "th"),
    ("ການປະຊຸມປະຈຳປີ", "ງົບປະມານ ແລະ ແຜນງານ", "lo"),
    ("របាយការណ៍ប្រចាំឆ្នាំ", "ថវិកា និង ផែនការ", "km"),
    ("年度会议报告", "预算和工作计划", "zh-Hans"),
    ("Báo cáo thường niên", "Ngân sách và kế hoạch", "vi"),
    ("वार्षिक बैठक", "बजट और योजना", "hi"),
    ("Laporan tahunan", "Anggaran dan rencana kerja", "id"),
]


@pytest.fixture
def corpus(make_document):
    for title, text, language in DISTRACTORS:
        make_document(title=title, text=text, language=language)


def top_titles(q: str, n: int = 3) -> list[str]:
    return [hit.title for hit in search(SearchRequest(q=q)).hits[:n]]


def test_english_words_find_other_forms_of_the_same_word(corpus, make_document):
    make_document(title="Street lighting audit", text="Lighting and visibility at night.")
    assert top_titles("lights")[0] == "Street lighting audit"


def test_thai_words_are_found_inside_unspaced_text(corpus, make_document):
    make_document(title="การเดินสำรวจความปลอดภัยในชุมชน", text="ผู้หญิงและเด็ก", language="th")
    assert top_titles("ความปลอดภัย")[0] == "การเดินสำรวจความปลอดภัยในชุมชน"


def test_a_lao_word_is_found_inside_a_compound(corpus, make_document):
    make_document(title="ຄວາມປອດໄພຂອງແມ່ຍິງ", text="ຄວາມປອດໄພ ໃນເມືອງ", language="lo")
    assert top_titles("ປອດໄພ")[0] == "ຄວາມປອດໄພຂອງແມ່ຍິງ"


def test_khmer_words_are_found_inside_unspaced_text(corpus, make_document):
    make_document(title="សុវត្ថិភាពស្ត្រីនៅទីក្រុង", text="ការដើរស្ទង់សុវត្ថិភាព", language="km")
    assert top_titles("សុវត្ថិភាព")[0] == "សុវត្ថិភាពស្ត្រីនៅទីក្រុង"


def test_chinese_words_are_found_inside_unspaced_text(corpus, make_document):
    make_document(title="城市妇女安全审计指南", text="夜间照明与公共交通", language="zh-Hans")
    assert top_titles("安全")[0] == "城市妇女安全审计指南"


def test_vietnamese_typed_without_diacritics_finds_the_accented_text(corpus, make_document):
    make_document(title="Phòng chống bạo lực gia đình", text="Hỗ trợ nạn nhân.", language="vi")
    assert top_titles("bao luc gia dinh")[0] == "Phòng chống bạo lực gia đình"


def test_hindi_nukta_letters_match_in_either_encoding(corpus, make_document):
    precomposed = "\u095c"  # ड़ as one code point
    make_document(title=f"स{precomposed}क सुरक्षा", text="रात में रोशनी", language="hi")
    decomposed = unicodedata.normalize("NFD", precomposed)
    assert decomposed != precomposed
    assert top_titles(f"स{decomposed}क")[0] == f"स{precomposed}क सुरक्षा"


def test_indonesian_affixed_words_are_found_by_their_root(corpus, make_document):
    make_document(title="Keamanan perempuan di pasar", text="Penerangan jalan.", language="id")
    assert top_titles("aman")[0] == "Keamanan perempuan di pasar"


def test_a_title_match_ranks_above_a_passing_mention(make_document):
    make_document(title="Budget plan", text="A short mention of flooding among many other words.")
    make_document(title="Flooding and safety", text="How cities prepare for flooding.")
    assert top_titles("flooding", 2) == ["Flooding and safety", "Budget plan"]


def test_every_word_of_the_query_must_match(make_document):
    make_document(title="Women's safety audit", text="Night walk.")
    make_document(title="Women's football league", text="Sports.")
    assert top_titles("women safety") == ["Women's safety audit"]


def test_the_snippet_marks_the_matching_words(make_document):
    make_document(title="Guide", text="Before. The street lighting was repaired. After.")
    hit = search(SearchRequest(q="lighting")).hits[0]
    assert ("lighting", True) in hit.snippet_parts
    assert "<mark>lighting</mark>" in hit.snippet_html


@pytest.mark.parametrize(
    ("language", "sentence", "word"),
    [
        ("th", "การเดินสำรวจความปลอดภัยของผู้หญิงในกรุงเทพมหานคร", "ความปลอดภัย"),
        ("km", "ការដើរស្ទង់សុវត្ថិភាពស្ត្រីនៅក្នុងទីក្រុងភ្នំពេញ", "សុវត្ថិភាព"),
    ],
)
def test_snippets_start_and_stop_at_word_boundaries_in_unspaced_scripts(language, sentence, word):
    from safercities.search.segment import word_spans
    from safercities.search.snippets import snippet

    text = sentence * 12  # no spaces at all: any cut must come from ICU
    bounds = {start for start, _end in word_spans(text)} | {len(text)}
    for length in (60, 97, 140, 201):
        parts = snippet(text, word, length=length)
        shown = "".join(part for part, _marked in parts)
        core = shown.removeprefix("… ").removesuffix(" …")
        start = text.find(core)
        assert start in bounds and start + len(core) in bounds, (length, core[:12], core[-12:])
        assert any(marked for _part, marked in parts)
