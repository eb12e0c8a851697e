from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """The register of documents (văn bản), numbering, and references found in text."""

    name = "danvan.documents"
    verbose_name = "Văn bản"

    def ready(self) -> None:
        from danvan.core.audit import register
        from danvan.documents import models

        register(models.DocumentType)
        register(models.IssuerNumbering)
        register(models.NumberSequence)
        register(
            models.Document,
            exclude=("updated_at", "file_text", "search_folded", "file_folded"),
        )
        register(models.DocumentRelation)
        register(models.ReviewMilestone)
        register(models.Citation)
