"""One import point for the Tasks API: Django's own from 6.0, the django-tasks backport before."""

try:  # Django >= 6.0
    from django.tasks import task  # type: ignore[import-not-found]
except ImportError:  # Django 5.2 LTS
    from django_tasks import task

__all__ = ["task"]
