"""Template filters of the editors' admin templates (templates/admin/)."""

import re

from django import template
from django.utils.html import conditional_escape, strip_tags
from django.utils.safestring import mark_safe

register = template.Library()

_CELL = re.compile(r"^<(td|th)\b")


@register.filter
def labelled_cells(cells, headers):
    """A change list row's cells (Django's items_for_result: '<td class="field-x">...</td>'),
    each given its column's header text as data-label, which static/css/admin.css shows in front
    of the cell when a phone stacks the row into a card. The action checkbox's column has none.
    The catch: relies on each cell starting with its own <td or <th tag, as Django writes it."""
    labelled = []
    for cell, header in zip(cells, headers):
        label = "" if "action-checkbox" in header["class_attrib"] else strip_tags(str(header["text"]))
        attribute = f' data-label="{conditional_escape(label)}"' if label else ""
        # The cell is Django's own safe HTML; the label is escaped above.
        labelled.append(mark_safe(_CELL.sub(lambda m: f"<{m.group(1)}{attribute}", str(cell), count=1)))
    return labelled
