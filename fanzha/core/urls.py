from django.urls import path

from fanzha.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("m/<slug:slug>/", views.module, name="module"),
]
