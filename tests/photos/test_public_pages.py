"""Photos on the public pages: <picture> with WebP and JPEG, srcset, sizes, width and height; the
first eager, the rest lazy; alt text and credit in the page's language; nothing when none."""

from html.parser import HTMLParser

import pytest

from tests import photo_files as files
from tests.factories import make_event, make_venue
from tests.admin.helpers import zh as chinese
from tests.html_parts import og
from tests.photos.helpers import make_photo, stored_paths


class _Pictures(HTMLParser):
    """Each <picture> as {"sources": [attrs], "img": attrs, "class": the figure's class}."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pictures, self.figcaptions, self._figure_class, self._caption = [], [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure":
            self._figure_class = attrs.get("class", "")
        elif tag == "picture":
            self.pictures.append({"sources": [], "img": None, "figure": self._figure_class,
                                  "class": attrs.get("class", "")})
        elif tag == "source" and self.pictures:
            self.pictures[-1]["sources"].append(attrs)
        elif tag == "img" and self.pictures and self.pictures[-1]["img"] is None:
            self.pictures[-1]["img"] = attrs
        elif tag == "figcaption":
            self._caption = ""

    def handle_data(self, data):
        if self._caption is not None:
            self._caption += data

    def handle_endtag(self, tag):
        if tag == "figcaption":
            self.figcaptions.append(" ".join(self._caption.split()))
            self._caption = None
        elif tag == "figure":
            self._figure_class = None


def pictures(html):
    parser = _Pictures()
    parser.feed(html)
    return parser


@pytest.fixture
def venue_with_three(db):
    venue = make_venue(slug="lit")
    make_photo(venue, files.jpeg(1600, 1200), alt="灯笼街", alt_en="Lantern street", credit="洛阳日报", position=0)
    make_photo(venue, files.webp(1200, 800), alt="小吃摊", alt_en="Snack stalls", position=1)
    make_photo(venue, files.png(1000, 1000), alt="夜游船", alt_en="Night boat", credit="Li Wei", position=2)
    return venue


def test_a_venue_page_shows_its_photos_as_responsive_pictures(client, venue_with_three):
    found = pictures(client.get("/venues/lit/").content.decode())
    assert len(found.pictures) == 3
    for picture in found.pictures:
        (source,) = picture["sources"]
        img = picture["img"]
        assert source["type"] == "image/webp"
        assert [part.split()[1] for part in source["srcset"].split(", ")] == ["480w", "640w", "960w"]
        assert all(part.split()[0].startswith("/media/photos/venues/") and part.split()[0].endswith(".webp")
                   for part in source["srcset"].split(", "))
        assert all(part.split()[0].endswith(".jpg") for part in img["srcset"].split(", "))
        assert img["src"].endswith("-960w.jpg")
        assert source["sizes"] == img["sizes"] and "100vw" in img["sizes"] or "50vw" in img["sizes"]
    sizes = [(p["img"]["width"], p["img"]["height"]) for p in found.pictures]
    assert sizes == [("960", "720"), ("960", "640"), ("960", "960")]  # width and height: no layout shift


def test_the_first_photo_loads_at_once_and_the_rest_lazily(client, venue_with_three):
    imgs = [p["img"] for p in pictures(client.get("/venues/lit/").content.decode()).pictures]
    assert imgs[0]["loading"] == "eager" and imgs[0]["fetchpriority"] == "high"
    assert [img["loading"] for img in imgs[1:]] == ["lazy", "lazy"]
    assert not any("fetchpriority" in img for img in imgs[1:])


def test_the_first_photo_is_wide_and_the_others_share_a_row(client, venue_with_three):
    found = pictures(client.get("/venues/lit/").content.decode()).pictures
    assert ["photo-wide" in p["figure"] for p in found] == [True, False, False]
    assert "calc(100vw - 2rem)" in found[0]["img"]["sizes"]
    assert all("calc(50vw - 1.25rem)" in p["img"]["sizes"] for p in found[1:])


def test_alt_text_and_credit_follow_the_language(client, venue_with_three):
    zh = pictures(client.get("/venues/lit/").content.decode())
    en = pictures(client.get("/en/venues/lit/").content.decode())
    assert [p["img"]["alt"] for p in zh.pictures] == ["灯笼街", "小吃摊", "夜游船"]
    assert [p["img"]["alt"] for p in en.pictures] == ["Lantern street", "Snack stalls", "Night boat"]
    assert en.figcaptions == ["Photo: 洛阳日报", "Photo: Li Wei"]  # no caption without a credit
    assert zh.figcaptions == [chinese("Photo: %(credit)s", credit="洛阳日报"), chinese("Photo: %(credit)s", credit="Li Wei")]


def test_open_graph_uses_the_first_photos_960_jpeg(client, venue_with_three):
    tags = og(client.get("/en/venues/lit/").content.decode())
    first = venue_with_three.photos.first()
    assert tags["og:image"] == f"http://testserver{first.jpeg_url}" and tags["og:image"].endswith("-960w.jpg")
    assert (tags["og:image:width"], tags["og:image:height"]) == ("960", "720")
    assert tags["og:image:alt"] == "Lantern street"


def test_a_listing_without_photos_has_no_gallery_and_the_brand_card_for_sharing(client, db):
    make_venue(slug="plain")
    html = client.get("/venues/plain/").content.decode()
    assert "<picture" not in html and 'class="photos' not in html and "<figure" not in html
    assert og(html)["og:image"] == "http://testserver/static/img/og-card.png"


def test_an_event_page_shows_its_photo(client, db):
    event = make_event(slug="show")
    make_photo(event, files.jpeg(1600, 900), alt="演出", alt_en="The show")
    found = pictures(client.get("/en/events/show/").content.decode()).pictures
    assert len(found) == 1 and found[0]["img"]["alt"] == "The show" and found[0]["img"]["loading"] == "eager"
    assert found[0]["img"]["srcset"].startswith("/media/photos/events/")


def test_cards_show_the_first_photo_small_and_only_where_there_is_one(client, venue_with_three):
    make_venue(slug="bare", name_en="Bare venue")
    html = client.get("/en/venues/").content.decode()
    cards = pictures(html).pictures
    assert len(cards) == 1  # the venue with photos; the other card has none, not an empty box
    (card,) = cards
    assert card["class"] == "card-photo" and card["img"]["alt"] == "" and card["img"]["loading"] == "lazy"
    assert card["img"]["sizes"] == "6rem" and card["img"]["src"].endswith("-480w.jpg")
    assert html.count("card-with-photo") == 1


def test_event_cards_show_their_first_photo(client, db):
    event = make_event(slug="show")
    make_photo(event, alt_en="The show", position=1)
    make_photo(event, files.png(640, 480), alt_en="The stage", position=0)
    cards = pictures(client.get("/en/events/").content.decode()).pictures
    assert len(cards) == 1 and cards[0]["img"]["src"] == event.photos.get(alt_en="The stage").smallest_jpeg_url


def test_photo_files_are_served_under_media_url_only_when_told(client, settings, venue_with_three):
    url = venue_with_three.photos.first().jpeg_url
    settings.SERVE_MEDIA = False
    assert client.get(url).status_code == 404
    settings.SERVE_MEDIA = True
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get("/media/../nightlife/settings.py").status_code == 400  # never outside MEDIA_ROOT


def test_the_csp_lets_the_page_load_its_own_images(client, venue_with_three):
    csp = client.get("/venues/lit/")["Content-Security-Policy"]
    assert "img-src 'self'" in csp


def test_a_venue_pages_event_cards_show_the_events_photo(client, db):
    venue = make_venue(slug="with-event")
    event = make_event(venue=venue, name_en="Lantern show")
    make_photo(event, alt_en="Lanterns")
    cards = pictures(client.get("/en/venues/with-event/").content.decode()).pictures
    assert [c["class"] for c in cards] == ["card-photo"]  # the venue has none: only the event's card photo
    assert cards[0]["img"]["src"] == event.photos.get().smallest_jpeg_url


def test_a_photo_whose_files_are_gone_is_left_out_of_pages_cards_and_sharing(client, venue_with_three):
    first = venue_with_three.photos.first()
    for path in stored_paths(first):  # as after `purge_photos`, for a row History brought back
        path.unlink()
    html = client.get("/en/venues/lit/").content.decode()
    found = pictures(html).pictures
    assert [p["img"]["alt"] for p in found] == ["Snack stalls", "Night boat"]
    assert "photo-wide" in found[0]["figure"] and found[0]["img"]["loading"] == "eager"
    assert first.jpeg_url not in html and og(html)["og:image:alt"] == "Snack stalls"
    cards = pictures(client.get("/en/venues/").content.decode()).pictures
    assert [card["img"]["src"] for card in cards] == [venue_with_three.photos.get(alt_en="Snack stalls").smallest_jpeg_url]


def test_an_event_photo_whose_files_are_gone_is_left_out(client, db):
    event = make_event(slug="show")
    photo = make_photo(event, alt_en="The show")
    stored_paths(photo)[-1].unlink()  # one rendition is enough to break the picture
    page, listing = (client.get(url).content.decode() for url in ("/en/events/show/", "/en/events/"))
    assert event.name_en in page and event.name_en in listing
    assert "<picture" not in page and "<picture" not in listing
