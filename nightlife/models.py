"""The project's own tables: the page cache's generation, kept with the rows it describes
(nightlife/cache.py), and the plan loader's record of what each edition gave (nightlife/plan.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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


class LoadedPlanKey(models.Model):
    """A record of the published plan (of any app) that the plan loader has had in the database,
    with the values the latest edition listing it gave (`values`: the base of the next load's
    three-way merge, references as plan keys). A key here with no row carrying it means an editor
    deleted that row: the loader leaves it deleted unless a person brings it back."""

    model = models.CharField(max_length=40)  # the model's label, "venues.place"
    plan_key = models.CharField(max_length=120)
    edition = models.ForeignKey("venues.PlanEdition", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="records")
    values = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "venues_loadedplankey"  # the table it had in venues, kept when the model moved here
        constraints = [models.UniqueConstraint(fields=["model", "plan_key"], name="unique_loaded_plan_key")]
        verbose_name = _("loaded plan record")
        verbose_name_plural = _("loaded plan records")

    def __str__(self):
        return f"{self.model} {self.plan_key}"
