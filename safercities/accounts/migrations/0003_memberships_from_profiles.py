"""People who named an organisation in their profile get a membership waiting for confirmation."""

from django.db import migrations


def forwards(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    OrganisationMembership = apps.get_model("accounts", "OrganisationMembership")
    existing = set(OrganisationMembership.objects.values_list("user_id", "organisation_id"))
    OrganisationMembership.objects.bulk_create(
        [
            OrganisationMembership(user_id=user_id, organisation_id=org_id)
            for user_id, org_id in User.objects.filter(organisation__isnull=False).values_list(
                "pk", "organisation_id"
            )
            if (user_id, org_id) not in existing
        ]
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles_invitations_organisation_membership")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
