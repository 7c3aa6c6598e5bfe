import pytest
from django.contrib.auth.models import Group

from articles.roles import EDITORS, PUBLISHERS

pytestmark = pytest.mark.django_db


def codenames(group_name):
    return set(Group.objects.get(name=group_name).permissions.filter(content_type__app_label="insights")
               .values_list("codename", flat=True))


def test_both_roles_see_the_log_and_synonyms():
    for role in (EDITORS, PUBLISHERS):
        assert {"view_searchlog", "view_searchclick", "view_synonymgroup"} <= codenames(role)


def test_only_publishers_edit_synonyms():
    assert {"add_synonymgroup", "change_synonymgroup", "delete_synonymgroup"} <= codenames(PUBLISHERS)
    assert not {"add_synonymgroup", "change_synonymgroup", "delete_synonymgroup"} & codenames(EDITORS)


def test_nobody_edits_the_log():
    for role in (EDITORS, PUBLISHERS):
        assert not {"add_searchlog", "change_searchlog", "delete_searchlog"} & codenames(role)
