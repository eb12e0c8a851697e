from django.urls import path

from danvan.awards import views

app_name = "awards"
urlpatterns = [
    path("", views.award_list, name="list"),
    path("<int:pk>/", views.award_detail, name="detail"),
    path("<int:pk>/thu-hoi/", views.award_revoke, name="revoke"),
    path("<int:pk>/bo/", views.award_remove, name="remove"),
    path("quyet-dinh/", views.decision_list, name="decisions"),
    path("quyet-dinh/them/", views.decision_create, name="decision_create"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision"),
    path("quyet-dinh/<int:pk>/sua/", views.decision_edit, name="decision_edit"),
    path("quyet-dinh/<int:pk>/them-ten/", views.decision_add_award, name="decision_add"),
    path("quyet-dinh/<int:pk>/cap-so/", views.decision_issue, name="decision_issue"),
    path("quyet-dinh/<int:pk>/tai-ve/", views.decision_docx, name="decision_docx"),
]
