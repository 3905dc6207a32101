"""How the editors' form fields show: night-time inputs with the after-midnight hint beside
them and errors in an editor's terms, inline foreign keys without the related-record links."""

from django import forms
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.nighttime import NightTimeFormField


class NightTimeHintInput(forms.TimeInput):
    """A clock-time input that says, right next to it, how times after midnight are read
    (a tabular inline shows help texts only as a hover tooltip, which phones never show)."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"inputmode": "numeric", "placeholder": "HH:MM", "size": 5, **(attrs or {})},
                         format="%H:%M")

    def render(self, name, value, attrs=None, renderer=None):
        return format_html('{}<div class="help night-hint">{}</div>', super().render(name, value, attrs, renderer),
                           _("01:00 means after midnight of the same night."))


# An editor's time error repeats what they typed and says what works.
TIME_ERRORS = {
    "invalid": _("“%(value)s” is not a clock time. Type it as 2310 or 23:10 (00:00 to 23:59; 01:00 means "
                 "after midnight)."),
    "too_many_digits": _("“%(value)s” has %(digits)s digits, too many for a clock time: perhaps the cursor "
                         "landed inside the field. Type 2310 or 23:10."),
}


def night_time_hint(db_field, formfield):
    """For `formfield_for_dbfield`: put the after-midnight hint next to night-time inputs, and
    explain a time that cannot be read in the editor's terms."""
    if isinstance(formfield, NightTimeFormField):
        formfield.widget = NightTimeHintInput()
    return explain_time_errors(formfield)


def explain_time_errors(formfield):
    """A night-time field's errors in an editor's terms (TIME_ERRORS)."""
    if isinstance(formfield, NightTimeFormField):
        formfield.error_messages = {**formfield.error_messages, **TIME_ERRORS}
    return formfield


def without_related_links(formfield):
    """For an inline's `formfield_for_dbfield`: no ✎ ✚ ✖ 👁 beside a foreign key. In a row of this
    listing they would act on the related record itself (the route 75路, for every venue it
    serves), not on this row, which is what an editor on the venue's page means to change; those
    records are edited on their own pages."""
    widget = getattr(formfield, "widget", None)
    if isinstance(widget, RelatedFieldWidgetWrapper):
        widget.can_add_related = widget.can_change_related = False
        widget.can_delete_related = widget.can_view_related = False
    return formfield
