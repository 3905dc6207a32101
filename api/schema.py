"""The OpenAPI description of each endpoint beyond what drf-spectacular reads from the code:
error answers, the filters' exact inputs, and the shape of /tonight/. English only."""

from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.plumbing import build_parameter_type
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers as drf

from api import serializers
from core.nighttime import NightTimeFormField
from core.search import MAX_QUERY

SLUG = r"^[-a-zA-Z0-9_]+$"
# What a time filter reads (core.nighttime.parse_clock): 23:30, 23.30, 2330 or 930; full-width
# digits and colon (２３：３０) are read too.
CLOCK_INPUT = {"type": "string", "pattern": r"^([01]?[0-9]|2[0-3])[:.]?[0-5][0-9]$", "example": "23:30"}
DETAIL = {"type": "object", "required": ["detail"], "properties": {"detail": {"type": "string"}}}

BAD_INPUT = OpenApiResponse(
    {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    description="A parameter the API cannot read: the reason per parameter, in the client's language "
                "(Accept-Language). Unknown parameters are ignored.")
NOT_FOUND = OpenApiResponse(DETAIL, description="No public object has this slug.")
THROTTLED = OpenApiResponse(DETAIL, description="Past the rate limit for this address: the Retry-After header "
                                                "says how many seconds to wait.")


def _clock(name: str, description) -> OpenApiParameter:
    return OpenApiParameter(name, CLOCK_INPUT, OpenApiParameter.QUERY, description=description)


class PageFiltersExtension(DjangoFilterExtension):
    """The pages' FilterSets (DjangoFilterBackend: a value one cannot read is a 400 with the
    reason per parameter; unknown parameters are ignored) with their exact input where the
    generator cannot see it: times of night (read through the night, 01:00 after 23:00), slugs
    of themes and routes (rows, so no fixed list of values), the search's length."""

    target_class = "django_filters.rest_framework.DjangoFilterBackend"
    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        description = filter_field.extra.get("help_text")
        if filter_field.field_class is NightTimeFormField:
            return [build_parameter_type(field_name, CLOCK_INPUT, OpenApiParameter.QUERY, description=description)]
        if field_name == "theme":
            return [build_parameter_type(
                field_name, {"type": "array", "items": {"type": "string", "pattern": SLUG}}, OpenApiParameter.QUERY,
                style="form", explode=True,
                description="A theme's slug (the themes of /api/v1/tonight/); repeat it for any of several.")]
        if field_name == "route":
            return [build_parameter_type(field_name, {"type": "string", "pattern": SLUG}, OpenApiParameter.QUERY,
                                         description="A route's slug (/api/v1/routes/): the venues it serves.")]
        if field_name == "q":
            return [build_parameter_type(field_name, {"type": "string", "maxLength": MAX_QUERY},
                                         OpenApiParameter.QUERY,
                                         description="Search by Chinese, English or pinyin name.")]
        return super().resolve_filter_field(auto_schema, model, filterset_class, field_name, filter_field)


def listing(serializer):
    return extend_schema_view(get=extend_schema(
        responses={200: serializer(many=True), 400: BAD_INPUT, 429: THROTTLED}))


# Addresses take slugs only (<slug:slug>): anything else is no address of the API at all.
SLUG_PARAMETER = OpenApiParameter("slug", {"type": "string", "pattern": SLUG}, OpenApiParameter.PATH)


def detail(serializer):
    return extend_schema_view(get=extend_schema(
        parameters=[SLUG_PARAMETER], responses={200: serializer, 404: NOT_FOUND, 429: THROTTLED}))


def way_back(serializer):
    return extend_schema_view(get=extend_schema(
        parameters=[SLUG_PARAMETER, _clock("at", "HH:MM on tonight's night (01:00 is after midnight); default: now.")],
        responses={200: serializer, 400: BAD_INPUT, 404: NOT_FOUND, 429: THROTTLED}))


class EventsSection(drf.Serializer):
    results = serializers.TonightEventSerializer(many=True)
    more = drf.BooleanField(help_text="True when more run tonight than are listed here (100).")
    all_url = drf.URLField(help_text="All of them, as a paginated list.")


class OffersSection(drf.Serializer):
    results = serializers.TonightOfferSerializer(many=True)
    more = drf.BooleanField(help_text="True when more run tonight than are listed here (100).")
    all_url = drf.URLField(allow_null=True)


class LastBusesSection(drf.Serializer):
    results = serializers.BoardRowSerializer(many=True, help_text="The board's first rows, as the home page shows.")
    all_url = drf.URLField(help_text="The whole board, paginated.")


class TonightSchema(drf.Serializer):
    night = drf.DateField(help_text="The night in progress (06:00-05:59).")
    now = drf.DateTimeField(help_text="The moment this describes.")
    features = EventsSection(help_text="The nightly features running tonight, by start time.")
    specials = EventsSection(help_text="Dated specials on tonight.")
    offers = OffersSection(help_text="Offers running tonight.")
    last_buses = LastBusesSection()
    themes = serializers.ThemeSerializer(many=True)


tonight = extend_schema_view(get=extend_schema(responses={200: TonightSchema, 429: THROTTLED}))


class EndpointSchema(drf.Serializer):
    name = drf.CharField(help_text="The endpoint's path after /api/v1/, as a name: 'venues', 'venue', 'tonight'.")
    url = drf.CharField(help_text="Its absolute address; {slug} stands for an object's slug.")
    description = drf.CharField(help_text="What it gives, in English.")


class IndexSchema(drf.Serializer):
    version = drf.CharField(help_text="The API's version: v1.")
    docs = drf.URLField(help_text="The documentation (Swagger UI).")
    schema = drf.URLField(help_text="This OpenAPI schema.")
    endpoints = EndpointSchema(many=True)


index = extend_schema_view(get=extend_schema(responses={200: IndexSchema, 429: THROTTLED}))


def site_rules(result, generator, request, public):
    """Postprocessing hook for what holds on every address of the site, the API's included:
    - a single-valued query parameter sent empty (?open_at=) is not set, as an empty field of
      the pages' forms; a repeated one (?theme=) names no theme: a 400;
    - an address longer than the site takes (nightlife/limits.py) is refused before any view
      with 414 and a plain-text reason."""
    for item in result["paths"].values():
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query" and parameter["schema"].get("type") != "array":
                    parameter["allowEmptyValue"] = True
            operation["responses"]["414"] = {
                "description": "The address is too long (over 2,048 characters): a plain-text reason.",
                "content": {"text/plain": {"schema": {"type": "string"}}}}
    return result
