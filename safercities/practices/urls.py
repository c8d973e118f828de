from django.urls import path

from safercities.practices import city_views, review_views, views

app_name = "practices"
urlpatterns = [
    path("", views.practice_list, name="list"),
    path("new/", views.practice_create, name="create"),
    path("rubric/", views.rubric, name="rubric"),
    path("for/<slug:slug>/", city_views.practices_for_city_page, name="for_city"),
    path("for/<slug:slug>/concerns/", city_views.edit_city_concerns, name="city_concerns"),
    path("<slug:slug>/", views.practice_detail, name="detail"),
    path("<slug:slug>/edit/", views.practice_edit, name="edit"),
    path("<slug:slug>/publish/", views.practice_publish, name="publish"),
    path("<slug:slug>/reviewers/", review_views.assign_reviewers, name="assign"),
    path(
        "<slug:slug>/reviewers/<int:pk>/withdraw/",
        review_views.unassign_reviewer,
        name="unassign",
    ),
    path("<slug:slug>/review/", review_views.review_practice, name="review"),
    path("<slug:slug>/reviews/", review_views.review_overview, name="reviews"),
]
