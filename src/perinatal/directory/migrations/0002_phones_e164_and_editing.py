"""Phones in E.164 (with contacts as an owner and a flag for unreadable numbers) and opening
hours that close after they open. See docs/decisions/0021-phones-and-editing-sets.md."""

import django.db.models.deletion
import phonenumber_field.modelfields
import phonenumbers

from django.db import migrations, models
from django.db.models.functions import Cast


def _normalised(written: str) -> str | None:
    """E.164, or a Belgian short number as dialled; None when it is no valid number.

    A copy of directory.phones.phone_normalise as it was when this migration was written:
    a migration must not change when the application's rules do."""
    text = " ".join(written.split())
    try:
        number = phonenumbers.parse(text, "BE")
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if not text.startswith(("+", "00")) and phonenumbers.is_valid_short_number_for_region(
        number, "BE"
    ):
        return phonenumbers.national_significant_number(number)
    return None


def phones_to_e164(apps, schema_editor):
    """Every number in E.164; one that cannot be read is kept as written and flagged."""
    Phone = apps.get_model("directory", "Phone")
    db = schema_editor.connection.alias
    # The text as stored (the field itself would show a readable number in E.164 already).
    stored = Phone.objects.using(db).values_list("pk", Cast("number", models.TextField()))
    for pk, written in stored:
        normalised = _normalised(written or "")
        if normalised is None:
            Phone.objects.using(db).filter(pk=pk).update(needs_check=True)
        elif normalised != written:
            Phone.objects.using(db).filter(pk=pk).update(number=normalised)


def overnight_hours_to_text(apps, schema_editor):
    """Hours that close before they open (overnight) cannot be stored as times any more:
    they move to the description, so nothing is lost."""
    Schedule = apps.get_model("directory", "Schedule")
    db = schema_editor.connection.alias
    rows = Schedule.objects.using(db).filter(
        opens_at__isnull=False, closes_at__isnull=False, closes_at__lte=models.F("opens_at")
    )
    for schedule in rows:
        hours = f"{schedule.opens_at:%H:%M}–{schedule.closes_at:%H:%M}"
        description = " ".join(filter(None, [schedule.description_nl or "", hours]))
        Schedule.objects.using(db).filter(pk=schedule.pk).update(
            description_nl=description[:300], opens_at=None, closes_at=None
        )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="phone",
            name="phone_has_one_owner",
        ),
        migrations.AddField(
            model_name="phone",
            name="contact",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="phones",
                to="directory.contact",
            ),
        ),
        migrations.AddField(
            model_name="phone",
            name="needs_check",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "The number could not be read as a phone number; an editor should check it."
                ),
                verbose_name="to be checked",
            ),
        ),
        migrations.AlterField(
            model_name="phone",
            name="number",
            field=phonenumber_field.modelfields.PhoneNumberField(
                max_length=40, region=None, verbose_name="number"
            ),
        ),
        migrations.RunPython(phones_to_e164, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="phone",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("contact__isnull", True),
                        ("location__isnull", True),
                        ("organization__isnull", False),
                        ("service__isnull", True),
                    ),
                    models.Q(
                        ("contact__isnull", True),
                        ("location__isnull", True),
                        ("organization__isnull", True),
                        ("service__isnull", False),
                    ),
                    models.Q(
                        ("contact__isnull", True),
                        ("location__isnull", False),
                        ("organization__isnull", True),
                        ("service__isnull", True),
                    ),
                    models.Q(
                        ("contact__isnull", False),
                        ("location__isnull", True),
                        ("organization__isnull", True),
                        ("service__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="phone_has_one_owner",
            ),
        ),
        migrations.RunPython(overnight_hours_to_text, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="schedule",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("opens_at__isnull", True),
                    ("closes_at__isnull", True),
                    ("closes_at__gt", models.F("opens_at")),
                    _connector="OR",
                ),
                name="schedule_closes_after_opens",
            ),
        ),
    ]
