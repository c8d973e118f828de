"""What people do with assessments: create them, submit answers, start imports."""

from __future__ import annotations

import uuid as uuid_module
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from safercities.core.audit import record
from safercities.diagnosis.enums import SubmissionSource, Verification
from safercities.diagnosis.models import Assessment, ImportJob, Submission, SupportService
from safercities.diagnosis.permissions import is_assessment_team
from safercities.diagnosis.records import profile_columns
from safercities.diagnosis.results import data_changed
from safercities.toolkit.versioning import lock_version


def create_assessment(actor: Any, **fields: Any) -> Assessment:
    """Create an assessment and lock its tool version (which can then never change)."""
    with transaction.atomic():
        assessment = Assessment(created_by=_user(actor), **fields)
        assessment.full_clean()
        lock_version(assessment.tool_version, actor=_user(actor))
        assessment.save()
        record(actor, "assessment.created", assessment, city=assessment.city.slug)
    return assessment


def update_assessment(actor: Any, assessment: Assessment, **fields: Any) -> Assessment:
    for name, value in fields.items():
        setattr(assessment, name, value)
    assessment.full_clean()
    assessment.save()
    record(actor, "assessment.updated", assessment, fields=sorted(fields))
    data_changed(assessment)  # the design or period may change the results
    return assessment


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def submit_answers(
    assessment: Assessment,
    answers: dict[str, object],
    *,
    actor: Any = None,
    language: str = "",
    photo: Any = None,
    submission_uuid: str | None = None,
) -> tuple[Submission, bool]:
    """Store one web-form submission (``answers`` already clean and JSON-ready).

    ``submission_uuid`` (sent with the form) makes a double submit store one submission:
    returns ``(submission, created)``. The location is the first geopoint answer. Incident
    reports are stored without the reporter's account (anonymous by default).
    """
    latitude = longitude = None
    for question in assessment.instrument().questions:
        value = answers.get(question.name)
        if question.type == "geopoint" and isinstance(value, list | tuple) and len(value) >= 2:
            latitude, longitude = float(value[0]), float(value[1])
            break
    sex, age_band, settlement_type, category = profile_columns(answers)
    key = submission_uuid or str(uuid_module.uuid4())
    existing = Submission.objects.filter(assessment=assessment, uuid=key).first()
    if existing is not None:
        return existing, False
    creator = None if assessment.is_incident_report else _user(actor)
    # Reports from the public wait in the team's verification queue before they count.
    pending = assessment.is_incident_report and not is_assessment_team(actor, assessment)
    submission = Submission(
        assessment=assessment,
        uuid=key,
        submitted_at=timezone.now(),
        source=SubmissionSource.WEB,
        answers=answers,
        latitude=latitude,
        longitude=longitude,
        sex=sex,
        age_band=age_band,
        settlement_type=settlement_type,
        category=category,
        language=language[:15],
        created_by=creator,
        verification=Verification.PENDING if pending else Verification.VERIFIED,
    )
    try:
        with transaction.atomic():
            if photo is not None:
                submission.photo.save(photo.name, photo, save=False)
            submission.save()
            record(
                creator,
                "submission.created",
                assessment,
                submission=submission.pk,
                source=SubmissionSource.WEB,
            )
            data_changed(assessment)
    except IntegrityError:
        if submission.photo:
            submission.photo.delete(save=False)
        return Submission.objects.get(assessment=assessment, uuid=key), False
    return submission, True


def start_import(
    actor: Any,
    assessment: Assessment,
    upload: Any,
    *,
    keep_good_rows: bool = False,
    attachments: Any = None,
) -> ImportJob:
    """Keep the uploaded file privately and queue its import; returns the job to watch.

    With ``keep_good_rows`` the rows without problems are imported and the others listed;
    otherwise one bad row stops the whole import."""
    from safercities.diagnosis.tasks import run_import

    job = ImportJob(
        assessment=assessment,
        original_name=upload.name[:200],
        created_by=_user(actor),
        keep_good_rows=keep_good_rows,
    )
    job.file.save(upload.name, upload, save=False)
    if attachments is not None:
        job.attachments.save(attachments.name, attachments, save=False)
    job.save()
    record(actor, "submissions.import_started", assessment, job=job.pk, file=job.original_name)
    transaction.on_commit(lambda: run_import.enqueue(job.pk))
    return job


class VerificationError(ValueError):
    pass


def verify_report(actor: Any, submission: Submission, decision: str) -> Submission:
    """Verify or reject an incident report awaiting checking; it then counts (or never does).

    Raises :class:`VerificationError` for anything but a pending incident report and a
    decision of ``verified`` or ``rejected``.
    """
    if decision not in (Verification.VERIFIED, Verification.REJECTED):
        raise VerificationError("decision must be verified or rejected")
    if not submission.assessment.is_incident_report:
        raise VerificationError("only incident reports are verified")
    with transaction.atomic():
        updated = Submission.objects.filter(
            pk=submission.pk, verification=Verification.PENDING
        ).update(verification=decision)
        if not updated:
            raise VerificationError("the report was already checked")
        submission.verification = decision
        record(
            actor,
            f"submission.{decision}",
            submission.assessment,
            submission=submission.pk,
        )
        data_changed(submission.assessment)
    return submission


def save_support_service(actor: Any, service: SupportService) -> SupportService:
    created = service.pk is None
    service.full_clean()
    service.save()
    action = "support_service.created" if created else "support_service.updated"
    record(actor, action, service, city=service.city.slug)
    return service


def delete_support_service(actor: Any, service: SupportService) -> None:
    record(actor, "support_service.deleted", service, city=service.city.slug)
    service.delete()
