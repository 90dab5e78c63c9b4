"""A crawler for the crawl test: from a page, follow the links and the GET forms of the
page's main content and menu, as a user would, with a logged-in test client; never POST."""

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

# Never followed: leaving the session or the language, the API, files of the site.
SKIPPED_PREFIXES = ("/i18n/", "/api/", "/static/", "/healthz", "/readyz", "/metrics")
SKIPPED_NAMES = {"accounts:logout", "set_language"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.targets.append(values["href"] or "")
        if tag == "form" and (values.get("method") or "get").lower() == "get":
            self.targets.append(values.get("action") or "")


def url_name(path: str) -> str:
    try:
        match = resolve(path)
    except Resolver404:
        return ""
    return f"{match.namespace}:{match.url_name}" if match.namespace else (match.url_name or "")


@dataclass
class Crawl:
    reached: dict[str, str] = field(default_factory=dict)  # url name -> the first path
    failures: list[tuple[str, int]] = field(default_factory=list)


def crawl(client: Client, start: str, *, language: str = "nl", limit: int = 400) -> Crawl:
    """Breadth first from `start`, within /<language>/, each path once (a query string
    counts as another page; a fragment does not)."""
    result = Crawl()
    seen, queue = {start}, deque([start])
    while queue and len(seen) <= limit:
        path = queue.popleft()
        response = client.get(path)
        name = url_name(urlsplit(path).path)
        if response.status_code >= 400:
            result.failures.append((path, response.status_code))
            continue
        result.reached.setdefault(name, path)
        if response.status_code in (301, 302, 303):
            targets = [response["Location"]]
        elif name.startswith("admin:"):
            continue  # the admin site is reached, not walked (its own menus)
        elif "text/html" in response.get("Content-Type", ""):
            parser = _Links()
            parser.feed(response.content.decode())
            targets = parser.targets
        else:
            continue
        for target in targets:
            url = urldefrag(urljoin(path, target)).url
            parts = urlsplit(url)
            if parts.netloc and parts.netloc != "testserver":
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if not parts.path.startswith(f"/{language}/") or local in seen:
                continue
            if parts.path.startswith(SKIPPED_PREFIXES) or url_name(parts.path) in SKIPPED_NAMES:
                continue
            seen.add(local)
            queue.append(local)
    return result
