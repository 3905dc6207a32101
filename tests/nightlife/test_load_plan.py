import copy
import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from events.models import Event, Offer, TourLine
from nightlife.plan import PlanError, load_plan, read_plan
from transit.models import Route, Serving, Stop
from venues.models import Highlight, Place, Theme, Venue

MODELS = [Theme, Venue, Place, Highlight, Route, Stop, Serving, Event, TourLine, Offer]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def plan_data():
    return read_plan(settings.PLAN_FIXTURE)


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("load_plan", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_loading_twice_changes_nothing(plan_data):
    first = load_plan(data=copy.deepcopy(plan_data))
    before = counts()
    second = load_plan(data=copy.deepcopy(plan_data))
    assert len(first.created) == sum(before.values())
    assert second.created == [] and second.updated == [] and second.differs == []
    assert counts() == before


@pytest.mark.django_db
def test_a_dry_run_reports_everything_and_saves_nothing():
    output = run("--dry-run")
    assert "would create 160" in output
    assert "create venues[0] (xigong-xiaojie)" in output
    assert all(n == 0 for n in counts().values())


@pytest.mark.django_db
def test_it_keeps_an_editors_change_and_says_so(plan):
    Venue.objects.filter(slug="xigong-xiaojie").update(slogan="编辑改过的主题")
    output = run()
    assert "differs" in output and "xigong-xiaojie" in output and "slogan" in output
    assert Venue.objects.get(slug="xigong-xiaojie").slogan == "编辑改过的主题"


@pytest.mark.django_db
def test_overwrite_restores_the_plan_including_themes(plan):
    venue = Venue.objects.get(slug="xigong-xiaojie")
    venue.slogan = "编辑改过的主题"
    venue.save()
    venue.themes.set([Theme.objects.get(slug="shopping")])
    output = run("--overwrite")
    assert "updated 1" in output
    venue.refresh_from_db()
    assert venue.slogan == "老汤 老料 老味道"
    assert [t.slug for t in venue.themes.all()] == ["food"]


@pytest.mark.django_db
def test_it_never_deletes_what_editors_added(plan):
    extra = Venue.objects.create(slug="new-quarter", name="新街区", kind="street")
    run("--overwrite")
    assert Venue.objects.filter(pk=extra.pk).exists()


@pytest.mark.django_db
def test_a_bad_record_names_itself_and_its_field_and_nothing_is_saved(plan_data, tmp_path):
    broken = copy.deepcopy(plan_data)
    broken["servings"][5]["last_run"] = "25:00"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("load_plan", str(path))
    message = str(error.value)
    assert "servings[5]" in message and "last_run" in message and "25:00" in message
    assert all(n == 0 for n in counts().values()), "a failed load must leave no rows behind"


@pytest.mark.django_db
def test_a_failure_late_in_the_file_rolls_back_the_records_before_it(plan_data):
    broken = copy.deepcopy(plan_data)
    broken["events"][-1]["themes"] = ["no-such-theme"]
    with pytest.raises(PlanError, match=r"events\[9\].*themes.*no-such-theme"):
        load_plan(data=broken)
    assert Venue.objects.count() == 0 and Serving.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("change, expected", [
    (lambda d: d["venues"][0].update(colour="red"), r"venues\[0\] \(xigong-xiaojie\)\.colour: unknown field"),
    (lambda d: d["venues"][1].update(kind="castle"), r"venues\[1\].*kind"),
    (lambda d: d["servings"][0].update(route="999"), r"servings\[0\].*route.*'999'"),
    (lambda d: d["events"][4].update(place="不存在"), r"events\[4\].*place"),
    (lambda d: d["events"][8].update(first_night="2020-02-30"), r"events\[8\].*first_night"),
    (lambda d: d["servings"][4].update(last_run_kind=""), r"servings\[4\].*last_run_kind"),
])
def test_each_kind_of_mistake_is_named(plan_data, change, expected):
    broken = copy.deepcopy(plan_data)
    change(broken)
    with pytest.raises(PlanError, match=expected):
        load_plan(data=broken)
    assert Venue.objects.count() == 0


@pytest.mark.django_db
def test_a_file_that_is_not_json_is_refused_clearly(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("load_plan", str(path))
