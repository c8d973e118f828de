from django.db import migrations

THEMES = {
    "womens-safety": "Women's safety",
    "youth": "Youth",
    "street-lighting": "Street lighting",
    "policing": "Policing",
    "domestic-violence": "Domestic violence",
    "drugs": "Drugs",
    "cpted": "Crime prevention through environmental design",
    "slum-upgrading": "Slum upgrading",
    "public-transport": "Public transport",
    "victimization-survey": "Victimization surveys",
    "safety-planning": "Safety planning",
    "un-guidelines": "UN Guidelines for the Prevention of Crime",
    "land-tenure": "Land tenure",
    "urban-poverty": "Urban poverty",
}


def seed(apps, schema_editor):
    Theme = apps.get_model("taxonomy", "Theme")
    for slug, name in THEMES.items():
        Theme.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
