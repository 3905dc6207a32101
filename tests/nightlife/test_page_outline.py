"""Every public page's outline, from its HTML (no browser needed): one h1 first, and headings that
never skip a level (Lighthouse's heading-order; lists head their cards with the result count)."""

import re

import pytest

from tests.browser.pages import both_languages

HEADING = re.compile(r"<h([1-6])[\s>]")


@pytest.fixture
def pages(client, plan, at):
    at("2026-05-08 22:20")  # some runs still to come and some gone: both looks are read
    return {path: (client.get(path), status) for path, status in both_languages()}


def test_every_public_page_answers_as_expected_and_its_headings_never_skip_a_level(pages):
    wrong = {}
    for path, (response, status) in pages.items():
        levels = [int(level) for level in HEADING.findall(response.content.decode())]
        jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
        if response.status_code != status or levels.count(1) != 1 or levels[:1] != [1] or jumps:
            wrong[path] = (response.status_code, levels)
    assert wrong == {}


def test_the_outline_check_catches_a_skipped_level():
    levels = [int(level) for level in HEADING.findall("<h1>a</h1><h3 class='x'>b</h3>")]
    assert [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1] == [(1, 3)]
