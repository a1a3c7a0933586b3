from django.urls import path

app_name = "telecom"
urlpatterns: list = []
