"""LoadedPlanKey now belongs to the project (nightlife/0005): removed from this app's state only,
its table kept."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("venues", "0012_search_document"),
        ("nightlife", "0005_loadedplankey"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="LoadedPlanKey")],
            database_operations=[],
        ),
    ]
