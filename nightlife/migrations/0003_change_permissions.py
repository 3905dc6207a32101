"""Editors may add, change, delete and view changes to the plan: an event's changed nights, a
change of a whole event, and venue closures.

Like 0001, permissions are created here first (Django creates them only after all migrations
on a fresh database). Adds to the existing group; the other rights stay as they are.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
MODELS = [("events", "nightchange"), ("events", "eventchange"), ("venues", "venueclosure")]
ACTIONS = ["add", "change", "delete", "view"]


def _permissions(apps, db):
    for label in sorted({app for app, _ in MODELS}):
        app_config = apps.get_app_config(label)
        app_config.models_module = True  # create_permissions skips apps without models
        create_permissions(app_config, verbosity=0, using=db, apps=apps)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return [Permission.objects.using(db).get(content_type__app_label=app, codename=f"{action}_{model}")
            for app, model in MODELS for action in ACTIONS]


def grant(apps, schema_editor):
    db = schema_editor.connection.alias
    group, _ = apps.get_model("auth", "Group").objects.using(db).get_or_create(name=GROUP)
    group.permissions.add(*_permissions(apps, db))


def revoke(apps, schema_editor):
    db = schema_editor.connection.alias
    group = apps.get_model("auth", "Group").objects.using(db).filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(*_permissions(apps, db))


class Migration(migrations.Migration):

    dependencies = [
        ("nightlife", "0002_photo_permissions"),
        ("venues", "0007_closures"),
        ("events", "0007_changes"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
