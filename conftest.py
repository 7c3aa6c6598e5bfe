"""Suite-wide test setup."""

import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Tests start from an empty synonym table.

    insights migration 0003 ships default synonym groups; left in the test database they would change
    what every search test finds. Tests about synonyms create their own groups, and the tests of the
    defaults (insights/tests/test_default_synonyms.py, search/tests/test_evaluation.py) install them.
    """
    from insights.models import SynonymGroup

    with django_db_blocker.unblock():
        SynonymGroup.objects.all().delete()
