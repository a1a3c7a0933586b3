from django.urls import path

app_name = "clues"
urlpatterns: list = []
