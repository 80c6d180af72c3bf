from django.db import migrations


def seed_country_rules(apps, schema_editor):
    """Load policies/data/countries.yaml with the same loader as `manage.py load_policies`."""
    from policies.services import country_rules_load

    country_rules_load(model=apps.get_model("policies", "CountryRule"))


class Migration(migrations.Migration):
    dependencies = [
        ("policies", "0001_country_rule"),
    ]

    operations = [
        migrations.RunPython(seed_country_rules, migrations.RunPython.noop),
    ]
