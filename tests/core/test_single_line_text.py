"""Names, slogans, channels and notes are shown on one line: every CharField of a Bilingual model
refuses line breaks, tabs and other control characters, with the reason next to the field."""

import re

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation

from core.i18n import Bilingual
from events.models import Event
from tests.admin.helpers import editor, open_form, set_field, zh
from tests.factories import make_event, make_offer, make_route, make_stop, make_theme, make_venue

pytestmark = pytest.mark.django_db

REASON = ("This text is shown on one line: remove the line break, tab or other control character "
          "(%(character)s, character %(position)s).")


def reasons(obj) -> dict[str, list[str]]:
    """The model's reasons for refusing `obj`, by field, in English."""
    with pytest.raises(ValidationError) as error, translation.override("en"):
        obj.full_clean()
    with translation.override("en"):
        return error.value.message_dict


@pytest.mark.parametrize("text, character, position", [
    ("九洲池\n夜场", "U+000A", 4), ("Night\rshow", "U+000D", 6), ("Night\tshow", "U+0009", 6),
    ("Nightshow\x85", "U+0085", 10), ("\x00Night", "U+0000", 1), ("Night\x7fshow", "U+007F", 6),
    ("Night\u2028show", "U+2028", 6), ("Night\u2029show", "U+2029", 6),
])
def test_an_event_name_with_a_line_break_or_control_character_is_refused(text, character, position):
    event = make_event(slug="show")
    event.name_en = text
    assert reasons(event) == {"name_en": [REASON % {"character": character, "position": position}]}


@pytest.mark.parametrize("build, field", [
    (lambda: make_venue(), "slogan"), (lambda: make_venue(), "hours_note_en"), (lambda: make_venue(), "name"),
    (lambda: make_event(), "channel"), (lambda: make_offer(make_event()), "channel_en"),
    (lambda: make_theme(), "name_en"), (lambda: make_route(), "name"), (lambda: make_stop(), "name_en"),
])
def test_every_single_line_text_of_every_model_refuses_a_line_break(build, field):
    obj = build()
    setattr(obj, field, "第一行\n第二行")
    assert list(reasons(obj)) == [field]


def test_descriptions_keep_their_paragraphs_and_ordinary_names_pass():
    event = make_event(name="洛邑古城“洛水惊鸿”演艺", name_en="Luoyi · 'Startled Swan' show 🏮 (20:00)",
                       description="第一段。\n\n第二段。", description_en="One.\r\n\r\nTwo.\tIndented.")
    event.full_clean()


def test_other_errors_of_the_same_field_are_not_doubled_and_other_fields_still_report():
    event = make_event()
    event.name = "名\n" * 100  # too long as well
    event.name_en = "A\tB"
    errors = reasons(event)
    assert set(errors) == {"name", "name_en"}
    assert len(errors["name"]) == 1 and "120" in errors["name"][0]


def test_the_admin_shows_the_reason_next_to_the_field_and_saves_nothing(client):
    client.force_login(editor())
    event = make_event(name_en="Lantern show")
    url, data = open_form(client, event)
    set_field(data, "name_en", "Lantern show\nsecond line")
    set_field(data, "channel", "抖音\r直播")
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    for field, character, position in [("name_en", "U+000A", 13), ("channel", "U+000D", 3)]:
        row = re.search(rf'<div class="form-row[^"]*errors[^"]*field-{field}\b.*?</div>\s*</div>', html, re.S)
        assert row, field
        assert zh(REASON, character=character, position=position) in row.group()
    assert Event.objects.get(pk=event.pk).name_en == "Lantern show"


def test_every_model_editors_type_into_checks_its_text_is_on_one_line():
    edited = {model for model in admin.site._registry if model._meta.app_label in {"venues", "events", "transit"}}
    edited |= {inline.model for model_admin in admin.site._registry.values() for inline in model_admin.inlines}
    free_text = {model for model in edited for field in model._meta.concrete_fields
                 if isinstance(field, models.CharField) and field.editable and not field.choices
                 and not isinstance(field, models.SlugField)}
    assert free_text and all(issubclass(model, Bilingual) for model in free_text), free_text
