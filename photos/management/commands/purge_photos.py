"""manage.py purge_photos [--days N]: remove the files of photos deleted or replaced more than
N days ago (30 by default), unless History has brought their row back, and the files kept from
refused saves for a day. Run it daily."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from photos.models import KEEP_DELETED, purge, purge_pending


class Command(BaseCommand):
    help = (f"Remove the files of photos deleted or replaced more than --days days ago (default "
            f"{KEEP_DELETED.days}), unless a photo row points at them again (brought back by History).")

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=KEEP_DELETED.days,
                            help="Keep the files of photos deleted fewer than this many days ago; 0 removes all.")

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        removed, kept = purge(older_than=dt.timedelta(days=days))
        summary = f"Removed {removed} files of photos deleted more than {days} days ago; kept {kept} in use again."
        pending = purge_pending()
        return f"{summary} Removed {pending} files kept from refused saves." if pending else summary
