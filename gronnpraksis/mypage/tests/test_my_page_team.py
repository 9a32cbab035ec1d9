from django.urls import reverse

from gronnpraksis.editions.models import TeamMember, TeamRole
from tests.factories import EditionFactory, UserFactory


def test_my_page_links_to_the_back_office_of_the_editions_a_person_reviews_for(client, edition):
    other = EditionFactory()
    reviewer = UserFactory(email="komite@example.no")
    TeamMember.objects.create(edition=edition, user=reviewer, role=TeamRole.REVIEWER)
    client.force_login(reviewer)

    page = client.get(reverse("mypage:my_page")).content.decode()

    assert reverse("backoffice:dashboard", kwargs={"edition": edition.slug}) in page
    assert reverse("backoffice:dashboard", kwargs={"edition": other.slug}) not in page


def test_my_page_shows_no_back_office_to_people_outside_the_team(client, edition):
    client.force_login(UserFactory(email="ola@example.no"))

    page = client.get(reverse("mypage:my_page")).content.decode()

    assert "/arrangor/" not in page
