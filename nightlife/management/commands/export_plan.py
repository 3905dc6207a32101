from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from nightlife import plan_files


class Command(BaseCommand):
    help = ("Write the listings as a plan file (the plan's records, editors' changes included), JSON or "
            "XLSX, so that the next edition starts from this one; load_plan of it has nothing to do.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="the file to write: .json or .xlsx (the format follows the name)")

    def handle(self, *args, path, **options):
        path = Path(path)
        if path.suffix.lower() not in (".json", ".xlsx"):
            raise CommandError(f"{path}: name the file .json or .xlsx")
        content, _type, _name = plan_files.export(path.suffix.lower().lstrip("."))
        path.write_bytes(content)
        return f"wrote {path} ({len(content) // 1024} KB)" if options["verbosity"] else None
