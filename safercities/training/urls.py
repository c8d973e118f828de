from django.urls import path

from safercities.training import views, views_manage

app_name = "training"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views_manage.event_create, name="create"),
    path("mine/", views.my_registrations, name="my_registrations"),
    path("offers/<str:code>/", views.offer, name="offer"),
    path("certificates/<str:code>/", views.verify, name="verify"),
    path("certificates/<str:code>/pdf/", views.certificate_download, name="certificate_pdf"),
    path("certificates/<str:code>/revoke/", views_manage.certificate_revoke, name="revoke"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/edit/", views_manage.event_edit, name="edit"),
    path("<slug:slug>/agenda/", views.agenda_print, name="agenda"),
    path("<slug:slug>/calendar.ics", views.event_ics, name="event_ics"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/cancel/", views.cancel, name="cancel"),
    path("<slug:slug>/questions/", views_manage.questions, name="questions"),
    path("<slug:slug>/registrations/", views_manage.registrations, name="registrations"),
    path("<slug:slug>/certificates/", views_manage.certificate_list, name="certificates"),
    path("<slug:slug>/sessions/new/", views_manage.session_edit, name="session_create"),
    path("<slug:slug>/sessions/<int:pk>/edit/", views_manage.session_edit, name="session_edit"),
    path(
        "<slug:slug>/sessions/<int:pk>/delete/", views_manage.session_delete, name="session_delete"
    ),
    path("<slug:slug>/sessions/<int:pk>/calendar.ics", views.session_ics, name="session_ics"),
    path("<slug:slug>/sessions/<int:pk>/roster/", views_manage.roster, name="roster"),
    path("<slug:slug>/sessions/<int:pk>/check-in/", views_manage.check_in, name="check_in"),
]
