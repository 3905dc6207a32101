"""Loading a new edition of the plan: a three-way merge of the last edition (base), the site
(ours) and the new edition (theirs), record by record and field by field."""

import copy
import datetime as dt
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from events.models import Event
from nightlife.models import LoadedPlanKey
from nightlife.plan import (BRING_BACK, CONFLICT, CREATE, DELETED, DIFFERS, LEFT, THEIRS, UNPUBLISH, UPDATE,
                                PlanError, load_plan, read_plan)
from transit.models import Route, Serving
from venues.models import Place, PlanEdition, Venue

pytestmark = pytest.mark.usefixtures("plan")

NINE = "xigong-xiaojie/9"  # 9路 at 西工小街: passes until 01:00 in the 2020 plan
SEVENTY_FIVE = "huan-kaiyuanhu-shangquan/75"  # 75路 at 环开元湖购物商圈: 22:40 in the 2020 plan


def edition_2021(change=None):
    """The shipped plan as a new edition, changed by `change(data)`."""
    data = read_plan(settings.PLAN_FIXTURE)
    data["source"].update(edition="2021年5月", edition_en="May 2021", published="2021-05", page="第3版")
    if change:
        change(data)
    return data


def serving(data, key):
    return next(s for s in data["servings"] if s["plan_key"] == key)


def edit_last_run(key, clock):
    """As an editor's admin save does: the value changes and the row notes the plan's value."""
    row = Serving.objects.get(plan_key=key)
    before = {"last_run": row.last_run}
    row.last_run = clock
    row.note_edit(before)
    row.save()


def one(report, outcome):
    [review] = report.of(outcome)
    return review


def test_the_plans_change_to_an_untouched_row_is_applied_and_an_editors_change_is_kept():
    """The issue's case: 9路 at 西工小街 01:00 -> 00:30 in the new edition, on a row no editor
    touched, is applied; 75路's editor change (23:10) is kept, and so is its mark."""
    edit_last_run(SEVENTY_FIVE, dt.time(23, 10))
    report = load_plan(data=edition_2021(lambda d: serving(d, NINE).update(last_run="00:30")))

    assert [r.plan_key for r in report.of(UPDATE)] == [NINE]
    assert [c.name for c in one(report, UPDATE).applied] == ["last_run"]
    assert [r.plan_key for r in report.of(DIFFERS)] == [SEVENTY_FIVE]
    nine, seventy_five = Serving.objects.get(plan_key=NINE), Serving.objects.get(plan_key=SEVENTY_FIVE)
    assert nine.last_run == dt.time(0, 30) and nine.plan_changes == {}
    assert seventy_five.last_run == dt.time(23, 10)
    assert seventy_five.plan_changes["last_run"]["plan"] == "22:40:00"
    assert nine.plan_edition.name == "2021年5月" and seventy_five.plan_edition.name == "2021年5月"


def test_a_field_changed_by_both_sides_differently_is_listed_and_the_sites_kept_until_a_person_chooses():
    edit_last_run(SEVENTY_FIVE, dt.time(23, 10))
    data = edition_2021(lambda d: serving(d, SEVENTY_FIVE).update(last_run="22:50"))

    review = one(load_plan(data=copy.deepcopy(data), dry_run=True), CONFLICT)
    [change] = review.conflicts
    assert (change.name, change.base, change.ours, change.theirs) == ("last_run", "22:40:00", "23:10:00", "22:50:00")

    load_plan(data=copy.deepcopy(data))
    row = Serving.objects.get(plan_key=SEVENTY_FIVE)
    assert row.last_run == dt.time(23, 10)
    assert row.plan_changes["last_run"]["plan"] == "22:50:00", "the admin now shows the new edition's value"


def test_choosing_the_plans_side_of_a_conflict_applies_it_and_the_mark_goes():
    edit_last_run(SEVENTY_FIVE, dt.time(23, 10))
    data = edition_2021(lambda d: serving(d, SEVENTY_FIVE).update(last_run="22:50"))
    review = one(load_plan(data=copy.deepcopy(data), dry_run=True), CONFLICT)
    load_plan(data=data, choices={review.field_key(review.conflicts[0]): THEIRS})
    row = Serving.objects.get(plan_key=SEVENTY_FIVE)
    assert row.last_run == dt.time(22, 50) and row.plan_changes == {}


def test_a_record_new_in_the_edition_is_created_and_cites_it():
    data = edition_2021(lambda d: d["routes"].append({"plan_key": "999", "slug": "999", "name": "999路",
                                                       "name_en": "Route 999"}))
    report = load_plan(data=data)
    assert [r.plan_key for r in report.of(CREATE)] == ["999"]
    assert Route.objects.get(slug="999").plan_edition.name == "2021年5月"


def drop_venue(slug):
    def change(data):
        data["venues"] = [v for v in data["venues"] if v["slug"] != slug]
        data["servings"] = [s for s in data["servings"] if s["venue"] != slug]
        data["stops"] = [s for s in data["stops"] if s.get("venue") != slug]
        for event in data["events"]:
            if event["venue"] == slug:
                event["venue"], event["place"] = None, None
    return change


def test_a_quarter_that_leaves_the_plan_is_listed_and_kept_unless_a_person_unpublishes_it():
    data = edition_2021(drop_venue("xigong-xiaojie"))
    report = load_plan(data=copy.deepcopy(data), dry_run=True)
    left = {r.plan_key: r for r in report.of(LEFT)}
    assert "xigong-xiaojie" in left and NINE in left
    venue = Venue.objects.get(slug="xigong-xiaojie")

    load_plan(data=copy.deepcopy(data), choices={left["xigong-xiaojie"].key: UNPUBLISH})
    venue.refresh_from_db()
    assert venue.status == "draft", "unpublished, never deleted"
    assert Serving.objects.filter(plan_key=NINE).exists()
    assert venue.plan_edition.name == "2020年5月", "its facts still come from the edition that listed it"
    assert Client().get("/venues/xigong-xiaojie/").status_code == 404


def test_a_left_quarter_is_kept_published_by_default():
    load_plan(data=edition_2021(drop_venue("xigong-xiaojie")))
    assert Venue.objects.get(slug="xigong-xiaojie").status == "published"


def test_a_record_editors_deleted_stays_deleted_unless_a_person_brings_it_back():
    Place.objects.filter(plan_key="suitang-luoyangcheng-yizhi-gongyuan/mingtang").delete()
    data = edition_2021()
    review = one(load_plan(data=copy.deepcopy(data)), DELETED)
    assert not Place.objects.filter(name="明堂").exists()

    data["source"]["edition"] = "2021年6月"
    load_plan(data=data, choices={review.key: BRING_BACK})
    assert Place.objects.get(name="明堂").plan_edition.name == "2021年6月"


def test_a_dry_run_writes_nothing_not_even_the_edition():
    before = list(Serving.objects.values_list("plan_key", "last_run"))
    report = load_plan(data=edition_2021(lambda d: serving(d, NINE).update(last_run="00:30")), dry_run=True)
    assert report.new_edition and [r.plan_key for r in report.of(UPDATE)] == [NINE]
    assert list(Serving.objects.values_list("plan_key", "last_run")) == before
    assert not PlanEdition.objects.filter(name="2021年5月").exists()


def test_loading_an_edition_twice_has_nothing_to_do():
    data = edition_2021(lambda d: serving(d, NINE).update(last_run="00:30"))
    load_plan(data=copy.deepcopy(data))
    again = load_plan(data=data)
    assert again.nothing_to_do and again.unchanged == LoadedPlanKey.objects.count()


def test_the_command_prints_the_review_by_outcome(tmp_path):
    import json

    edit_last_run(SEVENTY_FIVE, dt.time(23, 10))
    data = edition_2021(lambda d: (serving(d, NINE).update(last_run="00:30"),
                                   serving(d, SEVENTY_FIVE).update(last_run="22:50")))
    path = tmp_path / "plan-2021.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = StringIO()
    summary = call_command("load_plan", str(path), "--dry-run", stdout=out)
    printed = out.getvalue()
    assert "update (the plan changed) servings[4] (9 at xigong-xiaojie): last_run" in printed
    assert "both changed" in printed and "75 at huan-kaiyuanhu-shangquan" in printed
    assert "site 23:10:00, plan 22:50:00" in printed
    assert "plan 2021年5月 (new edition): would create 0, would update 1" in summary
    assert Serving.objects.get(plan_key=NINE).last_run == dt.time(1, 0), "a dry run changes nothing"


def test_pages_and_the_api_name_the_edition_a_listing_comes_from():
    load_plan(data=edition_2021())
    html = Client().get("/en/venues/xigong-xiaojie/").content.decode()
    assert "Facts from the published plan (Luoyang Daily 第3版, May 2021)." in html
    assert "May 2020" not in html
    zh = Client().get("/events/yeyou-longmen/").content.decode()
    assert "信息来自已发布的方案（洛阳日报 第3版，2021年5月）。" in zh
    body = Client().get("/api/v1/venues/xigong-xiaojie/").json()
    assert body["plan_edition"] == {"name": {"zh": "2021年5月", "en": "May 2021"}, "published": "2021-05",
                                    "publication": {"zh": "洛阳日报", "en": "Luoyang Daily"}, "page": "第3版"}
    assert Client().get("/api/v1/events/yeyou-longmen/").json()["plan_edition"]["name"]["zh"] == "2021年5月"


def test_a_listing_written_by_editors_names_no_edition_in_the_api():
    Event.objects.filter(slug="yeyou-longmen").update(source="editors")
    assert Client().get("/api/v1/events/yeyou-longmen/").json()["plan_edition"] is None


def test_a_load_with_nothing_to_do_costs_16_queries(django_assert_num_queries):
    """The 15 of the loader before editions, and one for the editions: the session's first
    load_plan and every release's stay fast."""
    data = read_plan(settings.PLAN_FIXTURE)
    with django_assert_num_queries(16):
        assert load_plan(data=data).nothing_to_do


def test_an_edition_older_than_the_last_loaded_is_refused_and_nothing_is_written():
    load_plan(data=edition_2021(lambda d: serving(d, NINE).update(last_run="00:30")))
    with pytest.raises(PlanError, match="2020年5月 早于最后载入的版本 2021年5月"):
        load_plan(data=read_plan(settings.PLAN_FIXTURE))
    assert Serving.objects.get(plan_key=NINE).last_run == dt.time(0, 30)
