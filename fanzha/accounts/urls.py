from django.urls import path

from fanzha.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("password/", views.password_view, name="password"),
    path("users/", views.user_list, name="users"),
    path("users/new/", views.user_edit, name="user_new"),
    path("users/<str:username>/", views.user_edit, name="user_edit"),
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/issue/<str:username>/", views.token_issue, name="token_issue"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
]
