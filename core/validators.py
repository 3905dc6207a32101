"""Checks on what editors type, shared by every model."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Cc: the C0 and C1 controls (CR, LF, TAB, NUL, NEL...); Zl and Zp: the Unicode line and
# paragraph separators, which some readers also take for a line break.
_NOT_ON_ONE_LINE = {"Cc", "Zl", "Zp"}


def validate_single_line(value: str) -> None:
    """Refuse text meant for one line (a name, a slogan, a channel, a note) that holds a line
    break, a tab or another control character. The reason names the first such character and its
    position, since none of them can be seen in an input."""
    for position, character in enumerate(value, start=1):
        if unicodedata.category(character) in _NOT_ON_ONE_LINE:
            raise ValidationError(
                _("This text is shown on one line: remove the line break, tab or other control character "
                  "(%(character)s, character %(position)s)."),
                code="not_single_line", params={"character": f"U+{ord(character):04X}", "position": position})
