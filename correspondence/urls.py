from django.urls import path

from correspondence import contact_views, office_views, reply_views, views

app_name = "correspondence"
urlpatterns = [
    path("letters/", views.letter_list, name="letter_list"),
    path("replies/", reply_views.reply_list, name="reply_list"),
    path("replies/<uuid:public_id>/", reply_views.reply_detail, name="reply_detail"),
    path(
        "replies/<uuid:public_id>/photos/<uuid:attachment_id>/",
        reply_views.reply_attachment,
        name="reply_attachment",
    ),
    path("contact/", contact_views.contact_index, name="contact_index"),
    path("contact/<uuid:public_id>/", contact_views.contact_detail, name="contact_detail"),
    path("contact/<uuid:public_id>/give/", contact_views.contact_consent_give, name="contact_give"),
    path(
        "contact/<uuid:public_id>/withdraw/", contact_views.contact_consent_withdraw, name="contact_withdraw"
    ),
    path("messages/", office_views.messages_view, name="messages"),
    path("guidance/", office_views.guidance_view, name="guidance"),
    path("letters/new/", views.letter_create, name="letter_create"),
    path("letters/check/", views.letter_check_view, name="letter_check"),
    path("letters/photos/<uuid:public_id>/", views.pending_photo_view, name="pending_photo"),
    path("letters/<uuid:public_id>/", views.letter_detail, name="letter_detail"),
    path("letters/<uuid:public_id>/edit/", views.letter_edit, name="letter_edit"),
    path("letters/<uuid:public_id>/sent/", views.letter_sent, name="letter_sent"),
    path("letters/<uuid:public_id>/withdraw/", views.letter_withdraw_view, name="letter_withdraw"),
    path("letters/<uuid:public_id>/revise/", views.letter_revise_view, name="letter_revise"),
    path(
        "letters/<uuid:public_id>/photos/<uuid:attachment_id>/",
        views.attachment_view,
        name="letter_attachment",
    ),
]
