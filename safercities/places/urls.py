from django.urls import path

from safercities.places import views

app_name = "places"
urlpatterns = [
    path("places/", views.country_list, name="countries"),
    path("places/<str:code>/", views.country_detail, name="country"),
    path("cities/<slug:slug>/", views.city_detail, name="city"),
]
