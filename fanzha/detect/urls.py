from django.urls import path

from fanzha.detect import views

app_name = "detect"
urlpatterns = [
    path("", views.desk, name="desk"),
    path("indicators/", views.indicator_list, name="indicators"),
    path("indicators/new/", views.indicator_new, name="indicator_new"),
    path("indicators/import/", views.indicator_import, name="indicator_import"),
]
