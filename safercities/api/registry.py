"""Assemble the API: every app's router under one root."""

from safercities.accounts.api import router as accounts_router
from safercities.api.base import api
from safercities.diagnosis.api import router as diagnosis_router
from safercities.library.api import router as library_router
from safercities.network.api import router as network_router
from safercities.notifications.api import router as notifications_router
from safercities.pilots.api import router as pilots_router
from safercities.places.api import router as places_router
from safercities.practices.api import router as practices_router
from safercities.search.api import router as search_router
from safercities.toolkit.api import router as toolkit_router
from safercities.training.api import router as training_router

api.add_router("/", places_router)
api.add_router("/", accounts_router)
api.add_router("/", search_router)
api.add_router("/", notifications_router)
api.add_router("/", library_router)
api.add_router("/", practices_router)
api.add_router("/", toolkit_router)
api.add_router("/", diagnosis_router)
api.add_router("/", training_router)
api.add_router("/", pilots_router)
api.add_router("/", network_router)


@api.get("/", tags=["root"], summary="What the API offers")
def root(request):
    return {
        "name": "Safer Cities Hub API",
        "version": "1",
        "openapi": request.build_absolute_uri("/api/v1/openapi.json"),
        "links": {
            "countries": request.build_absolute_uri("/api/v1/countries"),
            "cities": request.build_absolute_uri("/api/v1/cities"),
            "organisations": request.build_absolute_uri("/api/v1/organisations"),
            "search": request.build_absolute_uri("/api/v1/search"),
            "resources": request.build_absolute_uri("/api/v1/resources"),
            "practices": request.build_absolute_uri("/api/v1/practices"),
            "tools": request.build_absolute_uri("/api/v1/tools"),
            "events": request.build_absolute_uri("/api/v1/events"),
            "threads": request.build_absolute_uri("/api/v1/network/threads"),
            "members": request.build_absolute_uri("/api/v1/network/members"),
            "me": request.build_absolute_uri("/api/v1/me"),
            "notifications": request.build_absolute_uri("/api/v1/notifications"),
            "pilots": request.build_absolute_uri("/api/v1/pilots"),
        },
    }
