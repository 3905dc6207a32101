"""Optimistic locking of a listing's change form: the edit token an editor opened it with,
the token stored now, and the version they opened (the base of a three-way merge,
editors/merge.py)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from reversion.models import Version

from core.publishing import Publishable


def edit_token(obj: Publishable) -> str:
    """The version an editor started from: the row's `updated_at`, which every save moves."""
    return obj.updated_at.isoformat() if obj.updated_at else ""


def stored_token(obj: Publishable) -> str:
    """The stored row's token. Locks the row until the transaction ends where the database
    can (PostgreSQL), so two saves cannot both pass the check. Queries."""
    rows = type(obj)._default_manager.filter(pk=obj.pk)
    if transaction.get_connection().in_atomic_block:
        rows = rows.select_for_update(of=("self",))
    value = rows.values_list("updated_at", flat=True).first()
    return value.isoformat() if value else ""


# Saves an editor's open page may have missed; a version opened before those is not looked for.
LOOKBACK = 20


def _to_ms(moment: dt.datetime) -> dt.datetime:
    # Versions keep times to the millisecond (Django's JSON serializer).
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def opened_version(obj: Publishable, token: str) -> tuple[Version | None, list[str]]:
    """The recorded version of `obj` an editor opened, named by their edit token (its
    `updated_at` then), and the names of who saved it since, newest first. The version is
    None when it was never recorded (changed outside the admin) or the token is not one.
    Queries once."""
    try:
        opened_at = _to_ms(dt.datetime.fromisoformat(token))
    except ValueError:
        opened_at = None
    if opened_at is not None and timezone.is_naive(opened_at):
        opened_at = None
    savers = []
    for version in Version.objects.get_for_object(obj).select_related("revision__user")[:LOOKBACK]:
        saved_at = version.field_dict.get("updated_at")
        if opened_at is not None and saved_at is not None and _to_ms(saved_at) <= opened_at:
            return (version if _to_ms(saved_at) == opened_at else None), savers
        user = version.revision.user
        if user is not None and user.get_username() not in savers:
            savers.append(user.get_username())
    return None, savers
