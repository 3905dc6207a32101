"""The "Plan staff" group: they load the plan's editions and export the listings (see
editors/accounts.py). Permissions are created here first, as nightlife/0001 does for Editors: on
a fresh database Django creates them only after every migration has run."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Plan staff"
# Frozen copy of editors.accounts.PLAN_STAFF_RIGHTS as of this migration.
RIGHTS = [("venues", "add_planedition"), ("venues", "view_planedition"),
          ("venues", "view_venue"), ("venues", "view_place"), ("venues", "view_highlight"), ("venues", "view_theme"),
          ("events", "view_event"), ("events", "view_tourline"), ("events", "view_offer"),
          ("transit", "view_route"), ("transit", "view_stop"), ("transit", "view_serving")]


def create_group(apps, schema_editor):
    db = schema_editor.connection.alias
    for label in sorted({app for app, _ in RIGHTS}):
        app_config = apps.get_app_config(label)
        app_config.models_module = True  # create_permissions skips apps without models
        create_permissions(app_config, verbosity=0, using=db, apps=apps)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    permissions = [Permission.objects.using(db).get(content_type__app_label=app, codename=codename)
                   for app, codename in RIGHTS]
    group, _ = apps.get_model("auth", "Group").objects.using(db).get_or_create(name=GROUP)
    group.permissions.set(permissions)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.using(schema_editor.connection.alias).filter(name=GROUP).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("venues", "0010_plan_editions"),
        ("events", "0009_plan_editions"),
        ("transit", "0006_plan_editions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
