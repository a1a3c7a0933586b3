from django.urls import path

from fanzha.telecom import views

app_name = "telecom"
urlpatterns = [
    path("", views.scan_list, name="list"),
    path("<int:scan_id>/", views.scan_detail, name="scan"),
    path("<int:scan_id>/push/", views.push, name="push"),
]
