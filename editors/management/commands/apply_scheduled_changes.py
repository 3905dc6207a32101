"""manage.py apply_scheduled_changes: publish the scheduled changes whose moment has come.

Run it every minute (cron, docs/deploy.md): each due change is saved in a transaction of its
own, as its editor's save; one that clashes with a later edit is left for an editor."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from editors import schedule
from editors.models import ScheduledChange


class Command(BaseCommand):
    help = "Apply the scheduled changes that are due; those that clash with a later edit are flagged, not applied."

    def handle(self, *args, **options):
        applied = refused = 0
        for change in ScheduledChange.objects.due(timezone.now()).select_related("content_type", "created_by"):
            if schedule.apply(change):
                applied += 1
            else:
                refused += 1
        return f"{applied} scheduled change(s) applied, {refused} not applied (see Needs attention)."
