"""Who hears about what happens in the network (wired to the notifications app)."""


def post_published(post) -> None:
    """A post became visible: mentions, the replied-to author, thread and space watchers."""


def answer_accepted(acceptance) -> None:
    """The answer's author is told their answer was accepted."""


def moderated(post, action: str, reason: str, actor) -> None:
    """The author is told what a moderator did and why."""


def message_sent(message) -> None:
    """The recipient is told (on the site; by mail as they prefer)."""
