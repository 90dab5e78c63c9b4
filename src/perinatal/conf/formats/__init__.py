"""Dates as people in Belgium read them, in each of the site's languages (FORMAT_MODULE_PATH).

Django's own formats write Dutch short dates "3-12-2026" and English ones "12/03/2026" (the
American order); Belgian Dutch, French and English all write the day first, "03/12/2026",
and the long date "3 december 2026" / "3 décembre 2026" / "3 December 2026". Only what
differs from Django's locale files is set here: the input formats stay Django's (and a date
field still reads ISO, as the browsers' date inputs send it).
See docs/decisions/0031-people-shaped-output-and-off-platform-referrals.md."""
