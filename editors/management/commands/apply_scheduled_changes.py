"""manage.py apply_scheduled_changes: publish the scheduled changes whose moment has come.

Once (production: a timer or cron every minute, docs/deploy.md), or with `--every SECONDS` as a
process of its own that runs until stopped (what `make run` and `make serve` start beside
gunicorn, deploy/gunicorn.conf.py). Each due change is saved in a transaction of its own, as its
editor's save; one that clashes with a later edit is left for an editor. Two runs at once never
apply a change twice, and neither reports the other's change as not applied."""

import logging
import signal
import threading
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import timezone

from editors import schedule

logger = logging.getLogger("nightlife.schedule")


def summary(applied: int, refused: int) -> str:
    return f"{applied} scheduled change(s) applied, {refused} not applied (see Needs attention)."


class Command(BaseCommand):
    help = "Apply the scheduled changes that are due; those that clash with a later edit are flagged, not applied."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=0, metavar="SECONDS",
                            help="Keep running: apply what is due now and then at every multiple of SECONDS "
                                 "on the clock (30: at :00 and :30 of each minute), until stopped.")

    def handle(self, *args, every=0, **options):
        if not every:
            return summary(*schedule.apply_due(timezone.now()))
        if not 1 <= every <= 3600:
            raise CommandError("--every takes 1 to 3600 seconds.")
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        logger.info("applying scheduled changes every %s s", every)
        while not stop.is_set():
            self.tick()
            close_old_connections()  # CONN_MAX_AGE holds here as in a request
            stop.wait(every - time.time() % every)  # to the next multiple of `every` on the clock
        return "stopped"

    def tick(self) -> None:
        """One run; an error is logged and the loop goes on (the database may be back next time)."""
        try:
            applied, refused = schedule.apply_due(timezone.now())
            if applied or refused:
                logger.info(summary(applied, refused))
        except Exception:
            logger.exception("applying scheduled changes failed; trying again at the next run")
