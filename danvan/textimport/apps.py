from django.apps import AppConfig


class TextImportConfig(AppConfig):
    name = "danvan.textimport"
    label = "textimport"
    verbose_name = "Nhập từ văn bản"

    def ready(self) -> None:
        from danvan.core.audit import register
        from danvan.textimport.models import ArticleImport, ReportImport

        register(ArticleImport, exclude=("text", "proposal", "updated_at"))
        register(ReportImport, exclude=("text", "proposal", "updated_at"))
