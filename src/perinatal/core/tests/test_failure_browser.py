"""The 500 page on a phone (390 px wide): styled by the site's CSS, nothing wider than the
screen, the way home in reach."""

import pytest

pytestmark = [pytest.mark.urls("perinatal.core.tests.failure_urls"), pytest.mark.django_db]


@pytest.mark.parametrize("path", ["/fr/broken/", "/fr/database-down/"])
def test_the_failure_page_fits_a_phone(audit_flushable, chromium, live_server, path):
    context = chromium.new_context(
        base_url=live_server.url, locale="fr-BE", viewport={"width": 390, "height": 844}
    )
    try:
        page = context.new_page()
        response = page.goto(path)
        assert response is not None and response.status in (500, 503)
        heading = page.locator("h1")
        assert heading.is_visible()
        # The site's stylesheet is applied: the header's colour.
        header = page.locator(".site-header")
        assert header.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(8, 63, 95)"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390
        assert page.locator("code").inner_text() == response.headers["x-request-id"]
        home = page.get_by_role("link", name="Retour à la page d'accueil")
        assert home.is_visible()
        box = home.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 390
        home.click()
        page.wait_for_url("**/fr/")
    finally:
        context.close()
