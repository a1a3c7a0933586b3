from django.urls import path

from fanzha.audit import views

app_name = "audit"
urlpatterns = [path("", views.audit_list, name="list")]
