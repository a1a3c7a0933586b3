from django.urls import path

from fanzha.freeze import views

app_name = "freeze"
urlpatterns = [
    path("", views.request_list, name="list"),
    path("export/", views.request_export, name="export"),
    path("<int:pk>/", views.request_detail, name="detail"),
    path("<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/return/", views.record_return, name="return"),
    path("payment/<int:payment_id>/send/", views.send, name="send"),
    path("shutdowns/", views.shutdown_list, name="shutdowns"),
    path("shutdowns/<int:pk>/answer/", views.shutdown_answer, name="shutdown_answer"),
    path("case/<int:case_id>/shutdown/", views.shutdown_send, name="shutdown_send"),
]
