import pytest
from django.utils.translation import gettext as _

from safercities.notifications import registry


@pytest.fixture
def reply_kind():
    """A kind like the network's replies: site by default, message from ``data``."""
    kind = registry.register(
        "test.reply",
        label="Replies in threads I follow",
        message=lambda n: _("News about “%(title)s”.") % {"title": n.title},
        default_delivery="site",
    )
    yield kind
    registry.unregister("test.reply")


@pytest.fixture
def somchai(make_user):
    """A Thai municipal officer who reads Thai and English and uses the Thai interface."""
    return make_user(
        email="somchai@example.org", name="Somchai", ui_language="th", languages=["th", "en"]
    )


@pytest.fixture
def sokha(make_user):
    """A Khmer NGO worker who reads Khmer only."""
    return make_user(email="sokha@example.org", name="Sokha", ui_language="km", languages=["km"])
