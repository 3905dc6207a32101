"""How the API words its errors: DRF's answers, in the client's language."""

from django.http import Http404
from rest_framework.exceptions import NotFound
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """DRF's handler, except that a 404 says "Not found." in the client's language (DRF's own
    translated message), never Django's untranslated "No Event matches the given query.", which
    also names our model."""
    if isinstance(exc, Http404):
        exc = NotFound()
    return drf_exception_handler(exc, context)
