"""The printable list's pages: the list in the family's language (`/xx/print/?ids=…&lang=fr`),
printed from the browser with the print stylesheet, and the same list as a PDF
(`/xx/print/pdf/`). Public: the list names directory entries only.

The page's own controls are in the interface language; the list itself is in the family's
language, chosen on the page (nl, fr or en, the languages the directory is written in).
"""

from dataclasses import dataclass
from uuid import UUID

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation

from perinatal.core.middleware import public_page
from perinatal.core.ratelimits import WhenCacheDown, ratelimit

from . import selectors
from .language_fallback import CONTENT_LANGUAGES, current_language
from .printed_list import MAX_SERVICES, SELECTION_PARAM, Selection, selection_of
from .printed_list_pdf import services_list_pdf
from .service_sheet import ServiceSheet, service_sheet

FAMILY_LANGUAGE_PARAM = "lang"
# PDFs from one address (fail open: reading a list never depends on Redis).
PDF_RATE = "60/m"
# Each content language named in itself, for the family's language chooser.
OWN_NAMES = {"nl": "Nederlands", "fr": "Français", "en": "English"}


@dataclass(frozen=True)
class PrintedList:
    selection: Selection
    family_language: str
    sheets: list[ServiceSheet]
    params: QueryDict  # the query string of this list (the ids found, the family's language)

    @property
    def left_out(self) -> int:
        """Values of the link that name no service of the directory."""
        return self.selection.not_ids + len(self.selection.ids) - len(self.sheets)

    @property
    def found_nothing(self) -> bool:
        return not self.sheets and bool(self.selection.ids or self.selection.not_ids)


def _family_language(request: HttpRequest) -> str:
    lang = request.GET.get(FAMILY_LANGUAGE_PARAM, "")
    return lang if lang in CONTENT_LANGUAGES else current_language()


def _with_ids(params: QueryDict, ids: list[UUID]) -> QueryDict:
    query = params.copy()
    query.setlist(SELECTION_PARAM, [str(i) for i in ids])
    return query


def printed_list(request: HttpRequest) -> PrintedList:
    selection = selection_of(request.GET)
    lang = _family_language(request)
    services = selectors.services_for_list(selection.ids)
    with translation.override(lang):
        sheets = [service_sheet(service, lang) for service in services]
    params = _with_ids(request.GET, [service.id for service in services])
    params[FAMILY_LANGUAGE_PARAM] = lang
    return PrintedList(selection, lang, sheets, params)


def _site(lang: str, request: HttpRequest) -> str:
    with translation.override(lang):
        return request.build_absolute_uri(reverse("directory:search"))


@public_page
def printed_list_view(request: HttpRequest) -> HttpResponse:
    listed = printed_list(request)
    ids = [sheet.service.id for sheet in listed.sheets]
    search = listed.params.copy()
    search.pop(FAMILY_LANGUAGE_PARAM, None)
    return render(
        request,
        "directory/printed_list.html",
        {
            "listed": listed,
            "rows": [
                (sheet, _with_ids(listed.params, [i for i in ids if i != sheet.service.id]))
                for sheet in listed.sheets
            ],
            "family_languages": [(code, OWN_NAMES[code]) for code in CONTENT_LANGUAGES],
            "max_services": MAX_SERVICES,
            "made_on": timezone.localdate(),
            "site": _site(listed.family_language, request),
            "search_query": search.urlencode(),
            "hidden_params": [
                (key, value)
                for key, values in listed.params.lists()
                if key != FAMILY_LANGUAGE_PARAM
                for value in values
            ],
        },
        status=404 if listed.found_nothing else 200,
    )


@public_page
@ratelimit(key="ip", rate=PDF_RATE, method="GET", when_cache_down=WhenCacheDown.ALLOW)
def printed_list_pdf_view(request: HttpRequest) -> HttpResponse:
    listed = printed_list(request)
    if not listed.sheets:
        return printed_list_view(request)
    lang = listed.family_language
    with translation.override(lang):
        pdf = services_list_pdf(
            listed.sheets, made_on=timezone.localdate(), site=_site(lang, request)
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="useful-addresses-{lang}.pdf"'
    return response
