from django.urls import path

from safercities.network import views, views_members, views_moderation

app_name = "network"
urlpatterns = [
    path("network/", views.home, name="home"),
    path("network/questions/", views.questions, name="questions"),
    path("network/needs-translation/", views.needs_translation, name="needs_translation"),
    path("network/moderation/", views_moderation.queue, name="queue"),
    path("network/settings/", views_members.network_settings, name="settings"),
    path("network/following/", views_members.following, name="following"),
    path("network/spaces/<slug:slug>/", views.space_detail, name="space"),
    path("network/spaces/<slug:slug>/new/", views.thread_start, name="thread_start"),
    path("network/threads/<int:pk>/", views.thread_detail, name="thread"),
    path("network/threads/<int:pk>/reply/", views.thread_reply, name="reply"),
    path(
        "network/threads/<int:pk>/moderate/",
        views_moderation.thread_moderate,
        name="thread_moderate",
    ),
    path("network/posts/<int:pk>/", views.post_link, name="post"),
    path("network/posts/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("network/posts/<int:pk>/accept/", views.post_accept, name="post_accept"),
    path("network/posts/<int:pk>/translate/", views.post_translate, name="post_translate"),
    path("network/posts/<int:pk>/report/", views_moderation.post_report, name="post_report"),
    path("network/posts/<int:pk>/moderate/", views_moderation.post_moderate, name="post_moderate"),
    path("network/attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("network/follow/<str:kind>/<int:pk>/", views_members.follow, name="follow"),
    path("network/members/<int:pk>/", views_members.member_page, name="member"),
    path("network/members/<int:pk>/block/", views_members.member_block, name="block"),
    path("members/", views_members.member_directory, name="directory"),
    path("messages/", views_members.inbox, name="inbox"),
    path("messages/<int:pk>/", views_members.conversation, name="conversation"),
    path("messages/report/<int:pk>/", views_members.message_report, name="message_report"),
]
