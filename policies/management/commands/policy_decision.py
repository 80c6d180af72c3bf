import json
from datetime import date
from typing import Any

import pycountry
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from policies import rules
from policies.explain import explain_all, hold_condition
from policies.selectors import policy_context_from_values

YES_NO = ("yes", "no")


def country_code(option: str, value: str) -> str:
    """Return an ISO 3166-1 alpha-2 code in capitals, or raise CommandError naming the option."""
    code = (value or "").strip().upper()
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        raise CommandError(f"{option}: {value!r} is not an ISO 3166-1 alpha-2 country code (e.g. DE, US).")
    return code


def iso_date(option: str, value: str | None) -> date | None:
    """Return the date of a YYYY-MM-DD value (None stays None), or raise CommandError naming the option."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option}: {value!r} is not a valid date (YYYY-MM-DD).") from None


class Command(BaseCommand):
    help = (
        "Print the policy decision for a letter (forward, hold or refuse), the hold date or condition, "
        "from when direct contact could be possible and the reasons, using the country rules on file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--donor-country", required=True, help="the donor's registry country, e.g. DE")
        parser.add_argument("--recipient-country", required=True, help="the transplant centre's country")
        parser.add_argument("--transplant-date", help="first transplant date, YYYY-MM-DD")
        parser.add_argument("--last-transplant-date", help="last transplant or top-up, YYYY-MM-DD")
        parser.add_argument("--on", help="the day to decide for, YYYY-MM-DD (default: today)")
        parser.add_argument("--direction", choices=rules.DIRECTIONS, default="donor_to_patient")
        parser.add_argument("--product", choices=rules.PRODUCTS, default="fresh")
        parser.add_argument("--requested-date", help="when a cryopreserved product was requested, YYYY-MM-DD")
        parser.add_argument(
            "--letters-sent", type=int, default=0, help="letters the writer's side has already sent"
        )
        parser.add_argument("--centre-allows-anonymous", choices=YES_NO, default="yes")
        parser.add_argument("--donor-consent", choices=YES_NO, default="no")
        parser.add_argument("--patient-consent", choices=YES_NO, default="no")
        parser.add_argument("--contact-requested-by", choices=rules.SIDES, default=None)
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, **options) -> None:
        if options["letters_sent"] < 0:
            raise CommandError("--letters-sent: cannot be negative.")
        on = iso_date("--on", options["on"]) or timezone.localdate()
        context = policy_context_from_values(
            donor_country=country_code("--donor-country", options["donor_country"]),
            recipient_country=country_code("--recipient-country", options["recipient_country"]),
            first_transplant_date=iso_date("--transplant-date", options["transplant_date"]),
            last_transplant_date=iso_date("--last-transplant-date", options["last_transplant_date"]),
            product=options["product"],
            requested_date=iso_date("--requested-date", options["requested_date"]),
            letters_sent=options["letters_sent"],
            direction=options["direction"],
            centre=rules.CentreOverride(
                code="(command line)",
                allows_anonymous_correspondence=options["centre_allows_anonymous"] == "yes",
            ),
            donor_consent="given" if options["donor_consent"] == "yes" else None,
            patient_consent="given" if options["patient_consent"] == "yes" else None,
            contact_requested_by=options["contact_requested_by"],
        )
        decision = rules.decide(context, on=on)
        contact = rules.direct_contact(context, on=on)
        if options["json"]:
            self.stdout.write(json.dumps(as_json(decision, contact), indent=2))
        else:
            self.stdout.write(as_text(decision, contact, on=on))


def as_json(decision: rules.Decision, contact: rules.ContactStatus) -> dict[str, Any]:
    """Return the decision and direct-contact status as JSON-ready values, dates in ISO 8601."""
    return {
        "decision": decision.action,
        "hold_until": decision.hold_until.isoformat() if decision.hold_until else None,
        "hold_condition": hold_condition(decision),
        "direct_contact_from": contact.from_date.isoformat() if contact.from_date else None,
        "direct_contact_possible": contact.possible_now,
        "english_required": decision.english_required,
        "reasons": list(explain_all(decision.reasons)),
        "reason_codes": list(rules.codes(decision.reasons)),
        "direct_contact_missing": list(explain_all(contact.missing)),
        "direct_contact_missing_codes": list(rules.codes(contact.missing)),
        "direct_contact_reasons": list(explain_all(contact.reasons)),
        "direct_contact_reason_codes": list(rules.codes(contact.reasons)),
    }


def as_text(decision: rules.Decision, contact: rules.ContactStatus, *, on: date) -> str:
    """Return the decision and direct-contact status as lines for a person to read."""
    lines = [f"On {on.isoformat()}: {decision.action}"]
    if decision.hold_until:
        lines.append(f"Hold until: {decision.hold_until.isoformat()}")
    condition = hold_condition(decision)
    if condition:
        lines.append(f"Hold until: {condition}")
    lines.append(f"English required: {'yes' if decision.english_required else 'no'}")
    lines.append("Reasons:")
    lines.extend(f"  - {reason}" for reason in explain_all(decision.reasons))
    if contact.from_date:
        lines.append(f"Direct contact from: {contact.from_date.isoformat()}")
    elif contact.missing:
        lines.append("Direct contact from: not known yet")
    else:
        lines.append("Direct contact from: never")
    lines.append(f"Direct contact possible now: {'yes' if contact.possible_now else 'no'}")
    lines.extend(f"  - {reason}" for reason in explain_all(contact.reasons))
    if contact.missing:
        lines.append("Still missing for direct contact:")
        lines.extend(f"  - {item}" for item in explain_all(contact.missing))
    return "\n".join(lines)
