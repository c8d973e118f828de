from django.urls import path

from safercities.taxonomy import views

app_name = "taxonomy"
urlpatterns = [
    path("themes/", views.theme_list, name="themes"),
    path("themes/new/", views.theme_edit, name="theme_create"),
    path("themes/<slug:slug>/edit/", views.theme_edit, name="theme_edit"),
]
