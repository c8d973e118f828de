"""Publish the generic tools' new versions: the victimization survey asks its follow-up
questions per incident (a repeat group). Existing versions, and the assessments and city
versions based on them, stay as they are. Idempotent (nothing new on a fresh database)."""

from django.db import migrations


def publish_new_generic_versions(apps, schema_editor):
    from safercities.toolkit.versioning import ensure_generic_tools

    ensure_generic_tools(apps.get_model("toolkit", "Tool"), apps.get_model("toolkit", "ToolVersion"))


class Migration(migrations.Migration):
    dependencies = [("toolkit", "0002_generic_tools")]
    operations = [migrations.RunPython(publish_new_generic_versions, migrations.RunPython.noop)]
