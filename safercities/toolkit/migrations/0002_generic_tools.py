from django.db import migrations


def create_generic_tools(apps, schema_editor):
    from safercities.toolkit.versioning import ensure_generic_tools

    ensure_generic_tools(apps.get_model("toolkit", "Tool"), apps.get_model("toolkit", "ToolVersion"))


class Migration(migrations.Migration):
    dependencies = [("toolkit", "0001_initial")]
    operations = [migrations.RunPython(create_generic_tools, migrations.RunPython.noop)]
