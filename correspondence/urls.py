from django.urls import path

from correspondence import views

app_name = "correspondence"
urlpatterns = [
    path("letters/", views.letter_list, name="letter_list"),
    path("letters/new/", views.letter_create, name="letter_create"),
    path("letters/check/", views.letter_check_view, name="letter_check"),
    path("letters/<uuid:public_id>/", views.letter_detail, name="letter_detail"),
    path("letters/<uuid:public_id>/edit/", views.letter_edit, name="letter_edit"),
    path("letters/<uuid:public_id>/sent/", views.letter_sent, name="letter_sent"),
    path("letters/<uuid:public_id>/withdraw/", views.letter_withdraw_view, name="letter_withdraw"),
    path(
        "letters/<uuid:public_id>/photos/<uuid:attachment_id>/",
        views.attachment_view,
        name="letter_attachment",
    ),
]
