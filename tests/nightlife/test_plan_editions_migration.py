"""A database the loader filled before plan editions existed migrates to the first edition, the
2020 plan, with nothing lost: editors' changes, renames and deletions stay theirs."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from events.models import Event
from nightlife.models import LoadedPlanKey
from transit.models import Serving
from venues.models import Highlight, Place, PlanEdition, Venue

BEFORE_EDITIONS = [("venues", "0009_plan_changes_photo_credit_en"), ("events", "0008_plan_changes_photo_credit_en"),
                   ("transit", "0005_plan_changes")]


def migrate(targets=None):
    """To `targets`, or (None) to the latest migration of every app, as the tests after expect."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())


def load(*args) -> str:
    out = StringIO()
    return out.getvalue() + call_command("load_plan", *args, stdout=out)


@pytest.mark.django_db(transaction=True)
def test_a_database_loaded_before_editions_migrates_to_the_2020_edition_with_nothing_lost(live_plan):
    row = Serving.objects.get(plan_key="huan-kaiyuanhu-shangquan/75")  # an editor's change, as the admin saves it
    before = {"last_run": row.last_run}
    row.last_run = dt.time(23, 10)
    row.note_edit(before)
    row.save()
    Place.objects.filter(name="明堂").delete()
    Highlight.objects.filter(name="达人秀").update(name="洛邑达人秀")
    # Back to the schema of the code before editions: the tables as that loader left them.
    migrate(BEFORE_EDITIONS)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM venues_loadedplankey")
        loaded = cursor.fetchone()[0]
    migrate()

    [edition] = PlanEdition.objects.all()
    assert (edition.name, edition.name_en, edition.published, edition.publication) == (
        "2020年5月", "May 2020", "2020-05", "洛阳日报")
    assert LoadedPlanKey.objects.count() == loaded and not LoadedPlanKey.objects.exclude(edition=edition).exists()
    assert LoadedPlanKey.objects.get(plan_key="xigong-xiaojie/9").values == {
        "position": 5, "last_run": "01:00:00", "last_run_kind": "passes", "venue": "xigong-xiaojie", "route": "9",
        "last_run_stop": None}
    assert not Venue.objects.filter(plan_key__isnull=False).exclude(plan_edition=edition).exists()
    assert not Event.objects.filter(plan_key__isnull=False).exclude(plan_edition=edition).exists()

    output = load()
    assert ("created 0, updated 0, kept 2 edited record(s) that differ from the plan, "
            "kept 1 record(s) editors deleted") in output
    assert Serving.objects.get(plan_key="huan-kaiyuanhu-shangquan/75").last_run == dt.time(23, 10)
    assert Highlight.objects.filter(name="洛邑达人秀").count() == 1 and not Place.objects.filter(name="明堂").exists()
    assert Group.objects.get(name="Plan staff").permissions.filter(codename="add_planedition").exists()
