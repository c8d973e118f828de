"""Flags become registered names (``flags``) instead of one ``replicable`` column.

The former facet ``replicable=1`` becomes ``flag=replicable`` under the same code, so the
stored facet codes stay valid without a rebuild.
"""

from django.db import migrations, models


def forwards(apps, schema_editor):
    IndexedDocument = apps.get_model("search", "IndexedDocument")
    FacetCode = apps.get_model("search", "FacetCode")
    IndexedDocument.objects.filter(replicable=True).update(flags=["replicable"])
    FacetCode.objects.filter(facet="replicable", value="1").update(facet="flag", value="replicable")


def backwards(apps, schema_editor):
    IndexedDocument = apps.get_model("search", "IndexedDocument")
    FacetCode = apps.get_model("search", "FacetCode")
    for doc in IndexedDocument.objects.exclude(flags=[]).only("pk", "flags"):
        if "replicable" in doc.flags:
            IndexedDocument.objects.filter(pk=doc.pk).update(replicable=True)
    FacetCode.objects.filter(facet="flag", value="replicable").update(facet="replicable", value="1")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="indexeddocument",
            name="flags",
            field=models.JSONField(blank=True, default=list, verbose_name="flags"),
        ),
        migrations.RunPython(forwards, backwards, elidable=True),
        migrations.RemoveField(
            model_name="indexeddocument",
            name="replicable",
        ),
    ]
