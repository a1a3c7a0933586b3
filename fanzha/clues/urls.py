from django.urls import path

from fanzha.clues import views

app_name = "clues"
urlpatterns = [
    path("", views.clue_list, name="list"),
    path("inbox/", views.clue_inbox, name="inbox"),
    path("overdue/", views.clue_overdue, name="overdue"),
    path("new/", views.clue_new, name="new"),
    path("import/", views.clue_import, name="import"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("deadlines/", views.deadline_settings, name="deadlines"),
    path("<int:pk>/", views.clue_detail, name="detail"),
    path("<int:pk>/edit/", views.clue_edit, name="edit"),
    path("<int:pk>/<slug:action>/", views.clue_action, name="action"),
]
