from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "편집자"
PUBLISHERS = "게시자"

EDITOR_PERMISSIONS = [
    "add_article", "change_article", "view_article",
    "view_service", "view_category", "view_platform",
]
PUBLISHER_PERMISSIONS = EDITOR_PERMISSIONS + [
    "publish_article", "delete_article",
    "add_service", "change_service", "delete_service",
    "add_category", "change_category", "delete_category",
    "add_platform", "change_platform", "delete_platform",
]


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ((EDITORS, EDITOR_PERMISSIONS), (PUBLISHERS, PUBLISHER_PERMISSIONS)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, PUBLISHERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
