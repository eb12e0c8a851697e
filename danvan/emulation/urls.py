from django.urls import path

from danvan.emulation import views, views_campaigns

app_name = "emulation"
urlpatterns = [
    path("", views.model_list, name="list"),
    path("dang-ky/", views.model_create, name="create"),
    path("<int:pk>/", views.model_detail, name="detail"),
    path("<int:pk>/sua/", views.model_edit, name="edit"),
    path("<int:pk>/chuyen/", views.model_move, name="move"),
    path("<int:pk>/danh-gia/", views.model_evaluate, name="evaluate"),
    path("<int:pk>/cong-nhan/", views.model_recognise, name="recognise"),
    path("<int:pk>/tien-do/", views.note_add, name="note_add"),
    path("<int:pk>/cong-khai/", views.model_publish, name="publish"),
    path("<int:pk>/xoa/", views.model_delete, name="delete"),
    path("minh-chung/<int:pk>/", views.evidence_file, name="evidence"),
    path("dot-thi-dua/", views_campaigns.campaign_list, name="campaign_list"),
    path("dot-thi-dua/phat-dong/", views_campaigns.campaign_create, name="campaign_create"),
    path("dot-thi-dua/<int:pk>/", views_campaigns.campaign_detail, name="campaign_detail"),
    path("dot-thi-dua/<int:pk>/sua/", views_campaigns.campaign_edit, name="campaign_edit"),
    path("thong-ke/", views_campaigns.stats, name="stats"),
]
