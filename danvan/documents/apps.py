from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Directive documents (văn bản). So far: finding references in text (issue 4 adds
    the register, numbering and links)."""

    name = "danvan.documents"
    verbose_name = "Văn bản"
