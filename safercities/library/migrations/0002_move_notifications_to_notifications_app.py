"""The on-site notifications moved to the shared ``notifications`` app: copy every row (who,
what, when, read or not, the editor's comment), then drop the library's table.

Old verbs gain the ``resource.`` prefix of the registry (``published`` →
``resource.published``). The copied notifications were already mailed, so they are marked
mailed and never reach a digest.
"""

from django.db import migrations

BATCH = 500


def copy_forward(apps, schema_editor):
    db = schema_editor.connection.alias
    Old = apps.get_model("library", "Notification")
    New = apps.get_model("notifications", "Notification")
    for old in Old.objects.using(db).order_by("pk").iterator(chunk_size=BATCH):
        new = New.objects.using(db).create(
            recipient_id=old.user_id,
            verb=f"resource.{old.verb}"[:60],
            title=old.title,
            url=old.url,
            data={"comment": old.comment} if old.comment else {},
            delivery="immediate",
            read_at=old.read_at,
            emailed_at=old.created_at,
        )
        # created_at is auto_now_add: keep the original time with an update.
        New.objects.using(db).filter(pk=new.pk).update(created_at=old.created_at)


def copy_backward(apps, schema_editor):
    db = schema_editor.connection.alias
    Old = apps.get_model("library", "Notification")
    New = apps.get_model("notifications", "Notification")
    for new in New.objects.using(db).filter(verb__startswith="resource.").order_by("pk").iterator():
        old = Old.objects.using(db).create(
            user_id=new.recipient_id,
            verb=new.verb.removeprefix("resource.")[:40],
            title=new.title,
            url=new.url[:300],
            comment=(new.data or {}).get("comment", ""),
            read_at=new.read_at,
        )
        Old.objects.using(db).filter(pk=old.pk).update(created_at=new.created_at)


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0001_initial"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(copy_forward, copy_backward),
        migrations.DeleteModel(name="Notification"),
    ]
