from django.urls import path

app_name = "freeze"
urlpatterns: list = []
