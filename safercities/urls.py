from django.contrib import admin
from django.urls import include, path

from safercities.api.registry import api

handler403 = "safercities.core.views.permission_denied"
handler404 = "safercities.core.views.page_not_found"
handler500 = "safercities.core.views.server_error"

urlpatterns = [
    path("", include("safercities.core.urls")),
    path("", include("safercities.places.urls")),
    path("", include("safercities.accounts.urls")),
    path("", include("safercities.search.urls")),
    path("", include("safercities.taxonomy.urls")),
    path("notifications/", include("safercities.notifications.urls")),
    path("library/", include("safercities.library.urls")),
    path("training/", include("safercities.training.urls")),
    path("practices/", include("safercities.practices.urls")),
    path("toolkit/", include("safercities.toolkit.urls")),
    path("diagnosis/", include("safercities.diagnosis.urls")),
    path("pilots/", include("safercities.pilots.urls")),
    path("", include("safercities.network.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
