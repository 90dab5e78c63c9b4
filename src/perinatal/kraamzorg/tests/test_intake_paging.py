"""Paging the intake queue by keyset: following "next" (and back with "previous") returns
every request of the queue exactly once, in the queue's order, also where requests share an
expected date, a vulnerability mark and a sending moment; a later page costs the same
statements as the first."""

import re
from datetime import date, timedelta

import pytest

from django.urls import reverse
from django.utils import timezone

from perinatal.kraamzorg.constants import Vulnerability
from perinatal.kraamzorg.models import KraamzorgRequest
from perinatal.kraamzorg.selectors import intake_queue, intake_queue_page
from perinatal.kraamzorg.services.requests import request_submit

from .intake_support import offer_for, request_input

pytestmark = pytest.mark.django_db
TODAY = date.today()
ROW_LINK = re.compile(r'<a href="/nl/kraamzorg/intake/([0-9a-f-]{36})/">')
NEXT_LINK = re.compile(r'<a href="\?([^"]*)" rel="next">')
PAGE_OF = re.compile(r'class="pagination".*?<span>\D*(\d+)\D+(\d+)</span>', re.S)
PREVIOUS_LINK = re.compile(r'<a href="\?([^"]*)" rel="prev">')


def _queue_with_ties(offer, count: int) -> list[KraamzorgRequest]:
    """`count` requests over six expected dates (some born, some due), every third marked
    vulnerable, pairs sent at the same moment: the order's every tie-break is used."""
    made = []
    for n in range(count):
        born = n % 5 == 0
        day = TODAY - timedelta(days=n % 2) if born else TODAY + timedelta(days=10 * (n % 4))
        made.append(
            request_submit(
                by=None,
                offer=offer,
                data=request_input(
                    contact_email=f"p{n}@example.org",
                    due_date=None if born else day,
                    birth_date=day if born else None,
                ),
            )
        )
    sent = timezone.now() - timedelta(days=1)
    for n, kr in enumerate(made):
        KraamzorgRequest.objects.filter(pk=kr.pk).update(
            submitted_at=sent + timedelta(minutes=n // 2),
            vulnerability=Vulnerability.SCENARIO_B if n % 3 == 0 else Vulnerability.NONE,
        )
    return made


def test_paging_forward_and_back_returns_every_request_once_in_order(kraamzorg_user):
    offer = offer_for(kraamzorg_user)
    _queue_with_ties(offer, 23)
    expected = [kr.pk for kr in intake_queue(by=kraamzorg_user)]
    assert len(expected) == 23

    pages, after = [], None
    while True:
        page = intake_queue_page(by=kraamzorg_user, after=after, size=5)
        assert page.count == 23
        pages.append(page)
        if page.next_after is None:
            break
        after = page.next_after
    assert [len(p.rows) for p in pages] == [5, 5, 5, 5, 3]
    assert [kr.pk for p in pages for kr in p.rows] == expected
    assert pages[0].first and pages[0].previous_before is None

    back, before = [pages[-1]], pages[-1].previous_before
    while before is not None:
        page = intake_queue_page(by=kraamzorg_user, before=before, size=5)
        back.insert(0, page)
        before = page.previous_before
    assert [[kr.pk for kr in p.rows] for p in back] == [[kr.pk for kr in p.rows] for p in pages]
    assert back[0].first


def test_an_unknown_or_foreign_boundary_gives_the_first_page(kraamzorg_user):
    offer = offer_for(kraamzorg_user)
    _queue_with_ties(offer, 7)
    foreign = request_submit(
        by=None, offer=offer_for(), data=request_input(contact_email="x@example.org")
    )
    first = [kr.pk for kr in intake_queue_page(by=kraamzorg_user, size=5).rows]
    for after in ("not-a-uuid", str(foreign.public_id)):
        page = intake_queue_page(by=kraamzorg_user, after=after, size=5)
        assert page.first
        assert [kr.pk for kr in page.rows] == first


def test_the_page_follows_its_links_through_the_whole_queue(client_for, kraamzorg_user):
    offer = offer_for(kraamzorg_user)
    _queue_with_ties(offer, 107)
    expected = [str(kr.public_id) for kr in intake_queue(by=kraamzorg_user)]
    client = client_for(kraamzorg_user)
    url, seen, labels, htmls = reverse("kraamzorg:intake"), [], [], []
    while url:
        html = client.get(url).content.decode()
        htmls.append(html)
        seen += ROW_LINK.findall(html)
        labels.append(PAGE_OF.search(html).groups())
        found = NEXT_LINK.search(html)
        url = (
            f"{reverse('kraamzorg:intake')}?{found.group(1).replace('&amp;', '&')}" if found else ""
        )
    assert seen == expected
    assert labels == [("1", "3"), ("2", "3"), ("3", "3")]
    # "previous" from the last page shows the second page again
    back = PREVIOUS_LINK.search(htmls[-1]).group(1).replace("&amp;", "&")
    html = client.get(f"{reverse('kraamzorg:intake')}?{back}").content.decode()
    assert ROW_LINK.findall(html) == expected[50:100]
    assert PAGE_OF.search(html).groups() == ("2", "3")


def test_a_later_page_costs_the_statements_of_the_first(
    client_for, kraamzorg_user, django_assert_num_queries
):
    offer = offer_for(kraamzorg_user)
    _queue_with_ties(offer, 60)
    client = client_for(kraamzorg_user)
    first = client.get(reverse("kraamzorg:intake"))
    after = NEXT_LINK.search(first.content.decode()).group(1).replace("&amp;", "&")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as on_first:
        client.get(reverse("kraamzorg:intake"))
    with CaptureQueriesContext(connection) as on_second:
        second = client.get(f"{reverse('kraamzorg:intake')}?{after}")
    assert second.status_code == 200
    # the later page reads its boundary request once more, nothing per row
    assert len(on_second.captured_queries) == len(on_first.captured_queries) + 1
    assert not any("OFFSET" in q["sql"].upper() for q in on_second.captured_queries)
