from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "danvan.people"
    verbose_name = "Cán bộ"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from danvan.people.models import Person, Position

        auditlog.register(Person, exclude_fields=["name_folded", "updated_at"])
        auditlog.register(Position, exclude_fields=["title_folded", "updated_at"])
