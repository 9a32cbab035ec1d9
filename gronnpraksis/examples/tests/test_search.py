"""Search in the example bank, with the same expectations on SQLite and on PostgreSQL."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gronnpraksis.examples import search
from gronnpraksis.examples.models import Example, ModerationState, Stage
from gronnpraksis.examples.services import index_example
from tests.factories import municipality, theme

pytestmark = pytest.mark.django_db

KRISTIANSAND, OSLO, BERGEN, TROMSO = "4204", "0301", "4601", "5501"


def publish(title, text="", *, themes=(), places=(KRISTIANSAND,), stage=Stage.IMPLEMENTATION, **fields):
    """A published example in the index."""
    example = Example.objects.create(
        title=title,
        summary=text[:300],
        what_was_done=text,
        stage=stage,
        state=fields.pop("state", ModerationState.PUBLISHED),
        **fields,
    )
    example.themes.set([theme(slug) for slug in themes])
    example.municipalities.set([municipality(number) for number in places])
    index_example(example)
    return example


def found(query, **kwargs):
    return [example.title for example in search.search(query, **kwargs).examples]


# --- Norwegian words --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "title", "text"),
    [
        ("sykler", "Sykkelparkering ved skolen", "Tak over stativene."),
        ("sykkel", "Sykkelparkering ved skolen", "Tak over stativene."),
        ("sykkelparkering", "Trygg plass", "Vi bygde parkering for sykler ved rådhuset."),
        ("eksempler", "Et eksempel på gjenbruk", "Møbler fra skolen fikk nytt liv."),
        ("eksemplene", "Et eksempel på gjenbruk", "Møbler fra skolen fikk nytt liv."),
        ("matsvinn", "Kantina deler ut rester", "Matsvinnet ble halvert på ett år."),
        ("klimagassutslipp", "Elektriske gravemaskiner", "Maskinene reduserte klimagassutslippene."),
        ("utslipp", "Elektriske gravemaskiner", "Maskinene reduserte klimagassutslippene."),
        ("kommunene", "Felles innkjøp", "Hver kommune kjøpte elbiler sammen med nabokommunen."),
        ("grønne", "Grønn skolegård", "Elevene plantet trær."),
        ("bil", "Bildeling for ansatte", "Tre elbiler deles med innbyggerne."),
        ("Matsvinn SYKLER", "Sykler og mat", "Kantina målte matsvinnet hver uke."),
    ],
)
def test_norwegian_words_find_their_forms_and_compounds(query, title, text):
    publish(title, text)
    publish("Solceller på taket", "Et anlegg som gir strøm til hallen.")

    assert found(query) == [title]


@pytest.mark.parametrize(
    ("query", "title", "text"),
    [
        ("sykler", "Solceller på taket", "Et anlegg som gir strøm til hallen."),
        ("matsvinn sykler", "Kantina deler ut rester", "Matsvinnet ble halvert."),
        ("mat", "Materialer fra riving", "Betong og stål ble brukt på nytt."),
        ("sol", "Solidaritet i praksis", "Et fond for nabohjelp."),
    ],
)
def test_words_that_should_not_match_do_not(query, title, text):
    publish(title, text)

    assert found(query) == []


def test_the_norwegian_terms_unify_forms_snowball_alone_does_not():
    assert search.term("sykkel") == search.term("sykler") == search.term("syklene") == "sykl"
    assert search.term("eksempel") == search.term("eksempler") == "eksempl"
    assert search.term("middel") == search.term("midler")
    assert search.terms("Kommunene og kommunen") == ["kommun"]
    assert search.terms("Grønn Praksis i Sámi-Ŋuolla") == ["grønn", "praksis", "sámi", "ŋuoll"]


def test_every_text_of_the_example_is_searched():
    publish("Grønt tak", success_factors="Vaktmesteren var med fra starten.", partners="Bergen Bolig")

    assert (found("vaktmesteren"), found("bolig")) == (["Grønt tak"], ["Grønt tak"])


def test_a_compound_is_split_only_where_both_halves_are_words_of_the_bank():
    publish("Parkering ved rådhuset", "Ladeplasser for elbiler.")

    assert found("sykkelparkering") == []  # no example has sykkel or sykler as a word


def test_sami_place_names_are_searchable_with_their_letters():
    publish("Reinbeite og vindkraft", "Dialog med reindrifta.", places=["5610"])  # Kárášjohka - Karasjok
    publish("Solceller på taket", "Et anlegg som gir strøm til hallen.")

    assert (found("Kárášjohka"), found("karasjok")) == (
        ["Reinbeite og vindkraft"],
        ["Reinbeite og vindkraft"],
    )


def test_relevance_puts_title_before_body_before_part_of_a_word():
    publish("Trafikksikker skolevei", "Fartsdumper og et nytt sykkelfelt.")
    publish("Ny bydel", "Alle boligene fikk en sykkel i gave.")
    publish("Sykkel til jobben", "Ansatte fikk låne el-sykler.")

    assert found("sykkel") == ["Sykkel til jobben", "Ny bydel", "Trafikksikker skolevei"]


# --- What is never found -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "state",
    [ModerationState.DRAFT, ModerationState.PENDING, ModerationState.RETURNED, ModerationState.REJECTED],
)
def test_examples_that_are_not_published_are_never_found_or_counted(state):
    publish("Sykkelparkering ved skolen", themes=["transport"])
    publish("Sykkelparkering ved rådhuset", themes=["transport"], state=state)

    result = search.search("sykkelparkering")
    browse = search.search("", filters={"theme": ["transport"]})

    assert [e.title for e in result.examples] == ["Sykkelparkering ved skolen"]
    assert (result.total, browse.total) == (1, 1)
    assert result.facets["theme"] == [search.FacetValue("transport", theme("transport").name, 1)]


def test_an_example_unpublished_behind_the_index_s_back_is_not_shown():
    example = publish("Sykkelparkering ved skolen", themes=["transport"])
    Example.objects.filter(pk=example.pk).update(state=ModerationState.REJECTED)  # no index_example

    result = search.search("sykkelparkering", filters={"theme": ["transport"]})

    # The page and the total check the example's state; facet counts trust the index.
    assert (result.examples, result.total) == ([], 0)


def test_reindex_follows_changes_and_removes_what_is_unpublished():
    example = publish("Sykkelparkering ved skolen")
    example.title = "Solceller på skolen"
    example.save()
    index_example(example)
    assert (found("sykkel"), found("solceller")) == ([], ["Solceller på skolen"])

    example.state = ModerationState.RETURNED
    example.save()
    index_example(example)
    assert found("solceller") == []


def test_reindex_all_rebuilds_the_index_from_the_published_examples():
    publish("Sykkelparkering ved skolen", themes=["transport"])
    Example.objects.create(title="Solceller på taket", summary="", state=ModerationState.PUBLISHED)
    Example.objects.filter(title__startswith="Sykkel").update(title="Sykkelparkering i Lillesand")

    assert (search.reindex_all(), search.reindex_all()) == (2, 2)

    assert (found("solceller"), found("lillesand")) == (
        ["Solceller på taket"],
        ["Sykkelparkering i Lillesand"],
    )
    assert search.search("", filters={"theme": ["transport"]}).total == 1


# --- Hostile input --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "' OR 1=1 --",
        "'; DROP TABLE examples_example; --",
        "NEAR(a b)",
        "*",
        "sykkel*",
        "title:x",
        "{title body}: sykkel",
        "AND OR NOT",
        "sykkel AND NOT",
        "^sykkel",
        "sykkel -parkering",
        "a" * 10_000,
        "sykkel " * 2_000,
        "🚲🌱 sykkel 🚲",
        "sykkel\x00parkering",
        "\x00",
        "ﬁnans ＣＯ₂",
        "((((",
        "'':*|&!<->",
        "   ",
    ],
)
def test_any_query_gives_results_or_an_empty_list(query):
    publish("Sykkelparkering ved skolen", themes=["transport"])

    result = search.search(query, filters={"theme": ["transport"]})

    assert result.total == len(result.examples) <= 1


@pytest.mark.parametrize(
    "filters",
    [
        {"theme": ["\x00"], "county": ["' OR 1=1 --"]},
        {"theme": "transport"},
        {"unknown": ["x"], "stage": ["no-such-stage"]},
        {"municipality": ["4204"] * 500},
        {"theme": [""]},
    ],
)
def test_any_filter_gives_results_or_an_empty_list(filters):
    publish("Sykkelparkering ved skolen", themes=["transport"])

    result = search.search("sykkel", filters=filters, sort="nonsense", page=10**30, per_page=-5)

    assert result.examples == []
    assert result.total in {0, 1}


# --- Filters and counts ------------------------------------------------------------------------------------


@pytest.fixture
def bank():
    """Five published examples over two themes and three counties (Agder, Oslo, Vestland)."""
    publish("Sykkelparkering ved skolen", themes=["transport"], places=[KRISTIANSAND], stage=Stage.FINISHED)
    publish("Bysykler for alle", themes=["transport"], places=[OSLO], stage=Stage.IMPLEMENTATION)
    publish("Sykkelveier og solceller", themes=["transport", "energi"], places=[BERGEN, KRISTIANSAND])
    publish("Solceller på rådhuset", themes=["energi"], places=[OSLO], stage=Stage.FINISHED)
    publish("Solcellepark på taket", themes=["energi"], places=[TROMSO], stage=Stage.PLANNING)


def counts(result, facet):
    return {value.value: value.count for value in result.facets[facet]}


def test_facet_counts_without_filters_cover_everything_that_matches(bank):
    result = search.search("")

    assert result.total == 5
    assert counts(result, "theme") == {"transport": 3, "energi": 3}
    assert counts(result, "county") == {"42": 2, "03": 2, "46": 1, "55": 1}
    assert counts(result, "municipality") == {KRISTIANSAND: 2, OSLO: 2, BERGEN: 1, TROMSO: 1}
    assert counts(result, "stage") == {"planlegging": 1, "gjennomforing": 2, "avsluttet": 2}
    assert sum(counts(result, "stage").values()) == result.total


def test_facet_counts_honour_the_query_and_the_other_filters(bank):
    result = search.search("sykler", filters={"theme": ["transport"], "county": ["42"]})

    assert sorted(e.title for e in result.examples) == [
        "Sykkelparkering ved skolen",
        "Sykkelveier og solceller",
    ]
    assert result.total == 2
    # Each facet counts with the query and the *other* facets' filters.
    assert counts(result, "theme") == {"transport": 2, "energi": 1}
    assert counts(result, "county") == {"42": 2, "03": 1, "46": 1}
    assert counts(result, "municipality") == {KRISTIANSAND: 2, BERGEN: 1}
    assert counts(result, "stage") == {"avsluttet": 1, "gjennomforing": 1}


def test_with_one_filter_its_own_facet_counts_everything(bank):
    result = search.search("", filters={"theme": ["energi"]})

    assert result.total == 3
    assert counts(result, "theme") == {"transport": 3, "energi": 3}
    assert counts(result, "county") == {"42": 1, "03": 1, "46": 1, "55": 1}


def test_values_of_a_facet_are_alternatives_and_facets_combine(bank):
    either = search.search("", filters={"county": ["03", "55"]})
    both = search.search("", filters={"county": ["03", "55"], "theme": ["transport"]})

    assert either.total == 3
    assert [e.title for e in both.examples] == ["Bysykler for alle"]


def test_facets_are_labelled_in_their_order_and_keep_a_chosen_value_without_matches(bank):
    result = search.search("solceller", filters={"stage": ["ide"]})
    unfiltered = search.search("solceller")

    assert result.total == 0
    assert result.facets["stage"] == [
        search.FacetValue("ide", str(Stage.IDEA.label), 0),
        search.FacetValue("planlegging", str(Stage.PLANNING.label), 1),
        search.FacetValue("gjennomforing", str(Stage.IMPLEMENTATION.label), 1),
        search.FacetValue("avsluttet", str(Stage.FINISHED.label), 1),
    ]
    assert [v.label for v in unfiltered.facets["county"]] == ["Oslo", "Agder", "Vestland", "Troms"]
    assert unfiltered.facets["municipality"][0].label == "Bergen"


def test_sort_by_newest_and_pagination(bank):
    titles = [e.title for e in Example.objects.order_by("-created_at", "-id")]
    first = search.search("", sort="newest", per_page=2)
    third = search.search("", sort="newest", per_page=2, page=3)
    beyond = search.search("", sort="newest", per_page=2, page=4)

    assert [e.title for e in first.examples] == titles[:2]
    assert [e.title for e in third.examples] == titles[4:]
    assert (beyond.examples, beyond.total, first.pages) == ([], 5, 3)


def test_newest_follows_created_at(bank):
    old = publish("Sykkelbibliotek", "Barn låner sykler.")
    Example.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=400))
    index_example(old)  # the index keeps the date (it never changes but in demo data, which reindexes)

    assert found("sykkel", sort="newest")[-1] == "Sykkelbibliotek"


def test_the_number_of_queries_does_not_grow_with_the_results(django_assert_max_num_queries):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            result = search.search("sykkelparkering", filters={"theme": ["transport"]})
            for example in result.examples:
                [t.slug for t in example.themes.all()]
                [m.county.short_name for m in example.municipalities.all()]
        return result.total, len(captured)

    publish("Sykkelparkering ved skolen", themes=["transport"], places=[KRISTIANSAND])
    queries()  # the first search caches the facets' labels
    total_one, with_one = queries()
    for n, place in enumerate([OSLO, BERGEN, TROMSO] * 5):
        publish(f"Sykkelparkering nummer {n}", themes=["transport", "energi"], places=[place, KRISTIANSAND])
    total_many, with_many = queries()

    assert (total_one, total_many) == (1, 16)
    assert with_many == with_one <= 8  # on PostgreSQL two set the planner's settings and back


def test_facet_counts_leave_out_examples_the_index_has_not_caught_up_with(bank):
    # Unpublished without going through the services: the index still holds the example.
    Example.objects.filter(title="Sykkelveier og solceller").update(state=ModerationState.REJECTED)

    result = search.search("sykler", filters={"theme": ["transport"], "county": ["42"]})

    assert [e.title for e in result.examples] == ["Sykkelparkering ved skolen"]
    assert counts(result, "theme") == {"transport": 1}
    assert counts(result, "county") == {"42": 1, "03": 1}  # "46" came only from the rejected one


def index_rows(example_id: int) -> list[int]:
    """How many rows the index, its text table and the facet table hold for the example."""
    with connection.cursor() as cursor:
        found = []
        for table, column in [
            ("examples_search", "example_id" if connection.vendor == "postgresql" else "rowid"),
            ("examples_search_text", "example_id"),
            ("examples_examplefacet", "example_id"),
        ]:
            cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE {column} = %s", [example_id])  # noqa: S608
            found.append(cursor.fetchone()[0])
    return found


def test_the_index_forgets_an_example_unpublished_or_deleted_by_any_path(bank):
    rejected = Example.objects.get(title="Sykkelveier og solceller")
    deleted = Example.objects.get(title="Sykkelparkering ved skolen")
    assert all(index_rows(rejected.pk)) and all(index_rows(deleted.pk))

    Example.objects.filter(pk=rejected.pk).update(state=ModerationState.REJECTED)  # no service, no reindex
    with connection.cursor() as cursor:  # not even the ORM
        cursor.execute("DELETE FROM examples_example_themes WHERE example_id = %s", [deleted.pk])
        cursor.execute("DELETE FROM examples_example_municipalities WHERE example_id = %s", [deleted.pk])
        cursor.execute("DELETE FROM examples_example WHERE id = %s", [deleted.pk])

    assert index_rows(rejected.pk) == [0, 0, 0]
    assert index_rows(deleted.pk) == [0, 0, 0]
    # A chosen filter's own counts come straight from the index: Bergen (46) was only the rejected one's.
    assert "46" not in counts(search.search("sykler", filters={"county": ["42"]}), "county")
