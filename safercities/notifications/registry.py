"""The kinds of notification: each content app registers its verbs in ``AppConfig.ready()``.

::

    from django.utils.translation import gettext as _, gettext_lazy
    from safercities.notifications import registry

    registry.register(
        "resource.published",
        label=gettext_lazy("One of my resources is published"),
        message=lambda n: _("Your resource “%(title)s” has been published.") % {"title": n.title},
        default_delivery="immediate",
    )

``message(notification) -> str`` is called inside the recipient's language (on the site the
reader's, in mail ``translation.override(recipient.ui_language)``), so it must call
``gettext`` at call time and must not query the database: use ``notification.title``,
``notification.data`` and ``notification.actor`` (select_related on the lists).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from safercities.notifications.enums import Delivery


class UnknownVerb(KeyError):
    """``notify`` was called with a verb nobody registered."""


@dataclass(frozen=True)
class Kind:
    verb: str
    label: Any  # a lazy translated string shown on the preferences page
    message: Callable[[Any], str]
    default_delivery: str = Delivery.SITE
    group: Any = ""  # optional heading on the preferences page (lazy string)
    mail_note: Callable[[Any], str] | None = None  # an extra line in the immediate mail
    applies_to: Callable[[Any], bool] | None = None  # who sees it on the preferences page

    def offered_to(self, user) -> bool:
        """Whether ``user`` is offered a choice for this kind (e.g. editors-only kinds)."""
        return self.applies_to is None or bool(self.applies_to(user))


_KINDS: dict[str, Kind] = {}


def register(
    verb: str,
    *,
    label: Any,
    message: Callable[[Any], str],
    default_delivery: str = Delivery.SITE,
    group: Any = "",
    mail_note: Callable[[Any], str] | None = None,
    applies_to: Callable[[Any], bool] | None = None,
) -> Kind:
    """Declare one kind of event. Registering the same verb again replaces it."""
    if default_delivery not in Delivery.values:
        raise ValueError(f"default_delivery must be one of {Delivery.values}")
    if not verb or len(verb) > 60:
        raise ValueError("verb must be 1 to 60 characters")
    kind = Kind(verb, label, message, str(default_delivery), group, mail_note, applies_to)
    _KINDS[verb] = kind
    return kind


def get(verb: str) -> Kind:
    try:
        return _KINDS[verb]
    except KeyError:
        raise UnknownVerb(verb) from None


def is_registered(verb: str) -> bool:
    return verb in _KINDS


def kinds(user=None) -> list[Kind]:
    """Every registered kind in registration order (with ``user``: those offered to them)."""
    if user is None:
        return list(_KINDS.values())
    return [kind for kind in _KINDS.values() if kind.offered_to(user)]


def unregister(verb: str) -> None:
    """For tests that register a temporary kind."""
    _KINDS.pop(verb, None)


def render_message(notification) -> str:
    """The notification's sentence in the active language."""
    kind = _KINDS.get(notification.verb)
    if kind is None:
        if notification.title:
            return _("News about “%(title)s”.") % {"title": notification.title}
        return _("Something happened on the Hub.")
    return str(kind.message(notification))
