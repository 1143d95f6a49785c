from django.urls import path

from . import views

urlpatterns = [
    path(
        "figures/<int:release>/<slug:name>-<int:years>.csv",
        views.chart_csv,
        name="figures_chart_csv",
    ),
]
