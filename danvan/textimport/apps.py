from django.apps import AppConfig


class TextImportConfig(AppConfig):
    name = "danvan.textimport"
    label = "textimport"
    verbose_name = "Nhập từ văn bản"
