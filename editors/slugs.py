"""ASCII slugs for listings: Chinese names through their pinyin, unique per model."""

from django.db import models
from django.utils.text import slugify
from pypinyin import lazy_pinyin


def ascii_slug(*texts: str, max_length: int = 50) -> str:
    """An ASCII slug from the first text that gives one: Chinese through its pinyin
    (九洲池 -> jiu-zhou-chi), other text as Django's slugify makes it. '' when none does."""
    for text in texts:
        slug = slugify(" ".join(lazy_pinyin(text or "")))[:max_length].strip("-")
        if slug:
            return slug
    return ""


def unique_slug(model: type[models.Model], base: str, *, exclude_pk=None, max_length: int = 50) -> str:
    """`base`, or base-2, base-3 ..., the first that no other row of `model` uses. Queries."""
    taken = set(model._default_manager.filter(slug__startswith=base).exclude(pk=exclude_pk)
                .values_list("slug", flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base[:max_length - len(str(n)) - 1]}-{n}"
    return slug
