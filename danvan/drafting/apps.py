from django.apps import AppConfig


class DraftingConfig(AppConfig):
    """Official documents out (soạn thảo văn bản): compiled period reports, invitations,
    minutes and notices of conclusions in the Party or State format, XLSX appendices, PDF."""

    name = "danvan.drafting"
    verbose_name = "Soạn thảo văn bản"

    def ready(self) -> None:
        from danvan.core.audit import register
        from danvan.drafting import models

        register(models.DocxTemplate)
        register(models.ReportDraft, exclude=("updated_at",))
        register(models.GeneratedFile, exclude=("progress",))
