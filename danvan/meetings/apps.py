from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "danvan.meetings"
    verbose_name = "Hội nghị"

    def ready(self) -> None:
        from danvan.core.audit import register
        from danvan.meetings import models

        register(models.MeetingKind)
        register(models.MeetingSeries, exclude=("updated_at",))
        register(models.Meeting, exclude=("updated_at", "title_folded"))
        register(models.BridgePoint)
        register(models.Attendance)
        register(models.AgendaItem)
        register(models.Opinion)
        register(models.Conclusion)
