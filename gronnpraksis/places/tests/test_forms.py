"""The municipality field: every form of a name, unknown and shared names, the label it shows."""

import pytest
from django.core.exceptions import ValidationError

from gronnpraksis.places.forms import MunicipalityField


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("4204", "4204"),
        ("Kristiansand", "4204"),
        ("kristiansand", "4204"),
        ("Kristiansand kommune", "4204"),
        ("Kristiansand (4204)", "4204"),
        ("Oslo", "0301"),
        ("0301", "0301"),
        ("Kautokeino", "5612"),
        ("Guovdageaidnu", "5612"),
        ("Guovdageaidnu - Kautokeino", "5612"),
        ("Guovdageaidnu - Kautokeino (5612)", "5612"),
        ("Kárášjohka", "5610"),
        ("KÁRÁŠJOHKA", "5610"),
        ("Karasjok", "5610"),
        ("Porsáŋgu", "5622"),
        ("Porsanki", "5622"),
    ],
)
def test_municipality_field_finds_every_form_of_the_name(typed, number):
    assert MunicipalityField().clean(typed).number == number


@pytest.mark.django_db
def test_municipality_field_finds_a_decomposed_sami_name():
    """A name typed with combining accents (NFD), as some keyboards send it, is the same name."""
    import unicodedata

    assert MunicipalityField().clean(unicodedata.normalize("NFD", "Kárášjohka")).number == "5610"


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["Narnia", "9999", "Oslo (9999)", "Kristian"])
def test_municipality_field_refuses_unknown_names(typed):
    with pytest.raises(ValidationError) as error:
        MunicipalityField().clean(typed)

    assert error.value.code == "unknown"


@pytest.mark.django_db
def test_municipality_field_is_required_unless_told_otherwise():
    with pytest.raises(ValidationError) as error:
        MunicipalityField().clean("")
    assert error.value.code == "required"
    assert MunicipalityField(required=False).clean("") is None


@pytest.mark.django_db
def test_municipality_field_shows_a_municipality_as_its_label():
    from tests.factories import municipality

    kristiansand = municipality("4204")

    assert MunicipalityField().prepare_value(kristiansand) == "Kristiansand (4204)"
    assert MunicipalityField().prepare_value(kristiansand.pk) == "Kristiansand (4204)"
    assert MunicipalityField().prepare_value("Narn") == "Narn"


@pytest.mark.django_db
def test_municipality_field_asks_for_the_number_when_a_name_is_shared():
    with pytest.raises(ValidationError) as raised:
        MunicipalityField().clean("Herøy")
    assert raised.value.code == "ambiguous"
    assert MunicipalityField().clean("Herøy (1515)").number == "1515"
