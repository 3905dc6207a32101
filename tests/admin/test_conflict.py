"""Two editors, one listing: the second save is merged three ways with the first, against the
version the second editor opened. What only one side changed is kept; only what both changed,
differently, is shown for the second editor to choose. Nothing the first saved is lost unchosen."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from reversion.models import Version

from events.models import Event
from tests.admin.helpers import editor, form_data, open_form, serving_field, set_field, zh
from transit.models import Serving
from venues.models import Place, Theme, Venue

pytestmark = pytest.mark.usefixtures("plan")

KAIYUAN = "huan-kaiyuanhu-shangquan"


def logged_in(username: str) -> Client:
    client = Client()
    client.force_login(editor(username))
    return client


@pytest.fixture
def wang():
    return logged_in("wang")


@pytest.fixture
def zhao():
    return logged_in("zhao")


def kaiyuan() -> Venue:
    return Venue.objects.get(slug=KAIYUAN)


def serving_75() -> Serving:
    return Serving.objects.get(venue__slug=KAIYUAN, route__slug="75")


def place(name: str) -> Place:
    return Place.objects.get(venue__slug=KAIYUAN, name=name)


def row_field(data: dict, prefix: str, pk: int, name: str) -> str:
    """The POST name of `name` in inline row `pk` of formset `prefix`."""
    for key, value in data.items():
        if re.fullmatch(rf"{prefix}-\d+-id", key) and value == [str(pk)]:
            return key[:-len("id")] + name
    raise AssertionError(f"no {prefix} row {pk}")


def add_place(data: dict, name: str, name_en: str) -> None:
    index = int(data["places-TOTAL_FORMS"][0])
    data["places-TOTAL_FORMS"] = [str(index + 1)]
    data.update({f"places-{index}-name": [name], f"places-{index}-name_en": [name_en],
                 f"places-{index}-position": ["9"], f"places-{index}-venue": [str(kaiyuan().pk)],
                 # The empty row's default, as a browser posts it.
                 f"places-{index}-coordinate_system": ["gcj02"]})


def delete_place(data: dict, name: str) -> None:
    data[row_field(data, "places", place(name).pk, "DELETE")] = ["on"]


def label(model, name: str) -> str:
    with translation.override("zh-hans"):
        return str(model._meta.get_field(name).verbose_name)


def conflict_table(html: str) -> str:
    start = html.index('id="edit-conflict"')
    return html[start:html.index("</table>", start)]


def choose(response, choice: str) -> dict:
    """The conflict screen's form with `choice` (theirs or mine) for every conflict shown."""
    data = form_data(response, "venue_form")
    for key in data["merge_pending"]:
        data[f"merge-{key}"] = [choice]
    return data


def zh_message(msgid: str, **params) -> str:
    with translation.override("zh-hans"):
        return escape(translation.gettext(msgid) % params)


def test_a_note_only_the_other_editor_changed_survives_a_save_of_a_last_run(wang, zhao):
    url, wang_form = open_form(wang, kaiyuan())
    _, zhao_form = open_form(zhao, kaiyuan())
    set_field(wang_form, "hours_note_en", "Wang's note on hours")
    assert wang.post(url, wang_form).status_code == 302

    set_field(zhao_form, serving_field(zhao_form, serving_75(), "last_run"), "23:10")
    response = zhao.post(url, zhao_form, follow=True)
    html = response.content.decode()
    assert response.redirect_chain and 'id="edit-conflict"' not in html  # nothing to choose: saved
    assert kaiyuan().hours_note_en == "Wang's note on hours"
    assert serving_75().last_run == dt.time(23, 10)
    assert zh_message("Merged with what %(who)s saved while you were editing: %(changes)s. Their changes and "
                      "yours are both saved.", who="wang", changes=label(Venue, "hours_note_en").capitalize()) in html
    # History records Zhao's save, holding both: his last run and Wang's note.
    latest = Version.objects.get_for_object(kaiyuan()).select_related("revision__user").first()
    assert latest.revision.user.username == "zhao"
    assert latest.field_dict["hours_note_en"] == "Wang's note on hours"
    serving_version = latest.revision.version_set.get(object_id=str(serving_75().pk),
                                                      content_type__model="serving")
    assert serving_version.field_dict["last_run"] == dt.time(23, 10)


def test_fields_each_editor_changed_alone_are_both_saved(wang, zhao):
    shopping, night_market = Theme.objects.get(slug="shopping"), Theme.objects.exclude(slug="shopping").first()
    url, wang_form = open_form(wang, kaiyuan())
    _, zhao_form = open_form(zhao, kaiyuan())
    set_field(wang_form, "slogan_en", "Wang's slogan")
    set_field(wang_form, "description_en", "Wang's first line.\r\nWang's second line.")
    set_field(wang_form, "publish_from_0", "2026-06-01")
    set_field(wang_form, "publish_from_1", "20:00")
    assert wang.post(url, wang_form).status_code == 302
    set_field(zhao_form, "hours_note_en", "Zhao's note")
    zhao_form["themes"] = [str(shopping.pk), str(night_market.pk)]
    assert zhao.post(url, zhao_form).status_code == 302
    venue = kaiyuan()
    assert (venue.slogan_en, venue.hours_note_en) == ("Wang's slogan", "Zhao's note")
    assert venue.description_en == "Wang's first line.\r\nWang's second line."
    assert set(venue.themes.all()) == {shopping, night_market}
    assert venue.publish_from == dt.datetime(2026, 6, 1, 20, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_line_breaks_a_browser_posts_differently_are_no_change(wang, zhao):
    # Text from the plan has LF line breaks; a browser posts the unchanged text back with CRLF.
    Venue.objects.filter(slug=KAIYUAN).update(description_en="First line.\nSecond line.")
    url, wang_form = open_form(wang, kaiyuan())
    _, zhao_form = open_form(zhao, kaiyuan())
    set_field(wang_form, "description_en", "Wang's description")
    wang.post(url, wang_form)
    set_field(zhao_form, "description_en", "First line.\r\nSecond line.")
    set_field(zhao_form, "slogan_en", "Zhao's slogan")
    assert zhao.post(url, zhao_form).status_code == 302
    assert (kaiyuan().description_en, kaiyuan().slogan_en) == ("Wang's description", "Zhao's slogan")


def test_both_changing_a_field_to_the_same_value_is_no_conflict(wang, zhao):
    url, wang_form = open_form(wang, kaiyuan())
    _, zhao_form = open_form(zhao, kaiyuan())
    set_field(wang_form, "slogan_en", "The same slogan")
    wang.post(url, wang_form)
    set_field(zhao_form, "slogan_en", "The same slogan")
    set_field(zhao_form, "hours_note_en", "Zhao's note")
    assert zhao.post(url, zhao_form).status_code == 302
    assert (kaiyuan().slogan_en, kaiyuan().hours_note_en) == ("The same slogan", "Zhao's note")


def stale_save_both_changing_the_note(wang, zhao):
    """Wang saves his note and slogan; Zhao, from the page he opened before, his own note and a
    last run. Returns the URL and Zhao's conflict screen."""
    url, wang_form = open_form(wang, kaiyuan())
    _, zhao_form = open_form(zhao, kaiyuan())
    set_field(wang_form, "hours_note_en", "Wang's note")
    set_field(wang_form, "slogan_en", "Wang's slogan")
    assert wang.post(url, wang_form).status_code == 302
    set_field(zhao_form, "hours_note_en", "Zhao's note")
    set_field(zhao_form, serving_field(zhao_form, serving_75(), "last_run"), "23:10")
    return url, zhao.post(url, zhao_form)


def test_a_field_both_changed_differently_is_offered_as_a_choice_labelled_with_who(wang, zhao):
    _, response = stale_save_both_changing_the_note(wang, zhao)
    html = response.content.decode()
    assert response.status_code == 200
    table = conflict_table(html)
    assert table.count("<tr>") == 2  # the heading and the note only
    assert label(Venue, "hours_note_en").capitalize() in table
    assert zh("Changed by %(theirs)s", theirs="wang") in table
    assert zh("Changed by you (%(mine)s)", mine="zhao") in table
    assert re.search(r'value="theirs" required> [^<]*Wang&#x27;s note</label>', table)
    assert re.search(r'value="mine" required> [^<]*Zhao&#x27;s note</label>', table)
    # Zhao's own last run and Wang's slogan are no conflict: neither is offered as one.
    assert "23:10" not in table and "slogan" not in table
    # The form below already holds Wang's slogan, and Zhao's note and last run.
    data = form_data(response, "venue_form")
    assert data["slogan_en"] == ["Wang's slogan"] and data["hours_note_en"] == ["Zhao's note"]
    assert data[serving_field(data, serving_75(), "last_run")] == ["23:10"]
    assert zh_message("Already in the form below, from what %(theirs)s saved: %(changes)s.", theirs="wang",
                      changes=label(Venue, "slogan_en").capitalize()) in html
    # Nothing was saved.
    assert kaiyuan().hours_note_en == "Wang's note" and serving_75().last_run == dt.time(22, 40)


def test_keeping_theirs_saves_their_value_and_the_rest_of_both(wang, zhao):
    url, response = stale_save_both_changing_the_note(wang, zhao)
    assert zhao.post(url, choose(response, "theirs")).status_code == 302
    venue = kaiyuan()
    assert (venue.hours_note_en, venue.slogan_en) == ("Wang's note", "Wang's slogan")
    assert serving_75().last_run == dt.time(23, 10)


def test_using_mine_saves_my_value_and_the_rest_of_both(wang, zhao):
    url, response = stale_save_both_changing_the_note(wang, zhao)
    assert zhao.post(url, choose(response, "mine")).status_code == 302
    venue = kaiyuan()
    assert (venue.hours_note_en, venue.slogan_en) == ("Zhao's note", "Wang's slogan")
    assert serving_75().last_run == dt.time(23, 10)


def test_saving_again_without_choosing_saves_nothing(wang, zhao):
    url, response = stale_save_both_changing_the_note(wang, zhao)
    again = zhao.post(url, form_data(response, "venue_form"))
    assert again.status_code == 200
    assert zh("Choose one version for each line below, then save again.") in again.content.decode()
    assert kaiyuan().hours_note_en == "Wang's note" and serving_75().last_run == dt.time(22, 40)


def test_a_save_after_the_conflict_was_shown_is_shown_too(wang, zhao):
    url, response = stale_save_both_changing_the_note(wang, zhao)
    li = logged_in("li")
    _, li_form = open_form(li, kaiyuan())
    set_field(li_form, "hours_note_en", "Li's note")
    assert li.post(url, li_form).status_code == 302
    # Zhao chose his note having seen Wang's, not Li's: he is asked again.
    again = zhao.post(url, choose(response, "mine"))
    assert again.status_code == 200
    table = conflict_table(again.content.decode())
    assert "Li&#x27;s note" in table and zh("Changed by %(theirs)s", theirs="li") in table
    assert kaiyuan().hours_note_en == "Li's note"


def test_rows_added_or_deleted_by_either_side_are_merged(wang, zhao):
    url, wang_form = open_form(wang, kaiyuan())
    _, zhao_form = open_form(zhao, kaiyuan())
    add_place(wang_form, "王的新地点", "Wang's place")
    delete_place(wang_form, "宝龙城市广场")
    assert wang.post(url, wang_form).status_code == 302
    add_place(zhao_form, "赵的新地点", "Zhao's place")
    delete_place(zhao_form, "正大国际广场")
    set_field(zhao_form, serving_field(zhao_form, serving_75(), "last_run"), "23:10")
    response = zhao.post(url, zhao_form, follow=True)
    assert response.redirect_chain
    names = set(Place.objects.filter(venue__slug=KAIYUAN).values_list("name", flat=True))
    assert names == {"王的新地点", "赵的新地点", "泉舜购物中心", "环开元湖音乐喷泉"}
    assert serving_75().last_run == dt.time(23, 10)
    assert zh_message("%(row)s (added)", row="王的新地点") in response.content.decode()


def test_a_row_both_changed_in_different_fields_is_merged(wang, zhao):
    url, wang_form = open_form(wang, kaiyuan())
    _, zhao_form = open_form(zhao, kaiyuan())
    set_field(wang_form, serving_field(wang_form, serving_75(), "last_run"), "23:00")
    wang.post(url, wang_form)
    set_field(zhao_form, serving_field(zhao_form, serving_75(), "position"), "2")
    assert zhao.post(url, zhao_form).status_code == 302
    assert (serving_75().last_run, serving_75().position) == (dt.time(23), 2)


def test_a_row_both_changed_in_the_same_field_is_a_conflict(wang, zhao):
    url, wang_form = open_form(wang, kaiyuan())
    _, zhao_form = open_form(zhao, kaiyuan())
    set_field(wang_form, serving_field(wang_form, serving_75(), "last_run"), "23:00")
    wang.post(url, wang_form)
    set_field(zhao_form, serving_field(zhao_form, serving_75(), "last_run"), "23:10")
    response = zhao.post(url, zhao_form)
    table = conflict_table(response.content.decode())
    assert "<div>75路 → 环开元湖购物商圈</div>" in table and label(Serving, "last_run").capitalize() in table
    assert re.search(r'value="theirs" required> [^<]*23:00</label>', table)
    assert re.search(r'value="mine" required> [^<]*23:10</label>', table)
    assert serving_75().last_run == dt.time(23)
    assert zhao.post(url, choose(response, "mine")).status_code == 302
    assert serving_75().last_run == dt.time(23, 10)


def test_a_row_they_changed_and_i_deleted_is_a_conflict(wang, zhao):
    quanshun = place("泉舜购物中心")
    url, wang_form = open_form(wang, kaiyuan())
    _, zhao_form = open_form(zhao, kaiyuan())
    set_field(wang_form, row_field(wang_form, "places", quanshun.pk, "name_en"), "Quanshun Mall")
    wang.post(url, wang_form)
    delete_place(zhao_form, "泉舜购物中心")
    response = zhao.post(url, zhao_form)
    table = conflict_table(response.content.decode())
    assert "<div>环开元湖购物商圈 · 泉舜购物中心</div>" in table
    assert re.search(rf'value="theirs" required> [^<]*{zh("changed")}</label>', table)
    assert re.search(rf'value="mine" required> [^<]*{zh("deleted")}</label>', table)
    assert Place.objects.filter(pk=quanshun.pk).exists()
    assert zhao.post(url, choose(response, "theirs")).status_code == 302
    assert Place.objects.get(pk=quanshun.pk).name_en == "Quanshun Mall"


def test_a_row_they_deleted_and_i_changed_is_a_conflict(wang, zhao):
    quanshun = place("泉舜购物中心")
    url, wang_form = open_form(wang, kaiyuan())
    _, zhao_form = open_form(zhao, kaiyuan())
    delete_place(wang_form, "泉舜购物中心")
    wang.post(url, wang_form)
    set_field(zhao_form, row_field(zhao_form, "places", quanshun.pk, "name_en"), "Quanshun Mall")
    response = zhao.post(url, zhao_form)
    table = conflict_table(response.content.decode())
    assert "<div>环开元湖购物商圈 · 泉舜购物中心</div>" in table
    assert re.search(rf'value="theirs" required> [^<]*{zh("deleted")}</label>', table)
    assert not Place.objects.filter(venue__slug=KAIYUAN, name="泉舜购物中心").exists()
    assert zhao.post(url, choose(response, "mine")).status_code == 302
    assert place("泉舜购物中心").name_en == "Quanshun Mall"  # back, as Zhao changed it


def test_a_row_they_deleted_and_i_left_alone_stays_deleted(wang, zhao):
    url, wang_form = open_form(wang, kaiyuan())
    _, zhao_form = open_form(zhao, kaiyuan())
    delete_place(wang_form, "泉舜购物中心")
    wang.post(url, wang_form)
    set_field(zhao_form, "slogan_en", "Zhao's slogan")
    assert zhao.post(url, zhao_form).status_code == 302
    assert not Place.objects.filter(venue__slug=KAIYUAN, name="泉舜购物中心").exists()
    assert kaiyuan().slogan_en == "Zhao's slogan"


def test_a_last_run_saved_on_its_own_page_merges_with_a_stale_venue_save(wang, zhao):
    url, zhao_form = open_form(zhao, kaiyuan())
    serving_url, serving_form = open_form(wang, serving_75())
    set_field(serving_form, "last_run", "23:45")
    assert wang.post(serving_url, serving_form).status_code == 302
    set_field(zhao_form, "slogan_en", "Zhao's slogan")
    assert zhao.post(url, zhao_form).status_code == 302
    assert serving_75().last_run == dt.time(23, 45) and kaiyuan().slogan_en == "Zhao's slogan"


def test_an_events_offers_and_tour_lines_merge_the_same_way(wang, zhao):
    event = Event.objects.get(slug="jiuzhouchi-chishang-fanhua")
    offer = event.offers.get()
    url, wang_form = open_form(wang, event)
    _, zhao_form = open_form(zhao, event)
    set_field(wang_form, row_field(wang_form, "offers", offer.pk, "name_en"), "Wang's offer")
    assert wang.post(url, wang_form).status_code == 302
    zhao_form["tour_lines-TOTAL_FORMS"] = [str(int(zhao_form["tour_lines-TOTAL_FORMS"][0]) + 1)]
    index = int(zhao_form["tour_lines-TOTAL_FORMS"][0]) - 1
    zhao_form.update({f"tour_lines-{index}-name": ["赵的游线"], f"tour_lines-{index}-name_en": ["Zhao's tour line"],
                      f"tour_lines-{index}-position": ["1"], f"tour_lines-{index}-event": [str(event.pk)]})
    assert zhao.post(url, zhao_form).status_code == 302
    offer.refresh_from_db()
    assert offer.name_en == "Wang's offer"
    assert list(event.tour_lines.values_list("name_en", flat=True)) == ["Zhao's tour line"]


def test_a_token_naming_no_recorded_version_shows_every_difference_to_choose(wang, zhao):
    url, wang_form = open_form(wang, kaiyuan())
    _, zhao_form = open_form(zhao, kaiyuan())
    set_field(wang_form, "slogan_en", "Wang's slogan")
    wang.post(url, wang_form)
    set_field(zhao_form, "edit_token", "not a token")
    response = zhao.post(url, zhao_form)
    assert response.status_code == 200
    assert "Wang&#x27;s slogan" in conflict_table(response.content.decode())
    assert kaiyuan().slogan_en == "Wang's slogan"


def test_one_editor_saving_twice_in_a_row_is_no_conflict(zhao):
    url, form = open_form(zhao, kaiyuan())
    set_field(form, "slogan_en", "First")
    assert zhao.post(url, form).status_code == 302
    url, form = open_form(zhao, kaiyuan())
    set_field(form, "slogan_en", "Second")
    assert zhao.post(url, form).status_code == 302
    assert kaiyuan().slogan_en == "Second"
