from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "danvan.tasks"
    verbose_name = "Nhiệm vụ và chương trình công tác"

    def ready(self) -> None:
        from danvan.core.audit import register
        from danvan.tasks import models

        register(models.Task, exclude=("updated_at", "title_folded"))
        register(models.TaskUpdate)
        register(models.TaskEvidence)
        register(models.WorkProgramme, exclude=("updated_at",))
        register(models.ProgrammeItem)
