import pytest
from django.test import Client

from tests.admin.helpers import editor as make_editor


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded files go to a fresh folder of the test's own, never into the repository."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def editor(db):
    return make_editor()


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client
