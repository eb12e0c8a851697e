from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "danvan.backup"
    verbose_name = "Sao lưu và khôi phục"
