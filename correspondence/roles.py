"""The Caseworkers group and its permissions, kept in step after every migrate."""

from django.contrib.auth.models import Group, Permission

CASEWORKERS = "Caseworkers"

# (app_label, codename) pairs. Editing country rules is deliberately not here: it needs its own grant.
CASEWORKER_PERMISSIONS = (
    ("correspondence", "view_letter"),
    ("correspondence", "review_letter"),
    ("correspondence", "view_flag"),
    ("correspondence", "view_attachment"),
    ("correspondence", "view_letterevent"),
    ("correspondence", "view_consent"),
    ("correspondence", "add_consent"),
    ("correspondence", "view_donorquestion"),
    ("correspondence", "change_donorquestion"),
    ("correspondence", "view_patientreport"),
    ("correspondence", "add_patientreport"),
    ("correspondence", "change_patientreport"),
    ("correspondence", "view_contactdecline"),
    ("correspondence", "add_contactdecline"),
    ("correspondence", "change_contactdecline"),
    ("correspondence", "view_officeevent"),
    ("correspondence", "view_intake"),
    ("correspondence", "add_intake"),
    ("donors", "view_donor"),
    ("donors", "view_donation"),
    ("clinics", "view_patient"),
    ("clinics", "view_transplantcentre"),
    ("policies", "view_countryrule"),
)


def caseworkers_group_sync(**kwargs) -> Group:
    """Create the Caseworkers group if needed and give it exactly its permissions that exist so far."""
    group, _ = Group.objects.get_or_create(name=CASEWORKERS)
    wanted = Permission.objects.none()
    for app_label, codename in CASEWORKER_PERMISSIONS:
        wanted |= Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    group.permissions.set(wanted)
    return group
