"""The kinds of notification: each app that tells people something registers its kinds here
from its `AppConfig.ready()` (`register_kind(Kind(key, …))`).

A kind holds the in-app message as a msgid (`gettext_noop`: stored in the row and translated
when read) with named parameters, and the e-mail's subject and sentence, which take no
parameters at all: an e-mail says that something happened and links to the inbox item, so it
cannot carry a name, a service or anything else about a family (decision 0030)."""

from dataclasses import dataclass

from django.utils.functional import Promise

from perinatal.core.registry import Registry


@dataclass(frozen=True)
class Kind:
    key: str
    label: str | Promise  # on the preferences page
    message: str  # a msgid (gettext_noop) with %(name)s parameters, shown in the inbox
    subject: str | Promise  # the e-mail's subject, no parameters
    email_text: str | Promise  # the e-mail's sentence, no parameters
    email_default: bool = True


notification_kinds: Registry[Kind] = Registry("notification kinds")


def register_kind(kind: Kind) -> None:
    """Register `kind` under its own key."""
    notification_kinds.register(kind.key, kind)


def kind_of(key: str) -> Kind | None:
    return notification_kinds.get(key)
