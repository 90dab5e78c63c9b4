"""Each service submits only for itself: a kraamzorg service's users are linked to their
service through their organisation; analysts and administrators may import any service."""

import pytest

from ..models import Service, Submission
from ..submissions.errors import SubmissionRefused
from .builders import at, import_rows, row

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_service(kraamzorg_user):
    organisation = kraamzorg_user.organisation
    organisation.recognition_number = "GZ-OWN"
    organisation.save()
    return organisation


def _refused(code, call):
    with pytest.raises(SubmissionRefused) as refused:
        call()
    assert refused.value.code == code
    assert not Submission.objects.exists()


def test_a_service_user_submits_for_its_own_service_and_links_it(kraamzorg_user, own_service):
    import_rows([row(service_id="GZ-OWN")], by=kraamzorg_user, now=at("2017-03-01 10:00"))
    service = Service.objects.get()
    assert service.organisation == own_service
    assert Submission.objects.get().uploaded_by == kraamzorg_user


def test_a_service_user_is_refused_for_another_service(kraamzorg_user, own_service):
    _refused(
        "not_your_service",
        lambda: import_rows([row(service_id="GZ-OTHER")], by=kraamzorg_user),
    )


def test_one_foreign_service_in_the_file_refuses_the_whole_file(kraamzorg_user, own_service):
    rows = [row(service_id="GZ-OWN"), row(service_id="GZ-OTHER", service_name="Andere")]
    _refused("not_your_service", lambda: import_rows(rows, by=kraamzorg_user))


def test_a_service_linked_to_another_organisation_is_refused(persona, kraamzorg_user, own_service):
    from perinatal.accounts.constants import Role

    other = persona(Role.KRAAMZORG_SERVICE, username="other-service")
    other.organisation.recognition_number = "GZ-OTHER"
    other.organisation.save()
    import_rows([row(service_id="GZ-OTHER")], by=other, now=at("2017-02-01 10:00"))
    # the organisation of kraamzorg_user now claims the same number: the link decides
    own_service.recognition_number = "GZ-OTHER"
    own_service.save()
    with pytest.raises(SubmissionRefused) as refused:
        import_rows([row(service_id="GZ-OTHER")], by=kraamzorg_user)
    assert refused.value.code == "not_your_service"
    assert Submission.objects.count() == 1


@pytest.mark.parametrize("persona_name", ["analyst", "admin_user"])
def test_analysts_and_administrators_import_any_service(request, persona_name):
    user = request.getfixturevalue(persona_name)
    import_rows([row(service_id="GZ-1"), row(service_id="GZ-2", service_name="B")], by=user)
    assert Submission.objects.count() == 2
    assert Service.objects.filter(organisation__isnull=True).count() == 2


@pytest.mark.parametrize("persona_name", ["kg_nurse", "midwife", "editor", "parent"])
def test_other_roles_may_not_submit(request, persona_name):
    user = request.getfixturevalue(persona_name)
    _refused("forbidden", lambda: import_rows([row()], by=user))
