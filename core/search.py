"""Search keys and what a query matches.

A row's key is one lower-case text holding its Chinese, English and pinyin names, so '九洲池',
'Jiuzhou Pool', 'jiuzhouchi', 'Jiuzhou Chi' and 'JIUZHOUCHI' all find the same row. Texts of
related rows (a venue's places, an event's tour lines, themes) are matched at query time, so
they are never stale; the lists' querysets put both together (VenueQuerySet.search).
"""

import re

from django.db.models import Q
from pypinyin import lazy_pinyin

# The longest search a visitor may send (the search box and the lists' `q`): longer is a 400.
MAX_QUERY = 100

# Words visitors type for what the plan calls otherwise: a query that is one of these (in any
# case, spaces collapsed) also looks for the words it leads to. Kept here in code: a list
# editors keep in the admin would be a model and a migration.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "夜市": ("美食", "food"),
    "night market": ("美食", "food"),
    "night markets": ("美食", "food"),
    "小吃": ("美食", "food"),
    "snacks": ("美食", "food"),
    "street food": ("美食", "food"),
    "灯光秀": ("light show",),
    "light show": ("灯光秀",),
    "演出": ("演艺", "performance"),
    "shows": ("演艺", "performance"),
    "购物": ("夜购", "shopping"),
    "shops": ("夜购", "shopping"),
}

# A query that names a bus route by its number: 9, 9路, V9, v8路, Route 9, bus 101.
_ROUTE_NUMBER = re.compile(r"^(?:route|bus)?\s*([a-z]{0,2}\d{1,4})\s*路?$")
_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")
# "Pinyin (English)", "English (Pinyin)", either with words after the brackets.
_BRACKETED = re.compile(r"^(?P<head>[^()]*?)\s*\((?P<inner>[^()]+)\)\s*(?P<tail>[^()]*)$")


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


def normalized(text: str) -> str:
    """The query as keys hold it: lower case, one space between words."""
    return " ".join(text.lower().split())


def search_words(text: str) -> list[str]:
    """The query, then the words SYNONYMS lead it to ('夜市' also looks for '美食' and 'food')."""
    needle = normalized(text)
    return [needle, *SYNONYMS.get(needle, ())]


def matches(text: str, field: str = "search_key") -> Q:
    """Q for rows whose key contains the query, with or without its spaces, in any case."""
    needle = normalized(text)
    query = Q(**{f"{field}__contains": needle})
    if " " in needle:
        query |= Q(**{f"{field}__contains": needle.replace(" ", "")})
    return query


def key_matches(words: list[str], field: str = "search_key") -> Q:
    """Q for rows whose key contains any of `words` (see `matches`)."""
    query = Q()
    for word in words:
        query |= matches(word, field)
    return query


def text_matches(words: list[str], *fields: str) -> Q:
    """Q for rows where any of `fields` contains any of `words`, in any case. For texts without
    a key (descriptions, related rows' names): no pinyin, and no index on PostgreSQL."""
    query = Q()
    for word in words:
        for field in fields:
            query |= Q(**{f"{field}__icontains": word})
    return query


def route_number(text: str) -> str | None:
    """The route number a query names ('9路' → '9', 'Route V8' → 'v8'), or None for any other
    query: such a query looks for the route, not for '9' in every text."""
    match = _ROUTE_NUMBER.match(normalized(text))
    return match.group(1) if match else None


def _is_pinyin_of(text: str, spoken: str) -> bool:
    """Every word of `text` is in `spoken` (the pinyin of a name, letters only): the plan's
    names are written with words left out ('Huan Kaiyuanhu Shangquan' for 环开元湖购物商圈)."""
    words = re.findall(r"[a-z]+", text.lower())
    return bool(words) and all(word in spoken for word in words)


def english_part(name: str, name_en: str) -> str:
    """The translation in an English name written with the pinyin of the Chinese one:
    'Xigong Lane' of 'Xigong Xiaojie (Xigong Lane)' for 西工小街, 'Big Data Industrial Park Line'
    of 'Big Data Industrial Park Line (Dashuju Chanyeyuan Zhuanxian)', 'Tang Ballads
    performance' of 'Dabeimen Tangyao (Tang Ballads) performance'.

    The pinyin part is the one whose every word is in the pinyin of `name` (digits read as
    Chinese numbers: '1元' is 'yi yuan'). Returns `name_en` whole when it has no such part
    (a name that is only pinyin, or only English), and '' when it is empty."""
    parts = _BRACKETED.match(name_en.strip())
    if not parts:
        return name_en
    head, inner, tail = parts.group("head", "inner", "tail")
    spoken = "".join(lazy_pinyin(name.translate(_DIGITS))).lower()
    if _is_pinyin_of(head, spoken):
        english = f"{inner} {tail}"
    elif _is_pinyin_of(inner, spoken):
        english = f"{head} {tail}"
    else:
        return name_en
    return " ".join(english.split())
