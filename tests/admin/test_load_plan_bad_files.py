"""Bad plan files: each is refused with a message naming the sheet, row and column (or the record
and field) in the staff member's language, and nothing is written."""

import datetime as dt
import io
import json

import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from nightlife import plan_files, plan_xlsx
from nightlife.plan_export import current_plan
from transit.models import Route, Serving
from venues.models import PlanEdition

pytestmark = pytest.mark.usefixtures("plan")

URL = "/admin/plan/load/"
SERVINGS, ROUTES = "途经与末班 servings", "线路 routes"


def column(ws, name):
    return next(cell.column for cell in ws[1] if str(cell.value).endswith(f"/ {name}"))


def book_with(change):
    """The listings exported as a new edition (a new route in it, which must not be saved),
    then spoiled by `change(book)`."""
    book = openpyxl.load_workbook(io.BytesIO(plan_xlsx.write(current_plan())))
    book["方案 source"]["A2"] = "2021年5月"
    book[ROUTES].append(["999", "999", "999路", "Route 999"])
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def drop_sheet(book):
    del book["优惠 offers"]


def drop_column(book):
    book[SERVINGS].delete_cols(column(book[SERVINGS], "last_run"))


def rename_header(book):
    book[SERVINGS].cell(1, column(book[SERVINGS], "last_run")).value = "末班车 / last_bus"


def formula(book):
    book[SERVINGS].cell(6, column(book[SERVINGS], "position")).value = "=1+1"


def merged(book):
    book[SERVINGS].merge_cells("A3:B3")


def hidden(book):
    book[ROUTES].sheet_state = "hidden"


def twenty_five(book):
    book[SERVINGS].cell(6, column(book[SERVINGS], "last_run")).value = "25:00"


def duplicate_key(book):
    ws = book[ROUTES]
    ws.cell(3, column(ws, "plan_key")).value = ws.cell(2, column(ws, "plan_key")).value


def unknown_route(book):
    book[SERVINGS].cell(6, column(book[SERVINGS], "route")).value = "999x"


def empty_row(book):
    ws = book[SERVINGS]
    ws.insert_rows(10)


def xlsx(change):
    return lambda: ("plan.xlsx", book_with(change))


CASES = {
    "wrong file type": (lambda: ("plan.pdf", b"%PDF-1.4 not a plan"), ["plan.pdf", "不是方案文件"]),
    "broken JSON": (lambda: ("plan.json", b'{"themes": ['), ["plan.json", "不是有效的 JSON"]),
    "missing sheet": (xlsx(drop_sheet), ["缺少工作表“优惠 offers”"]),
    "missing column": (xlsx(drop_column), ["工作表“途经与末班 servings”", "/ last_run”这一列"]),
    "renamed header": (xlsx(rename_header), ["工作表“途经与末班 servings”", "末班车 / last_bus", "第 1 行"]),
    "formula": (xlsx(formula), ["工作表“途经与末班 servings”", "第 6 行", "=1+1"]),
    "merged cells": (xlsx(merged), ["工作表“途经与末班 servings”", "A3:B3"]),
    "hidden sheet": (xlsx(hidden), ["工作表“线路 routes”", "隐藏"]),
    "25:00": (xlsx(twenty_five), ["工作表“途经与末班 servings”", "第 6 行", "/ last_run", "25:00"]),
    "duplicate key": (xlsx(duplicate_key), ["线路 routes, 第 3 行", "plan_key", "已被 线路 routes, 第 2 行"]),
    "unknown route": (xlsx(unknown_route), ["途经与末班 servings, 第 6 行", ".route", "方案中没有代码为", "999x"]),
    "empty row": (xlsx(empty_row), ["工作表“途经与末班 servings”", "第 10 行", "空行"]),
    "too large": (lambda: ("plan.json", b"{" + b" " * (plan_files.MAX_BYTES + 10) + b"}"), ["太大", "5 MB"]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_file_is_refused_naming_where_and_nothing_is_written(staff, case):
    make, expected = CASES[case]
    name, content = make()
    before = list(Serving.objects.values_list("plan_key", "last_run"))
    response = staff.post(URL, {"file": SimpleUploadedFile(name, content)})
    html = response.content.decode()
    assert response.status_code == 400
    assert "什么也没有载入" in html or "太大" in html
    for part in expected:
        assert part in html, (part, html[html.find("errornote"):][:600])
    assert not PlanEdition.objects.filter(name="2021年5月").exists()
    assert not Route.objects.filter(slug="999").exists()
    assert list(Serving.objects.values_list("plan_key", "last_run")) == before


def test_a_20_mb_file_given_to_the_command_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "plan.xlsx"
    with path.open("wb") as f:
        f.truncate(20 * 1024 * 1024)
    with pytest.raises(CommandError, match="too large for a plan file"):
        call_command("load_plan", str(path))
    assert Serving.objects.get(plan_key="xigong-xiaojie/9").last_run == dt.time(1, 0)


def test_a_broken_json_plan_given_to_the_command_names_the_record_and_field(tmp_path):
    data = json.loads(settings.PLAN_FIXTURE.read_text(encoding="utf-8"))
    data["servings"][4]["last_run"] = "25:00"
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match=r"servings\[4\] \(9 at xigong-xiaojie\)\.last_run"):
        call_command("load_plan", str(path))
