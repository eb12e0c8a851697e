from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "danvan.petitions"
    verbose_name = "Tiếp công dân, xử lý đơn thư"

    def ready(self) -> None:
        from danvan.core.audit import register
        from danvan.petitions import figures, models, report

        register(models.CalendarDay)
        register(models.DeadlineRule)
        register(models.ReceptionSession, exclude=("updated_at",))
        register(models.ReceptionVisit, exclude=("name_folded",))
        register(models.VoterBatch, exclude=("updated_at",))
        register(models.Petition, exclude=("updated_at", "subject_folded"))
        register(models.Petitioner, exclude=("name_folded", "address_folded"))
        register(models.StageEntry)
        register(models.Extension)
        register(models.Forwarding)
        register(models.Attachment)
        register(models.Letter)
        figures.register_sources()
        report.register()
