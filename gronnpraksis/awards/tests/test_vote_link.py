"""The vote link: its own token, shown on the manage page while the vote is open. The manage token is
no vote link, and the vote token opens neither the manage page nor anything else of the registration."""

from tests.awards import finalists, make_round, open_voting


def test_the_manage_page_links_to_the_vote_while_it_is_open(client, edition, participant, organiser):
    award = make_round(edition, organiser)
    finalists(award, organiser, count=1)
    manage = participant.get_absolute_url()
    vote_url = f"/{edition.slug}/prisen/stem/{participant.vote_token}/"

    before = client.get(manage).content.decode()
    open_voting(award)
    during = client.get(manage).content.decode()

    assert vote_url not in before
    assert vote_url in during
    assert f"/prisen/stem/{participant.manage_token}/" not in during


def test_the_vote_token_opens_the_vote_and_nothing_else(client, edition, participant, organiser):
    award = make_round(edition, organiser)
    finalists(award, organiser, count=1)
    open_voting(award)
    assert participant.vote_token != participant.manage_token
    slug, vote_token = edition.slug, participant.vote_token

    assert client.get(f"/{slug}/prisen/stem/{vote_token}/").status_code == 200
    # Whoever holds the vote link (forwarded, seen over a shoulder) cannot manage the registration.
    for path in (
        f"/{slug}/pamelding/{vote_token}/",
        f"/{slug}/pamelding/{vote_token}/avmelding/",
        f"/{slug}/pamelding/{vote_token}/kalender.ics",
        f"/{slug}/program/agenda/{vote_token}/",
    ):
        assert client.get(path).status_code == 404, path
    # And the manage token is no vote link.
    page = client.get(f"/{slug}/prisen/stem/{participant.manage_token}/")
    assert page.status_code == 404
    assert participant.name not in page.content.decode()
