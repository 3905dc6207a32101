"""The request limits: real URLs here are short and bodies small, so anything longer or larger
is refused before a view reads it (nightlife.middleware.RequestLimitsMiddleware). nginx's
client_max_body_size (docs/deploy.md) and gunicorn's limit_request_line (deploy/gunicorn.conf.py)
are set no lower, so the app's own plain answer is the one given."""

# Real URLs here are short (the longest filter URL is under 300 characters).
MAX_URL_LENGTH = 2048
# Larger than any form needs; photo uploads (at most 10 MB) fit.
MAX_BODY_BYTES = 12 * 1024 * 1024
