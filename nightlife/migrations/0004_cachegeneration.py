from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("nightlife", "0003_change_permissions"),
    ]

    operations = [
        migrations.CreateModel(
            name="CacheGeneration",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(max_length=64)),
            ],
            options={"verbose_name": "cache generation"},
        ),
    ]
