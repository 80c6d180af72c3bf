from django.urls import path

from donors import views

app_name = "donors"
urlpatterns = [
    path("", views.sign_in, name="sign_in"),
    path("sign-in/code/", views.sign_in_code, name="sign_in_code"),
    path("sign-out/", views.sign_out, name="sign_out"),
]
