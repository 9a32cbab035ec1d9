"""The example bank's pages: the search at /eksempler/ and an example's page, on both databases."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from gronnpraksis.contributions.models import Contribution
from gronnpraksis.editions.models import Goal
from gronnpraksis.examples.bank_forms import BankSearch, read_search
from gronnpraksis.examples.models import (
    Accuracy,
    Attachment,
    AttachmentKind,
    Example,
    ExampleLink,
    KeyFigure,
    MeasureType,
    ModerationState,
    Stage,
)
from gronnpraksis.organisations.models import Organisation, Sector
from gronnpraksis.program.models import ProgramItem
from gronnpraksis.program.services import publish_program
from tests.bank_data import AGDER, BERGEN, CONTACT_EMAIL, NOT_PUBLIC, OSLO, leaky_examples, publish
from tests.factories import UserFactory, local_time, submit_contribution
from tests.typing import TestResponse

pytestmark = pytest.mark.django_db

SEARCH = "/en/eksempler/"


def en(example: Example) -> str:
    with translation.override("en"):
        return example.get_absolute_url()


def page_text(response: TestResponse) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def titles(response: TestResponse) -> list[str]:
    return re.findall(
        r'<h3 class="ds-heading" data-size="xs"><a class="ds-link" href="[^"]+">([^<]+)</a>',
        response.content.decode(),
    )


# --- The search page -------------------------------------------------------------------------------------


def test_search_finds_inflected_forms_and_compounds(client):
    publish("Sykkelparkering ved skolen", "Tak over stativene.", themes=("transport",))
    publish("Matsvinn i kantina", "Rester deles ut.", themes=("mat",))

    response = client.get(SEARCH, {"q": "sykler"})

    assert response.status_code == 200
    assert titles(response) == ["Sykkelparkering ved skolen"]
    assert (
        '<p class="ds-paragraph" role="status" aria-live="polite">1 practice example matches your search.</p>'
        in page_text(response)
    )
    assert 'value="sykler"' in page_text(response)


def test_browsing_shows_every_published_example_newest_first_with_counts(client):
    publish("Eldst", themes=("mat",), created_at=timezone.now())
    publish("Nyest", themes=("transport",))
    Example.objects.filter(title="Eldst").update(created_at=timezone.now() - datetime.timedelta(days=3))

    response = client.get(SEARCH)
    text = page_text(response)

    assert titles(response) == ["Nyest", "Eldst"]
    assert "2 practice examples" in text
    assert re.search(
        r'name="tema" value="transport"\s*>\s*<label[^>]*>Transport and mobility \(1\)</label>', text
    )
    assert '<option value="42">Agder (2)</option>' in text


def test_filters_narrow_the_search_and_show_their_counts(client):
    publish("Sykkelvei i Kristiansand", themes=("transport",))
    publish("Sykkelkurs i Kristiansand", themes=("medvirkning",))
    publish("Sykkelhotell i Oslo", themes=("transport",), places=(OSLO,))
    publish("Matsvinn i Kristiansand", themes=("transport",))

    response = client.get(SEARCH, {"q": "sykkel", "tema": "transport", "fylke": AGDER})
    text = page_text(response)

    assert titles(response) == ["Sykkelvei i Kristiansand"]
    # Each filter counts what its values would show with the words and the other filters.
    assert re.search(r'value="transport" checked>\s*<label[^>]*>Transport and mobility \(1\)</label>', text)
    assert re.search(r'value="medvirkning"\s*>\s*<label[^>]*>Participation \(1\)</label>', text)
    assert '<option value="42" selected>Agder (1)</option>' in text
    assert '<option value="03">Oslo (1)</option>' in text


def test_several_values_of_one_filter_are_any_of_them(client):
    publish("Sykkelvei", themes=("transport",))
    publish("Kantine", themes=("mat",))
    publish("Solceller", themes=("energi",))

    response = client.get(SEARCH + "?tema=transport&tema=mat")

    assert sorted(titles(response)) == ["Kantine", "Sykkelvei"]


def test_sort_by_newest_or_by_relevance(client):
    older = publish("Sykkel til jobben", "Ansatte fikk låne en sykkel.")
    publish("Trafikksikker skolevei", "Fartsdumper og et nytt sykkelfelt.")
    Example.objects.filter(pk=older.pk).update(created_at=timezone.now() - datetime.timedelta(days=1))

    by_relevance = client.get(SEARCH, {"q": "sykkel"})
    newest = client.get(SEARCH, {"q": "sykkel", "sort": "nyeste"})

    assert titles(by_relevance) == ["Sykkel til jobben", "Trafikksikker skolevei"]
    assert titles(newest) == ["Trafikksikker skolevei", "Sykkel til jobben"]
    assert '<option value="nyeste" selected>' in page_text(newest)


def test_words_typed_into_the_form_of_the_bank_are_sorted_by_relevance(client):
    older = publish("Sykkel til jobben", "Ansatte fikk låne en sykkel.")
    publish("Trafikksikker skolevei", "Fartsdumper og et nytt sykkelfelt.")
    Example.objects.filter(pk=older.pk).update(created_at=timezone.now() - datetime.timedelta(days=1))

    front = page_text(client.get(SEARCH))
    submitted = re.search(
        r'<select class="ds-input" id="bank-sort" name="sort">.*?<option value="(\w+)" selected>', front
    )
    assert submitted is not None
    # What the form sends with the words typed into it.
    response = client.get(SEARCH, {"q": "sykkel", "sort": submitted.group(1)})

    assert titles(response) == ["Sykkel til jobben", "Trafikksikker skolevei"]


@pytest.mark.parametrize("query", ["🌱", "🚲🌱 !!!", "og i", "—", "x" * 3000])
def test_a_query_with_nothing_to_search_for_says_so_and_shows_no_matches(client, query):
    publish("Sykkelparkering ved skolen", "Tak over sykler.", themes=("transport",))
    publish("Matsvinn i kantina", themes=("mat",))

    response = client.get(SEARCH, {"q": query})
    text = page_text(response)

    assert response.status_code == 200
    assert titles(response) == []
    assert "There is nothing to search for in" in text
    assert "match your search" not in text and "matches your search" not in text


def test_a_long_query_searches_its_first_words_and_says_so(client):
    publish("Sykkelparkering ved skolen", "Tak over sykler.", themes=("transport",))
    publish("Matsvinn i kantina", themes=("mat",))
    query = "sykkel " + " ".join(f"ord{n}" for n in range(500))

    response = client.get(SEARCH, {"q": query})
    text = page_text(response)

    assert titles(response) == []  # the first words are searched for, and every one must match
    assert "Your search is long, so only its first 12 words were searched for: sykkel ord0 ord1" in text
    assert "0 practice examples match your search." in text


def test_the_bank_links_sharing_an_example(client):
    assert 'href="/en/eksempler/del/"' in page_text(client.get(SEARCH))


def test_pages_keep_the_search_in_their_links(client):
    for number in range(23):
        publish(f"Sykkeltiltak {number}", themes=("transport",))

    first = client.get(SEARCH, {"q": "sykkel", "tema": "transport"})
    second = client.get(SEARCH, {"q": "sykkel", "tema": "transport", "side": "2"})

    assert len(titles(first)) == 20
    assert 'href="?q=sykkel&amp;tema=transport&amp;side=2" rel="next"' in page_text(first)
    assert len(titles(second)) == 3
    assert 'href="?q=sykkel&amp;tema=transport&amp;side=1" rel="prev"' in page_text(second)
    assert "Page 2 of 2" in page_text(second)


def test_a_page_past_the_last_goes_to_the_last(client):
    publish("Sykkelvei")

    response = client.get(SEARCH, {"q": "sykkel", "side": "40"})

    assert response.status_code == 302
    assert response["Location"] == "/en/eksempler/?q=sykkel"


def test_every_search_has_an_address_and_alternate_formats_with_the_same_search(client):
    publish("Sykkelvei", themes=("transport",))

    text = page_text(client.get(SEARCH, {"q": "sykkel", "tema": "transport", "side": "1", "sort": "nyeste"}))

    same = "?q=sykkel&amp;tema=transport&amp;sort=nyeste"
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="New practice examples (Atom feed)" href="/en/eksempler/nye.atom{same}">'
        in text
    )
    assert (
        f'type="application/json" title="These practice examples as JSON" href="/en/eksempler/eksempler.json{same}"'
        in text
    )
    assert (
        f'type="text/csv" title="These practice examples as CSV" href="/en/eksempler/eksempler.csv{same}"'
        in text
    )
    assert f'href="/api/v1/examples/{same}"' in text


def test_an_empty_result_suggests_what_to_loosen(client):
    publish("Sykkelvei", themes=("transport",))

    response = client.get(SEARCH, {"q": "sykkel tunnel", "tema": "transport", "fylke": "03"})
    text = page_text(response)

    assert titles(response) == []
    assert "0 practice examples match your search." in text
    suggestions = re.findall(r'<li><a class="ds-link" href="([^"]+)">([^<]+)</a></li>', text)
    assert suggestions[:4] == [
        ("/en/eksempler/?q=sykkel+tunnel&amp;fylke=03", "Remove the filter “Theme: Transport and mobility”"),
        ("/en/eksempler/?q=sykkel+tunnel&amp;tema=transport", "Remove the filter “County: Oslo”"),
        ("/en/eksempler/?q=tunnel&amp;tema=transport&amp;fylke=03", "Search without the word “sykkel”"),
        ("/en/eksempler/?q=sykkel&amp;tema=transport&amp;fylke=03", "Search without the word “tunnel”"),
    ]


def test_an_unknown_filter_value_can_be_removed_too(client):
    publish("Sykkelvei")

    text = page_text(client.get(SEARCH, {"q": "sykkel", "kommune": "9999"}))

    assert (
        '<a class="ds-link" href="/en/eksempler/?q=sykkel">Remove the filter “Municipality: 9999”</a>' in text
    )


def test_an_empty_result_of_one_word_suggests_another_word(client):
    publish("Sykkelvei")

    text = page_text(client.get(SEARCH, {"q": "tunnel"}))

    assert (
        "No practice examples match your search. Check the spelling, or try another or a shorter word."
        in text
    )
    assert '<a class="ds-link" href="/en/eksempler/">Show every practice example</a>' in text


def test_the_bank_is_in_the_main_menu(client):
    assert '<li><a href="/en/eksempler/">The example bank</a></li>' in page_text(client.get("/en/"))


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"sykkel',
        "sykkel OR matsvinn",
        "sykkel AND NOT mat",
        "NEAR(sykkel mat)",
        "sykk*",
        "title:sykkel",
        "^sykkel",
        "(((",
        "sykkel & !mat | :*",
        "'; DROP TABLE examples_example; --",
        "1 OR 1=1",
        "\x00\x01sykkel",
        "🚲🌱 sykkel",
        "sykkel " * 2000,
        "x" * 10_000,
        "ǅ ﬁ Ⅻ ẞ",
        "%_%",
    ],
)
def test_any_search_input_gives_a_page_never_an_error(client, query):
    publish("Sykkelparkering", themes=("transport",))

    response = client.get(SEARCH, {"q": query})

    assert response.status_code == 200
    assert Example.objects.count() == 1


@pytest.mark.parametrize(
    "params",
    [
        "?tema=%3Cscript%3E",
        "?tema=" + "a" * 500,
        "?fylke=42&fylke=42&fylke=" + "&fylke=".join(str(n) for n in range(100)),
        "?kommune=9999",
        "?fase=ukjent",
        "?sort=DROP",
        "?side=abc",
        "?side=-1",
        "?side=0",
        "?side=99999999999999999999",
        "?q=%ff%fe",
        "?ukjent=1",
    ],
)
def test_odd_filters_sort_orders_and_pages_give_a_page_never_an_error(client, params):
    publish("Sykkelparkering", themes=("transport",))

    response = client.get(SEARCH + params, follow=True)

    assert response.status_code == 200


def test_the_search_is_read_from_the_url_leniently():
    query = read_search(
        {"q": "  sykkel\x00  og\n mat ", "tema": ["transport", "<x>", "transport"], "sort": "x", "side": "2"}
    )

    assert query == BankSearch(q="sykkel og mat", filters={"tema": ["transport"]}, sort="", page=2)
    assert query.querystring() == "?q=sykkel+og+mat&tema=transport&side=2"


def test_examples_that_are_not_public_are_never_listed_or_counted(client):
    publish("Sykkelparkering ved skolen", "Tak over sykler.", themes=("transport",))
    hidden = leaky_examples()

    for params in [{}, {"q": "sykkelparkering"}, {"tema": "transport"}, {"q": "sykler", "fylke": AGDER}]:
        response = client.get(SEARCH, params)
        text = page_text(response)
        assert titles(response) == ["Sykkelparkering ved skolen"], params
        assert "1 practice example" in text
        for example in hidden:
            assert example.title not in text
        assert CONTACT_EMAIL not in text


def test_examples_that_are_not_public_are_not_in_the_filter_counts(client):
    publish("Sykkelparkering ved skolen", "Tak over sykler.", themes=("transport",))
    leaky_examples(behind=False)

    for params in [{}, {"q": "sykler"}, {"fylke": AGDER}]:
        text = page_text(client.get(SEARCH, params))
        assert "Transport and mobility (1)" in text
        assert "Agder (1)" in text


def test_the_search_page_runs_a_constant_number_of_queries(client):
    def queries(params: dict[str, str]) -> int:
        cache.clear()  # the search keeps facet labels in the cache: count them every time
        with CaptureQueriesContext(connection) as captured:
            assert client.get(SEARCH, params).status_code == 200
        return len(captured)

    searches = [{}, {"q": "sykkel"}, {"q": "sykkel", "tema": "transport", "fylke": AGDER}, {"tema": "mat"}]
    for number in range(3):
        publish(f"Sykkeltiltak {number}", themes=("transport", "mat"), places=(OSLO, BERGEN))
    few = [queries(params) for params in searches]
    for number in range(3, 30):
        publish(f"Sykkeltiltak {number}", themes=("transport", "mat"), places=(OSLO, BERGEN))
    many = [queries(params) for params in searches]

    assert few == many
    # With the labels' cache cold: five of them are label queries (themes, counties, municipalities,
    # editions, networks), and on PostgreSQL two set the planner's settings.
    assert max(many) <= 14


# --- An example's page -----------------------------------------------------------------------------------


@pytest.fixture
def full_example(settings, tmp_path):
    """A published example with every field filled in."""
    settings.MEDIA_ROOT = tmp_path
    organisation = Organisation.objects.create(
        name="Kristiansand kommune", number="963296746", sector=Sector.MUNICIPALITY
    )
    example = publish(
        "Matsvinn til matglede",
        "Kantinene leverer overskuddsmat til frivillige.",
        themes=("mat", "sirkularokonomi"),
        places=("4204", OSLO),
        stage=Stage.EVALUATED,
        summary="Kommunens kantiner halverte matsvinnet.",
        starting_point="Mye mat ble kastet hver uke.",
        start_year=2021,
        end_year=2023,
        owner_organisation=organisation,
        owner_name="Enhet for mat",
        actor_type=Sector.MUNICIPALITY,
        partners="Matsentralen Agder\nFrivilligsentralen",
        measure_type=MeasureType.TRANSITION,
        cost="200 000 kroner fra Klimasats.",
        success_factors="Engasjerte kokker.",
        barriers="Kjølekapasiteten var for liten i starten.",
        transferability="Alle kommuner med kantiner kan gjøre det samme.",
        contact_name="Kari Kontakt",
        contact_email=CONTACT_EMAIL,
        contact_is_public=True,
    )
    example.goals.set(Goal.objects.filter(number__in=[2, 12]))
    KeyFigure.objects.create(
        example=example,
        label="Mat reddet fra kasting",
        value=Decimal("60000"),
        unit="kg per år",
        accuracy=Accuracy.MEASURED,
        year=2023,
    )
    ExampleLink.objects.create(
        example=example, url="https://kommune.example.no/matglede", title="Prosjektsiden"
    )
    Attachment.objects.create(
        example=example,
        kind=AttachmentKind.IMAGE,
        file=SimpleUploadedFile("kantine.png", b"\x89PNG\r\n\x1a\n"),
        title="Kokker pakker overskuddsmat i kantina",
        content_type="image/png",
        size=8,
        width=800,
        height=600,
    )
    Attachment.objects.create(
        example=example,
        kind=AttachmentKind.DOCUMENT,
        file=SimpleUploadedFile("rapport.pdf", b"%PDF-1.4"),
        title="Sluttrapport",
        content_type="application/pdf",
        size=2048,
    )
    return example


def test_an_example_page_shows_everything(client, full_example):
    text = page_text(client.get(en(full_example)))
    image, document = (
        full_example.attachments.order_by("kind")[1],
        full_example.attachments.order_by("kind")[0],
    )

    for shown in [
        '<h1 class="ds-heading" data-size="lg" id="example-title">Matsvinn til matglede</h1>',
        "Kommunens kantiner halverte matsvinnet.",
        "Mye mat ble kastet hver uke.",
        "Kantinene leverer overskuddsmat til frivillige.",
        "Evaluated",
        "2021–2023",
        "Kristiansand kommune (Enhet for mat)",
        "<dt>Type of actor</dt><dd>Municipality</dd>",
        "Matsentralen Agder, Frivilligsentralen",
        '>Kristiansand</a> (<a class="ds-link" href="/en/fylker/42/">Agder</a>)',
        ">Oslo</a>",
        'href="/en/eksempler/?tema=mat"',
        "<dt>Kind of measure</dt><dd>Transition</dd>",
        "<li>2. ",
        "<li>12. ",
        "60,000",
        "kg per år",
        "Mat reddet fra kasting",
        "Measured, 2023",
        "200 000 kroner fra Klimasats.",
        "Engasjerte kokker.",
        "Kjølekapasiteten var for liten i starten.",
        "Alle kommuner med kantiner kan gjøre det samme.",
        '<a class="ds-link" href="https://kommune.example.no/matglede" rel="nofollow noopener">Prosjektsiden</a>',
        'alt="Kokker pakker overskuddsmat i kantina" width="800" height="600"',
        f'href="/en/eksempler/{full_example.pk}/vedlegg/{document.pk}/">Sluttrapport</a> <span class="gp-muted">(2.0 KB)</span>',
        f'<img src="/en/eksempler/{full_example.pk}/vedlegg/{image.pk}/"',
        "<dt>Contact person</dt><dd>Kari Kontakt</dd>",
        'rel="license">CC BY 4.0</a>',
    ]:
        assert shown in text, shown
    assert CONTACT_EMAIL not in text


def test_the_key_figures_come_before_the_texts(client, full_example):
    text = page_text(client.get(en(full_example)))

    assert text.index("Mat reddet fra kasting") < text.index("Mye mat ble kastet hver uke.")


def test_the_contact_name_is_shown_only_when_the_contact_agreed(client, full_example):
    Example.objects.filter(pk=full_example.pk).update(contact_is_public=False)

    text = page_text(client.get(en(full_example)))

    assert "Kari Kontakt" not in text
    assert CONTACT_EMAIL not in text
    assert "Write to the contact person" in text  # the form is still there


def test_an_example_page_links_where_it_was_presented(client, edition):
    example = publish("Matsvinn til matglede", themes=("mat",))
    contribution = submit_contribution(edition, title="Matsvinn til matglede")
    Contribution.objects.filter(pk=contribution.pk).update(example=example)
    talk = ProgramItem.objects.create(
        edition=edition,
        title="Fra matsvinn til matglede",
        contribution=contribution,
        starts_at=local_time(edition, 0, 10),
        ends_at=local_time(edition, 0, 10, 30),
    )
    publish_program(edition=edition, user=None)
    ProgramItem.objects.create(  # planned after the publication: not public yet
        edition=edition,
        title="Matsvinn, del to",
        contribution=contribution,
        starts_at=local_time(edition, 1, 10),
        ends_at=local_time(edition, 1, 10, 30),
    )

    text = page_text(client.get(en(example)))

    assert (
        f'<a class="ds-link" href="/en/{edition.slug}/program/{talk.pk}/">Fra matsvinn til matglede</a> – {edition.name}'
        in text
    )
    assert "Matsvinn, del to" not in text


def test_an_example_page_shows_its_nominations_once_nominations_have_closed(client, organiser, edition):
    from gronnpraksis.awards import services as award_services
    from tests.awards import close_nominations, make_round, nominate

    example = publish("Matsvinn til matglede", themes=("mat",))
    award = make_round(edition, organiser)
    nomination = nominate(award, example=example)
    award_services.set_eligibility(nomination=nomination, eligible=True, reason="", by=organiser)
    nominated = f"Nominated for GrønnPraksisPrisen {edition.starts_on.year}"

    # While nominations run, the prize page hides its nominees, and so does the example page.
    assert nominated not in page_text(client.get(en(example)))
    close_nominations(award)
    assert nominated in page_text(client.get(en(example)))


def test_similar_examples_share_words_and_themes_never_itself_or_unpublished_ones(client):
    example = publish("Sykkelparkering ved skolen", themes=("transport",))
    publish("Sykkelparkering ved rådhuset", themes=("transport",))
    publish("Bildeling", themes=("transport",))
    publish("Matsvinn", themes=("mat",))
    hidden = leaky_examples()

    response = client.get(en(example))
    similar = page_text(response).split('id="similar-heading"')[1]

    assert titles(response) == ["Sykkelparkering ved rådhuset", "Bildeling"]
    for other in hidden:
        assert other.title not in similar


def test_an_old_slug_redirects_to_the_current_address(client):
    example = publish("Sykkelparkering ved skolen")

    assert (
        client.get(f"/eksempler/{example.pk}-gammel-tittel/").headers["Location"]
        == example.get_absolute_url()
    )
    assert client.get(f"/eksempler/{example.pk}/").headers["Location"] == example.get_absolute_url()


def test_norwegian_letters_are_spelt_out_in_the_address_and_the_old_one_redirects(client):
    example = publish("Grønne tak og innkjøp i Bodø")

    old = client.get(f"/eksempler/{example.pk}-grnne-tak-og-innkjp-i-bod/")

    assert example.get_absolute_url() == f"/eksempler/{example.pk}-gronne-tak-og-innkjop-i-bodo/"
    assert client.get(example.get_absolute_url()).status_code == 200
    assert (old.status_code, old.headers["Location"]) == (301, example.get_absolute_url())


@pytest.mark.parametrize("state", NOT_PUBLIC)
def test_an_example_that_is_not_published_is_a_404_for_visitors_and_other_people(client, state):
    example = publish("Skjult eksempel", state=state, contact_email=CONTACT_EMAIL)
    client.force_login(UserFactory(email="nysgjerrig@example.no"))

    assert client.get(example.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(example.get_absolute_url()).status_code == 404


def test_the_owner_sees_their_draft_with_a_warning_and_no_contact_form(client):
    owner = UserFactory(email="eier@example.no")
    example = publish(
        "Mitt utkast", state=ModerationState.DRAFT, created_by=owner, contact_email=CONTACT_EMAIL
    )
    client.force_login(owner)

    text = page_text(client.get(en(example)))

    assert "Not published: only you and the moderators see this page." in text
    assert 'id="contact"' not in text


@pytest.mark.parametrize("path", ["/eksempler/0/", "/eksempler/99999999999999999999/", "/eksempler/12345-x/"])
def test_unknown_examples_are_a_404(client, path):
    assert client.get(path).status_code == 404
