"""History an editor can read: every change by every editor on one page, summaries in the
reader's language, long texts diffed word by word, times to the second, and what a restore
would change before it is saved."""

import re

import pytest
import reversion
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from editors import summary
from events.models import Event
from tests.admin.helpers import editor, open_form, set_field, zh
from venues.models import Venue

pytestmark = pytest.mark.usefixtures("plan")

CHANGES = "/admin/changes/"
GUJIE = "longmen-gujie"
XIGONG = "xigong-xiaojie"


def logged_in(username: str) -> Client:
    client = Client()
    client.force_login(editor(username))
    return client


@pytest.fixture
def li():
    return logged_in("li")


@pytest.fixture
def wang():
    return logged_in("wang")


def save(client, obj, **values):
    url, form = open_form(client, obj)
    for name, value in values.items():
        set_field(form, name, value)
    response = client.post(url, form)
    assert response.status_code == 302, re.findall(r"<ul class=\"errorlist[^>]*>.*?</ul>|errornote.*?</p>", response.content.decode(), re.S)


def section(html: str, marker: str) -> str:
    start = html.index(marker)
    return html[start:html.index("</table>", start)]


def history_of(client, obj, **headers) -> str:
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
    return section(client.get(url, **headers).content.decode(), 'id="change-history"')


def changes(client, query: str = "", **headers):
    return client.get(CHANGES + query, **headers)


def venue(slug: str) -> Venue:
    return Venue.objects.get(slug=slug)


# --- The site-wide page -----------------------------------------------------------------------

def test_the_changes_page_lists_every_editors_saves_newest_first_linked_to_each_listings_history(li, wang):
    save(li, venue(GUJIE), opens_at="19:00", closes_at="23:30")
    save(wang, Event.objects.get(slug="yeyou-longmen"), name_en="Longmen by Night")
    html = changes(li).content.decode()
    rows = section(html, 'id="all-changes"')
    assert rows.index("<td>wang</td>") < rows.index("<td>li</td>")  # newest first
    gujie_history = reverse("admin:venues_venue_history", args=[venue(GUJIE).pk])
    assert f'href="{gujie_history}"' in rows
    assert zh("Changed {fields}.").format(fields=zh("opens at")).rstrip("。.") in rows
    # Times to the second.
    assert re.search(r'<td class="when">\d{4}-\d\d-\d\d \d\d:\d\d:\d\d</td>', re.sub(r"</?span[^>]*>", "", rows))
    # The state before the first edit is kept for History, not listed as a change.
    assert zh("State before the first edit in the admin.") not in rows
    # A venue's unchanged inline rows are not listed as listings of their own.
    assert "9路 → 西工小街" not in rows


def test_the_admin_home_links_to_it_and_visitors_are_sent_to_log_in(li, client):
    assert f'href="{CHANGES}"' in li.get("/admin/").content.decode()
    response = client.get(CHANGES)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_it_filters_by_editor_kind_of_listing_and_day(li, wang):
    save(li, venue(GUJIE), opens_at="19:00", closes_at="23:30")
    save(wang, Event.objects.get(slug="yeyou-longmen"), name_en="Longmen by Night")
    by_wang = section(changes(li, f"?editor={wang_id()}").content.decode(), 'id="all-changes"')
    assert "<td>wang</td>" in by_wang and "<td>li</td>" not in by_wang
    events = ContentType.objects.get_for_model(Event).pk
    of_events = section(changes(li, f"?kind={events}").content.decode(), 'id="all-changes"')
    assert "夜游龙门" in of_events and "龙门古街" not in of_events
    today = timezone.localdate().isoformat()
    assert "<td>li</td>" in changes(li, f"?day={today}").content.decode()
    html = changes(li, "?day=2020-05-08").content.decode()
    assert 'id="all-changes"' not in html and zh("No changes match these filters.") in html


def wang_id() -> int:
    from django.contrib.auth.models import User

    return User.objects.get(username="wang").pk


@pytest.mark.parametrize("query", ["?day=2026-02-30", "?editor=999", "?kind=abc"])
def test_a_bad_filter_is_a_400_naming_the_problem(li, query):
    response = changes(li, query)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="errorlist' in html and 'id="all-changes"' not in html


def test_a_page_past_the_end_is_a_404(li):
    save(li, venue(GUJIE), opens_at="19:00", closes_at="23:30")
    assert changes(li, "?page=9").status_code == 404
    assert changes(li, "?page=1").status_code == 200


def revisions(count: int, user) -> None:
    venues = list(Venue.objects.all()[:5])
    for index in range(count):
        with reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(summary.encode([{"changed": {"fields": ["status"], "names": ["status"],
                                                               "model": "venues.venue"}}]))
            reversion.add_to_revision(venues[index % len(venues)])


@pytest.mark.parametrize("count", [3, 60])
def test_the_page_costs_the_same_queries_at_any_size(li, count, django_assert_num_queries):
    revisions(count, editor("zhao"))
    changes(li)  # warm the content types' cache, as every page after a process's first
    # Session, user, its permissions (2), editors, kinds, count, the page, its versions, scheduled.
    with django_assert_num_queries(10):
        response = changes(li)
    assert response.status_code == 200
    assert response.content.decode().count("<td>zhao</td>") == min(count, 50)


# --- Summaries in the reader's language -------------------------------------------------------

def test_a_summary_saved_in_chinese_reads_in_english_in_the_english_admin(li):
    save(li, venue(GUJIE), hours_note_en="Stalls close early in winter.", opens_at="19:00", closes_at="23:30")
    english = history_of(li, venue(GUJIE), HTTP_ACCEPT_LANGUAGE="en")
    assert "<p>Changed opens at, closes at and note on hours (English).</p>" in english
    assert "已修改" not in english and "营业时间备注" not in english
    assert "· Note on hours (English): — → Stalls close early in winter." in english  # not "(english)"
    chinese = history_of(li, venue(GUJIE))
    assert re.search(r"<p>已修改开门时间.关门时间 和 营业时间备注（英文）。</p>", chinese)
    assert "Changed" not in chinese and "note on hours" not in chinese
    page = changes(li, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Changed opens at, closes at and note on hours (English)." in page


def test_a_bulk_status_change_reads_in_each_language(li):
    event = Event.objects.get(slug="yeyou-longmen")
    li.post("/admin/events/event/", {"action": "unpublish", "_selected_action": [event.pk]})
    assert "Status set to Draft in bulk." in history_of(li, event, HTTP_ACCEPT_LANGUAGE="en")
    assert zh("Status set to %(status)s in bulk.", status=zh("Draft")) in history_of(li, event)


def test_comments_stored_as_text_before_keep_showing_as_they_are(li):
    gujie = venue(GUJIE)
    with reversion.create_revision():
        reversion.set_comment("已修改Status。")
        reversion.add_to_revision(gujie)
    assert "已修改Status。" in history_of(li, gujie, HTTP_ACCEPT_LANGUAGE="en")


# --- Long texts, word by word -----------------------------------------------------------------

def test_text_added_at_the_end_of_a_long_description_is_shown_as_inserted(li):
    gujie = venue(GUJIE)
    before = gujie.description_en
    assert len(before) > 120  # the old history cut both sides to the same first 100 characters
    save(li, gujie, description_en=before + " In summer the stalls stay open <until 02:00>.")
    html = history_of(li, gujie)
    assert "<ins> In summer the stalls stay open &lt;until 02:00&gt;.</ins>" in html
    assert "<until" not in html  # the editor's text is escaped
    assert "<del>" not in html
    assert before not in html  # unchanged words far from the change are cut to "…"


def test_one_chinese_character_changed_is_the_only_one_marked(li):
    gujie = venue(GUJIE)
    text = gujie.description
    assert "传统" in text
    save(li, gujie, description=text.replace("传统", "古老", 1))
    html = history_of(li, gujie)
    assert "<del>传统</del><ins>古老</ins>" in html
    following = text[text.index("传统") + 2:][:4]
    assert f"<ins>古老</ins>{following}" in html  # the characters next to it are shown for context


def test_short_values_still_read_before_and_after(li):
    save(li, venue(GUJIE), slogan_en="Lanterns")
    assert "→ Lanterns" in history_of(li, venue(GUJIE))


# --- A restore says what it will change -------------------------------------------------------

def test_opening_an_old_version_says_what_restoring_it_changes_and_saves_nothing(li):
    gujie = venue(GUJIE)
    save(li, gujie, opens_at="19:00", closes_at="23:30")
    save(li, venue(GUJIE), closes_at="23:45", slogan_en="Old street, new night")
    oldest = Version.objects.get_for_object(gujie).order_by("pk").first()
    response = li.get(reverse("admin:venues_venue_revision", args=[gujie.pk, oldest.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    box = html[html.index('id="restore-summary"'):html.index("</ul>", html.index('id="restore-summary"'))]
    assert "23:45 → " in box and "Old street, new night → " in box
    assert str(zh("Slug")) not in box  # unchanged fields are not listed
    assert venue(GUJIE).closes_at.strftime("%H:%M") == "23:45"  # nothing restored yet
