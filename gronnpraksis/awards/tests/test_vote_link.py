from gronnpraksis.awards.tests.helpers import finalists, make_round, open_voting


def test_the_manage_page_links_to_the_vote_while_it_is_open(client, edition, participant, organiser):
    award = make_round(edition, organiser)
    finalists(award, organiser, count=1)
    manage = participant.get_absolute_url()
    vote_url = f"/{edition.slug}/prisen/stem/{participant.manage_token}/"

    before = client.get(manage).content.decode()
    open_voting(award)
    during = client.get(manage).content.decode()

    assert vote_url not in before
    assert vote_url in during
