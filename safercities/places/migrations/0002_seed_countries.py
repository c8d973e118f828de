from django.db import migrations


def seed(apps, schema_editor):
    from safercities.places.countries import ASIA_PACIFIC_COUNTRIES

    Country = apps.get_model("places", "Country")
    for code, name in ASIA_PACIFIC_COUNTRIES:
        Country.objects.update_or_create(code=code, defaults={"name": name, "asia_pacific": True})


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
