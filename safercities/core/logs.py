"""Structured logs: one JSON object a line, carrying the request id or the task id.

The request id comes from the proxy's ``X-Request-ID`` header when it is a sane token, or is
made up here; it is sent back in the response's ``X-Request-ID`` header, logged with every
line written while the request runs, and logged again when the request enqueues a task
(``task.enqueued`` with both ids), so a task's own lines (which carry its ``task_id``) can be
traced back to the request that asked for it.
"""

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
task_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("task_id", default="")

_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")
# Attributes every LogRecord has; anything else was passed through ``extra=`` and is logged.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}

access_logger = logging.getLogger("safercities.access")


def new_request_id(incoming: str | None = None) -> str:
    """The proxy's id when it looks like one, else a fresh one (never trust odd input)."""
    if incoming and _SAFE_ID.match(incoming):
        return incoming
    return uuid.uuid4().hex


class ContextFilter(logging.Filter):
    """Put the current request and task ids on every record (empty outside of them)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = request_id_var.get()
        if not getattr(record, "task_id", ""):
            record.task_id = task_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, ids and any ``extra`` fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in ("request_id", "task_id"):
            value = getattr(record, key, "")
            if value:
                entry[key] = value
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in entry and key not in ("request_id", "task_id"):
                entry[key] = value if isinstance(value, str | int | float | bool) else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """Readable lines for a terminal, still with the ids."""

    def __init__(self) -> None:
        super().__init__(
            "%(asctime)s %(levelname)s %(name)s [%(request_id)s%(task_id)s] %(message)s"
        )


class RequestIdMiddleware:
    """First middleware: sets the request id, answers it in ``X-Request-ID``, logs the request.

    One access line per request (``safercities.access``, level INFO) with method, path,
    status and duration, so the web server's own access log is not needed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = new_request_id(request.headers.get("X-Request-ID"))
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            access_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id_var.reset(token)


def log_task_enqueued(sender, task_result, **kwargs) -> None:
    """Signal handler: ties a queued task to the request (or command) that enqueued it."""
    logging.getLogger("safercities.tasks").info(
        "task.enqueued %s",
        task_result.task.name,
        extra={
            "event": "task.enqueued",
            "task": task_result.task.name,
            "enqueued_task_id": str(task_result.id),
        },
    )
