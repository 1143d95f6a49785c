from django.urls import path

from accounts import views

urlpatterns = [
    path("profile/", views.profile, name="accounts_profile"),
    path("delete/", views.delete_account, name="accounts_delete"),
]
