"""The "Editors" group with exactly the rights editors need (see editors/accounts.py).

Permissions are created here first: on a fresh database Django only creates them after all
migrations have run, so the group would otherwise be empty.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
# Frozen copy of editors.accounts.EDITOR_MODELS as of this migration.
MODELS = [("venues", "venue"), ("venues", "place"), ("venues", "highlight"), ("venues", "theme"),
          ("events", "event"), ("events", "tourline"), ("events", "offer"),
          ("transit", "route"), ("transit", "stop"), ("transit", "serving")]
ACTIONS = ["add", "change", "delete", "view"]


def create_group(apps, schema_editor):
    db = schema_editor.connection.alias
    for label in sorted({app for app, _ in MODELS}):
        app_config = apps.get_app_config(label)
        app_config.models_module = True  # create_permissions skips apps without models
        create_permissions(app_config, verbosity=0, using=db, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [(app, f"{action}_{model}") for app, model in MODELS for action in ACTIONS]
    permissions = [Permission.objects.using(db).get(content_type__app_label=app, codename=codename)
                   for app, codename in codenames]
    group, _ = Group.objects.using(db).get_or_create(name=GROUP)
    group.permissions.set(permissions)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.using(schema_editor.connection.alias).filter(name=GROUP).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("venues", "0001_initial"),
        ("events", "0001_initial"),
        ("transit", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
