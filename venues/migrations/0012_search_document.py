from django.db import migrations, models

from core.trigram import trigram_index


class Migration(migrations.Migration):

    dependencies = [
        ('venues', '0011_plan_staff_group'),
    ]

    operations = [
        migrations.AddField(
            model_name='venue',
            name='search_document',
            field=models.TextField(blank=True, editable=False),
        ),
        # /search/ and every ?q= match search_document with LIKE '%...%' (PostgreSQL only).
        trigram_index("venues_venue", "search_document", "venue_document_trgm"),
    ]
