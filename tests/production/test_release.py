"""A deploy of a template or translation fix is visible at once: pages and their pieces are kept
under the release (core.freshness), not only the generation, so what the release before kept is
never read again (docs/caching.md)."""

import shutil

import pytest
from django.conf import settings as django_settings

pytestmark = pytest.mark.django_db


def restart_the_process():
    """What a deploy does: the processes start again, each working out its release once."""
    try:
        from core.freshness import release
    except ImportError:  # before releases were in the keys: nothing to work out
        return
    release.cache_clear()


@pytest.fixture(autouse=True)
def started_afresh():
    restart_the_process()
    yield
    restart_the_process()


def test_a_template_fix_is_in_the_next_page_and_its_pieces_not_behind_the_kept_ones(client, plan, at, settings,
                                                                                    tmp_path):
    at("2026-05-08 19:30")
    settings.PAGE_CACHE_SECONDS = 60
    before = client.get("/en/").content.decode()
    assert 'class="card event-card' in before and "release-fix" not in before
    # A second request is the kept page: the same bytes.
    assert client.get("/en/").content.decode() == before
    # The deploy: the event card's template fixed (a word inside its piece), processes restarted.
    fixed = tmp_path / "templates"
    (fixed / "includes").mkdir(parents=True)
    card = (django_settings.BASE_DIR / "templates" / "includes" / "_event_card.html").read_text(encoding="utf-8")
    (fixed / "includes" / "_event_card.html").write_text(
        card.replace('<article class="card event-card', '<article data-fix="release-fix" class="card event-card', 1),
        encoding="utf-8")
    shutil.copytree(django_settings.BASE_DIR / "templates", fixed, dirs_exist_ok=True,
                    ignore=lambda folder, names: [name for name in names if name == "_event_card.html"])
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [fixed]}]
    restart_the_process()
    after = client.get("/en/").content.decode()
    # Same minute, same generation: only the release tells the kept page and cards from the fix.
    assert after.count('data-fix="release-fix"') == before.count('class="card event-card')


def test_the_release_changes_with_any_template_or_compiled_translation(tmp_path):
    from core.freshness import release_of

    (tmp_path / "templates").mkdir()
    (tmp_path / "locale").mkdir()
    page, messages = tmp_path / "templates" / "page.html", tmp_path / "locale" / "django.mo"
    page.write_text("<p>{% translate 'Tonight' %}</p>", encoding="utf-8")
    messages.write_bytes(b"one")
    folders = [tmp_path / "templates", tmp_path / "locale"]
    first = release_of(folders)
    assert release_of(folders) == first
    messages.write_bytes(b"two")
    second = release_of(folders)
    page.write_text("<p>{% translate 'Tonight!' %}</p>", encoding="utf-8")
    assert len({first, second, release_of(folders)}) == 3
