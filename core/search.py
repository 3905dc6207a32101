"""Search keys and what a query matches.

A row's key is one lower-case text holding its Chinese, English and pinyin names, so '九洲池',
'Jiuzhou Pool', 'jiuzhouchi', 'Jiuzhou Chi' and 'JIUZHOUCHI' all find the same row. Texts of
related rows (a venue's places, an event's tour lines, themes) are matched at query time, so
they are never stale; the lists' querysets put both together (VenueQuerySet.search).
"""

import difflib
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


def _has_han(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def _spoken(text: str) -> str:
    """The pinyin of `text`, letters only ('夜市' → 'yeshi')."""
    return "".join(syllable for syllable in lazy_pinyin(text) if syllable.isalpha()).lower()


# The Chinese synonyms typed in pinyin: 'yeshi' (or 'ye shi') is '夜市' and leads where it leads.
SPOKEN_SYNONYMS: dict[str, tuple[str, ...]] = {
    _spoken(word): (word, *targets) for word, targets in SYNONYMS.items() if _has_han(word)}

# Words of an English phrase that the plan says otherwise: 'Luoyi old town' is its 'Luoyi
# Ancient Town'. Each word of a phrase may be found as any of these.
WORD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "old": ("ancient",),
    "ancient": ("old",),
    "grotto": ("grottoes", "石窟"),
    "caves": ("grottoes", "石窟"),
    "lane": ("street",),
    "street": ("lane",),
    "show": ("performance",),
}
# A phrase is read word by word up to this many words (each word is a dozen conditions): a
# longer query is matched as a whole only, so a 100-character query stays one cheap query.
PHRASE_WORDS = 6
# Words a phrase may carry that say nothing of what is looked for.
STOP_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "the", "to", "tonight"})


def search_words(text: str) -> list[str]:
    """The query, then the words SYNONYMS lead it to ('夜市' also looks for '美食' and 'food'),
    typed in Chinese or in its pinyin ('yeshi', 'ye shi')."""
    needle = normalized(text)
    targets = SYNONYMS.get(needle) or SPOKEN_SYNONYMS.get(needle.replace(" ", ""), ())
    return [needle, *targets]


def phrase_words(text: str) -> list[list[str]]:
    """For a query of several words, each word (stop words left out) with what it may also be
    found as: a row where every word is found somewhere matches ('Longmen Grottoes night tour',
    'Luoyi old town'). Empty for a one-word query (search_words covers it) and for one of more
    than PHRASE_WORDS words."""
    words = [word for word in re.findall(r"\w+", normalized(text)) if word not in STOP_WORDS]
    if not 2 <= len(words) <= PHRASE_WORDS:
        return []
    return [[word, *WORD_SYNONYMS.get(word, ())] for word in words]


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


def route_q(text: str, prefix: str = "", *, partial: bool = False) -> Q:
    """Q for the bus routes `text` names: by number, with or without 路 ('9', '9路', 'V9',
    'Route 9'), or by its whole name; with `partial`, also named lines whose name holds it
    ('专线'). `prefix` reads the route through a relation ('route__')."""
    needle = normalized(text)
    query = Q(**{f"{prefix}name__iexact": needle}) | Q(**{f"{prefix}name_en__iexact": needle})
    if number := route_number(text):
        query |= Q(**{f"{prefix}name__iexact": number}) | Q(**{f"{prefix}name__iexact": f"{number}路"})
    elif partial and len(needle) >= 2:
        query |= Q(**{f"{prefix}name__icontains": needle}) | Q(**{f"{prefix}name_en__icontains": needle})
    return query


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


# --- Did you mean: a query that finds nothing, read against the names of what is listed ---------

def vocabulary(names) -> dict[str, str]:
    """The words of `names` ((Chinese, English) pairs) a visitor may type, lower-cased, each to
    what to search for instead: a pinyin word of an English name to the Chinese it spells
    ('longmen' → '龙门'), any other English word to itself ('grottoes')."""
    terms: dict[str, str] = {}
    for name, name_en in names:
        syllables = [_spoken(char) or char for char in name]
        for word in re.findall(r"[a-z]+", (name_en or "").lower()):
            if len(word) < 3:
                continue
            terms.setdefault(word, _chinese_spelled(name, syllables, word) or word)
    return terms


def _chinese_spelled(name: str, syllables: list[str], word: str) -> str | None:
    """The part of `name` whose pinyin is `word` ('龙门' of 龙门石窟 for 'longmen'), or None."""
    for start in range(len(syllables)):
        spelled = ""
        for end in range(start, len(syllables)):
            spelled += syllables[end]
            if spelled == word:
                return name[start:end + 1]
            if not word.startswith(spelled):
                break
    return None


def did_you_mean(text: str, terms: dict[str, str]) -> str | None:
    """The query with each word no name holds replaced by the closest word of `terms` (see
    vocabulary): 'longmenn' → '龙门', 'luoyi grotoes' → 'luoyi grottoes'; Chinese typed with the
    wrong characters by its pinyin ('龙们' → '龙门'). None when nothing is close enough."""
    words, changed = normalized(text).split(), False
    for index, word in enumerate(words):
        spoken = _spoken(word) if _has_han(word) else word
        if not spoken or spoken in terms and not _has_han(word) or any(word in term for term in terms.values()):
            continue
        close = difflib.get_close_matches(spoken, terms, n=1, cutoff=0.8)
        if close and terms[close[0]] != word:
            words[index], changed = terms[close[0]], True
    return " ".join(words) if changed else None
