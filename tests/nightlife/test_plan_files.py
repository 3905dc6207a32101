"""Plan files staff make: JSON and XLSX, exported from the listings and loaded back."""

import datetime as dt
import io
from io import StringIO

import openpyxl
import pytest
from django.core.management import call_command

from nightlife import plan_files, plan_xlsx
from nightlife.plan_export import current_plan
from nightlife.plan import CREATE, UPDATE, load_plan
from transit.models import Serving
from venues.models import Highlight

pytestmark = pytest.mark.usefixtures("plan")

SERVINGS = "途经与末班 servings"


def edited_site():
    """Listings as editors leave them: a last run and a name changed since the plan."""
    row = Serving.objects.get(plan_key="huan-kaiyuanhu-shangquan/75")
    before = {"last_run": row.last_run}
    row.last_run = dt.time(23, 10)
    row.note_edit(before)
    row.save()
    Highlight.objects.filter(name="达人秀").update(name="洛邑达人秀")


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_export_then_load_has_nothing_to_do(fmt, tmp_path):
    edited_site()
    path = tmp_path / f"plan.{fmt}"
    call_command("export_plan", str(path), verbosity=0)
    report = load_plan(data=plan_files.read_file(path), dry_run=True)
    assert report.nothing_to_do, [(r.outcome, r.where) for r in report.reviews]
    out = StringIO()
    summary = call_command("load_plan", str(path), stdout=out)
    assert "created 0, updated 0" in summary
    assert Serving.objects.get(plan_key="huan-kaiyuanhu-shangquan/75").plan_changes["last_run"]["plan"] == "22:40:00"


def test_the_export_holds_the_shipped_plan_record_for_record():
    from django.conf import settings

    from nightlife.plan import read_plan

    shipped, exported = read_plan(settings.PLAN_FIXTURE), current_plan()
    for section in ("themes", "venues", "routes", "stops", "servings", "events"):
        assert [r["plan_key"] for r in exported[section]] == [r["plan_key"] for r in shipped[section]] or \
            sorted(r["plan_key"] for r in exported[section]) == sorted(r["plan_key"] for r in shipped[section])
    nine = next(s for s in exported["servings"] if s["plan_key"] == "xigong-xiaojie/9")
    assert nine == next(s for s in shipped["servings"] if s["plan_key"] == "xigong-xiaojie/9")


def workbook():
    return openpyxl.load_workbook(io.BytesIO(plan_xlsx.write(current_plan())))


def save(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def column(ws, name):
    return next(cell.column for cell in ws[1] if cell.value.endswith(f"/ {name}"))


def nine_row(ws):
    key = column(ws, "plan_key")
    return next(row[0].row for row in ws.iter_rows(min_row=2) if row[key - 1].value == "xigong-xiaojie/9")


@pytest.mark.parametrize("typed", ["00:30", "0030", "凌晨0:30", dt.time(0, 30)])
def test_a_time_is_read_as_people_type_it_and_the_change_is_applied(typed):
    book = workbook()
    book["方案 source"]["A2"] = "2021年5月"
    ws = book[SERVINGS]
    ws.cell(nine_row(ws), column(ws, "last_run")).value = typed
    report = load_plan(data=plan_xlsx.read("plan.xlsx", save(book)))
    [update] = report.of(UPDATE)
    assert update.where.startswith(f"{SERVINGS}, 第") or update.where.startswith(f"{SERVINGS}, row")
    assert Serving.objects.get(plan_key="xigong-xiaojie/9").last_run == dt.time(0, 30)


def test_a_new_route_typed_as_a_number_is_created():
    book = workbook()
    book["方案 source"]["A2"] = "2021年5月"
    ws = book["线路 routes"]
    ws.append(["999", 999, "999路", "Route 999"])
    report = load_plan(data=plan_xlsx.read("plan.xlsx", save(book)))
    assert [r.plan_key for r in report.of(CREATE)] == ["999"]


def test_the_headers_are_chinese_with_the_english_beside_them():
    ws = workbook()[SERVINGS]
    headers = [cell.value for cell in ws[1]]
    assert headers[0] == "方案编号 / plan_key" or headers[0].endswith(" / plan_key")
    assert any(h.startswith("末班") and h.endswith("/ last_run") for h in headers), headers
