from django.urls import path

from safercities.diagnosis import (
    views,
    views_data,
    views_import,
    views_map,
    views_raw,
    views_report,
    views_services,
    views_submit,
    views_verify,
)

app_name = "diagnosis"
urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("report/", views_report.report_chooser, name="report"),
    path("cities/<slug:city_slug>/new/", views.assessment_create, name="create"),
    path("cities/<slug:city_slug>/services/", views_services.service_list, name="services"),
    path("cities/<slug:city_slug>/services/new/", views_services.service_edit, name="service_new"),
    path(
        "cities/<slug:city_slug>/services/<int:pk>/",
        views_services.service_edit,
        name="service_edit",
    ),
    path(
        "cities/<slug:city_slug>/services/<int:pk>/delete/",
        views_services.service_delete,
        name="service_delete",
    ),
    path("<int:pk>/", views.assessment_detail, name="detail"),
    path("<int:pk>/edit/", views.assessment_edit, name="edit"),
    path("<int:pk>/submit/", views_submit.submit, name="submit"),
    path("<int:pk>/thanks/", views_submit.thanks, name="thanks"),
    path("<int:pk>/verify/", views_verify.verification_queue, name="verify"),
    path("<int:pk>/raw.csv", views_raw.raw_csv, name="raw_csv"),
    path("<int:pk>/raw.xlsx", views_raw.raw_xlsx, name="raw_xlsx"),
    path("<int:pk>/raw-codebook.csv", views_raw.raw_codebook_csv, name="raw_codebook"),
    path("<int:pk>/map/", views_map.map_view, name="map"),
    path("<int:pk>/map.json", views_map.map_json, name="map_json"),
    path("<int:pk>/hotspots/", views_map.hotspots, name="hotspots"),
    path("<int:pk>/hotspots.json", views_map.hotspots_json, name="hotspots_json"),
    path("<int:pk>/export.csv", views_data.export_csv, name="export_csv"),
    path("<int:pk>/export.xlsx", views_data.export_xlsx, name="export_xlsx"),
    path("<int:pk>/submissions/", views_data.submission_list, name="submissions"),
    path(
        "<int:pk>/submissions/<int:submission_pk>/",
        views_data.submission_detail,
        name="submission",
    ),
    path(
        "<int:pk>/submissions/<int:submission_pk>/photo/",
        views_data.submission_photo,
        name="photo",
    ),
    path("<int:pk>/import/", views_import.import_upload, name="import"),
    path("<int:pk>/import/<int:job_pk>/", views_import.import_job, name="import_job"),
]
