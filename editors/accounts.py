"""The editors' role: the "Editors" group and the accounts in it; and the "Plan staff" group,
who load the published plan's editions and export the listings as a plan file."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.db.models import Q

GROUP = "Editors"
# The listings a plan file holds; editors keep them current, with photos and tonight's changes.
# Users, groups and sessions are deliberately absent.
PLAN_MODELS = [("venues", "venue"), ("venues", "place"), ("venues", "highlight"), ("venues", "theme"),
               ("events", "event"), ("events", "tourline"), ("events", "offer"),
               ("transit", "route"), ("transit", "stop"), ("transit", "serving")]
EDITOR_MODELS = [*PLAN_MODELS, ("venues", "venuephoto"), ("events", "eventphoto"),
                 ("events", "nightchange"), ("events", "eventchange"), ("venues", "venueclosure")]
ACTIONS = ["add", "change", "delete", "view"]

PLAN_STAFF = "Plan staff"
# Loading an edition is adding one (venues.add_planedition); they read every listing the plan
# holds, to review a load, and change nothing by hand. A migration (venues 0011) keeps a copy.
PLAN_STAFF_RIGHTS = [("venues", "add_planedition"), ("venues", "view_planedition"),
                     *((app, f"view_{model}") for app, model in PLAN_MODELS)]


def editors_group() -> Group:
    """The group with exactly the editors' permissions, created or repaired. Queries the database.

    The migration nightlife/0001 creates it; this repairs it where a test flush or a hand
    edit removed it."""
    wanted = [f"{action}_{model}" for _, model in EDITOR_MODELS for action in ACTIONS]
    permissions = Permission.objects.filter(
        codename__in=wanted, content_type__app_label__in={app for app, _ in EDITOR_MODELS})
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.set(permissions)
    return group


def plan_staff_group() -> Group:
    """The group with exactly the plan staff's permissions, created or repaired. Queries."""
    wanted = Q()
    for app, codename in PLAN_STAFF_RIGHTS:
        wanted |= Q(content_type__app_label=app, codename=codename)
    group, _ = Group.objects.get_or_create(name=PLAN_STAFF)
    group.permissions.set(Permission.objects.filter(wanted))
    return group


@transaction.atomic
def create_editor(*, username: str, email: str, password: str):
    """A new staff account in the Editors group. Raises ValidationError for a weak password
    and ValueError when the name is taken; saves nothing then."""
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise ValueError(f"a user named {username!r} already exists")
    user = User(username=username, email=email, is_staff=True, is_active=True)
    validate_password(password, user)
    user.set_password(password)
    user.save()
    user.groups.add(editors_group())
    return user
