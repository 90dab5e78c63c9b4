"""Every page carries a strict Content Security Policy; every non-public page `no-store`."""

import pytest

from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, resolve, reverse

from perinatal.core.middleware import PUBLIC_ATTR

pytestmark = pytest.mark.django_db

REQUIRED_DIRECTIVES = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
]


def _names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from _names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def page_urls() -> list[str]:
    """Every named URL that takes no argument: the site's pages, the admin's, the API's."""
    urls = set()
    for name in _names(get_resolver().url_patterns):
        try:
            urls.add(reverse(name))
        except NoReverseMatch:
            continue
    return sorted(urls)


def is_public(url: str, response) -> bool:
    """Marked public: with @public_page on the view, or by the view itself for the request
    (the directory API sets `request.perinatal_public`)."""
    match = resolve(url)
    view = getattr(match.func, "view_class", match.func)
    marked = getattr(match.func, PUBLIC_ATTR, False) or getattr(view, PUBLIC_ATTR, False)
    return bool(marked or getattr(response.wsgi_request, "perinatal_public", False))


def assert_strict_csp(response, url):
    policy = response.get("Content-Security-Policy", "")
    assert policy, f"{url} has no Content-Security-Policy"
    assert "unsafe-inline" not in policy, url
    assert "unsafe-eval" not in policy, url
    for directive in REQUIRED_DIRECTIVES:
        assert directive in policy, (url, directive)


def test_the_walk_finds_the_pages():
    urls = page_urls()
    for name in [
        "accounts:login",
        "accounts:home",
        "accounts:two_factor",
        "admin:index",
        "healthz",
    ]:
        assert reverse(name) in urls


@pytest.mark.parametrize("url", page_urls())
def test_every_page_has_a_strict_csp_and_no_store_unless_public(client, url):
    response = client.get(url)
    assert_strict_csp(response, url)
    if not is_public(url, response):
        assert response["Cache-Control"] == "no-store", url


@pytest.mark.parametrize("url", page_urls())
def test_every_page_seen_logged_in_has_a_strict_csp_and_no_store(admin_client, url):
    response = admin_client.get(url)
    assert_strict_csp(response, url)
    assert response["Cache-Control"] == "no-store", url


@pytest.mark.parametrize("url", ["/nl/no-such-page/", "/nowhere", "/nl/account/logout/"])
def test_error_answers_have_the_csp_and_no_store_too(client, url):
    response = client.get(url)
    assert response.status_code in {404, 405}
    assert_strict_csp(response, url)
    assert response["Cache-Control"] == "no-store"


def test_lockout_page_has_the_csp_and_no_store(client, parent):
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": parent.username, "password": "no"})
    response = client.post(
        reverse("accounts:login"), {"username": parent.username, "password": "no"}
    )
    assert response.status_code == 429
    assert_strict_csp(response, "lockout")
    assert response["Cache-Control"] == "no-store"


def test_other_security_headers(client):
    response = client.get(reverse("accounts:login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.urls("perinatal.core.tests.urls")
@pytest.mark.parametrize(
    ("path", "logged_in", "expected"),
    [
        ("/public/", False, "public, max-age=60"),
        ("/public/", True, "no-store"),
        ("/public/?status=404", False, "no-store"),
        ("/private/", False, "no-store"),
        ("/private/", True, "no-store"),
    ],
)
def test_only_public_pages_seen_anonymously_may_be_cached(
    client_for, parent, client, path, logged_in, expected
):
    response = (client_for(parent) if logged_in else client).get(path)
    assert response["Cache-Control"] == expected
