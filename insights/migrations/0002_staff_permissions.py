from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "편집자"
PUBLISHERS = "게시자"

VIEW = ["view_searchlog", "view_searchclick", "view_synonymgroup"]
PERMISSIONS = {
    EDITORS: VIEW,
    PUBLISHERS: VIEW + ["add_synonymgroup", "change_synonymgroup", "delete_synonymgroup"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    app_config = apps.get_app_config("insights")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="insights", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=PERMISSIONS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="insights"))


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0001_initial"),
        ("articles", "0002_staff_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
