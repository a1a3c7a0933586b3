from django.urls import path

from fanzha.org import views

app_name = "org"
urlpatterns = [
    path("", views.unit_list, name="units"),
    path("new/", views.unit_edit, name="unit_new"),
    path("<str:code>/", views.unit_edit, name="unit_edit"),
]
