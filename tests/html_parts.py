"""Read what a page tells machines: meta tags, links, scripts and JSON-LD (stdlib parser only)."""

import json
from html.parser import HTMLParser


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.metas, self.anchors, self.scripts = [], [], []
        self._anchor = self._script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.metas.append(attrs)
        elif tag == "a":
            self._anchor = {**attrs, "text": ""}
        elif tag == "script":
            self._script = {**attrs, "text": ""}

    def handle_data(self, data):
        if self._anchor is not None:
            self._anchor["text"] += data
        if self._script is not None:
            self._script["text"] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._anchor is not None:
            self._anchor["text"] = " ".join(self._anchor["text"].split())
            self.anchors.append(self._anchor)
            self._anchor = None
        elif tag == "script" and self._script is not None:
            self.scripts.append(self._script)
            self._script = None


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def og(html: str) -> dict:
    """Open Graph properties: {"og:title": "...", ...}."""
    return {m["property"]: m.get("content", "") for m in parse(html).metas if m.get("property", "").startswith("og:")}


def anchors(html: str) -> list[dict]:
    """Every <a> with its attributes and its text (whitespace collapsed) under "text"."""
    return parse(html).anchors


def scripts(html: str) -> list[dict]:
    return parse(html).scripts


def jsonld(html: str) -> list[dict]:
    """Every JSON-LD block of the page, parsed."""
    return [json.loads(s["text"]) for s in scripts(html) if s.get("type") == "application/ld+json"]
