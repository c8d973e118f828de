"""Fixtures of the toolkit tests: the generic tools and a Bangkok draft of the safety audit."""

import pytest

from safercities.toolkit import services
from safercities.toolkit.models import Tool, ToolVersion

AUDIT = "womens-safety-audit"
SURVEY = "victimization-survey"


@pytest.fixture
def tools(db) -> dict[str, Tool]:
    """The three generic tools (the data migration made them; transactional tests flush)."""
    services.ensure_generic_tools()
    return {tool.slug: tool for tool in Tool.objects.all()}


@pytest.fixture
def audit(tools) -> Tool:
    return tools[AUDIT]


@pytest.fixture
def generic_audit(audit) -> ToolVersion:
    return ToolVersion.objects.generic(AUDIT)


@pytest.fixture
def draft(audit, city_a, team_a) -> ToolVersion:
    """An untouched Bangkok draft of the safety audit in English and Thai."""
    return services.start_version(team_a, audit, city_a, languages=["en", "th"])


@pytest.fixture
def make_version(tools):
    """``make_version(slug, city, user, languages=..., publish=True)`` → a city version."""

    def make(slug, city, user, *, languages=("en", "th"), publish=True) -> ToolVersion:
        version = services.start_version(user, tools[slug], city, languages=list(languages))
        if publish:
            services.publish_version(user, version)
        return version

    return make
