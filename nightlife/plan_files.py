"""Plan files staff make: JSON (as fixtures/plan.json) and XLSX spreadsheets, read into the one
form the loader (nightlife/plan.py) takes, and written from the database (export)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from nightlife import plan_export, plan_xlsx
from nightlife.plan import PlanError

# A plan file is well under 1 MB (the 2020 plan: 80 KB as JSON); anything near this is the wrong file.
MAX_BYTES = 5 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"  # an XLSX file is a zip archive


def read_file(path) -> dict[str, Any]:
    """The plan in the file at `path`, JSON or XLSX by its content. Raises PlanError."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise PlanError(f"{path}: no such file") from None
    if size > MAX_BYTES:
        raise PlanError(_("%(file)s: too large for a plan file (at most %(mb)s MB)")
                        % {"file": path.name, "mb": MAX_BYTES // (1024 * 1024)})
    return read_bytes(path.name, path.read_bytes())


def read_upload(name: str, upload) -> dict[str, Any]:
    """The plan in an uploaded file (read at most MAX_BYTES + 1). Raises PlanError."""
    content = upload.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise PlanError(_("%(file)s: too large for a plan file (at most %(mb)s MB)")
                        % {"file": name, "mb": MAX_BYTES // (1024 * 1024)})
    return read_bytes(name, content)


def read_bytes(name: str, content: bytes) -> dict[str, Any]:
    if content.startswith(ZIP_MAGIC):
        return plan_xlsx.read(name, content)
    if content.lstrip()[:1] != b"{":
        raise PlanError(_("%(file)s: not a plan file (a JSON file or an XLSX spreadsheet)") % {"file": name})
    try:
        data = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PlanError(_("%(file)s: not valid JSON (%(reason)s)") % {"file": name, "reason": exc}) from None
    if not isinstance(data, dict):
        raise PlanError(f"{name}: expected an object with themes, venues, routes, stops, servings, events")
    return data


def message(exc: PlanError) -> str:
    """What to tell the person about `exc`, in the active language."""
    return _("Nothing was loaded: %(reason)s") % {"reason": exc}


def export(fmt: str) -> tuple[bytes, str, str]:
    """The listings as a plan file: (content, content type, file name)."""
    data = plan_export.current_plan()
    stem = f"plan-{data['source'].get('published') or 'export'}"  # ASCII: a header's file name
    if fmt == "xlsx":
        return (plan_xlsx.write(data), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                f"{stem}.xlsx")
    return (json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"), "application/json", f"{stem}.json")
