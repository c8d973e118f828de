from django.urls import path

from safercities.accounts import views, views_organisations, views_roles

app_name = "accounts"
urlpatterns = [
    path("profile/", views.profile_edit, name="profile_edit"),
    path("profile/tokens/", views.token_create, name="token_create"),
    path("profile/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("members/<int:pk>/", views.member_detail, name="member"),
    path("members/<int:pk>/roles/", views_roles.member_roles, name="member_roles"),
    path("roles/", views_roles.role_overview, name="roles"),
    path(
        "roles/requests/<int:pk>/decide/",
        views_roles.role_request_decide,
        name="role_request_decide",
    ),
    path(
        "roles/requests/<int:pk>/withdraw/",
        views_roles.role_request_withdraw,
        name="role_request_withdraw",
    ),
    path("roles/changes/<int:pk>/undo/", views_roles.role_change_undo, name="role_change_undo"),
    path("cities/<slug:slug>/team/", views_roles.team_manage, name="team"),
    path("cities/<slug:slug>/team/<int:pk>/", views_roles.team_change, name="team_change"),
    path("invitations/<int:pk>/withdraw/", views_roles.invitation_revoke, name="invitation_revoke"),
    path("invitations/<str:token>/", views_roles.invitation_open, name="invitation"),
    path("organisations/", views_organisations.organisation_list, name="organisations"),
    path("organisations/new/", views_organisations.organisation_edit, name="organisation_create"),
    path(
        "organisations/<slug:slug>/", views_organisations.organisation_detail, name="organisation"
    ),
    path(
        "organisations/<slug:slug>/edit/",
        views_organisations.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisations/<slug:slug>/status/",
        views_organisations.organisation_status,
        name="organisation_status",
    ),
    path(
        "organisations/<slug:slug>/merge/",
        views_organisations.organisation_merge,
        name="organisation_merge",
    ),
    path(
        "organisations/<slug:slug>/join/",
        views_organisations.organisation_join,
        name="organisation_join",
    ),
    path(
        "organisations/<slug:slug>/invite/",
        views_organisations.organisation_invite,
        name="organisation_invite",
    ),
    path(
        "organisations/<slug:slug>/members/<int:pk>/",
        views_organisations.organisation_member,
        name="organisation_member",
    ),
]
