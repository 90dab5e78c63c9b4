"""How directory facts read: phones, opening hours, addresses, languages, costs and access
conditions in words of each language (tables of cases, no database)."""

from datetime import time
from decimal import Decimal

import pytest

from django.utils import translation

from perinatal.directory.presentation import (
    access_in_words,
    address_line,
    amount_in_words,
    cost_in_words,
    days_in_words,
    first_sentence,
    language_shown,
    languages_shown,
    osm_url,
    phone_shown,
    schedule_in_words,
    website_shown,
)


@pytest.mark.parametrize(
    ("stored", "text", "href"),
    [
        ("+32 2 216 79 44", "02 216 79 44", "tel:+3222167944"),  # as loaded from the Focus
        ("+3222167944", "02 216 79 44", "tel:+3222167944"),  # E.164, as editors store it
        ("02 216 79 44", "02 216 79 44", "tel:+3222167944"),  # national, typed by hand
        ("+32 471 84 29 93", "0471 84 29 93", "tel:+32471842993"),  # a mobile
        ("+32471842993", "0471 84 29 93", "tel:+32471842993"),
        ("0800 12 345", "0800 12 345", "tel:+3280012345"),  # a free number
        ("+33 1 42 68 53 00", "+33 1 42 68 53 00", "tel:+33142685300"),  # abroad: international
        ("1733", "1733", "tel:1733"),  # a short number phonenumbers does not read: as stored
        ("  +32 2 201  22 22 ", "02 201 22 22", "tel:+3222012222"),
    ],
)
def test_a_phone_is_shown_in_the_national_format_and_tapped_in_e164(stored, text, href):
    shown = phone_shown(stored)
    assert shown is not None
    assert (shown.text, shown.href) == (text, href)


@pytest.mark.parametrize("stored", ["", "   ", "call us", "n/a"])
def test_something_that_is_no_number_is_not_a_phone(stored):
    assert phone_shown(stored) is None


DAYS = [
    ("MO,TU,WE,TH,FR", "Monday to Friday", "maandag tot vrijdag", "du lundi au vendredi"),
    ("FR,MO,WE,TU,TH", "Monday to Friday", "maandag tot vrijdag", "du lundi au vendredi"),
    ("mo, tu, we", "Monday to Wednesday", "maandag tot woensdag", "du lundi au mercredi"),
    ("MO", "Monday", "maandag", "lundi"),
    ("MO,TU", "Monday and Tuesday", "maandag en dinsdag", "lundi et mardi"),
    (
        "MO,WE,FR",
        "Monday, Wednesday and Friday",
        "maandag, woensdag en vrijdag",
        "lundi, mercredi et vendredi",
    ),
    (
        "MO,TU,WE,FR",
        "Monday to Wednesday and Friday",
        "maandag tot woensdag en vrijdag",
        "du lundi au mercredi et vendredi",
    ),
    ("SA,SU", "Saturday and Sunday", "zaterdag en zondag", "samedi et dimanche"),
    ("MO,TU,WE,TH,FR,SA,SU", "every day", "elke dag", "tous les jours"),
    ("MO,MO,TU", "Monday and Tuesday", "maandag en dinsdag", "lundi et mardi"),
]


@pytest.mark.parametrize(("byday", "en", "nl", "fr"), DAYS)
def test_weekdays_in_words_per_language(byday, en, nl, fr):
    for lang, expected in (("en", en), ("nl", nl), ("fr", fr)):
        with translation.override(lang):
            assert days_in_words(byday) == expected, lang


@pytest.mark.parametrize("byday", ["1MO", "MO,XX", "monday", ",", ""])
def test_days_that_are_not_plain_weekdays_are_not_guessed(byday):
    assert days_in_words(byday) is None


SCHEDULES = [
    (
        {"byday": "MO,TU,WE,TH,FR", "opens_at": time(9), "closes_at": time(17)},
        "Monday to Friday, 9:00–17:00",
        "maandag tot vrijdag, 9.00–17.00\xa0uur",
        "du lundi au vendredi, de 9\xa0h à 17\xa0h",
    ),
    (
        {"byday": "SA", "opens_at": time(9, 30), "closes_at": time(12, 15)},
        "Saturday, 9:30–12:15",
        "zaterdag, 9.30–12.15\xa0uur",
        "samedi, de 9\xa0h\xa030 à 12\xa0h\xa015",
    ),
    (
        {"byday": "WE", "opens_at": time(14), "closes_at": None},
        "Wednesday, from 14:00",
        "woensdag, vanaf 14.00\xa0uur",
        "mercredi, à partir de 14\xa0h",
    ),
    (
        {"byday": "", "opens_at": None, "closes_at": time(20)},
        "until 20:00",
        "tot 20.00\xa0uur",
        "jusqu'à 20\xa0h",
    ),
    ({"byday": "TU,TH"}, "Tuesday and Thursday", "dinsdag en donderdag", "mardi et jeudi"),
    (
        {"byday": "MO", "opens_at": time(9), "closes_at": time(12), "note": "by appointment"},
        "Monday, 9:00–12:00 (by appointment)",
        "maandag, 9.00–12.00\xa0uur (by appointment)",
        "lundi, de 9\xa0h à 12\xa0h (by appointment)",
    ),
    # Days that cannot be read: the hours and the note, never the code.
    (
        {"byday": "1MO", "opens_at": time(9), "closes_at": time(11), "note": "x"},
        "9:00–11:00 (x)",
        "9.00–11.00\xa0uur (x)",
        "de 9\xa0h à 11\xa0h (x)",
    ),
    ({"note": "  24/7  "}, "24/7", "24/7", "24/7"),
    ({}, "", "", ""),
]


@pytest.mark.parametrize(("schedule", "en", "nl", "fr"), SCHEDULES)
def test_opening_hours_in_words_per_language(schedule, en, nl, fr):
    for lang, expected in (("en", en), ("nl", nl), ("fr", fr)):
        with translation.override(lang):
            assert schedule_in_words(**schedule) == expected, lang


@pytest.mark.parametrize(
    ("parts", "line"),
    [
        (
            {"street": "Deltastraat 65", "postcode": "1190", "city": "Vorst"},
            "Deltastraat 65, 1190 Vorst",
        ),
        (
            {"street": "Lennikse Baan 808", "street_2": "Route 1", "postcode": "1070", "city": "X"},
            "Lennikse Baan 808, Route 1, 1070 X",
        ),
        ({"street": "", "postcode": "1000", "city": "Brussel"}, "1000 Brussel"),
        ({"street": " Rue Haute 1 ", "postcode": "", "city": ""}, "Rue Haute 1"),
    ],
)
def test_an_address_reads_as_one_line(parts, line):
    assert address_line(**parts) == line


def test_the_map_link_searches_the_address_on_openstreetmap():
    assert osm_url(line="Deltastraat 65, 1190 Vorst") == (
        "https://www.openstreetmap.org/search?query=Deltastraat%2065%2C%201190%20Vorst%2C%20Belgium"
    )


def test_the_map_link_points_at_the_coordinates_when_the_location_has_them():
    url = osm_url(
        line="Deltastraat 65, 1190 Vorst",
        latitude=Decimal("50.818300"),
        longitude=Decimal("4.319100"),
    )
    assert url == (
        "https://www.openstreetmap.org/?mlat=50.818300&mlon=4.319100#map=18/50.818300/4.319100"
    )


@pytest.mark.parametrize(
    ("code", "en", "nl", "fr", "own"),
    [
        ("nl", "Dutch", "Nederlands", "néerlandais", ""),
        ("fr", "French", "Frans", "français", ""),
        ("en", "English", "Engels", "anglais", ""),
        ("ar", "Arabic", "Arabisch", "arabe", "العربية"),
        ("ti", "Tigrinya", "Tigrinya", "tigrigna", "ትግርኛ"),
        ("ES", "Spanish", "Spaans", "espagnol", "Español"),
        ("xx", "xx", "xx", "xx", ""),  # an unknown code stays as it is
    ],
)
def test_a_language_code_reads_as_its_name_in_the_language_shown(code, en, nl, fr, own):
    for lang, expected in (("en", en), ("nl", nl), ("fr", fr)):
        with translation.override(lang):
            shown = language_shown(code)
            assert (shown.name, shown.own_name) == (expected, own), lang


def test_languages_are_named_once_each_in_their_order():
    with translation.override("en"):
        assert [lang.name for lang in languages_shown(["fr", "nl", "fr", " "])] == [
            "French",
            "Dutch",
        ]


@pytest.mark.parametrize(
    ("category", "described", "en", "fr"),
    [
        ("free", False, "Free of charge.", "Gratuit."),
        ("free", True, "Free of charge.", "Gratuit."),
        (
            "reimbursed",
            False,
            "Reimbursed by the health insurance fund.",
            "Remboursé par la mutualité.",
        ),
        ("paying", False, "You pay for this service.", "Ce service est payant."),
        (
            "social_tariff",
            False,
            "A reduced (social) tariff for people with a low income.",
            "Un tarif réduit (social) pour les personnes à faibles revenus.",
        ),
        (
            "varies",
            False,
            "The cost depends on the provider: ask them before you go.",
            "Le coût dépend du prestataire : renseignez-vous avant d'y aller.",
        ),
        # The entry's own description says more than "depends on the provider".
        ("varies", True, "", ""),
        ("nonsense", False, "", ""),
    ],
)
def test_cost_in_plain_words(category, described, en, fr):
    for lang, expected in (("en", en), ("fr", fr)):
        with translation.override(lang):
            assert cost_in_words(category, described=described) == expected


@pytest.mark.parametrize(
    ("prescription", "referral", "expected"),
    [
        (None, None, []),  # unknown: nothing said, never "Unknown"
        (True, None, ["A prescription is needed."]),
        (False, None, ["No prescription needed."]),
        (None, True, ["A referral is needed."]),
        (None, False, ["You can go without a referral."]),
        (True, True, ["A prescription is needed.", "A referral is needed."]),
        (False, False, ["No prescription needed.", "You can go without a referral."]),
    ],
)
def test_access_conditions_say_only_what_is_known(prescription, referral, expected):
    with translation.override("en"):
        assert (
            access_in_words(prescription_required=prescription, referral_required=referral)
            == expected
        )


def test_access_conditions_are_in_the_language_shown():
    with translation.override("nl"):
        assert access_in_words(prescription_required=True, referral_required=False) == [
            "Een voorschrift is nodig.",
            "Je kan er terecht zonder verwijzing.",
        ]


@pytest.mark.parametrize(
    ("lang", "amount", "option", "expected"),
    [
        ("nl", Decimal("250.00"), "verblijf", "€\xa0250 — verblijf"),
        ("fr", Decimal("30.50"), "par nuit", "€\xa030,50 — par nuit"),
        ("en", Decimal("1250"), "", "€\xa01,250"),
        ("en", None, "on request", "on request"),
    ],
)
def test_an_amount_in_the_languages_number_format(lang, amount, option, expected):
    with translation.override(lang):
        assert amount_in_words(amount, "EUR", option) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", "One."),
        ("Brochures (o.a. perinatale zorg). Meer.", "Brochures (o.a. perinatale zorg)."),
        ("For all; possible later. Done.", "For all; possible later."),
        ("Scenario B only; providers. More.", "Scenario B only; providers."),
        ("Voor iedereen; Ook later.", "Voor iedereen"),
        ("No full stop at all", "No full stop at all"),
        ("  spaced\n out.  ", "spaced out."),
        ("word " * 50, ("word " * 36).strip() + "…"),
    ],
)
def test_first_sentence_for_a_one_line_summary(text, expected):
    assert first_sentence(text) == expected


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://www.pass-ages.be/nederlands-1/", "www.pass-ages.be/nederlands-1"),
        ("http://example.be", "example.be"),
        ("https://www.brusano.brussels", "www.brusano.brussels"),
    ],
)
def test_a_website_reads_without_its_scheme(url, shown):
    assert website_shown(url) == shown


@pytest.mark.parametrize(
    ("lang", "description", "expected"),
    [
        ("fr", "Gratuit pour les membres de la mutualité.", ""),
        ("nl", "Gratis voor leden van het ziekenfonds.", ""),
        ("fr", "Pour les membres de la mutualité.", "Gratuit."),
    ],
)
def test_the_cost_label_is_not_repeated_before_a_description_that_opens_with_it(
    lang, description, expected
):
    """ "Gratuit: Gratuit pour…" (issue 15): the description says it already."""
    with translation.override(lang):
        shown = cost_in_words("free", described=True, description=description)
    assert shown == expected
