"""Clock times as people type them: HH:MM, 2100 on a phone keypad, full-width digits and colon
from a Chinese keyboard, all read as the same time and shown back as 21:00; digits of other
scripts (٢٣:٣٠), which Python's \\d and int() would take, are refused with the usual reason."""

import datetime as dt
import re

import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from core.nighttime import NightTimeFormField, parse_clock
from tests.admin.helpers import change_page, editor, open_form, serving_field, set_field
from tests.plan_facts import LATE_BUS_VENUES
from tests.reading import card_titles, field_block, page, text
from transit.models import Serving

INVALID = "Enter a clock time as HH:MM between 00:00 and 23:59, e.g. 23:30."
FULL_WIDTH = ord("０") - ord("0")
SEPARATORS = [":", "：", ".", "．", "。"]

hours = st.integers(0, 23)
minutes = st.integers(0, 59)


def typed(digits: str, widths: list[bool]) -> str:
    """`digits` with the digits at the positions `widths` marks typed full-width."""
    return "".join(chr(ord(c) + FULL_WIDTH) if c.isdigit() and wide else c for c, wide in zip(digits, widths))


def keyboard(text: str):
    """`text` with each digit typed on an ASCII or a full-width keyboard."""
    return st.lists(st.booleans(), min_size=len(text), max_size=len(text)).map(lambda widths: typed(text, widths))


def other_script_digit(character: str) -> bool:
    return character.isdigit() and not ("0" <= character <= "9" or "０" <= character <= "９")


others = st.characters(categories=["Nd", "No"]).filter(other_script_digit)


@given(hours, minutes, st.booleans(), st.sampled_from(SEPARATORS), st.data())
def test_any_clock_time_with_a_separator_reads_back_as_itself(hour, minute, padded, separator, data):
    written = f"{hour:02d}" if padded else str(hour)
    text_typed = data.draw(keyboard(f"{written}{separator}{minute:02d}"))
    assert parse_clock(text_typed) == dt.time(hour, minute)
    assert parse_clock(f" {text_typed} ") == dt.time(hour, minute)


@given(hours, minutes, st.booleans(), st.data())
def test_any_clock_time_typed_as_three_or_four_digits_reads_as_hours_then_minutes(hour, minute, padded, data):
    written = f"{hour:02d}{minute:02d}" if padded else f"{hour}{minute:02d}"
    assert parse_clock(data.draw(keyboard(written))) == dt.time(hour, minute)


@given(hours, minutes)
def test_the_way_a_time_is_shown_reads_back_as_the_same_time(hour, minute):
    clock = dt.time(hour, minute)
    assert parse_clock(clock.strftime("%H:%M")) == clock


@given(st.text(max_size=6), others, st.text(max_size=6))
def test_any_text_with_a_digit_of_another_script_is_refused(before, digit, after):
    with pytest.raises(ValueError):
        parse_clock(before + digit + after)


@given(hours, minutes, st.data())
def test_a_clock_time_with_one_digit_of_another_script_is_refused(hour, minute, data):
    written = f"{hour:02d}:{minute:02d}"
    position = data.draw(st.sampled_from([i for i, c in enumerate(written) if c.isdigit()]))
    with pytest.raises(ValueError):
        parse_clock(written[:position] + data.draw(others) + written[position + 1:])


@pytest.mark.parametrize("typed_text, expected", [
    ("2100", dt.time(21, 0)), ("21.00", dt.time(21, 0)), ("21：00", dt.time(21, 0)), ("100", dt.time(1, 0)),
    ("930", dt.time(9, 30)), ("２１：００", dt.time(21, 0)), ("0005", dt.time(0, 5)), ("1:00", dt.time(1, 0)),
])
def test_what_phones_and_chinese_keyboards_type_is_read(typed_text, expected):
    assert parse_clock(typed_text) == expected


@pytest.mark.parametrize("typed_text", [
    "25:99", "2400", "abc", "٢٣:٣٠", "２３:６０", "23:5", "1:2", "21", "12345", "21:00:00", "21::00", "21 00",
    "+930", "-930", "21:-0", "²³:³⁰", "",
])
def test_what_is_not_a_clock_time_is_refused(typed_text):
    with pytest.raises(ValueError):
        parse_clock(typed_text)


def test_the_form_field_shows_a_typed_time_back_as_hh_mm():
    class Form(forms.Form):
        at = NightTimeFormField()

    form = Form({"at": "２１００"})
    assert form.is_valid() and form.cleaned_data["at"] == dt.time(21, 0)
    assert 'value="21:00"' in str(form["at"])
    refused = Form({"at": "٢٣:٣٠"})
    assert not refused.is_valid()
    assert 'value="٢٣:٣٠"' in str(refused["at"])  # what was typed stays, to be corrected


def test_the_time_input_asks_for_hh_mm_without_looking_like_a_value():
    html = str(NightTimeFormField().widget.render("at", None))
    assert 'placeholder="HH:MM"' in html
    assert 'inputmode="numeric"' in html
    assert "23:30" not in html


@pytest.mark.django_db
def test_a_bus_after_2330_filter_typed_on_a_keypad_works_like_23_30(client, plan):
    html = page(client, "/venues/?bus_after=2330")
    assert set(card_titles(html)) == LATE_BUS_VENUES
    assert card_titles(html) == card_titles(page(client, "/venues/?bus_after=23:30"))
    assert 'value="23:30"' in field_block(html, "bus_after")


@pytest.mark.django_db
@pytest.mark.parametrize("path, name, label", [
    ("/en/venues/", "bus_after", "Last bus at or after"), ("/en/venues/", "open_at", "Open at"),
    ("/en/events/", "starts_after", "Starts at or after"),
])
def test_a_filter_time_in_arabic_indic_digits_is_a_400_naming_the_field(client, plan, path, name, label):
    response = client.get(path, {name: "٢٣:٣٠"})
    assert response.status_code == 400
    block = field_block(response.content.decode(), name)
    assert label in text(block) and INVALID in text(block)
    assert 'class="card' not in response.content.decode()


@pytest.mark.django_db
def test_the_calendar_feed_refuses_arabic_indic_digits_naming_the_field(client, plan):
    response = client.get("/en/events/feed.ics", {"starts_after": "٢٣:٣٠"})
    assert response.status_code == 400
    assert response.content.decode() == f"Starts at or after: {INVALID}\n"


@pytest.mark.django_db
def test_a_last_run_typed_as_2310_in_the_admin_is_saved_as_23_10(client, plan):
    client.force_login(editor())
    serving = Serving.objects.get(venue__slug="xigong-xiaojie", route__slug="9")
    url, data = open_form(client, serving.venue)
    set_field(data, serving_field(data, serving, "last_run"), "2310")
    assert client.post(url, data).status_code == 302
    serving.refresh_from_db()
    assert serving.last_run == dt.time(23, 10)
    url, data = open_form(client, serving.venue)
    assert data[serving_field(data, serving, "last_run")] == ["23:10"]


@pytest.mark.django_db
def test_a_last_run_in_arabic_indic_digits_is_refused_in_the_admin(client, plan):
    client.force_login(editor())
    serving = Serving.objects.get(venue__slug="xigong-xiaojie", route__slug="9")
    url, data = open_form(client, serving.venue)
    set_field(data, serving_field(data, serving, "last_run"), "٢٣:٣٠")
    response = client.post(url, data)
    assert response.status_code == 200
    serving.refresh_from_db()
    assert serving.last_run == dt.time(1, 0)


@pytest.mark.django_db
def test_the_admin_time_inputs_ask_for_hh_mm_without_looking_like_a_value(client, plan):
    client.force_login(editor())
    serving = Serving.objects.get(venue__slug="xigong-xiaojie", route__slug="9")
    html = client.get(change_page(client, serving.venue)).content.decode()
    inputs = re.findall(r'<input[^>]*name="(?:servings-\d+-last_run|opens_at|closes_at)"[^>]*>', html)
    assert len(inputs) >= 3
    assert all('placeholder="HH:MM"' in tag and 'inputmode="numeric"' in tag for tag in inputs), inputs
