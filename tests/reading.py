"""Reading a page as a visitor does: fetch it, then its cards, runs, badges, fields and text."""

import re
from html import unescape


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, f"{url}: {response.status_code}"
    return response.content.decode()


def cards(html):
    """(href, title) of each result card, in page order."""
    return [(href, unescape(title)) for href, title in
            re.findall(r'<h3 class="card-title"><a href="([^"]*)">([^<]*)</a></h3>', html)]


def card_titles(html):
    return [title for _, title in cards(html)]


def section(html, start_marker, end_marker="</section>"):
    """The part of the page from `start_marker` to the next `end_marker`."""
    start = html.index(start_marker)
    return html[start:html.index(end_marker, start)]


def runs(html):
    """The <li class="run..."> items of a block of HTML, in order."""
    return re.findall(r'<li class="run[^"]*">(.*?)</li>', html, flags=re.S)


def route_badges(html):
    return re.findall(r'class="route-badge" href="[^"]*">([^<]*)</a>', html)


def run_for(html, route_name):
    """The one run item whose route badge is `route_name` (so 1路 never matches 101路)."""
    found = [item for item in runs(html) if f'>{route_name}</a>' in item]
    assert len(found) == 1, f"{route_name}: {len(found)} runs"
    return found[0]


def field_block(html, name):
    """The filter form's <div class="field"> holding the input called `name`."""
    blocks = [block for block in html.split('<div class="field')[1:] if f'name="{name}"' in block]
    assert len(blocks) == 1
    return blocks[0]


def text(html):
    """Visible text, tags dropped and whitespace collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
