from django.urls import path

from danvan.welfare import views, views_gifts

app_name = "welfare"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("dot/them/", views.campaign_create, name="create"),
    path("dot/<int:pk>/", views.campaign_detail, name="detail"),
    path("dot/<int:pk>/sua/", views.campaign_edit, name="edit"),
    path("dot/<int:pk>/chuyen/", views.campaign_move, name="move"),
    path("dot/<int:pk>/ung-ho/", views.contribution_add, name="contribution_add"),
    path("dot/<int:pk>/cong-khai/", views.disclosure, name="disclosure"),
    path("dot/<int:pk>/trao-qua/", views_gifts.gift_create, name="gift_create"),
    path("dot/<int:pk>/trung/", views_gifts.duplicates, name="duplicates"),
    path("ung-ho/<int:pk>/xoa/", views.contribution_remove, name="contribution_remove"),
    path("qua/", views_gifts.gift_list, name="gifts"),
    path("qua/<int:pk>/sua/", views_gifts.gift_edit, name="gift_edit"),
    path("qua/<int:pk>/trung/", views_gifts.duplicate_decide, name="duplicate_decide"),
    path("doi-tuong/", views_gifts.beneficiary_list, name="beneficiaries"),
    path("doi-tuong/them/", views_gifts.beneficiary_create, name="beneficiary_create"),
    path("doi-tuong/tim/", views_gifts.household_search, name="household_search"),
    path("doi-tuong/<int:pk>/", views_gifts.beneficiary_edit, name="beneficiary_edit"),
]
