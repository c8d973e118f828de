from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SpaceKind(models.TextChoices):
    THEME = "theme", _("Theme")
    COUNTRY = "country", _("Country")
    CITY = "city", _("City")
    COHORT = "cohort", _("Training cohort")
    GENERAL = "general", pgettext_lazy("space kind", "General")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone can read")
    MEMBERS = "members", _("Members only")
    CITY_TEAM = "city_team", _("Private to the city team")
    COHORT = "cohort", _("Private to the cohort")


class ThreadKind(models.TextChoices):
    DISCUSSION = "discussion", _("Discussion")
    QUESTION = "question", _("Question")


class PostStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    VISIBLE = "visible", _("Visible")
    HIDDEN = "hidden", _("Hidden by a moderator")


class FollowLevel(models.TextChoices):
    WATCHING = "watching", _("Watching: every new post")
    TRACKING = "tracking", _("Tracking: unread counts only")
    NORMAL = "normal", _("Normal: mentions and replies to me")
    MUTED = "muted", _("Muted")


class FollowKind(models.TextChoices):
    THREAD = "thread", _("Thread")
    SPACE = "space", _("Space")
    THEME = "theme", _("Theme")
    CITY = "city", _("City")
    MEMBER = "member", _("Member")


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    ABUSE = "abuse", _("Abusive or harassing")
    PRIVACY = "privacy", _("Reveals someone's private information")
    OFF_TOPIC = "off_topic", _("Off topic")
    OTHER = "other", pgettext_lazy("report reason", "Other")


class CitySize(models.TextChoices):
    SMALL = "small", _("Small city (under 500,000)")
    MEDIUM = "medium", _("Medium city (500,000 to 2 million)")
    LARGE = "large", _("Large city (over 2 million)")


class InterventionKind(models.TextChoices):
    SOCIAL = "social", _("Social prevention")
    SITUATIONAL = "situational", _("Situational prevention")
    INSTITUTIONAL = "institutional", _("Institutional / community-based")
    REINTEGRATION = "reintegration", _("Reintegration of offenders")


class TrustLevel(models.IntegerChoices):
    NEW = 0, _("New member")
    BASIC = 1, _("Member")
    TRUSTED = 2, _("Trusted member")
