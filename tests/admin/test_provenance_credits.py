"""A photo's credit in the page's language: the English page shows the English credit, or the
Chinese one marked as Chinese where none is written; the admin's photo rows take both."""

import pytest

from tests.admin.helpers import editor, open_form
from tests.factories import make_venue
from tests.photos.helpers import make_photo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_english_page_shows_the_english_credit_and_the_chinese_page_the_chinese(client):
    venue = make_venue(status="published")
    make_photo(venue, credit="洛阳市文旅局", credit_en="Luoyang Culture and Tourism Bureau")
    path = venue.get_absolute_url()  # before an English request leaves English active here
    english = client.get("/en" + path).content.decode()
    assert "Photo: Luoyang Culture and Tourism Bureau" in english and "洛阳市文旅局" not in english
    chinese = client.get(path).content.decode()
    assert "摄影：洛阳市文旅局" in chinese and "Luoyang Culture and Tourism Bureau" not in chinese


def test_without_an_english_credit_the_english_page_marks_the_chinese_one_as_chinese(client):
    venue = make_venue(status="published")
    make_photo(venue, credit="洛阳市文旅局")
    english = client.get("/en" + venue.get_absolute_url()).content.decode()
    assert 'Photo: <span lang="zh-Hans">洛阳市文旅局</span>' in english


def test_no_credit_no_caption(client):
    venue = make_venue(status="published")
    make_photo(venue, credit_en="Someone")  # an English credit alone: the Chinese page says nothing
    assert "<figcaption>" not in client.get(venue.get_absolute_url()).content.decode()


def test_the_photo_row_in_the_admin_takes_both_credits(client):
    client.force_login(editor())
    venue = make_venue()
    make_photo(venue, credit="洛阳市文旅局")
    url, data = open_form(client, venue)
    assert "photos-0-credit_en" in data and data["photos-0-credit"] == ["洛阳市文旅局"]
