from django.apps import AppConfig


class NightlifeConfig(AppConfig):
    name = "nightlife"

    def ready(self):
        # Every process (gunicorn, manage.py shell, load_plan) makes cached pages stale on a save.
        from nightlife import cache, search_index

        cache.connect_signals()
        # Search documents follow every save of what they quote (docs/architecture.md).
        search_index.connect_signals()
