from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from nightlife.services import PlanError, load_plan, read_plan


class Command(BaseCommand):
    help = ("Load the published plan (fixtures/plan.json): create what is missing, report what "
            "differs, keep editors' changes, renames and deletions unless --overwrite. Checks "
            "every record before writing any; never deletes; one transaction.")

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(settings.PLAN_FIXTURE),
                            help="plan file (default: %(default)s)")
        parser.add_argument("--overwrite", action="store_true",
                            help="replace values that differ from the plan and re-create the plan's "
                                 "records editors deleted (editors' changes included)")
        parser.add_argument("--dry-run", action="store_true", help="report what would change, change nothing")

    def handle(self, *args, path, overwrite, dry_run, **options):
        try:
            report = load_plan(data=read_plan(path), overwrite=overwrite, dry_run=dry_run)
        except PlanError as exc:
            raise CommandError(f"Nothing was loaded. {exc}") from None
        verbose = options["verbosity"] > 1 or dry_run
        if verbose:
            for line in report.created:
                self.stdout.write(f"  create {line}")
            for line in report.updated:
                self.stdout.write(f"  update {line}")
        for line in report.differs:
            self.stdout.write(f"  differs (kept, use --overwrite to replace) {line}")
        for line in report.deleted:
            self.stdout.write(f"  deleted by an editor (kept deleted, use --overwrite to re-create) {line}")
        return report.summary() if options["verbosity"] else None
