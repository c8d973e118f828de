import pytest

from safercities.network.scripts import detect_language, dominant_script


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("ไฟส่องสว่างในซอยช่วยให้ผู้หญิงรู้สึกปลอดภัย", "th"),
        ("ការបំភ្លឺផ្លូវនៅផ្សារ", "km"),
        ("ແສງສະຫວ່າງໃນຕະຫຼາດ", "lo"),
        ("လမ်းမီးများ", "my"),
        ("夜间市场的照明如何改善", "zh-Hans"),
        ("बाज़ार की गलियों में रोशनी", "hi"),
        ("বাজারের আলো কীভাবে", "bn"),
    ],
)
def test_scripts_of_the_region_name_their_language(text, language):
    assert detect_language(text) == language


def test_latin_text_takes_the_first_latin_language_of_the_profile():
    assert detect_language("Chiếu sáng chợ đêm", ["km", "vi", "en"]) == "vi"
    assert detect_language("Lighting the market", ["th"]) == "en"


def test_devanagari_is_nepali_for_a_writer_who_reads_nepali_not_hindi():
    assert detect_language("बजारको बत्ती", ["ne", "en"]) == "ne"


def test_text_without_letters_tells_nothing():
    assert detect_language("12345 !!! 😀") is None
    assert dominant_script("") is None


def test_a_few_latin_words_in_khmer_text_keep_it_khmer():
    assert detect_language("ការបំភ្លឺផ្លូវ LED នៅផ្សារ") == "km"
