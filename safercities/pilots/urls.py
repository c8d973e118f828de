from django.urls import path

from safercities.pilots import views, views_committee, views_plan, views_problems

app_name = "pilots"

urlpatterns = [
    path("", views.pilot_list, name="list"),
    path("start/<slug:slug>/", views.pilot_start, name="start"),
    path("<slug:slug>/", views.pilot_detail, name="detail"),
    path("<slug:slug>/edit/", views.pilot_edit, name="edit"),
    path("<slug:slug>/phases/<str:phase>/", views.phase_edit, name="phase"),
    path("<slug:slug>/phases/<str:phase>/outputs/", views.output_add, name="output_add"),
    path("<slug:slug>/outputs/<int:pk>/remove/", views.output_remove, name="output_remove"),
    path("<slug:slug>/outputs/<int:pk>/file/", views.output_file, name="output_file"),
    path("<slug:slug>/problems/", views_problems.problem_list, name="problems"),
    path("<slug:slug>/problems/new/", views_problems.problem_new, name="problem_new"),
    path(
        "<slug:slug>/problems/from-evidence/",
        views_problems.problem_from_evidence,
        name="problem_from_evidence",
    ),
    path("<slug:slug>/problems/<int:pk>/", views_problems.problem_detail, name="problem"),
    path(
        "<slug:slug>/problems/<int:pk>/delete/",
        views_problems.problem_delete,
        name="problem_delete",
    ),
    path("<slug:slug>/plan/", views_plan.plan_page, name="plan"),
    path(
        "<slug:slug>/problems/<int:pk>/objectives/",
        views_plan.objective_add,
        name="objective_add",
    ),
    path(
        "<slug:slug>/objectives/<int:pk>/interventions/new/",
        views_plan.intervention_new,
        name="intervention_new",
    ),
    path(
        "<slug:slug>/interventions/<int:pk>/",
        views_plan.intervention_detail,
        name="intervention",
    ),
    path(
        "<slug:slug>/interventions/<int:pk>/edit/",
        views_plan.intervention_edit,
        name="intervention_edit",
    ),
    path(
        "<slug:slug>/interventions/<int:pk>/milestones/",
        views_plan.milestone_add,
        name="milestone_add",
    ),
    path(
        "<slug:slug>/interventions/<int:pk>/milestones/<int:milestone>/done/",
        views_plan.milestone_done,
        name="milestone_done",
    ),
    path(
        "<slug:slug>/interventions/<int:pk>/milestones/<int:milestone>/reopen/",
        views_plan.milestone_reopen,
        name="milestone_reopen",
    ),
    path("<slug:slug>/committee/add/", views_committee.committee_add, name="committee_add"),
    path(
        "<slug:slug>/committee/<int:pk>/remove/",
        views_committee.committee_remove,
        name="committee_remove",
    ),
    path("<slug:slug>/meetings/new/", views_committee.meeting_form, name="meeting_new"),
    path("<slug:slug>/meetings/<int:pk>/", views_committee.meeting_detail, name="meeting"),
    path("<slug:slug>/meetings/<int:pk>/edit/", views_committee.meeting_form, name="meeting_edit"),
    path(
        "<slug:slug>/meetings/<int:pk>/approve/",
        views_committee.meeting_approve,
        name="meeting_approve",
    ),
    path(
        "<slug:slug>/meetings/<int:pk>/delete/",
        views_committee.meeting_delete,
        name="meeting_delete",
    ),
]
