"""Submit admin forms as a browser would: every field of the rendered form, as rendered."""

from html.parser import HTMLParser

from django.contrib.auth.models import User

from editors.accounts import create_editor


class _FormFields(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__()
        self.form_id, self.inside, self.select, self.textarea = form_id, False, None, None
        self.fields: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside or (tag in ("input", "select", "textarea") and not attrs.get("name")):
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((attrs["name"], attrs.get("value") or "on"))
            elif kind not in ("submit", "button", "file", "image"):
                self.fields.append((attrs["name"], attrs.get("value") or ""))
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            name, text = self.textarea
            self.fields.append((name, text[1:] if text.startswith("\n") else text))
            self.textarea = None


def form_data(response, form_id: str) -> dict[str, list[str]]:
    """The fields of form `form_id` in `response` as a browser would post them unchanged."""
    parser = _FormFields(form_id)
    parser.feed(response.content.decode())
    data: dict[str, list[str]] = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    return data


def set_field(data: dict, name: str, value: str) -> None:
    assert name in data, f"no field {name!r} in the form: {sorted(data)}"
    data[name] = [value]


def editor(username: str = "li") -> User:
    return create_editor(username=username, email=f"{username}@example.cn", password="night-editor-2026")


def zh(msgid: str, **params) -> str:
    """`msgid` as the Chinese admin's HTML shows it (escaped), whether or not the catalogue has
    its translation yet."""
    from django.utils import translation
    from django.utils.html import escape

    with translation.override("zh-hans"):
        text = translation.gettext(msgid)
    return escape(text % params if params else text)


def change_page(client, obj):
    from django.urls import reverse

    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def open_form(client, obj):
    """GET the admin change page of `obj`; returns (url, the form's fields as posted)."""
    url = change_page(client, obj)
    response = client.get(url)
    assert response.status_code == 200
    return url, form_data(response, f"{obj._meta.model_name}_form")


def serving_field(data: dict, serving, name: str) -> str:
    """The POST name of `name` in the venue page's inline row for `serving`."""
    for key, value in data.items():
        if key.startswith("servings-") and key.endswith("-id") and value == [str(serving.pk)]:
            return key[:-len("id")] + name
    raise AssertionError(f"no inline row for {serving}")
