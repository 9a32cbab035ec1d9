"""An example's page for its owners and the moderators (links to edit, withdraw and moderate), demo
content marked on the page and in the lists, the `reindex_examples` command, and the admin keeping the
search index in step."""

import datetime
import html
import io
import re
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from gronnpraksis.accounts.models import User
from gronnpraksis.examples import search
from gronnpraksis.examples.models import Example, ModerationState
from tests.bank_data import NOT_PUBLIC, publish
from tests.factories import UserFactory, municipality, theme
from tests.typing import TestResponse

pytestmark = pytest.mark.django_db

SEARCH = "/eksempler/"


@pytest.fixture(autouse=True)
def _bokmal():
    """Addresses built in the test (get_absolute_url, reverse) are the bokmål ones, whatever language
    an earlier test's request left active in this thread."""
    with translation.override("nb"):
        yield


@pytest.fixture
def owner(db):
    return UserFactory(email="siri.deler@example.no", name="Siri Deler")


@pytest.fixture
def co_owner(db):
    return UserFactory(email="per.medeier@example.no", name="Per Medeier")


@pytest.fixture
def outsider(db):
    return UserFactory(email="ola.annen@example.no", name="Ola Annen")


@pytest.fixture
def moderator(db):
    """A moderator through the group the migration creates, neither staff nor an owner."""
    user = UserFactory(email="mona.moderator@example.no", name="Mona Moderator")
    user.groups.add(Group.objects.get(name="Moderatorer"))
    return user


@pytest.fixture
def example(owner, co_owner):
    example = publish(
        "Sykkelparkering ved skolen", "Tak over sykler.", themes=("transport",), created_by=owner
    )
    example.owners.add(owner, co_owner)
    return example


def page(client: Client, example: Example) -> str:
    response = client.get(example.get_absolute_url())
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def links(content: str, example: Example) -> set[str]:
    """Which of the owner and moderator links the page has."""
    wanted = {
        "edit": reverse("examples:edit", kwargs={"pk": example.pk}),
        "withdraw": reverse("examples:withdraw", kwargs={"pk": example.pk}),
        "moderate": reverse("examples:moderate", kwargs={"pk": example.pk}),
    }
    return {name for name, url in wanted.items() if f'href="{url}"' in content}


def set_state(example: Example, state: str) -> None:
    Example.objects.filter(pk=example.pk).update(state=state)
    example.refresh_from_db()


# --- Links for owners and moderators ---------------------------------------------------------------------


def test_an_owner_sees_links_to_edit_and_withdraw_the_example(client, example, owner):
    client.force_login(owner)

    content = page(client, example)

    assert links(content, example) == {"edit", "withdraw"}
    assert "Endre eksempelet" in content
    assert "Trekk tilbake eksempelet" in content
    assert content.count("data-example-actions") == 1


def test_a_co_owner_sees_the_same_links_as_the_one_who_shared_it(client, example, co_owner):
    client.force_login(co_owner)

    assert links(page(client, example), example) == {"edit", "withdraw"}


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (ModerationState.DRAFT, {"edit"}),  # nothing to withdraw yet
        (ModerationState.PENDING, {"edit", "withdraw"}),
        (ModerationState.RETURNED, {"edit", "withdraw"}),
        (ModerationState.REJECTED, set()),  # neither edited nor withdrawn
    ],
)
def test_the_owner_s_links_follow_what_the_state_allows(client, example, owner, state, expected):
    set_state(example, state)
    client.force_login(owner)

    content = page(client, example)

    assert links(content, example) == expected
    assert ("data-example-actions" in content) == bool(expected)


def test_the_links_lead_to_pages_the_owner_may_open(client, example, owner):
    client.force_login(owner)
    content = page(client, example)

    for url in re.findall(r'<a class="ds-button"[^>]* href="([^"]+)"', content):
        assert client.get(url).status_code == 200, url


def test_another_logged_in_person_sees_none_of_the_links(client, example, outsider):
    client.force_login(outsider)

    content = page(client, example)

    assert links(content, example) == set()
    assert "data-example-actions" not in content


def test_someone_not_logged_in_sees_none_of_the_links(client, example):
    content = page(client, example)

    assert links(content, example) == set()
    assert "data-example-actions" not in content


@pytest.mark.parametrize("state", [ModerationState.PUBLISHED, *NOT_PUBLIC])
def test_a_moderator_sees_a_link_to_the_example_s_moderation_page(client, example, moderator, state):
    set_state(example, state)
    client.force_login(moderator)

    content = page(client, example)

    # Moderators may also change an example (not a rejected one), but only owners withdraw.
    expected = {"moderate"} if state == ModerationState.REJECTED else {"edit", "moderate"}
    assert links(content, example) == expected
    assert client.get(reverse("examples:moderate", kwargs={"pk": example.pk})).status_code == 200


def test_an_owner_who_is_a_moderator_sees_all_three_links(client, example, owner):
    owner.groups.add(Group.objects.get(name="Moderatorer"))
    client.force_login(owner)

    assert links(page(client, example), example) == {"edit", "withdraw", "moderate"}


def test_the_links_cost_a_few_queries_however_many_owners_there_are(client, example, owner, moderator):
    def queries(user: User | None) -> int:
        client.logout()
        if user:
            client.force_login(user)
        cache.clear()  # the search keeps facet labels in the cache: count them every time
        with CaptureQueriesContext(connection) as captured:
            page(client, example)
        return len(captured)

    anonymous = queries(None)
    as_co_owner, as_moderator = queries(example.owners.last()), queries(moderator)
    example.owners.add(*[UserFactory(email=f"eier{n}@example.no") for n in range(10)])

    # The session and the user, whether they own it (for editing, then withdrawing), their permissions
    # (two queries, once), whether a change waits for moderation, and for a moderator whether their
    # address is proven (once).
    assert as_co_owner - anonymous <= 7
    assert as_moderator - anonymous <= 8
    assert queries(example.owners.last()) == as_co_owner


# --- Demo content ----------------------------------------------------------------------------------------


def test_a_demo_example_is_marked_on_its_page(client):
    demo = publish("Bytteverksted på gjenbruksstasjonen", "Folk lærer å reparere.", is_demo=True)

    content = page(client, demo)

    assert content.count("data-demo-notice") == 1
    notice = re.search(r"<div class=\"ds-alert\"[^>]*data-demo-notice>(.*?)</div>", content, re.S)
    assert notice
    assert "ds-tag" in notice.group(1)
    assert "Demoinnhold" in notice.group(1)


def test_a_real_example_is_not_marked_as_demo(client, example):
    content = page(client, example)

    assert "data-demo-notice" not in content
    assert "data-demo-tag" not in content
    assert "Demoinnhold" not in content


def test_demo_examples_carry_the_tag_on_their_cards_in_the_lists(client):
    publish("Sykkelparkering ved skolen", "Tak over sykler.", themes=("transport",))
    publish("Sykkelverksted for elever", "Elevene reparerer sykler.", themes=("transport",), is_demo=True)

    content = html.unescape(client.get(SEARCH).content.decode())
    cards = {
        re.search(r'class="ds-link"[^>]*>([^<]+)</a>', card).group(1): card  # type: ignore[union-attr]
        for card in content.split('<article class="ds-card gp-example-card">')[1:]
    }

    assert "data-demo-tag" in cards["Sykkelverksted for elever"]
    assert "Demoinnhold" in cards["Sykkelverksted for elever"]
    assert "data-demo-tag" not in cards["Sykkelparkering ved skolen"]


def test_a_demo_example_among_the_similar_ones_carries_the_tag(client, example):
    publish("Sykkelverksted for elever", "Elevene reparerer sykler.", themes=("transport",), is_demo=True)

    content = page(client, example)

    assert "Sykkelverksted for elever" in content
    assert content.count("data-demo-tag") == 1
    assert "data-demo-notice" not in content


# --- The reindex_examples command ------------------------------------------------------------------------


def unindexed(title: str, state: str = ModerationState.PUBLISHED) -> Example:
    """An example written straight to the database, behind the search index's back."""
    example = Example.objects.create(title=title, summary=f"{title}.", state=state)
    example.themes.set([theme("energi")])
    example.municipalities.set([municipality()])
    return example


def found(words: str, **filters: list[str]) -> set[str]:
    return {e.title for e in search.search(words, filters=filters).examples}


@pytest.mark.parametrize("batch_size", [None, 1])
def test_reindex_examples_indexes_the_published_examples(batch_size):
    publish("Varmepumpe i rådhuset", "Lavere strømregning.")
    unindexed("Solceller på sykehjemmet")
    unindexed("Solceller på skolen")
    unindexed("Solceller på idrettshallen", state=ModerationState.PENDING)
    assert found("solceller") == set()
    out = io.StringIO()

    options = {} if batch_size is None else {"batch_size": batch_size}
    call_command("reindex_examples", stdout=out, **options)

    assert out.getvalue().strip() == "Indexed 3 published examples."
    assert found("solceller") == {"Solceller på sykehjemmet", "Solceller på skolen"}
    assert found("", theme=["energi"]) == {"Solceller på sykehjemmet", "Solceller på skolen"}
    assert found("varmepumpe") == {"Varmepumpe i rådhuset"}


def test_reindex_examples_takes_the_batch_size_on_the_command_line():
    unindexed("Solceller på sykehjemmet")
    out = io.StringIO()

    call_command("reindex_examples", "--batch-size", "5", stdout=out)

    assert out.getvalue().strip() == "Indexed 1 published example."
    assert found("solceller") == {"Solceller på sykehjemmet"}


def test_reindex_examples_refuses_a_batch_size_below_one():
    with pytest.raises(CommandError, match="--batch-size"):
        call_command("reindex_examples", "--batch-size", "0", stdout=io.StringIO())


# --- The admin -------------------------------------------------------------------------------------------


def admin_data(response: TestResponse) -> dict[str, Any]:
    """What the admin's change form would post back unchanged."""
    form = response.context["adminform"].form
    data: dict = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, datetime.datetime):
            data[f"{name}_0"], data[f"{name}_1"] = value.date().isoformat(), value.time().isoformat()
        elif isinstance(value, list | tuple):
            data[name] = [str(getattr(v, "pk", v)) for v in value]
        else:
            data[name] = str(value)
    return data


def change_in_admin(client: Client, example: Example, **changes: Any) -> None:
    url = reverse("admin:examples_example_change", args=[example.pk])
    data = {**admin_data(client.get(url)), **changes}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def indexed_rows(pk: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM examples_search_text WHERE example_id = %s", [pk])
        return cursor.fetchone()[0]


def test_a_change_in_the_admin_is_in_the_search_at_once(client, organiser, example):
    client.force_login(organiser)

    change_in_admin(
        client,
        example,
        title="Sykkelhotell ved stasjonen",
        themes=[str(theme("transport").pk), str(theme("energi").pk)],
    )

    assert found("sykkelhotell") == {"Sykkelhotell ved stasjonen"}
    assert found("", theme=["energi"]) == {"Sykkelhotell ved stasjonen"}
    assert found("skolen") == set()


def test_unpublishing_in_the_admin_takes_the_example_out_of_the_index(client, organiser, example):
    client.force_login(organiser)

    change_in_admin(client, example, state=ModerationState.DRAFT)

    assert found("sykkelparkering") == set()
    assert indexed_rows(example.pk) == 0


def test_publishing_in_the_admin_puts_the_example_in_the_index(client, organiser):
    draft = unindexed("Solceller på sykehjemmet", state=ModerationState.DRAFT)
    client.force_login(organiser)

    change_in_admin(client, draft, state=ModerationState.PUBLISHED)

    assert found("solceller") == {"Solceller på sykehjemmet"}


def test_deleting_in_the_admin_leaves_nothing_in_the_index(client, organiser, example):
    other = publish("Sykkelverksted for elever", "Elevene reparerer sykler.")
    client.force_login(organiser)

    response = client.post(reverse("admin:examples_example_delete", args=[example.pk]), {"post": "yes"})
    bulk = client.post(
        reverse("admin:examples_example_changelist"),
        {"action": "delete_selected", "_selected_action": [other.pk], "post": "yes"},
    )

    assert (response.status_code, bulk.status_code) == (302, 302)
    assert not Example.objects.filter(pk__in=[example.pk, other.pk]).exists()
    assert (indexed_rows(example.pk), indexed_rows(other.pk)) == (0, 0)
