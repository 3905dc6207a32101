"""Search keys, search documents and what a query matches.

A row's key is one lower-case text holding its Chinese, English and pinyin names, so '九洲池',
'Jiuzhou Pool', 'jiuzhouchi', 'Jiuzhou Chi' and 'JIUZHOUCHI' all find the same row (the
suggestions read it). A venue's or an event's search document is one lower-case text on its own
row holding everything a search matches it by: its key, an event's venue's key, its
descriptions, and the names of the related rows (places, highlights, tour lines, themes, the
bus routes serving a venue). It is written on save, and again when a related row changes
(nightlife/search_index.py), in the same transaction: a search reads one column of one table
per kind (a trigram index on PostgreSQL), never the related tables (docs/architecture.md).
"""

import difflib
import functools
import re

from django.db.models import Case, Q, Value, When
from django.db.models.functions import StrIndex
from django.db.models.lookups import LessThan
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


# --- The search document: one text per venue and per event ------------------------------------

# Its parts, in this order: the names (the row's key; an event's venue's key after it), NAMES_END
# (whitespace to str.split, so normalized() takes it out of queries and of the texts written
# here), then the other texts. A venue's key ends with the bus routes serving it (not copied
# into documents), each between two ROUTE marks and spelled in a private alphabet: each
# character moved to the rare ideographs of CJK Extension B (U+20000 on; beyond U+A6DF, its code
# point in hexadecimal written with Deseret letters). A typed word does not match inside a
# route's name ('9' is not in '19路'), only the whole name does (served_by); and the spelling is
# letters to pg_trgm, so the trigram index on the key serves that match.
NAMES_END, ROUTE = "\x1f", "\x1d"
DOCUMENT = "search_document"
_SPELLED = str.maketrans({digit: chr(0x10428 + int(digit, 16)) for digit in "0123456789abcdef"})


def _spelled(char: str) -> str:
    code = ord(char)
    return chr(0x20000 + code) if code <= 0xA6DF else f"{code:06x}".translate(_SPELLED)


def _route_mark(name: str) -> str:
    return ROUTE + "".join(_spelled(char) for char in normalized(name)) + ROUTE


def search_document(*, names: list[str], texts: list[str] = ()) -> str:
    """The document of a row: `names` (search keys, already holding the pinyin), NAMES_END, then
    `texts` (descriptions, names of related rows: no pinyin, as typed)."""
    clean = [normalized(text) for text in texts if text and text.strip()]
    return " | ".join(name for name in names if name) + NAMES_END + " | ".join(clean)


# What a venue's and an event's documents are written from: select_related, prefetch_related.
VENUE_READS = ((), ("places", "highlights", "themes", "servings__route"))
EVENT_READS = (("venue", "place"), ("tour_lines", "themes"))


def venue_document(venue) -> dict[str, str]:
    """A venue's key and document. The key: its names and slogans (as Venue.save writes it),
    then the bus routes serving it, spelled privately (only served_by finds them there, so the
    suggestions and the order by name are as before). The document: its names and slogans; its
    descriptions, the names of its places, the names and descriptions of its highlights, its
    themes' names.
    Reads VENUE_READS (preload them)."""
    key = search_key(names=[venue.name, venue.name_en], others=[venue.slogan, venue.slogan_en])
    routes = [name for serving in venue.servings.all() for name in (serving.route.name, serving.route.name_en)]
    marks = "".join(_route_mark(route) for route in dict.fromkeys(routes) if route and route.strip())
    texts = [venue.description, venue.description_en]
    for place in venue.places.all():
        texts += [place.name, place.name_en]
    for highlight in venue.highlights.all():
        texts += [highlight.name, highlight.name_en, highlight.description, highlight.description_en]
    for theme in venue.themes.all():
        texts += [theme.name, theme.name_en]
    return {"search_key": key + marks, DOCUMENT: search_document(names=[key], texts=texts)}


def event_document(event) -> dict[str, str]:
    """An event's document: its key, then its venue's; its descriptions and channel, its place's
    names, its tour lines' names and descriptions, its themes' names. Reads EVENT_READS."""
    texts = [event.description, event.description_en, event.channel, event.channel_en]
    if event.place is not None:
        texts += [event.place.name, event.place.name_en]
    for line in event.tour_lines.all():
        texts += [line.name, line.name_en, line.description, line.description_en]
    for theme in event.themes.all():
        texts += [theme.name, theme.name_en]
    # The venue's names and slogans, less its routes (an event is not found by a route).
    names = [event.search_key, event.venue.search_key.partition(ROUTE)[0] if event.venue is not None else ""]
    return {DOCUMENT: search_document(names=names, texts=texts)}


def write_documents(rows, build, reads) -> int:
    """Write the fields `build` makes of each of `rows` (a queryset; `reads`: what it needs
    preloaded) where they changed, in batches; returns how many rows changed. No signal is
    sent. Works on a migration's models too. Queries the database."""
    related, prefetched = reads
    changed, fields = [], set()
    for row in rows.select_related(*related).prefetch_related(*prefetched).iterator(chunk_size=1000):
        values = {field: value for field, value in build(row).items() if getattr(row, field) != value}
        for field, value in values.items():
            setattr(row, field, value)
        if values:
            changed.append(row)
            fields |= values.keys()
    if changed:
        rows.model._base_manager.bulk_update(changed, sorted(fields), batch_size=1000)
    return len(changed)


def _in_names(needle: str, field: str) -> Q:
    """Q for rows whose document holds `needle` among its names: its first occurrence comes
    before NAMES_END. The LIKE is what the trigram index serves; the positions are checked on
    the rows it finds."""
    return Q(**{f"{field}__contains": needle}) & Q(LessThan(StrIndex(field, Value(needle)),
                                                            StrIndex(field, Value(NAMES_END))))


def in_names(words: list[str], field: str = DOCUMENT) -> Q:
    """Q for documents whose names hold any of `words`, with or without their spaces (as
    key_matches reads a key)."""
    query = Q()
    for word in words:
        needle = normalized(word)
        query |= _in_names(needle, field)
        if " " in needle:
            query |= _in_names(needle.replace(" ", ""), field)
    return query


def in_document(words: list[str], field: str = DOCUMENT) -> Q:
    """Q for documents holding any of `words` anywhere (a plain LIKE: no typed word matches in
    the routes' private alphabet), or in their names without its spaces."""
    query = Q()
    for word in words:
        needle = normalized(word)
        query |= Q(**{f"{field}__contains": needle})
        if " " in needle:
            query |= _in_names(needle.replace(" ", ""), field)
    return query


def served_by(text: str, field: str = "search_key") -> Q:
    """Q for venues whose key lists the bus route `text` names, whole: by number, with or
    without 路 ('9', '9路', 'V9', 'Route 9'), or by its whole name; never '19路' for '9' (see
    route_q)."""
    needle = normalized(text)
    names = [needle, *((number, f"{number}路") if (number := route_number(text)) else ())]
    query = Q()
    for name in dict.fromkeys(names):
        query |= Q(**{f"{field}__contains": _route_mark(name)})
    return query


def document_matches(text: str, *, routes: bool = False, field: str = DOCUMENT) -> Q:
    """Q for what a search for `text` finds, read from the row alone: its document holding the
    query or a word SYNONYMS lead it to (a phrase: each of its words, see phrase_words); a query
    naming a route number ('9路') only in the names. With `routes` (venues), also the venues
    served by the route the query names, and the names read from the key, which holds exactly
    them (a short column: a route number is two or three characters, which no trigram index
    serves)."""
    words = search_words(text)
    if route_number(text) is None:
        found = in_document(words, field)
        if phrase := phrase_words(text):
            every = Q()
            for alternatives in phrase:
                every &= in_document(alternatives, field)
            found |= every
    else:
        found = key_matches(words) if routes else in_names(words, field)
    return found | served_by(text) if routes else found


def name_first(text: str, *, venue_next: bool = False) -> Case:
    """The order of what a search found: its own names holding the query first (the key, a
    column of the same row), then, with `venue_next`, an event's venue's names, then the rest."""
    words = search_words(text)
    tiers = [When(key_matches(words), then=0)]
    if venue_next:
        tiers.append(When(in_names(words), then=1))
    return Case(*tiers, default=len(tiers))


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
        # Only words not met yet: at x1000, 20,000 names repeat a few hundred words.
        words = [word for word in re.findall(r"[a-z]+", (name_en or "").lower()) if len(word) >= 3 and word not in terms]
        if words:
            syllables = [_syllable(char) for char in name]
            for word in words:
                terms.setdefault(word, _chinese_spelled(name, syllables, word) or word)
    return terms


@functools.lru_cache(maxsize=4096)
def _syllable(char: str) -> str:
    """The pinyin of one character, letters only, or the character itself."""
    return _spoken(char) or char


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
