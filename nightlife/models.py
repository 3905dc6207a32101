"""The project's one table of its own: the page cache's generation, kept with the rows it
describes (nightlife/cache.py)."""

from django.db import models


class CacheGeneration(models.Model):
    """The current generation of every cached page and piece: one row, rewritten inside every
    transaction that changes a public row, so it commits or rolls back with the change itself.
    The shared cache holds a copy for a few seconds (nightlife.cache.GENERATION_CONFIRM_SECONDS);
    a copy lost, evicted, culled or brought back old by a restarted Redis is read again here."""

    token = models.CharField(max_length=64)

    class Meta:
        verbose_name = "cache generation"

    def __str__(self):
        return self.token
