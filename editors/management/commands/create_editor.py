"""manage.py create_editor NAME --email ADDRESS: a staff account in the Editors group."""

import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from editors.accounts import create_editor

PASSWORD_VARIABLE = "EDITOR_PASSWORD"


class Command(BaseCommand):
    help = (f"Create an editor: a staff account in the Editors group. The password is prompted for, "
            f"or read from ${PASSWORD_VARIABLE} for scripts.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", required=True)
        parser.add_argument("--no-input", action="store_true",
                            help=f"Never prompt: the password must be in ${PASSWORD_VARIABLE}.")

    def handle(self, *args, username, email, no_input, **options):
        password = os.environ.get(PASSWORD_VARIABLE) or (None if no_input else self._prompt())
        if not password:
            raise CommandError(f"No password: set ${PASSWORD_VARIABLE} or run without --no-input.")
        try:
            create_editor(username=username, email=email, password=password)
        except ValidationError as exc:
            raise CommandError("Password refused: " + " ".join(exc.messages)) from None
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        return f"Created editor {username} ({email}); they log in at /admin/."

    def _prompt(self) -> str:
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ; nothing was created.")
        return password
