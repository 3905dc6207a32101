"""LoadedPlanKey moves from venues to the project, beside the plan loader that is its only reader
(nightlife/plan.py). State only: the table stays venues_loadedplankey with its rows, and its
content type (with its permissions) is renamed to this app, so nothing is recreated."""

import django.db.models.deletion
from django.db import migrations, models


def rename_content_type(apps, schema_editor, old="venues", new="nightlife"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label=new, model="loadedplankey").exists():
        ContentType.objects.using(db).filter(app_label=old, model="loadedplankey").update(app_label=new)


def rename_back(apps, schema_editor):
    rename_content_type(apps, schema_editor, old="nightlife", new="venues")


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("nightlife", "0004_cachegeneration"),
        ("venues", "0011_plan_staff_group"),
        # Reads venues.LoadedPlanKey as it was: before venues/0012 takes it out of that app.
        ("events", "0009_plan_editions"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="LoadedPlanKey",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("model", models.CharField(max_length=40)),
                        ("plan_key", models.CharField(max_length=120)),
                        ("edition", models.ForeignKey(blank=True, null=True,
                                                      on_delete=django.db.models.deletion.PROTECT,
                                                      related_name="records", to="venues.planedition")),
                        ("values", models.JSONField(blank=True, default=dict)),
                    ],
                    options={
                        "verbose_name": "loaded plan record",
                        "verbose_name_plural": "loaded plan records",
                        "db_table": "venues_loadedplankey",
                        "constraints": [models.UniqueConstraint(fields=("model", "plan_key"),
                                                                name="unique_loaded_plan_key")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_type, rename_back),
    ]
