"""Restoring an old version goes through the merge of any save (issue 24, defect 2), and the
editor chooses which of its fields to bring back (issue 23, item 9)."""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from tests.admin.helpers import editor, form_data, open_form, set_field, zh
from venues.models import Venue

pytestmark = pytest.mark.usefixtures("plan")
SLUG = "xigong-xiaojie"


def logged_in(username):
    client = Client()
    client.force_login(editor(username))
    return client


def venue():
    return Venue.objects.get(slug=SLUG)


def save(client, **values):
    url, form = open_form(client, venue())
    for name, value in values.items():
        set_field(form, name, value)
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[-3000:]


def open_version(client, slogan: str):
    """The History page of the version whose English slogan was `slogan`: (url, its form)."""
    version = next(v for v in Version.objects.get_for_object(venue()) if v.field_dict["slogan_en"] == slogan)
    url = reverse("admin:venues_venue_revision", args=[venue().pk, version.pk])
    response = client.get(url)
    assert response.status_code == 200
    return url, response, form_data(response, "venue_form")


def test_restoring_keeps_a_colleagues_newer_edit_of_another_field(at):
    at("2026-05-08 18:00")
    li, wang = logged_in("li"), logged_in("wang")
    save(li, slogan_en="V1")
    at("2026-05-08 18:01")
    save(li, slogan_en="V2")
    at("2026-05-08 18:02")
    url, page, form = open_version(li, "V1")
    assert zh("What restoring this version changes") in page.content.decode()
    at("2026-05-08 18:03")
    save(wang, hours_note_en="Closed on Mondays in winter")
    at("2026-05-08 18:04")
    response = li.post(url, form)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert (venue().slogan_en, venue().hours_note_en) == ("V1", "Closed on Mondays in winter")


def test_restoring_a_value_a_colleague_changed_since_asks_whose_to_keep(at):
    at("2026-05-08 18:00")
    li, wang = logged_in("li"), logged_in("wang")
    save(li, slogan_en="V1")
    at("2026-05-08 18:01")
    save(li, slogan_en="V2")
    url, _, form = open_version(li, "V1")
    at("2026-05-08 18:03")
    save(wang, slogan_en="Wang's slogan")
    response = li.post(url, form)
    assert response.status_code == 200
    assert zh("Saved by someone else meanwhile") in response.content.decode()
    assert venue().slogan_en == "Wang's slogan"


def test_the_editor_chooses_which_fields_of_the_old_version_come_back(at):
    at("2026-05-08 18:00")
    li = logged_in("li")
    save(li, slogan_en="V1", hours_note_en="Old note")
    at("2026-05-08 18:01")
    save(li, slogan_en="V2", hours_note_en="New note")
    url, page, form = open_version(li, "V1")
    assert form["restore_offered"] == ["hours_note_en", "slogan_en"] or sorted(form["restore_offered"]) == [
        "hours_note_en", "slogan_en"]
    form["restore_field"] = ["slogan_en"]  # the note unticked
    response = li.post(url, form)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert (venue().slogan_en, venue().hours_note_en) == ("V1", "New note")


def test_restoring_everything_with_nobody_in_between_still_works(at):
    at("2026-05-08 18:00")
    li = logged_in("li")
    save(li, slogan_en="V1", hours_note_en="Old note")
    at("2026-05-08 18:01")
    save(li, slogan_en="V2", hours_note_en="New note")
    url, _, form = open_version(li, "V1")
    assert li.post(url, form).status_code == 302
    assert (venue().slogan_en, venue().hours_note_en) == ("V1", "Old note")
