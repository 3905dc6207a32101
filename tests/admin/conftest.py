import pytest
from django.contrib.auth.models import User
from django.test import Client

from editors.accounts import plan_staff_group


@pytest.fixture
def staff():
    """A client logged in as a member of Plan staff (not an editor)."""
    user = User.objects.create_user("wang", password="x", is_staff=True)
    user.groups.add(plan_staff_group())
    client = Client()
    client.force_login(user)
    return client
