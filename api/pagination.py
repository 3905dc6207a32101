"""Cursor pagination that stays right while editors add, edit and remove rows."""

import datetime as dt
from functools import reduce

from django.core import signing
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from core.filtering import CappedPaginator, capped_count


def _field(name: str) -> tuple[str, bool]:
    """("position", False) for "position", ("last_run", True) for "-last_run"."""
    return name.lstrip("-"), name.startswith("-")


def _flip(name: str) -> str:
    return name[1:] if name.startswith("-") else f"-{name}"


def _key_value(value):
    # Times of night travel as HH:MM: NightTimeField reads them back and compares them through
    # the night, so 01:00 stays after 23:00.
    return value.strftime("%H:%M") if isinstance(value, dt.time) else value


def beyond(ordering: list[str], position: list) -> Q:
    """Q for the rows after `position` (their values of `ordering`) in that order.

    The leading `first >= value` condition lets the database seek in the index that serves the
    ordering instead of walking it from the start. Fields must not be null."""
    fields = [_field(name) for name in ordering]
    alternatives = []
    for i, (name, descending) in enumerate(fields):
        same = {field: position[j] for j, (field, _desc) in enumerate(fields[:i])}
        alternatives.append(Q(**same, **{f"{name}__{'lt' if descending else 'gt'}": position[i]}))
    first, descending = fields[0]
    seek = Q(**{f"{first}__{'lte' if descending else 'gte'}": position[0]})
    return seek & reduce(lambda a, b: a | b, alternatives)


class KeysetPagination(BasePagination):
    """Pages of at most `page_size` rows (?page_size=, up to 100), reached by opaque cursors.

    A cursor holds the ordering values of the row it follows, signed so that nobody can forge
    one: a page continues after that row whatever was added or removed before it, so no row is
    shown twice or skipped because another moved. The view's `ordering` must be unique as a
    whole (end it with a unique field) and its fields never null. `count` is the number of
    matching rows, counted up to 1,000 like the pages (`count_capped` beyond that).
    """

    page_size = 20
    max_page_size = 100
    cursor_query_param = "cursor"
    page_size_query_param = "page_size"
    salt = "api.cursor"

    def paginate_queryset(self, queryset, request, view=None):
        """The page's rows, in order. Queries: the capped count and the rows."""
        self.request = request
        ordering = list(view.ordering)
        size = self._page_size(request)
        position, backwards = self._cursor(request, len(ordering))
        self.cap = CappedPaginator.CAP
        self.count = capped_count(queryset, self.cap)
        if backwards:
            ordering = [_flip(name) for name in ordering]
        if position is not None:
            queryset = queryset.filter(beyond(ordering, position))
        rows = list(queryset.order_by(*ordering)[: size + 1])
        more, rows = len(rows) > size, rows[:size]
        if backwards:
            rows.reverse()
            ordering = [_flip(name) for name in ordering]
        self.has_next, self.has_previous = (True, more) if backwards else (more, position is not None)
        self.ordering, self.rows = ordering, rows
        return rows

    def _page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError({self.page_size_query_param: [
                _("Give a whole number from 1 to %(most)s.") % {"most": self.max_page_size}]})
        return int(raw)

    def _cursor(self, request, length: int) -> tuple[list | None, bool]:
        raw = request.query_params.get(self.cursor_query_param)
        if not raw:
            return None, False
        try:
            position, backwards = signing.loads(raw, salt=self.salt)
            if len(position) != length:
                raise ValueError
        except (signing.BadSignature, ValueError, TypeError):
            raise ValidationError({self.cursor_query_param: [
                _("This cursor is not one we gave out: start again from the first page.")]}) from None
        return position, bool(backwards)

    def _link(self, row, backwards: bool) -> str:
        position = [_key_value(getattr(row, _field(name)[0])) for name in self.ordering]
        cursor = signing.dumps([position, backwards], salt=self.salt)
        return replace_query_param(self.request.build_absolute_uri(), self.cursor_query_param, cursor)

    def get_next_link(self):
        return self._link(self.rows[-1], False) if self.has_next and self.rows else None

    def get_previous_link(self):
        return self._link(self.rows[0], True) if self.has_previous and self.rows else None

    def get_paginated_response(self, data):
        return Response(self.page_data(data))

    def page_data(self, data) -> dict:
        return {"count": min(self.count, self.cap), "count_capped": self.count > self.cap,
                "next": self.get_next_link(), "previous": self.get_previous_link(), "results": data}

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "format": "uri", "nullable": True}
        cap = CappedPaginator.CAP
        return {
            "type": "object",
            "required": ["count", "count_capped", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "minimum": 0, "maximum": cap,
                          "description": f"Matching rows, counted up to {cap}."},
                "count_capped": {"type": "boolean",
                                 "description": f"True when more than {cap} rows match (count is then {cap})."},
                "next": {**link, "description": "The next page, or null on the last."},
                "previous": {**link, "description": "The previous page, or null on the first."},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {"name": self.cursor_query_param, "required": False, "in": "query",
             "description": "Opaque: take it from `next` or `previous`, never build it.",
             "schema": {"type": "string"}},
            {"name": self.page_size_query_param, "required": False, "in": "query",
             "description": f"Rows per page, 1 to {self.max_page_size} (default {self.page_size}).",
             "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size}},
        ]
