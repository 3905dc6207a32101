"""Plan files staff make: JSON (as fixtures/plan.json) and XLSX spreadsheets, read into the one
form the loader (nightlife/services.py) takes, and written from the database (export)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nightlife.services import PlanError, read_plan


def read_file(path) -> dict[str, Any]:
    """The plan in `path`, JSON or XLSX by its content. Raises PlanError naming what is wrong."""
    path = Path(path)
    return read_plan(path)
