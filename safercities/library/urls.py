from django.urls import path

from safercities.library import feeds, views, views_curation, views_import, views_workflow

app_name = "library"
urlpatterns = [
    path("", views.resource_list, name="list"),
    path("feed/", feeds.LatestResourcesFeed(), name="feed"),
    path("themes/<slug:slug>/feed/", feeds.ThemeResourcesFeed(), name="theme_feed"),
    path("new/", views_workflow.resource_create, name="create"),
    path("mine/", views_workflow.my_resources, name="mine"),
    path("notifications/", views_workflow.notification_list, name="notifications"),
    path("review/", views_workflow.review_queue, name="review"),
    path("import/", views_import.import_upload, name="import"),
    path("import/<int:pk>/", views_import.import_job, name="import_job"),
    path("<int:pk>/", views.resource_detail, name="detail"),
    path("<int:pk>/download/", views.resource_download, name="download"),
    path("<int:pk>/edit/", views_workflow.resource_edit, name="edit"),
    path("<int:pk>/submit/", views_workflow.resource_submit, name="submit"),
    path("<int:pk>/review/", views_workflow.resource_review, name="review_action"),
    path("<int:pk>/archive/", views_workflow.resource_archive, name="archive"),
    path("collections/", views_curation.collection_list, name="collections"),
    path("collections/<slug:slug>/", views.collection_detail, name="collection"),
    path("collections/<slug:slug>/edit/", views_curation.collection_edit, name="collection_edit"),
    path("collections/<slug:slug>/add/", views_curation.collection_add, name="collection_add"),
    path(
        "collections/<slug:slug>/items/<int:item_id>/",
        views_curation.collection_item,
        name="collection_item",
    ),
]
