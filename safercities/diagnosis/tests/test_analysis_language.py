"""Messages from the analysis appear in the reader's language."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "At least 3 located points are needed for a hotspot analysis."),
        ("th", "ต้องมีจุดที่ระบุตำแหน่งอย่างน้อย 3 จุดจึงจะวิเคราะห์จุดเสี่ยงได้"),
        ("km", "ត្រូវការចំណុចដែលមានទីតាំងយ៉ាងហោចណាស់ 3 ដើម្បីវិភាគចំណុចក្ដៅ។"),
    ],
)
def test_too_few_points_is_said_in_the_readers_language(
    client, make_assessment, language, expected
):
    assessment = make_assessment()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(f"/diagnosis/{assessment.pk}/hotspots/").content.decode()
    assert expected in html
    assert "at least 3 located points are needed" not in html
    payload = client.get(f"/diagnosis/{assessment.pk}/hotspots.json").json()
    assert payload["problem"] == expected
