from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CorrespondenceConfig(AppConfig):
    name = "correspondence"
    verbose_name = "Correspondence"

    def ready(self) -> None:
        from django.contrib import admin

        from correspondence.roles import caseworkers_group_sync

        admin.site.site_header = "Go-Between correspondence office"
        admin.site.site_title = "Go-Between office"
        admin.site.index_title = "Letters, donors, centres and country rules"

        # After every app has migrated (and so has its permissions), whatever app migrated last.
        post_migrate.connect(caseworkers_group_sync, dispatch_uid="caseworkers_group_sync")

        from correspondence.warmup import models_warm_in_background, serving_with_runserver

        # The development server loads the models as it starts; gunicorn and Celery workers do it in
        # their own start-up hooks. Nothing else (migrate, tests, shell) pays for it.
        if serving_with_runserver():
            models_warm_in_background()
