"""Search keys: one lower-case text per row holding its Chinese, English and pinyin names, so
'九洲池', 'Jiuzhou Pool', 'jiuzhouchi', 'Jiuzhou Chi' and 'JIUZHOUCHI' all find the same row."""

from django.db.models import Q
from pypinyin import lazy_pinyin

# The longest search a visitor may send (the search box and the lists' `q`): longer is a 400.
MAX_QUERY = 100


def search_key(*, names: list[str], others: list[str] = ()) -> str:
    """The key for names (pinyin is added for these) and other texts (slogans), lower-cased."""
    parts = []
    for name in names:
        if not name:
            continue
        parts.append(name.lower())
        syllables = [s.lower() for s in lazy_pinyin(name) if s.strip()]
        parts.append(" ".join(syllables))
        parts.append("".join(syllables).replace(" ", ""))
    parts.extend(text.lower() for text in others if text)
    return " | ".join(parts)


def matches(text: str, field: str = "search_key") -> Q:
    """Q for rows whose key contains the query, with or without its spaces, in any case."""
    needle = " ".join(text.lower().split())
    query = Q(**{f"{field}__contains": needle})
    if " " in needle:
        query |= Q(**{f"{field}__contains": needle.replace(" ", "")})
    return query
