from django.core.management.base import BaseCommand
from django.db import transaction

from nightlife import search_index


class Command(BaseCommand):
    help = ("Write every venue's and event's search document again (docs/architecture.md, 'Search from an "
            "index'). Saves keep them; this is for rows written without signals (bulk imports, raw SQL).")

    def handle(self, *args, **options):
        with transaction.atomic():
            venues, events = search_index.rebuild()
        return f"search documents rewritten: {venues} venues, {events} events" if options["verbosity"] else None
