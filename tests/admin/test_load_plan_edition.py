"""Plan staff load a new edition in the admin: upload, review three ways, choose, apply."""

import datetime as dt
import json
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from editors.accounts import PLAN_STAFF
from nightlife.plan import read_plan
from tests.admin.helpers import editor
from transit.models import Route, Serving
from venues.models import PlanEdition

pytestmark = pytest.mark.usefixtures("plan")

NINE, SEVENTY_FIVE = "xigong-xiaojie/9", "huan-kaiyuanhu-shangquan/75"
URL = "/admin/plan/load/"


def edition_2021_file(**changes) -> SimpleUploadedFile:
    data = read_plan(settings.PLAN_FIXTURE)
    data["source"].update(edition="2021年5月", edition_en="May 2021", published="2021-05")
    for serving in data["servings"]:
        if serving["plan_key"] in changes:
            serving["last_run"] = changes[serving["plan_key"]]
    data["routes"].append({"plan_key": "999", "slug": "999", "name": "999路", "name_en": "Route 999"})
    return SimpleUploadedFile("plan-2021.json", json.dumps(data, ensure_ascii=False).encode(), "application/json")


def edit_75():
    row = Serving.objects.get(plan_key=SEVENTY_FIVE)
    before = {"last_run": row.last_run}
    row.last_run = dt.time(23, 10)
    row.note_edit(before)
    row.save()


def test_the_plan_staff_group_has_the_right_to_load_and_editors_have_not():
    group = Group.objects.get(name=PLAN_STAFF)  # made by a migration
    assert {p.codename for p in group.permissions.all()} >= {"add_planedition", "view_planedition", "view_serving"}
    assert not group.permissions.filter(codename__startswith="change_").exists()
    client = Client()
    client.force_login(editor())
    assert client.get(URL).status_code == 403


def test_the_review_shows_each_outcome_and_writes_nothing(staff):
    edit_75()
    response = staff.post(URL, {"file": edition_2021_file(**{NINE: "00:30", SEVENTY_FIVE: "22:50"})})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="plan-conflict"' in html and 'id="plan-update"' in html and 'id="plan-create"' in html
    update = re.search(r'id="plan-update".*?<div class="(?:module|submit-row)', html, re.S).group(0)
    assert "01:00 (凌晨1:00)" in update and "00:30 (凌晨0:30)" in update
    conflict = re.search(r'id="plan-conflict".*?</table>', html, re.S).group(0)
    assert 'name="merge-transit.serving|huan-kaiyuanhu-shangquan/75|last_run"' in conflict
    assert "22:40" in conflict and "23:10" in conflict and "22:50" in conflict
    assert Serving.objects.get(plan_key=NINE).last_run == dt.time(1, 0), "nothing written before apply"
    assert not PlanEdition.objects.filter(name="2021年5月").exists() and not Route.objects.filter(slug="999").exists()


def review_form(html: str) -> dict:
    return {"plan": re.search(r'name="plan" value="([^"]+)"', html).group(1)}


def test_applying_without_choosing_a_conflict_asks_again_and_writes_nothing(staff):
    edit_75()
    html = staff.post(URL, {"file": edition_2021_file(**{SEVENTY_FIVE: "22:50"})}).content.decode()
    response = staff.post(URL, review_form(html))
    assert response.status_code == 400
    assert "每个双方都改过的字段" in response.content.decode() or "Choose one side" in response.content.decode()
    assert not PlanEdition.objects.filter(name="2021年5月").exists()


def test_applying_loads_the_edition_in_one_go_and_the_history_says_who(staff):
    edit_75()
    html = staff.post(URL, {"file": edition_2021_file(**{NINE: "00:30", SEVENTY_FIVE: "22:50"})}).content.decode()
    form = {**review_form(html), "merge-transit.serving|huan-kaiyuanhu-shangquan/75|last_run": "mine"}
    response = staff.post(URL, form)
    assert response.status_code == 302
    assert Serving.objects.get(plan_key=NINE).last_run == dt.time(0, 30)
    assert Serving.objects.get(plan_key=SEVENTY_FIVE).last_run == dt.time(23, 10)
    edition = PlanEdition.objects.get(name="2021年5月")
    assert edition.loaded_by.username == "wang" and edition.file_name == "plan-2021.json"
    assert Route.objects.get(slug="999").plan_edition == edition
    admin = Client()
    admin.force_login(User.objects.create_superuser("boss", password="x"))
    changes = admin.get("/admin/changes/").content.decode()
    assert "载入方案 2021年5月。" in changes and "wang" in changes
    assert "信息来自已发布的方案（洛阳日报，2021年5月）" in Client().get("/venues/xigong-xiaojie/").content.decode()


def test_a_file_that_is_not_a_plan_is_refused_with_the_reason(staff):
    response = staff.post(URL, {"file": SimpleUploadedFile("plan.pdf", b"%PDF-1.4 ...", "application/pdf")})
    assert response.status_code == 400
    assert "什么也没有载入" in response.content.decode()
    assert not PlanEdition.objects.exclude(name="2020年5月").exists()


@pytest.mark.parametrize("fmt", ["xlsx", "json"])
def test_staff_export_the_listings_and_loading_the_export_has_nothing_to_do(staff, fmt):
    response = staff.get(f"/admin/plan/export/{fmt}")
    assert response.status_code == 200 and f'.{fmt}"' in response["Content-Disposition"]
    upload = SimpleUploadedFile(f"plan.{fmt}", response.content)
    html = staff.post(URL, {"file": upload}).content.decode()
    assert "无需改动：本站已是这一版方案的内容。" in html
    assert 'id="plan-update"' not in html and 'id="plan-create"' not in html


def test_a_deleted_record_can_be_brought_back_and_its_own_rows_follow_it(staff):
    from venues.models import Place

    Place.objects.filter(plan_key="suitang-luoyangcheng-yizhi-gongyuan/mingtang").delete()
    html = staff.post(URL, {"file": edition_2021_file()}).content.decode()
    deleted = re.search(r'id="plan-deleted".*?<div class="(?:module|submit-row)', html, re.S).group(0)
    assert "明堂" in deleted and 'value="back"' in deleted
    response = staff.post(URL, {**review_form(html), "back-venues.place|suitang-luoyangcheng-yizhi-gongyuan/mingtang": "back"})
    assert response.status_code == 302
    assert Place.objects.get(name="明堂").plan_edition.name == "2021年5月"
