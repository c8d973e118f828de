from django.urls import path

from safercities.places import views, views_edit

app_name = "places"
urlpatterns = [
    path("places/", views.country_list, name="countries"),
    path("places/<str:code>/", views.country_detail, name="country"),
    path("cities/new/", views_edit.city_edit, name="city_create"),
    path("cities/<slug:slug>/", views.city_detail, name="city"),
    path("cities/<slug:slug>/edit/", views_edit.city_edit, name="city_edit"),
    path("cities/<slug:slug>/districts/new/", views_edit.district_edit, name="district_create"),
    path(
        "cities/<slug:slug>/districts/<int:pk>/edit/",
        views_edit.district_edit,
        name="district_edit",
    ),
    path(
        "cities/<slug:slug>/settlements/new/",
        views_edit.settlement_edit,
        name="settlement_create",
    ),
    path(
        "cities/<slug:slug>/settlements/<int:pk>/edit/",
        views_edit.settlement_edit,
        name="settlement_edit",
    ),
]
