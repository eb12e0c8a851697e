from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "danvan.notifications"
    verbose_name = "Việc cần làm và thông báo"
