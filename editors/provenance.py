"""What the plan says, in the editors' forms (the editing side of core/provenance.py): a save
notes which of the plan's facts it changes, and a field shows what the plan gives for it."""

from django.utils.html import format_html
from django.utils.translation import gettext

from core.provenance import PlanRecord


def note_plan_edit(form) -> None:
    """Before a form's row is saved: a record of the plan notes which of its facts this save
    changes, and what the plan gives for them (core/provenance.py). Queries only for a changed
    foreign key."""
    obj = form.instance
    if isinstance(obj, PlanRecord) and obj.pk is not None and form.has_changed():
        names = {field.name for field in obj._meta.concrete_fields}
        obj.note_edit({name: form.initial.get(name) for name in form.changed_data if name in names})


def describe_plan(form) -> None:
    """Help that depends on where a row comes from: a fact an editor changed says what the plan
    gives ("In the plan: 01:00"; as `plan_note` too, which a tabular inline's row shows), and
    help that holds only for the plan's own rows ("Exactly as published.") is left out on rows
    the editors created. No query."""
    obj = form.instance
    if not isinstance(obj, PlanRecord):
        return
    for name, field in form.fields.items():
        if name in obj.plan_only_help and not obj.is_plan_record:
            field.help_text = ""
        plan = obj.plan_value_text(name) if obj.is_plan_record else None
        if plan is not None:
            field.plan_note = gettext("In the plan: %(value)s") % {"value": plan}
            field.help_text = format_html("{} {}", field.help_text, field.plan_note).strip()
        form[name].help_text = field.help_text  # a validated form's BoundField holds its own copy
