"""Who may see and change notifications: each member only their own."""

from django.db.models import QuerySet

from safercities.accounts.permissions import check_member, is_member

__all__ = ["check_can_read_notifications", "filter_notifications_queryset"]


def check_can_read_notifications(user) -> None:
    """Raises PermissionDenied for visitors (views send them to log in first)."""
    check_member(user)


def filter_notifications_queryset(user, queryset: QuerySet) -> QuerySet:
    """A member sees only the notifications addressed to them; a visitor sees none."""
    if not is_member(user):
        return queryset.none()
    return queryset.filter(recipient=user)
