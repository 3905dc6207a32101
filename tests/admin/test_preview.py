"""Preview before saving: the public page with the change form's unsaved values, in either
language, and nothing saved."""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Revision

from events.models import Event
from tests.admin.helpers import form_data, open_form, serving_field, set_field, zh
from transit.models import Route, Serving
from venues.models import Venue

pytestmark = pytest.mark.usefixtures("plan")

XIGONG = "xigong-xiaojie"
BANNER = "Preview of unsaved changes: nothing is saved, and visitors still see the last saved version."


def xigong() -> Venue:
    return Venue.objects.get(slug=XIGONG)


def preview_url(venue, language: str) -> str:
    return reverse("admin:venues_venue_preview", args=[venue.pk]) + f"?language={language}"


def test_the_form_offers_a_preview_in_each_language_opening_in_a_new_tab(li):
    html = li.get(reverse("admin:venues_venue_change", args=[xigong().pk])).content.decode()
    for language in ("zh-hans", "en"):
        url = preview_url(xigong(), language).replace("&", "&amp;")
        assert f'formaction="{url}" formtarget="_blank"' in html
    assert zh("Preview in Chinese") in html and zh("Preview in English") in html


def test_a_preview_shows_unsaved_values_and_saves_nothing(li):
    venue = xigong()
    url, form = open_form(li, venue)
    set_field(form, "slogan", "夏夜新口号")
    serving = Serving.objects.get(venue=venue, route__slug="9")
    set_field(form, serving_field(form, serving, "last_run"), "00:40")
    revisions = Revision.objects.count()
    response = li.post(preview_url(venue, "zh-hans"), form)
    assert response.status_code == 200
    html = response.content.decode()
    assert "夏夜新口号" in html and '<html lang="zh-Hans"' in html
    assert zh(BANNER) in html
    assert "0:40" in html[html.index('way-back"'):]  # the inline row's unsaved last run
    # Nothing was saved: not the listing, not its inline row, not a history entry.
    assert xigong().slogan != "夏夜新口号"
    assert Serving.objects.get(pk=serving.pk).last_run.strftime("%H:%M") == "01:00"
    assert Revision.objects.count() == revisions
    public = Client().get(venue.get_absolute_url()).content.decode()
    assert "夏夜新口号" not in public and zh(BANNER) not in public
    assert "0:40" not in public[public.index('way-back"'):]


def test_a_preview_in_english_shows_the_english_page(li):
    venue = xigong()
    url, form = open_form(li, venue)
    set_field(form, "slogan_en", "Snacks until late, all summer")
    html = li.post(preview_url(venue, "en"), form).content.decode()
    assert '<html lang="en"' in html and "Snacks until late, all summer" in html
    assert BANNER in html


def test_a_new_listing_can_be_previewed_before_it_exists(li):
    response = li.get(reverse("admin:venues_venue_add"))
    form = form_data(response, "venue_form")
    form.update({"name": ["试运营夜市"], "name_en": ["Trial Night Market"], "kind": [xigong().kind],
                 "status": ["draft"]})
    html = li.post(reverse("admin:venues_venue_preview_add") + "?language=zh-hans", form).content.decode()
    assert "<h1>试运营夜市</h1>" in html or "试运营夜市" in html[html.index("<h1"):html.index("</h1>")]
    assert not Venue.objects.filter(name="试运营夜市").exists()


def test_a_form_with_errors_says_what_to_correct_and_saves_nothing(li):
    venue = xigong()
    url, form = open_form(li, venue)
    set_field(form, "opens_at", "25:99")
    response = li.post(preview_url(venue, "zh-hans"), form)
    assert response.status_code == 400
    html = response.content.decode()
    assert zh("The preview could not be made") in html
    errors = html[html.index('class="preview-errors"'):]
    assert str(Venue._meta.get_field("opens_at").verbose_name).capitalize() in errors
    assert zh(BANNER) not in html


def test_a_preview_is_only_posted_and_only_for_editors(li):
    assert li.get(preview_url(xigong(), "zh-hans")).status_code == 405
    response = Client().post(preview_url(xigong(), "zh-hans"), {})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_an_event_and_a_route_are_previewed_on_their_own_public_pages(li):
    event = Event.objects.get(slug="yeyou-longmen")
    url, form = open_form(li, event)
    set_field(form, "name_en", "Longmen by Lantern Light")
    html = li.post(reverse("admin:events_event_preview", args=[event.pk]) + "?language=en", form).content.decode()
    assert "Longmen by Lantern Light" in html[html.index("<h1"):html.index("</h1>")] and BANNER in html
    route = Route.objects.get(slug="9")
    url, form = open_form(li, route)
    set_field(form, "name", "19路")  # the English page names a numbered route from its number
    html = li.post(reverse("admin:transit_route_preview", args=[route.pk]) + "?language=en", form).content.decode()
    assert "Route 19" in html[html.index("<h1"):html.index("</h1>")] and BANNER in html
    assert Event.objects.get(pk=event.pk).name_en != "Longmen by Lantern Light"
    assert Route.objects.get(pk=route.pk).name == "9路"
