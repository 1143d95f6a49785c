from django.urls import path

from comments import views

urlpatterns = [
    path("<int:page_id>/", views.have_your_say, name="comments_form"),
    path("<int:page_id>/sent/", views.sent, name="comments_sent"),
]
