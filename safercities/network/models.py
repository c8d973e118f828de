"""The Practitioner Network: spaces, threads, posts, answers, follows, messages, reports."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from safercities.core.languages import language_choices
from safercities.network.enums import (
    CitySize,
    FollowKind,
    FollowLevel,
    InterventionKind,
    PostStatus,
    ReportReason,
    SpaceKind,
    ThreadKind,
    Visibility,
)

USER = settings.AUTH_USER_MODEL


class NetworkProfile(models.Model):
    """What a member shows in the directory, and the facts trust is built on."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="network_profile")
    listed = models.BooleanField(_("list me in the member directory"), default=True)
    show_organisation = models.BooleanField(_("show my organisation"), default=True)
    show_city = models.BooleanField(_("show my city"), default=True)
    show_languages = models.BooleanField(_("show the languages I speak"), default=True)
    show_themes = models.BooleanField(_("show my expertise"), default=True)
    show_bio = models.BooleanField(_("show my short bio"), default=True)

    class Meta:
        verbose_name = _("network profile")
        verbose_name_plural = _("network profiles")

    def __str__(self) -> str:
        return str(self.user)


class SpaceQuerySet(models.QuerySet):
    def public(self) -> "SpaceQuerySet":
        return self.filter(visibility=Visibility.PUBLIC)


class Space(models.Model):
    """A place to discuss: one per theme, per country, per city that wants one, per cohort."""

    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=150)
    name_translations = models.JSONField(_("names in other languages"), default=dict, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=1000)
    kind = models.CharField(_("kind"), max_length=10, choices=SpaceKind.choices)
    visibility = models.CharField(
        _("who can read"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    theme = models.ForeignKey(
        "taxonomy.Theme", null=True, blank=True, on_delete=models.SET_NULL, related_name="spaces"
    )
    country = models.ForeignKey(
        "places.Country", null=True, blank=True, on_delete=models.SET_NULL, related_name="spaces"
    )
    city = models.ForeignKey(
        "places.City", null=True, blank=True, on_delete=models.SET_NULL, related_name="spaces"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SpaceQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("space")
        verbose_name_plural = _("spaces")

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("network:space", args=[self.slug])

    @property
    def display_name(self) -> str:
        return self.name_translations.get(get_language() or "en", self.name)


class SpaceMembership(models.Model):
    """Belonging to a space: cohort members read private cohort spaces; moderators moderate."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="space_memberships")
    is_moderator = models.BooleanField(_("moderator of this space"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["space", "user"], name="one_membership_per_space")
        ]
        verbose_name = _("space membership")
        verbose_name_plural = _("space memberships")

    def __str__(self) -> str:
        return f"{self.user} — {self.space}"


class ThreadQuerySet(models.QuerySet):
    def listed(self) -> "ThreadQuerySet":
        return self.filter(status=PostStatus.VISIBLE, merged_into__isnull=True)

    def questions(self) -> "ThreadQuerySet":
        return self.filter(kind=ThreadKind.QUESTION)

    def answered(self) -> "ThreadQuerySet":
        return self.filter(is_answered=True)

    def unanswered(self) -> "ThreadQuerySet":
        return self.filter(is_answered=False)

    def in_languages(self, languages) -> "ThreadQuerySet":
        return self.filter(language__in=list(languages))

    def latest_first(self) -> "ThreadQuerySet":
        return self.order_by("-last_post_at", "-pk")


class Thread(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="threads")
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="threads")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=10, choices=ThreadKind.choices, default=ThreadKind.DISCUSSION
    )
    language = models.CharField(_("language"), max_length=15, choices=language_choices())
    theme = models.ForeignKey(
        "taxonomy.Theme",
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="threads",
    )
    status = models.CharField(max_length=10, choices=PostStatus.choices, default=PostStatus.VISIBLE)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_answered = models.BooleanField(_("answered"), default=False)
    reply_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    last_post_at = models.DateTimeField(db_index=True)
    routed_at = models.DateTimeField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_threads"
    )

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-last_post_at", "-pk"]
        indexes = [
            models.Index(fields=["space", "status", "-last_post_at"], name="thread_space_latest"),
            models.Index(fields=["kind", "is_answered", "created_at"], name="thread_question"),
        ]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:thread", args=[self.pk])

    @property
    def is_question(self) -> bool:
        return self.kind == ThreadKind.QUESTION


class PostQuerySet(models.QuerySet):
    def visible(self) -> "PostQuerySet":
        return self.filter(status=PostStatus.VISIBLE)

    def pending(self) -> "PostQuerySet":
        return self.filter(status=PostStatus.PENDING)

    def in_order(self) -> "PostQuerySet":
        return self.order_by("created_at", "pk")


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="posts")
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    is_opening = models.BooleanField(default=False)
    body = models.TextField(_("text"))
    body_html = models.TextField(editable=False)
    language = models.CharField(_("language"), max_length=15, choices=language_choices())
    status = models.CharField(max_length=10, choices=PostStatus.choices, default=PostStatus.VISIBLE)
    moderation_reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["thread", "status", "created_at"], name="post_thread_order"),
            models.Index(fields=["author", "created_at"], name="post_author_recent"),
        ]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self) -> str:
        return f"{self.thread} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("network:post", args=[self.pk])


class PostRevision(models.Model):
    """The text a post had before an edit: moderators see the history."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    edited_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.post_id} @ {self.created_at:%Y-%m-%d %H:%M}"


class PostTranslation(models.Model):
    """A member's translation of a post, kept beside the original and credited."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=15, choices=language_choices())
    body = models.TextField(_("translation"))
    body_html = models.TextField(editable=False)
    translator = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "language"], name="one_translation_per_lang")
        ]
        ordering = ["language"]

    def __str__(self) -> str:
        return f"{self.post_id} → {self.language}"


class Attachment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="network/%Y/%m/")
    file_type = models.CharField(max_length=120)
    file_size = models.PositiveIntegerField(default=0)
    name = models.CharField(max_length=200)

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:attachment", args=[self.pk])


class AcceptedAnswer(models.Model):
    """An answer the asker (or a moderator) accepted, with the context in which it worked."""

    post = models.OneToOneField(Post, on_delete=models.CASCADE, related_name="acceptance")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="acceptances")
    accepted_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    accepted_at = models.DateTimeField(auto_now_add=True)
    city_size = models.CharField(_("city size"), max_length=10, blank=True, choices=CitySize)
    country = models.ForeignKey(
        "places.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intervention = models.CharField(
        _("kind of intervention"), max_length=15, blank=True, choices=InterventionKind
    )
    note = models.CharField(_("where and how it worked"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("accepted answer")
        verbose_name_plural = _("accepted answers")

    def __str__(self) -> str:
        return f"{self.thread_id}: {self.post_id}"


class Follow(models.Model):
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="follows")
    kind = models.CharField(max_length=10, choices=FollowKind.choices)
    target_id = models.PositiveIntegerField()
    level = models.CharField(
        max_length=10, choices=FollowLevel.choices, default=FollowLevel.WATCHING
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "target_id"], name="one_follow")
        ]
        indexes = [models.Index(fields=["kind", "target_id", "level"], name="follow_target")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.target_id} ({self.level})"


class ThreadRead(models.Model):
    """When a member last read a thread: tracking shows unread counts from it."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="one_read_mark")]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.thread_id}"


class Message(models.Model):
    """A private message between two members; neither sees the other's email address."""

    sender = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="sent_messages")
    recipient = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="received_messages")
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["sender", "recipient", "created_at"], name="msg_pair")]

    def __str__(self) -> str:
        return f"{self.sender_id} → {self.recipient_id}"


class Block(models.Model):
    blocker = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="blocks")
    blocked = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="blocked_by")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["blocker", "blocked"], name="one_block")]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"


class ReportQuerySet(models.QuerySet):
    def open(self) -> "ReportQuerySet":
        return self.filter(resolved_at__isnull=True)


class Report(models.Model):
    """A member's report of a post or a message, waiting for a moderator."""

    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(_("reason"), max_length=10, choices=ReportReason.choices)
    note = models.CharField(_("details"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution = models.CharField(max_length=20, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(post__isnull=False) | Q(message__isnull=False),
                name="report_has_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.post_id or self.message_id})"
