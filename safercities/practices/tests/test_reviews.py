"""Replicability review: who assigns, who reviews, and what a review changes."""

import pytest
from django.core import mail

from safercities.core.models import AuditLogEntry
from safercities.practices import permissions
from safercities.practices.models import Review, ReviewAssignment
from safercities.practices.tests.conftest import review_post

pytestmark = pytest.mark.django_db


def test_only_editors_assign_reviewers(client_for, make_practice, member, editor, reviewer):
    practice = make_practice()
    url = f"/practices/{practice.slug}/reviewers/"
    assert client_for(member).post(url, {"reviewer": reviewer.pk}).status_code == 403
    assert not ReviewAssignment.objects.exists()
    response = client_for(editor).post(url, {"reviewer": reviewer.pk})
    assert response.status_code == 302
    assert ReviewAssignment.objects.get().reviewer == reviewer
    assert AuditLogEntry.objects.filter(action="practice.reviewer_assigned").exists()


def test_an_assigned_reviewer_is_told_by_mail(client_for, make_practice, editor, reviewer):
    practice = make_practice(title="Lit lanes")
    client_for(editor).post(f"/practices/{practice.slug}/reviewers/", {"reviewer": reviewer.pk})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [reviewer.email]
    assert f"/practices/{practice.slug}/review/" in mail.outbox[0].body


def test_the_proposer_cannot_be_assigned_to_review(client_for, make_practice, editor, member):
    practice = make_practice(proposed_by=member)
    response = client_for(editor).post(
        f"/practices/{practice.slug}/reviewers/", {"reviewer": member.pk}
    )
    assert response.status_code == 200
    assert "cannot review it" in response.content.decode()
    assert not ReviewAssignment.objects.exists()


def test_only_assigned_reviewers_may_open_or_send_the_review_form(
    client_for, make_practice, member, editor, reviewer
):
    practice = make_practice()
    url = f"/practices/{practice.slug}/review/"
    assert client_for(member).get(url).status_code == 403
    assert client_for(editor).post(url, review_post()).status_code == 403
    assert not Review.objects.exists()
    ReviewAssignment.objects.create(practice=practice, reviewer=reviewer, assigned_by=editor)
    assert client_for(reviewer).get(url).status_code == 200


def test_a_visitor_is_sent_to_log_in_to_review(client, make_practice):
    practice = make_practice()
    response = client.get(f"/practices/{practice.slug}/review/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_review_needs_a_reason_for_every_criterion(client_for, make_practice, reviewer):
    practice = make_practice()
    ReviewAssignment.objects.create(practice=practice, reviewer=reviewer)
    data = review_post() | {"impact_reason": "ok", "innovation": "7"}
    response = client_for(reviewer).post(f"/practices/{practice.slug}/review/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Please explain this score" in body
    assert "Select a valid choice" in body
    assert not Review.objects.exists()


def test_one_weak_criterion_keeps_the_replicable_mark_away(
    client_for, make_practice, reviewer, second_reviewer
):
    practice = make_practice()
    for person, scores in ((reviewer, review_post(5)), (second_reviewer, review_post(5, impact=1))):
        ReviewAssignment.objects.create(practice=practice, reviewer=person)
        response = client_for(person).post(f"/practices/{practice.slug}/review/", scores)
        assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.review_summary().means["impact"] == 3.0
    assert not practice.is_replicable


def test_replicability_follows_the_reviews_exactly_at_3_5(
    client_for, make_practice, reviewer, second_reviewer
):
    practice = make_practice()
    for person, score in ((reviewer, 4), (second_reviewer, 3)):
        ReviewAssignment.objects.create(practice=practice, reviewer=person)
        client_for(person).post(f"/practices/{practice.slug}/review/", review_post(score))
    practice.refresh_from_db()
    assert practice.is_replicable
    assert practice.reviews.count() == 2


def test_one_review_never_makes_a_practice_replicable(client_for, make_practice, reviewer):
    practice = make_practice()
    ReviewAssignment.objects.create(practice=practice, reviewer=reviewer)
    client_for(reviewer).post(f"/practices/{practice.slug}/review/", review_post(5))
    practice.refresh_from_db()
    assert practice.reviews.count() == 1
    assert not practice.is_replicable


def test_sending_a_review_again_replaces_it_and_can_drop_the_mark(
    client_for, make_practice, reviewer, second_reviewer, make_review
):
    practice = make_practice()
    make_review(practice, second_reviewer, 4)
    ReviewAssignment.objects.create(practice=practice, reviewer=reviewer)
    url = f"/practices/{practice.slug}/review/"
    client_for(reviewer).post(url, review_post(4))
    practice.refresh_from_db()
    assert practice.is_replicable
    client_for(reviewer).post(url, review_post(4, sustainability=2))
    practice.refresh_from_db()
    assert practice.reviews.count() == 2
    assert not practice.is_replicable
    assert AuditLogEntry.objects.filter(action="practice.review_updated").exists()


def test_disagreements_are_flagged_to_editors_only(
    client_for, make_practice, make_review, reviewer, second_reviewer, editor, member
):
    practice = make_practice()
    make_review(practice, reviewer, 4, impact=5)
    make_review(practice, second_reviewer, 4, impact=2)
    overview = client_for(editor).get(f"/practices/{practice.slug}/reviews/")
    assert overview.status_code == 200
    body = overview.content.decode()
    assert "Reviewers disagree by 2 points or more on" in body
    assert 'class="flagged"' in body
    assert "Because of the evidence on impact." in body
    assert client_for(member).get(f"/practices/{practice.slug}/reviews/").status_code == 403
    public = client_for(member).get(practice.get_absolute_url()).content.decode()
    assert "disagree" not in public.lower()
    assert "Because of the evidence" not in public


def test_an_editor_withdraws_a_request_only_before_the_review(
    client_for, make_practice, make_review, editor, reviewer, second_reviewer
):
    practice = make_practice()
    waiting = ReviewAssignment.objects.create(practice=practice, reviewer=reviewer)
    make_review(practice, second_reviewer)
    done = practice.assignments.get(reviewer=second_reviewer)
    client = client_for(editor)
    client.post(f"/practices/{practice.slug}/reviewers/{waiting.pk}/withdraw/")
    client.post(f"/practices/{practice.slug}/reviewers/{done.pk}/withdraw/")
    assert list(practice.assignments.values_list("reviewer", flat=True)) == [second_reviewer.pk]


def test_an_assigned_reviewer_may_read_the_draft_they_review(
    client_for, make_practice, reviewer, member
):
    draft = make_practice(published=False)
    assert not permissions.can_view_practice(reviewer, draft)
    ReviewAssignment.objects.create(practice=draft, reviewer=reviewer)
    assert client_for(reviewer).get(draft.get_absolute_url()).status_code == 200
    assert client_for(member).get(draft.get_absolute_url()).status_code == 404
