from django.urls import path

from safercities.toolkit import views, views_edit

app_name = "toolkit"

_version = "<slug:slug>/versions/<int:pk>/"

urlpatterns = [
    path("", views.tool_list, name="tools"),
    path("<slug:slug>/", views.tool_detail, name="tool"),
    path("<slug:slug>/xlsform.xlsx", views.generic_xlsform, name="generic_xlsform"),
    path("<slug:slug>/adapt/", views_edit.version_start, name="version_start"),
    path("<slug:slug>/resources/", views_edit.tool_resources, name="tool_resources"),
    path(_version, views.version_detail, name="version"),
    path(_version + "xlsform.xlsx", views.version_xlsform, name="version_xlsform"),
    path(_version + "try/", views.version_preview, name="version_preview"),
    path(_version + "edit/", views_edit.version_edit, name="version_edit"),
    path(_version + "publish/", views_edit.version_publish, name="version_publish"),
    path(_version + "delete/", views_edit.version_delete, name="version_delete"),
    path(_version + "questions/add/", views_edit.question_add, name="question_add"),
    path(_version + "questions/<str:name>/", views_edit.question_edit, name="question_edit"),
    path(
        _version + "questions/<str:name>/remove/",
        views_edit.question_remove,
        name="question_remove",
    ),
    path(_version + "languages/", views_edit.language_add, name="language_add"),
    path(_version + "translate/<str:language>/", views_edit.translate, name="translate"),
]
