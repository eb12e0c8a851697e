from django.urls import path

from danvan.petitions import views, views_papers, views_reception

app_name = "petitions"
urlpatterns = [
    path("", views.petition_list, name="list"),
    path("nhan-don/", views.petition_create, name="create"),
    path("<int:pk>/", views.petition_detail, name="detail"),
    path("<int:pk>/sua/", views.petition_edit, name="edit"),
    path("<int:pk>/phan-loai/", views.petition_classify, name="classify"),
    path("<int:pk>/buoc/", views.petition_step, name="step"),
    path("<int:pk>/chuyen-don/", views.petition_forward, name="forward"),
    path("<int:pk>/gia-han/", views.petition_extend, name="extend"),
    path("<int:pk>/don-trung/", views.petition_duplicate, name="duplicate"),
    path("chuyen-don/<int:pk>/tra-loi/", views.forwarding_reply, name="forwarding_reply"),
    path("nhat-ky-doc/", views.read_log, name="read_log"),
    path("<int:pk>/tai-lieu/", views_papers.attachment_upload, name="attachment_upload"),
    path("tai-lieu/<int:pk>/", views_papers.attachment_file, name="attachment_file"),
    path("tai-lieu/<int:pk>/go/", views_papers.attachment_remove, name="attachment_remove"),
    path("<int:pk>/van-ban/", views_papers.letter_issue, name="letter_issue"),
    path("van-ban/<int:pk>/", views_papers.letter_file, name="letter_file"),
    path("bao-cao/", views_papers.periodic_report, name="periodic_report"),
    path("tiep-cong-dan/", views_reception.session_list, name="sessions"),
    path("tiep-cong-dan/them/", views_reception.session_create, name="session_create"),
    path("tiep-cong-dan/<int:pk>/", views_reception.session_detail, name="session_detail"),
    path("tiep-cong-dan/<int:pk>/sua/", views_reception.session_edit, name="session_edit"),
    path("cu-tri/", views_reception.batch_list, name="batches"),
    path("cu-tri/them/", views_reception.batch_create, name="batch_create"),
    path("cu-tri/<int:pk>/", views_reception.batch_detail, name="batch_detail"),
]
