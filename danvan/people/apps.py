from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "danvan.people"
    verbose_name = "Cán bộ"

    def ready(self) -> None:
        from danvan.core.audit import register
        from danvan.people.models import Person, Position

        register(Person, exclude=("name_folded", "updated_at"))
        register(Position, exclude=("title_folded", "updated_at"))
