"""The group "Moderatorer" with the permission to moderate ideas and comments.

Moderation is a global role: put a person in this group (or make them a superuser). Other apps add
their own moderation permissions to the same group (get_or_create), so the order does not matter.
"""

from django.db import migrations

GROUP = "Moderatorer"


def create_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    # The permission is normally created after migrate (post_migrate); create it now so the group
    # can hold it. post_migrate then finds it and leaves it alone.
    content_type, _ = ContentType.objects.get_or_create(app_label="ideas", model="idea")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="moderate_idea",
        defaults={"name": "Can moderate ideas and comments"},
    )
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(permission)


def remove_permission(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="ideas", codename="moderate_idea"))


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0002_comments_offers_moderation"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_permission)]
