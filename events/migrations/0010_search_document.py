from django.db import migrations, models

from core.search import EVENT_READS, VENUE_READS, event_document, venue_document, write_documents
from core.trigram import trigram_index


def write(apps, schema_editor):
    """Every venue's and event's document, as nightlife.search_index keeps them from now on."""
    write_documents(apps.get_model('venues', 'Venue').objects.all(), venue_document, VENUE_READS)
    write_documents(apps.get_model('events', 'Event').objects.all(), event_document, EVENT_READS)


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0009_plan_editions'),
        ('venues', '0012_search_document'),
        ('transit', '0006_plan_editions'),
    ]

    operations = [
        migrations.AddField(
            model_name='event',
            name='search_document',
            field=models.TextField(blank=True, editable=False),
        ),
        # /search/ and every ?q= match search_document with LIKE '%...%' (PostgreSQL only).
        trigram_index("events_event", "search_document", "event_document_trgm"),
        migrations.RunPython(write, migrations.RunPython.noop),
    ]
