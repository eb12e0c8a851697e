from django.urls import path

from danvan.tasks import views, views_programmes

app_name = "tasks"
urlpatterns = [
    path("", views.task_mine, name="mine"),
    path("tat-ca/", views.task_list, name="list"),
    path("giao/", views.task_create, name="create"),
    path("<int:pk>/", views.task_detail, name="detail"),
    path("<int:pk>/sua/", views.task_edit, name="edit"),
    path("<int:pk>/tien-do/", views.task_progress, name="progress"),
    path("<int:pk>/huy/", views.task_cancel, name="cancel"),
    path("<int:pk>/mo-lai/", views.task_reopen, name="reopen"),
    path("<int:pk>/xoa/", views.task_delete, name="delete"),
    path("minh-chung/<int:pk>/", views.evidence_download, name="evidence"),
    path("chuong-trinh/", views_programmes.programme_list, name="programme_list"),
    path("chuong-trinh/them/", views_programmes.programme_create, name="programme_create"),
    path("chuong-trinh/<int:pk>/", views_programmes.programme_detail, name="programme_detail"),
    path("chuong-trinh/<int:pk>/sua/", views_programmes.programme_edit, name="programme_edit"),
    path("chuong-trinh/<int:pk>/xoa/", views_programmes.programme_delete, name="programme_delete"),
    path(
        "chuong-trinh/<int:pk>/them-noi-dung/",
        views_programmes.programme_item_add,
        name="programme_item_add",
    ),
    path(
        "chuong-trinh/noi-dung/<int:pk>/sua/",
        views_programmes.programme_item_edit,
        name="programme_item_edit",
    ),
    path(
        "chuong-trinh/noi-dung/<int:pk>/xoa/",
        views_programmes.programme_item_remove,
        name="programme_item_remove",
    ),
    path(
        "chuong-trinh/noi-dung/<int:pk>/thuc-hien/",
        views_programmes.programme_item_materialise,
        name="programme_item_materialise",
    ),
]
