from django.urls import path

from fanzha.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_new, name="new"),
    path("suggest/", views.suggest, name="suggest"),
    path("export/", views.case_export, name="export"),
    path("import/", views.case_import, name="import"),
    path("import/template/", views.import_template, name="import_template"),
    path("import/report/<str:token>/", views.import_report, name="import_report"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/edit/", views.case_edit, name="edit"),
    path("<int:pk>/status/", views.case_status, name="status"),
    path("<int:pk>/payments/new/", views.payment_add, name="payment_add"),
    path("<int:pk>/indicators/", views.indicator_add, name="indicator_add"),
    path("<int:pk>/indicators/<int:indicator_id>/delete/", views.indicator_remove, name="indicator_remove"),
]
