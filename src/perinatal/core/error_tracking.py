"""Optional error tracking with Sentry (`SENTRY_DSN`), sending nothing personal.

`init_error_tracking(dsn=…)` is called by the production settings when `SENTRY_DSN` is set
(never by the development or test settings). What leaves the server is the error's class,
message and stack (file, function, line and source code), the request's method and path, and
a few harmless headers. Left out or scrubbed:

- request bodies (`max_request_body_size="never"`), query strings, cookies, the client's
  address and every header but `ALLOWED_HEADERS` (so `Authorization` with its API token,
  `Cookie`, `X-Api-Key`, … never leave);
- local variables of the frames (`include_local_variables=False`, and dropped again here);
- the user (`send_default_pii=False`, and dropped again here) and the logging record's
  extras (Django puts the request, with its query string, there);
- in every text that remains (messages, breadcrumbs, tags, contexts): national numbers
  (11 digits, with or without separators), e-mail addresses, bearer tokens and long opaque
  tokens; under keys that name personal or secret data (names, e-mail, phone, address,
  birth, national number, password, token, session, cookie …) the whole value.

Names in free text cannot be recognised; that is why no body, query string, local variable or
log extra is ever sent, and why messages must not be written with a person's name in them.
"""

import re
from collections.abc import Callable
from typing import Any

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.transport import Transport

FILTERED = "[Filtered]"

# Headers that say nothing about the person (lower case).
ALLOWED_HEADERS = frozenset(
    {
        "accept",
        "accept-language",
        "content-length",
        "content-type",
        "host",
        "user-agent",
        "x-request-id",
    }
)
# Keys whose value is personal or secret, wherever they appear.
SENSITIVE_KEY = re.compile(
    r"name|mail|phone|address|birth|national|insz|niss|rijksregister|password|passwd|"
    r"secret|token|auth|cookie|session|csrf|api[-_]?key|signature|iban|postcode",
    re.IGNORECASE,
)
# 11 digits, possibly grouped as 85.07.30-033.28 (any of . - / space between the groups).
NATIONAL_NUMBER = re.compile(
    r"(?<!\d)\d{2}[.\-/ ]?\d{2}[.\-/ ]?\d{2}[.\-/ ]?\d{3}[.\-/ ]?\d{2}(?!\d)"
)
EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
BEARER = re.compile(r"\b(Bearer|Token|Basic)\s+\S+", re.IGNORECASE)
OPAQUE_TOKEN = re.compile(r"(?<![\w\-])[A-Za-z0-9_\-]{40,}(?![\w\-])")


def scrub_text(text: str) -> str:
    """The text without national numbers, e-mail addresses and tokens."""
    text = BEARER.sub(lambda match: f"{match.group(1)} {FILTERED}", text)
    text = EMAIL.sub(FILTERED, text)
    text = NATIONAL_NUMBER.sub(FILTERED, text)
    return OPAQUE_TOKEN.sub(FILTERED, text)


def scrub_value(value: Any, *, by_key: bool = True) -> Any:
    """`value` with every text scrubbed; with `by_key`, values under a sensitive key
    replaced whole."""
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        return {
            key: (
                FILTERED
                if by_key and isinstance(key, str) and SENSITIVE_KEY.search(key)
                else scrub_value(item, by_key=by_key)
            )
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [scrub_value(item, by_key=by_key) for item in value]
    return value


def _scrub_request(request: dict[str, Any]) -> dict[str, Any]:
    headers = request.get("headers") or {}
    return {
        "method": request.get("method"),
        "url": scrub_text(str(request.get("url", "")).split("?", 1)[0]),
        "headers": {
            name: scrub_text(str(value))
            for name, value in headers.items()
            if name.lower() in ALLOWED_HEADERS
        },
    }


def _drop_frame_variables(container: dict[str, Any] | None) -> None:
    for item in (container or {}).get("values") or []:
        for frame in (item.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)


def scrub_event(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    """Sentry's `before_send` (and `before_send_transaction`): the event, scrubbed."""
    event.pop("user", None)
    event.pop("extra", None)
    if isinstance(event.get("request"), dict):
        event["request"] = _scrub_request(event["request"])
    _drop_frame_variables(event.get("exception"))
    _drop_frame_variables(event.get("threads"))
    for section in ("tags", "logentry", "breadcrumbs"):
        if section in event:
            event[section] = scrub_value(event[section], by_key=section != "logentry")
    # Then every remaining text, whatever its key (structural keys such as the SDK's "name"
    # are kept: only their text is scrubbed).
    return scrub_value(event, by_key=False)


def scrub_breadcrumb(
    crumb: dict[str, Any], hint: dict[str, Any] | None = None
) -> dict[str, Any] | None:
    """Sentry's `before_breadcrumb`: URLs without their query string, texts scrubbed."""
    data = crumb.get("data")
    if isinstance(data, dict):
        data = dict(data)
        for key in ("url", "http.query", "http.fragment"):
            if key in data:
                data[key] = str(data[key]).split("?", 1)[0] if key == "url" else FILTERED
        crumb = {**crumb, "data": data}
    return scrub_value(crumb)


def init_error_tracking(
    *,
    dsn: str,
    environment: str = "production",
    traces_sample_rate: float = 0.0,
    release: str | None = None,
    transport: type[Transport] | Transport | Callable[..., Any] | None = None,
) -> None:
    """Start sending errors to Sentry, scrubbed as the module says."""
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        traces_sample_rate=traces_sample_rate,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        before_send=scrub_event,  # type: ignore[arg-type]
        before_send_transaction=scrub_event,  # type: ignore[arg-type]
        before_breadcrumb=scrub_breadcrumb,
        transport=transport,
    )
