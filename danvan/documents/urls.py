"""/quan-ly/van-ban/ (namespace ``documents``): the register of documents."""

from django.urls import path

from danvan.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("them/", views.document_create, name="create"),
    path("cap-so/", views.issue, name="issue"),
    path("danh-so/", views.numbering, name="numbering"),
    path("da-xoa/", views.document_trash, name="trash"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/sua/", views.document_edit, name="edit"),
    path("<int:pk>/xoa/", views.document_delete, name="delete"),
    path("<int:pk>/khoi-phuc/", views.document_restore, name="restore"),
    path("<int:pk>/tep/", views.document_file, name="file"),
    path("<int:pk>/quan-he/", views.relation_add, name="relation_add"),
    path("<int:pk>/quan-he/<int:relation_pk>/bo/", views.relation_remove, name="relation_remove"),
    path("<int:pk>/moc/", views.milestone_add, name="milestone_add"),
    path("<int:pk>/moc/<int:milestone_pk>/xong/", views.milestone_done, name="milestone_done"),
]
