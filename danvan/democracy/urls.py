from django.urls import path, register_converter

from danvan.democracy import views
from danvan.democracy.registry import KINDS

app_name = "democracy"


class KindConverter:
    """The list's Vietnamese slug in the URL («cong-khai») ↔ its key («disclosures»)."""

    regex = "|".join(k.slug for k in KINDS.values())
    by_slug = {k.slug: k.key for k in KINDS.values()}

    def to_python(self, value: str) -> str:
        return self.by_slug[value]

    def to_url(self, value: str) -> str:
        return KINDS[value].slug


register_converter(KindConverter, "kind")

urlpatterns = [
    path("", views.overview, name="overview"),
    path("kiem-tra/", views.checklist_pick, name="checklist_pick"),
    path("kiem-tra/<int:unit>/<int:year>/", views.checklist, name="checklist"),
    path("<kind:key>/", views.record_list, name="list"),
    path("<kind:key>/them/", views.record_create, name="create"),
    path("<kind:key>/<int:pk>/", views.record_detail, name="detail"),
    path("<kind:key>/<int:pk>/sua/", views.record_edit, name="edit"),
    path("<kind:key>/<int:pk>/<slug:move>/", views.record_move, name="move"),
]
