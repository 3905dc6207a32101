"""The plan as a spreadsheet (XLSX, opened by Excel and WPS), read and written with openpyxl.

One sheet per kind of record, named in Chinese with the English beside it ("途经与末班 servings");
row 1 holds the column headers, the Chinese label with the field's English name beside it
("末班时间 / last_run"): the English name is what the loader reads, so a header must be exactly
as Export writes it. A child record names its parent in its first column (a place its venue's
slug, a tour line its event's slug). Times are read as people type them (21:00, 2100, 凌晨1:00,
or a time cell), booleans as 是/否, yes/no, TRUE/FALSE or 1/0, lists (themes) as slugs separated
by commas or 、.

Refused, naming the sheet, the row and the column, before anything is read into the plan: a
file that is not a spreadsheet, a missing or hidden sheet, a missing, unknown or renamed header,
a formula, merged cells, an empty row between records, a time that is no clock time (25:00).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from django.utils.translation import gettext as _, override

from core.nighttime import parse_clock
from nightlife.plan import PlanError

# (sheet, section, parent column or None, columns): columns in the order written.
SOURCE_SHEET = "方案 source"
SOURCE_COLUMNS = {"edition": "版本", "edition_en": "版本（英文）", "published": "发布时间", "publication": "刊载于",
                  "publication_en": "刊载于（英文）", "page": "版面"}
SHEETS = [
    ("主题 themes", "themes", None, ["plan_key", "slug", "name", "name_en", "position"]),
    ("集聚地与场所 venues", "venues", None,
     ["plan_key", "slug", "name", "name_en", "kind", "is_quarter", "slogan", "slogan_en", "description",
      "description_en", "themes", "open_all_day", "opens_at", "closes_at", "hours_note", "hours_note_en",
      "routes_are_partial", "position"]),
    ("地点 places", "places", "venue", ["venue", "plan_key", "name", "name_en", "position"]),
    ("亮点 highlights", "highlights", "venue",
     ["venue", "plan_key", "name", "name_en", "description", "description_en", "position"]),
    ("线路 routes", "routes", None, ["plan_key", "slug", "name", "name_en"]),
    ("站点 stops", "stops", None, ["plan_key", "slug", "name", "name_en", "venue"]),
    ("途经与末班 servings", "servings", None,
     ["plan_key", "venue", "route", "position", "last_run", "last_run_kind", "last_run_stop"]),
    ("活动 events", "events", None,
     ["plan_key", "slug", "name", "name_en", "kind", "venue", "place", "channel", "channel_en", "starts_at",
      "ends_at", "all_day", "first_night", "last_night", "themes", "description", "description_en", "position"]),
    ("游览线路 tour lines", "tour_lines", "event",
     ["event", "plan_key", "name", "name_en", "description", "description_en", "position"]),
    ("优惠 offers", "offers", "event",
     ["event", "plan_key", "name", "name_en", "description", "description_en", "price", "quantity", "channel",
      "channel_en", "first_day", "last_day"]),
]
MODELS = {"themes": "venues.Theme", "venues": "venues.Venue", "places": "venues.Place",
          "highlights": "venues.Highlight", "routes": "transit.Route", "stops": "transit.Stop",
          "servings": "transit.Serving", "events": "events.Event", "tour_lines": "events.TourLine",
          "offers": "events.Offer"}
PARENTS = {"places": "venues", "highlights": "venues", "tour_lines": "events", "offers": "events"}
TIMES = {"opens_at", "closes_at", "last_run", "starts_at", "ends_at"}
BOOLEANS = {"is_quarter", "open_all_day", "routes_are_partial", "all_day"}
DATES = {"first_night", "last_night", "first_day", "last_day"}
LISTS = {"themes"}
NUMBERS = {"position", "quantity"}
DECIMALS = {"price"}
YES, NO = {"是", "yes", "y", "true", "1", "√", "✓"}, {"否", "no", "n", "false", "0", ""}


def _labels(section: str) -> dict[str, str]:
    """Each column's Chinese label: the model field's verbose name in Chinese."""
    from django.apps import apps

    model = apps.get_model(MODELS[section])
    labels = {}
    with override("zh-hans"):
        for name in dict.fromkeys(c for sheet in SHEETS if sheet[1] == section for c in sheet[3]):
            try:
                labels[name] = str(model._meta.get_field(name).verbose_name)
            except Exception:  # noqa: BLE001 (a parent column: the parent's kind)
                parent = PARENTS.get(section)
                labels[name] = str(apps.get_model(MODELS[parent])._meta.verbose_name) if parent else name
    return labels


def header(section: str, name: str, labels: dict[str, str]) -> str:
    return f"{labels[name]} / {name}"


def _column(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


class _Sheet:
    """One sheet being read: messages name it, and the row and column."""

    def __init__(self, name: str, ws):
        self.name, self.ws = name, ws

    def error(self, message: str, row: int | None = None, column: int | None = None) -> PlanError:
        where = _("sheet “%(sheet)s”") % {"sheet": self.name}
        if row is not None and column is not None:
            where += _(", cell %(cell)s (row %(row)s, column %(column)s)") % {
                "cell": f"{_column(column)}{row}", "row": row, "column": _column(column)}
        elif row is not None:
            where += _(", row %(row)s") % {"row": row}
        return PlanError(f"{where}: {message}")


def read(name: str, content: bytes) -> dict[str, Any]:
    """The plan in the XLSX file `content` (called `name`). Raises PlanError."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise PlanError(_("%(file)s: not a spreadsheet that can be read (%(reason)s)")
                        % {"file": name, "reason": exc.__class__.__name__}) from None
    by_name = {ws.title: ws for ws in book.worksheets}
    data: dict[str, Any] = {"source": _read_source(by_name)}
    tables = {}
    for sheet, section, parent, columns in SHEETS:
        tables[section] = _read_table(by_name, sheet, section, columns)
    for section in ("themes", "venues", "routes", "stops", "servings", "events"):
        data[section] = [record for _row, record in tables[section]]
    for child, parent_section in PARENTS.items():
        parent_column = "venue" if parent_section == "venues" else "event"
        parents = {record.get("slug"): record for record in data[parent_section]}
        for record in data[parent_section]:
            record[child] = []
        sheet = next(s for s in SHEETS if s[1] == child)[0]
        for row, record in tables[child]:
            slug = record.pop(parent_column, None)
            if slug not in parents:
                column = 1
                raise _Sheet(sheet, None).error(
                    _("no %(kind)s with slug “%(slug)s” in the file") % {"kind": parent_column, "slug": slug},
                    row, column)
            parents[slug][child].append(record)
    return data


def _visible(by_name: dict, sheet: str):
    ws = by_name.get(sheet)
    if ws is None:
        raise PlanError(_("the sheet “%(sheet)s” is missing (the sheets are: %(sheets)s)")
                        % {"sheet": sheet, "sheets": "、".join(by_name)})
    if ws.sheet_state != "visible":
        raise _Sheet(sheet, ws).error(_("the sheet is hidden: show it, or take it out of the file"))
    if ws.merged_cells.ranges:
        first = sorted(str(r) for r in ws.merged_cells.ranges)[0]
        raise _Sheet(sheet, ws).error(_("merged cells (%(range)s): unmerge them, one value per cell")
                                      % {"range": first})
    return ws


def _cells(sheet: _Sheet):
    """(row number, [cell values]) of each row after the header, formulas refused."""
    for row in sheet.ws.iter_rows(min_row=2):
        values = []
        for cell in row:
            if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("=")):
                raise sheet.error(_("a formula (%(formula)s): type the value itself") % {"formula": cell.value},
                                  cell.row, cell.column)
            values.append(cell.value)
        yield row[0].row, values


def _read_source(by_name: dict) -> dict[str, Any]:
    ws = _visible(by_name, SOURCE_SHEET)
    sheet = _Sheet(SOURCE_SHEET, ws)
    headers = [c.value for c in ws[1]]
    wanted = {f"{label} / {key}": key for key, label in SOURCE_COLUMNS.items()}
    source = {}
    for column, text in enumerate(headers, start=1):
        if text is None:
            continue
        if text not in wanted:
            raise sheet.error(_("unknown column header “%(header)s”") % {"header": text}, 1, column)
    rows = [values for _row, values in _cells(sheet) if any(v not in (None, "") for v in values)]
    values = rows[0] if rows else []
    for column, text in enumerate(headers, start=1):
        if text in wanted:
            value = values[column - 1] if column - 1 < len(values) else None
            if isinstance(value, dt.datetime):  # a spreadsheet may take 2021-05-08 for a date
                value = value.date().isoformat()
            source[wanted[text]] = _text(value)
    return source


def _read_table(by_name: dict, sheet_name: str, section: str, columns: list[str]) -> list[tuple[int, dict]]:
    ws = _visible(by_name, sheet_name)
    sheet = _Sheet(sheet_name, ws)
    labels = _labels(section)
    expected = {header(section, name, labels): name for name in columns}
    by_key = {name: text for text, name in expected.items()}
    found = {}
    for cell in ws[1]:
        if cell.value in (None, ""):
            continue
        text = str(cell.value).strip()
        if text not in expected:
            raise sheet.error(_("unknown or renamed column header “%(header)s”: the headers are as Export writes "
                                "them (%(headers)s)") % {"header": text, "headers": "、".join(by_key.values())},
                              1, cell.column)
        found[expected[text]] = cell.column
    for name in columns:
        if name not in found:
            raise sheet.error(_("the column “%(header)s” is missing") % {"header": by_key[name]}, 1)
    records, gap = [], None
    for row, values in _cells(sheet):
        if all(value in (None, "") or (isinstance(value, str) and not value.strip()) for value in values):
            gap = gap or row
            continue
        if gap is not None:
            raise sheet.error(_("row %(gap)s is empty between records: delete the empty row") % {"gap": gap}, gap)
        record = {}
        for name, column in found.items():
            value = values[column - 1] if column - 1 < len(values) else None
            try:
                record[name] = _value(name, value)
            except ValueError as exc:
                raise sheet.error(f"{by_key[name]}: {exc} ({_('got')} {value!r})", row, column) from None
        record["_where"] = f"{sheet_name}, {_('row %(row)s') % {'row': row}}"
        records.append((row, record))
    return records


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _value(name: str, value):
    if name in TIMES:
        if value in (None, ""):
            return None
        if isinstance(value, dt.datetime):
            value = value.time()
        if isinstance(value, dt.time):
            return f"{value:%H:%M}"
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = _text(value)
        try:
            return f"{parse_clock(str(value)):%H:%M}"
        except ValueError:
            raise ValueError(_("not a clock time such as 21:00, 2100 or 凌晨1:00")) from None
    if name in BOOLEANS:
        if isinstance(value, bool):
            return value
        text = _text(value).lower()
        if text in YES:
            return True
        if text in NO:
            return False
        raise ValueError(_("not yes or no (是 or 否)"))
    if name in DATES:
        if value in (None, ""):
            return None
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        return _text(value)
    if name in LISTS:
        text = _text(value).replace("、", ",").replace("，", ",")
        return [part.strip() for part in text.split(",") if part.strip()]
    if name in NUMBERS:
        if value in (None, ""):
            return None
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value if isinstance(value, int) else _text(value)
    if name in DECIMALS:
        return None if value in (None, "") else _text(value)
    if name in ("venue", "route", "last_run_stop", "event", "place"):
        return _text(value) or None
    return _text(value)


def write(data: dict[str, Any]) -> bytes:
    """`data` (a plan as plan_export.current_plan gives it) as an XLSX file."""
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = SOURCE_SHEET
    ws.append([f"{label} / {key}" for key, label in SOURCE_COLUMNS.items()])
    ws.append([data.get("source", {}).get(key, "") for key in SOURCE_COLUMNS])
    rows = {section: list(data.get(section, [])) for section in ("themes", "venues", "routes", "stops", "servings",
                                                                 "events")}
    for child, parent_section in PARENTS.items():
        parent_column = "venue" if parent_section == "venues" else "event"
        rows[child] = [{**record, parent_column: parent.get("slug")}
                       for parent in data.get(parent_section, []) for record in parent.get(child, [])]
    for sheet_name, section, _parent, columns in SHEETS:
        ws = book.create_sheet(sheet_name)
        labels = _labels(section)
        ws.append([header(section, name, labels) for name in columns])
        for record in rows[section]:
            ws.append([_cell(name, record.get(name)) for name in columns])
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # a text, never a formula
    for ws in book.worksheets:
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(name: str, value):
    if name in LISTS:
        return ", ".join(value or [])
    if name in BOOLEANS:
        return "是" if value else "否"
    return value
