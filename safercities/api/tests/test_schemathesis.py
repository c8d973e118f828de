"""The OpenAPI document is true: schemathesis fuzzes every operation in-process.

Every check schemathesis has (``--checks all``) runs on a small, fixed budget with a fixed
seed (deterministic, ~30 s): any 5xx, undocumented status, wrong content type, response
that breaks its schema, or accepted invalid input fails the suite. It runs on SQLite and
PostgreSQL like every test. Authenticated operations get a member's token.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.config import SchemathesisConfig

from safercities.accounts.models import ApiToken

MAX_EXAMPLES = 6
CHECKS = list(schemathesis.checks.CHECKS.get_all())  # every check: `--checks all`


#: Operations whose parameters name things held in the database (city and theme slugs,
#: organisation slugs): a well-formed but unknown value is a 400 naming the field, which the
#: schema cannot express as an enum. Everything else must accept what its schema allows.
DATABASE_VOCABULARIES = [
    "/api/v1/search",
    "/api/v1/resources",
    "/api/v1/me",
    "/api/v1/notifications/preferences",  # keys are the registered kinds of event
]
ACCEPTED = ["2xx", "3xx", "400", "401", "403", "404", "409", "429"]

config = SchemathesisConfig.from_dict(
    {
        "operations": [
            {
                "include-path": path,
                "checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTED}},
            }
            for path in DATABASE_VOCABULARIES
        ]
    }
)
try:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler(), config=config)
    LOAD_ERROR = None
except schemathesis.core.errors.LoaderError as exc:  # a broken document fails one test only
    schema, LOAD_ERROR = None, exc


def test_the_openapi_document_loads():
    assert LOAD_ERROR is None, LOAD_ERROR


@pytest.fixture
def token(db, city_a, make_settlement, member):
    make_settlement(city=city_a, name="Canal Community")
    # As Django's test client does: the test's transaction must outlive each request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield ApiToken.issue(member, "schemathesis")[1]
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


if schema is not None:

    @schema.parametrize()
    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def test_the_api_keeps_the_promises_of_its_openapi_document(case, token):
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
