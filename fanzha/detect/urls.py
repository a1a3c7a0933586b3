from django.urls import path

app_name = "detect"
urlpatterns: list = []
