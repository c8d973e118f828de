"""What people do in the Practice Library. Each verb saves, records an audit entry, keeps the
search index in step (in the same transaction: the index is transactional with the data), and
returns something a test can check."""

from django.db import transaction
from django.utils import timezone

from safercities.core.audit import record
from safercities.practices.enums import PracticeStatus
from safercities.practices.models import Practice, Review, ReviewAssignment
from safercities.practices.notifications import (
    ask_reviewer,
    tell_editors_of_proposal,
    tell_proposer_of_publication,
)
from safercities.practices.scoring import Summary, check_scores
from safercities.search.index import reindex_object


def _save_with_indicators(form, indicators) -> Practice:
    practice = form.save()
    indicators.instance = practice
    indicators.save()
    return practice


def propose_practice(actor, form, indicators) -> Practice:
    """A member proposes a practice: it is saved as a draft for the editors."""
    with transaction.atomic():
        form.instance.status = PracticeStatus.DRAFT
        form.instance.proposed_by = actor
        practice = _save_with_indicators(form, indicators)
        record(actor, "practice.proposed", practice)
        tell_editors_of_proposal(practice, actor=actor)
    return practice


def update_practice(actor, form, indicators) -> Practice:
    with transaction.atomic():
        practice = _save_with_indicators(form, indicators)
        record(actor, "practice.updated", practice, fields=sorted(form.changed_data))
        reindex_object(practice)
    return practice


def publish_practice(actor, practice: Practice) -> bool:
    """Publish a draft; returns whether anything changed."""
    if practice.is_published:
        return False
    practice.status = PracticeStatus.PUBLISHED
    practice.published_at = practice.published_at or timezone.now()
    with transaction.atomic():
        practice.save(update_fields=["status", "published_at", "updated_at"])
        record(actor, "practice.published", practice)
        reindex_object(practice)
        tell_proposer_of_publication(practice, actor=actor)
    return True


def unpublish_practice(actor, practice: Practice) -> bool:
    """Take a practice back to draft (it leaves the list and search); returns whether it was out."""
    if not practice.is_published:
        return False
    practice.status = PracticeStatus.DRAFT
    with transaction.atomic():
        practice.save(update_fields=["status", "updated_at"])
        record(actor, "practice.unpublished", practice)
        reindex_object(practice)
    return True


def assign_reviewer(actor, practice: Practice, reviewer) -> ReviewAssignment:
    """An editor asks a member to review; the reviewer is notified (by mail by default)."""
    with transaction.atomic():
        assignment, created = ReviewAssignment.objects.get_or_create(
            practice=practice, reviewer=reviewer, defaults={"assigned_by": actor}
        )
        if created:
            record(actor, "practice.reviewer_assigned", practice, reviewer=reviewer.pk)
            ask_reviewer(reviewer, practice, actor=actor)
    return assignment


def unassign_reviewer(actor, assignment: ReviewAssignment) -> bool:
    """Withdraw an assignment that has no review yet; returns whether it was withdrawn."""
    practice = assignment.practice
    if practice.reviews.filter(reviewer=assignment.reviewer_id).exists():
        return False
    with transaction.atomic():
        record(actor, "practice.reviewer_unassigned", practice, reviewer=assignment.reviewer_id)
        assignment.delete()
    return True


def refresh_replicability(practice: Practice) -> Summary:
    """Recompute the review summary and store ``is_replicable`` when it changed."""
    summary = practice.review_summary()
    if practice.is_replicable != summary.replicable:
        practice.is_replicable = summary.replicable
        practice.save(update_fields=["is_replicable", "updated_at"])
    return summary


def submit_review(reviewer, practice: Practice, form) -> tuple[Review, Summary]:
    """Save an assigned reviewer's review (a second submission replaces the first)."""
    with transaction.atomic():
        review = form.save(commit=False)
        review.practice = practice
        review.reviewer = reviewer
        check_scores(review.scores())
        first = review.pk is None
        review.save()
        summary = refresh_replicability(practice)
        record(
            reviewer,
            "practice.reviewed" if first else "practice.review_updated",
            practice,
            scores=review.scores(),
            replicable=summary.replicable,
        )
        reindex_object(practice)
    return review, summary


def update_city_concerns(actor, form):
    with transaction.atomic():
        profile = form.save()
        record(
            actor,
            "city.concerns_updated",
            profile.city,
            themes=sorted(profile.concern_themes.values_list("slug", flat=True)),
            budget_band=profile.budget_band,
        )
    return profile
