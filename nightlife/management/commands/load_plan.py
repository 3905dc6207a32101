from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from nightlife.plan_files import read_file
from nightlife.plan import CONFLICT, LEFT, PlanError, load_plan


def _value(value) -> str:
    return "—" if value in (None, "", []) else str(value)


class Command(BaseCommand):
    help = ("Load an edition of the published plan (default fixtures/plan.json; JSON or XLSX) by a "
            "three-way merge with the last edition and the site: apply what only the plan changed, "
            "keep what only the site changed, create what is new; list what both changed, what left "
            "the plan and what editors deleted (kept as the site has it: choose in the admin's "
            "'Load a plan edition', or --overwrite). Checks every record before writing any; never "
            "deletes; one transaction.")

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(settings.PLAN_FIXTURE),
                            help="plan file, .json or .xlsx (default: %(default)s)")
        parser.add_argument("--overwrite", action="store_true",
                            help="take the plan's value everywhere it differs and re-create the plan's "
                                 "records editors deleted (editors' changes included): a full reset")
        parser.add_argument("--dry-run", action="store_true", help="print the review, change nothing")

    def handle(self, *args, path, overwrite, dry_run, **options):
        try:
            with translation.override(None):  # the command speaks English throughout, as its summary
                report = load_plan(data=read_file(path), overwrite=overwrite, dry_run=dry_run, file_name=str(path))
        except PlanError as exc:
            raise CommandError(f"Nothing was loaded. {exc}") from None
        verbose = options["verbosity"] > 1 or dry_run
        if verbose:
            for line in report.created:
                self.stdout.write(f"  create {line}")
        for line in report.updated:
            self.stdout.write(f"  update (the plan changed) {line}")
        for review in report.of(CONFLICT):
            for change in review.conflicts:
                self.stdout.write(f"  both changed (the site's kept; choose in the admin or use --overwrite) "
                                  f"{review.where}.{change.name}: was {_value(change.base)}, "
                                  f"site {_value(change.ours)}, plan {_value(change.theirs)}")
        for line in report.differs:
            self.stdout.write(f"  differs (the site's change, kept) {line}")
        for line in report.deleted:
            self.stdout.write(f"  deleted by an editor (kept deleted; bring it back in the admin or "
                              f"use --overwrite) {line}")
        for review in report.of(LEFT):
            self.stdout.write(f"  no longer in the plan (kept; unpublish it in the admin) {review.where}")
        edition = report.edition
        prefix = f"plan {edition.name}{' (new edition)' if report.new_edition else ''}: " if edition else ""
        return prefix + report.summary() if options["verbosity"] else None
