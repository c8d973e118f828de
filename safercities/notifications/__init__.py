"""Notifications: one shared way to tell members what happened, on the site and by mail.

The contract for content apps is documented in ``safercities.notifications.services``
(``notify`` / ``notify_many``) and ``safercities.notifications.registry`` (``register``).
This app is a lower layer: it imports no content app.
"""
