"""The one slug helper: Norwegian and Sami letters are spelt out, not dropped."""

import pytest

from gronnpraksis.core.text import slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Grønne tak", "gronne-tak"),
        ("Innkjøp", "innkjop"),
        ("Bodø for alle", "bodo-for-alle"),
        ("Ærlig talt på Åsen", "aerlig-talt-pa-asen"),
        ("ØKOLOGISK MAT", "okologisk-mat"),
        ("Guovdageaidnu: Čáhcegáddi", "guovdageaidnu-cahcegaddi"),
        ("đ ŋ ŧ š ž č á", "d-n-t-s-z-c-a"),
        ("Đuolda Ŋuovvel Ŧeahkki", "duolda-nuovvel-teahkki"),
        ("Straße og Þórshöfn", "strasse-og-thorshofn"),
        ("Łódź ﬁlm", "lodz-film"),
    ],
)
def test_slugify_spells_out_letters_slugify_would_drop(title, slug):
    assert slugify(title) == slug


def test_slugify_cuts_without_a_trailing_dash_and_falls_back():
    assert slugify("Grønne tak", max_length=7) == "gronne"
    assert slugify("🌱🌱", fallback="eksempel") == "eksempel"
    assert slugify("") == ""
