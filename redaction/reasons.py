"""Plain-words reasons a donor sees next to each kind of flag."""

REASONS = {
    "NAME": "Names of people or pets could identify you or your recipient.",
    "INITIALS": "Initials can stand for a name and could identify you or your recipient.",
    "LOCATION": "Towns, streets, regions and venues could show where you or your recipient live.",
    "ORGANISATION": "Hospitals, employers, schools, teams, churches and clubs could show who you are.",
    "DATE": "Exact dates, such as a birthday or the transplant day, could identify you or your recipient.",
    "CONTACT": "Phone numbers, e-mail addresses, websites and social-media names allow direct contact.",
    "ID": "Donor, patient and case numbers and other codes could identify you or your recipient.",
}
DEFAULT_REASON = "This detail could identify you or your recipient."


def reason(label: str) -> str:
    """Return why a flag of this kind is shown, in words a donor understands."""
    return REASONS.get(label, DEFAULT_REASON)
