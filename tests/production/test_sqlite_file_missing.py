"""A SQLite file that goes missing is a 503, never a new empty database; the file put back is
served at once (issue 24). Real gunicorn: the connection it keeps between requests is the point."""

import shutil

import pytest

from tests.production.conftest import fetch, gunicorn

pytestmark = [pytest.mark.processes, pytest.mark.django_db(transaction=True)]


def test_a_missing_database_file_is_a_503_and_not_recreated_and_its_return_is_served_at_once(site_db, tmp_path):
    path = tmp_path / "site.sqlite3"
    aside = tmp_path / "aside.sqlite3"
    with gunicorn(site_db) as url:
        assert fetch(f"{url}/healthz")[0] == 200
        assert fetch(f"{url}/en/venues/xigong-xiaojie/")[0] == 200  # a connection kept open

        shutil.copyfile(path, aside)
        path.unlink()
        for address in ("/healthz", "/en/venues/xigong-xiaojie/", "/en/transit/"):
            status, headers, _ = fetch(url + address)
            assert status == 503, address
        assert not path.exists(), "the site made a new, empty database file"

        shutil.copyfile(aside, path)  # the backup put back: a new file at the same path
        assert fetch(f"{url}/healthz")[0] == 200
        status, _, body = fetch(f"{url}/en/venues/xigong-xiaojie/")
        assert status == 200 and "Xigong" in body
