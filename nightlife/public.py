"""Which apps' rows are public content: the one definition read by the database router (only
their reads may go to the replica) and the page cache (only their writes make every cached page
old). Everything else (logins, sessions, admin history, failed logins, editors' scheduled
changes, the cache generation itself) is neither."""

PUBLIC_APPS = frozenset({"venues", "events", "transit"})


def is_public(model) -> bool:
    """Whether `model`'s rows are shown on public pages (its app is one of PUBLIC_APPS)."""
    return model._meta.app_label in PUBLIC_APPS
