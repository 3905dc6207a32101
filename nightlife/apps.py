from django.apps import AppConfig


class NightlifeConfig(AppConfig):
    name = "nightlife"

    def ready(self):
        # Every process (gunicorn, manage.py shell, load_plan) makes cached pages stale on a save.
        from nightlife import cache

        cache.connect_signals()
