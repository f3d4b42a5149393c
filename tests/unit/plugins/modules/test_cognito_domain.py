# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cognito_domain's ensure_present against stubbed clients: the answers AWS gives when another run acts between two
reads, a replacement that never ends with neither domain, and a domain that is still DELETING."""

import boto3
import pytest
from botocore.stub import Stubber

from ansible_collections.kaleido.cognito.plugins.module_utils import model
from ansible_collections.kaleido.cognito.plugins.module_utils.modules import CognitoModule
from ansible_collections.kaleido.cognito.plugins.modules import cognito_domain

POOL = "us-east-1_AbCdEfGhI"
DOMAIN = "kaleido-example"
OLD = "kaleido-older"
CUSTOM = "auth.example.com"
OLD_CUSTOM = "login.example.com"
CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666"
OLD_CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-777788889999"


class Failed(Exception):
    pass


class Module:
    """What ensure_present uses of a CognitoModule (the base's own methods, on this stand-in)."""

    pending_user_pool = CognitoModule.pending_user_pool
    new_user_pool = CognitoModule.new_user_pool
    fail_if_no_such_user_pool = CognitoModule.fail_if_no_such_user_pool
    waiter_client = CognitoModule.waiter_client
    acm_client = CognitoModule.acm_client
    refuse_reset_of_unknown_members = CognitoModule.refuse_reset_of_unknown_members

    def __init__(self, **params):
        self.params = dict(user_pool_id=POOL, pending_user_pool=False, new_user_pool=False, domain=DOMAIN, certificate_arn=None, managed_login_version=None,
                           replace=False, state="present", wait=False, wait_timeout=None, aws_config=None)
        self.params.update(params)
        self.check_mode = False
        self.region = "us-east-1"

        self.clients = {}
        self.warnings = []

    def fail_json(self, **result):
        raise Failed(result["msg"])

    def warn(self, message):
        self.warnings.append(message)

    def client(self, service, region=None, aws_config=None):
        """amazon.aws's module.client(): the stubbed client of the service (waits read the domain through it too)."""
        return self.clients[service]


def ensure_present(module, client):
    """What the module does with state=present: find the task's domain, then bring it to the task."""
    return cognito_domain.ensure_present(module, client, cognito_domain.find_domain(module, client))


def boto_client(service):
    return boto3.client(service, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")


def stubbed_client(service):
    client = boto_client(service)
    with Stubber(client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


@pytest.fixture
def stubbed():
    yield from stubbed_client("cognito-idp")


@pytest.fixture
def acm():
    yield from stubbed_client("acm")


def active(domain=DOMAIN, status="ACTIVE", version=1, certificate=None, cloudfront="d111111abcdef8.cloudfront.net"):
    description = {"UserPoolId": POOL, "Domain": domain, "Status": status, "Version": "1", "ManagedLoginVersion": version,
                   "CloudFrontDistribution": cloudfront}
    if certificate:
        description["CustomDomainConfig"] = {"CertificateArn": certificate}
    return {"DomainDescription": description}


NONE = {"DomainDescription": {}}


def error(stubber, operation, code, message, expected=None):
    stubber.add_client_error(operation, service_error_code=code, service_message=message, http_status_code=400, expected_params=expected)


def module_with(client, acm_client=None, **params):
    module = Module(**params)
    module.clients = {"cognito-idp": client, "acm": acm_client}
    return module


def pool_with(stubber, **domains):
    stubber.add_response("describe_user_pool", {"UserPool": dict(Id=POOL, **domains)}, {"UserPoolId": POOL})


def test_a_domain_another_run_gave_the_pool_between_the_two_reads_is_the_tasks_domain(stubbed):
    """DescribeUserPoolDomain finds nothing, then DescribeUserPool shows the domain (a run of the same task made it): no change, no rename error."""
    client, stubber = stubbed
    stubber.add_response("describe_user_pool_domain", {"DomainDescription": {}}, {"Domain": DOMAIN})
    stubber.add_response("describe_user_pool", {"UserPool": {"Id": POOL, "Domain": DOMAIN}}, {"UserPoolId": POOL})
    stubber.add_response("describe_user_pool_domain", active(), {"Domain": DOMAIN})
    changed, before, after = ensure_present(Module(), client)
    assert (changed, before["Domain"], after["Domain"]) == (False, DOMAIN, DOMAIN)


def test_another_prefix_domain_on_the_pool_is_not_renamed_without_replace(stubbed):
    client, stubber = stubbed
    stubber.add_response("describe_user_pool_domain", {"DomainDescription": {}}, {"Domain": DOMAIN})
    stubber.add_response("describe_user_pool", {"UserPool": {"Id": POOL, "Domain": "kaleido-older"}}, {"UserPoolId": POOL})
    stubber.add_response("describe_user_pool_domain", active("kaleido-older"), {"Domain": "kaleido-older"})
    with pytest.raises(Failed, match="already has the prefix domain 'kaleido-older'.*AWS cannot rename a domain"):
        ensure_present(Module(), client)


# A replacement (replace=true) checks what it can before it deletes, and puts the old domain back when the new one fails.


def test_a_domain_of_a_new_pool_is_created_without_reading_the_domain_or_the_pool(stubbed):
    """new_user_pool: CreateUserPoolDomain, then the read of the new domain (two calls)."""
    client, stubber = stubbed
    stubber.add_response("create_user_pool_domain", {"CloudFrontDomain": "d111111abcdef8.cloudfront.net"}, {"UserPoolId": POOL, "Domain": DOMAIN})
    stubber.add_response("describe_user_pool_domain", active(), {"Domain": DOMAIN})
    changed, before, after = ensure_present(module_with(client, new_user_pool=True), client)
    assert (changed, before, after["Status"]) == (True, None, "ACTIVE")


def test_a_new_pool_that_had_a_domain_after_all_goes_on_as_without_new_user_pool(stubbed):
    """A wrong new_user_pool=true: AWS refuses the creation, the task reads the domain and the pool, and refuses the rename."""
    client, stubber = stubbed
    error(stubber, "create_user_pool_domain", "InvalidParameterException", "User pool already has a domain configured.",
          {"UserPoolId": POOL, "Domain": DOMAIN})
    stubber.add_response("describe_user_pool_domain", NONE, {"Domain": DOMAIN})
    pool_with(stubber, Domain=OLD)
    stubber.add_response("describe_user_pool_domain", active(OLD), {"Domain": OLD})
    with pytest.raises(Failed, match="already has the prefix domain 'kaleido-older'.*AWS cannot rename a domain"):
        ensure_present(module_with(client, new_user_pool=True), client)


def test_a_new_pool_that_had_this_domain_after_all_gets_the_tasks_version(stubbed):
    """A wrong new_user_pool=true on a pool that has the domain with version 1: the task updates it to version 2."""
    client, stubber = stubbed
    pool_with(stubber, UserPoolTier="ESSENTIALS")  # version 2: the tier is read first
    error(stubber, "create_user_pool_domain", "InvalidParameterException", "Domain already exists.")
    stubber.add_response("describe_user_pool_domain", active(), {"Domain": DOMAIN})  # the service layer's look: this pool's
    stubber.add_response("describe_user_pool_domain", active(), {"Domain": DOMAIN})
    pool_with(stubber, UserPoolTier="ESSENTIALS")  # the update of the version reads the tier
    stubber.add_response("update_user_pool_domain", {}, {"UserPoolId": POOL, "Domain": DOMAIN, "ManagedLoginVersion": 2})
    stubber.add_response("describe_user_pool_domain", active(version=2), {"Domain": DOMAIN})
    module = module_with(client, new_user_pool=True, managed_login_version=2)
    module.refuse_reset_of_unknown_members = lambda *args: None
    changed, before, after = ensure_present(module, client)
    assert (changed, before, after["ManagedLoginVersion"]) == (True, None, 2)


def test_a_new_pool_id_aws_does_not_know_fails_naming_the_pool(stubbed):
    client, stubber = stubbed
    error(stubber, "create_user_pool_domain", "ResourceNotFoundException", "User pool us-east-1_Example does not exist.")
    with pytest.raises(Failed, match="no such user pool in this account and region"):
        ensure_present(module_with(client, new_user_pool=True), client)


def replacing_custom(stubber):
    """The reads before a custom domain replaces OLD_CUSTOM."""
    stubber.add_response("describe_user_pool_domain", NONE, {"Domain": CUSTOM})
    pool_with(stubber, CustomDomain=OLD_CUSTOM)
    stubber.add_response("describe_user_pool_domain", active(OLD_CUSTOM, certificate=OLD_CERTIFICATE), {"Domain": OLD_CUSTOM})


@pytest.mark.parametrize("check_mode", [False, True], ids=["real", "check"])
def test_a_custom_domain_replacement_with_a_certificate_acm_has_not_issued_deletes_nothing(stubbed, acm, check_mode):
    client, stubber = stubbed
    acm_client, acm_stubber = acm
    replacing_custom(stubber)
    acm_stubber.add_response("describe_certificate", {"Certificate": {"CertificateArn": CERTIFICATE, "Status": "PENDING_VALIDATION"}},
                             {"CertificateArn": CERTIFICATE})
    module = module_with(client, acm_client, domain=CUSTOM, certificate_arn=CERTIFICATE, replace=True)
    module.check_mode = check_mode
    with pytest.raises(Failed, match="status PENDING_VALIDATION in ACM.*'login.example.com' was not replaced; nothing was changed"):
        ensure_present(module, client)


def test_a_custom_domain_replacement_with_a_certificate_acm_does_not_have_deletes_nothing(stubbed, acm):
    client, stubber = stubbed
    acm_client, acm_stubber = acm
    replacing_custom(stubber)
    error(acm_stubber, "describe_certificate", "ResourceNotFoundException", "Could not find certificate", {"CertificateArn": CERTIFICATE})
    with pytest.raises(Failed, match="does not exist in ACM .region us-east-1 of this account.*nothing was changed"):
        ensure_present(module_with(client, acm_client, domain=CUSTOM, certificate_arn=CERTIFICATE, replace=True), client)


def test_a_certificate_that_cannot_be_read_stops_the_replacement_before_the_delete(stubbed, acm):
    client, stubber = stubbed
    acm_client, acm_stubber = acm
    replacing_custom(stubber)
    error(acm_stubber, "describe_certificate", "AccessDeniedException", "not authorized to perform: acm:DescribeCertificate")
    with pytest.raises(Failed, match="could not read certificate_arn .* .acm:DescribeCertificate.*AccessDenied.*Nothing was changed"):
        ensure_present(module_with(client, acm_client, domain=CUSTOM, certificate_arn=CERTIFICATE, replace=True), client)


def replacing_prefix(stubber):
    """The reads and the delete of a prefix domain replacing OLD (managed login version 2), up to its creation."""
    stubber.add_response("describe_user_pool_domain", NONE, {"Domain": DOMAIN})
    pool_with(stubber, Domain=OLD)
    stubber.add_response("describe_user_pool_domain", active(OLD, version=2), {"Domain": OLD})
    stubber.add_response("delete_user_pool_domain", {}, {"UserPoolId": POOL, "Domain": OLD})
    stubber.add_response("describe_user_pool_domain", NONE, {"Domain": OLD})  # the wait: it is gone


def test_a_replacement_whose_new_domain_fails_puts_the_old_one_back_with_its_version(stubbed):
    client, stubber = stubbed
    replacing_prefix(stubber)
    error(stubber, "create_user_pool_domain", "LimitExceededException", "limit reached", {"UserPoolId": POOL, "Domain": DOMAIN})
    stubber.add_response("create_user_pool_domain", {}, {"UserPoolId": POOL, "Domain": OLD, "ManagedLoginVersion": 2})
    stubber.add_response("describe_user_pool_domain", active(OLD, version=2), {"Domain": OLD})
    with pytest.raises(Failed) as failed:
        ensure_present(module_with(client, replace=True), client)
    assert "LimitExceededException" in str(failed.value)
    assert "The old domain 'kaleido-older' was deleted first and has been created again" in str(failed.value)


def test_a_replacement_whose_old_domain_cannot_be_put_back_says_it_is_gone_and_how_to_restore_it(stubbed):
    client, stubber = stubbed
    replacing_prefix(stubber)
    error(stubber, "create_user_pool_domain", "AccessDeniedException", "not authorized", {"UserPoolId": POOL, "Domain": DOMAIN})
    error(stubber, "create_user_pool_domain", "AccessDeniedException", "not authorized", {"UserPoolId": POOL, "Domain": OLD, "ManagedLoginVersion": 2})
    with pytest.raises(Failed) as failed:
        ensure_present(module_with(client, replace=True), client)
    message = str(failed.value)
    assert "could not be created again" in message
    assert "user pool {0} has no prefix domain now".format(POOL) in message
    assert "To restore it, run kaleido.cognito.cognito_domain with user_pool_id: {0}, domain: {1}, managed_login_version: 2".format(POOL, OLD) in message


def test_a_custom_domain_put_back_names_its_new_cloudfront_distribution_for_the_dns_alias(stubbed, acm):
    client, stubber = stubbed
    acm_client, acm_stubber = acm
    replacing_custom(stubber)
    acm_stubber.add_response("describe_certificate", {"Certificate": {"CertificateArn": CERTIFICATE, "Status": "ISSUED"}})
    stubber.add_response("delete_user_pool_domain", {}, {"UserPoolId": POOL, "Domain": OLD_CUSTOM})
    stubber.add_response("describe_user_pool_domain", NONE, {"Domain": OLD_CUSTOM})
    error(stubber, "create_user_pool_domain", "InvalidParameterException", "The specified SSL certificate doesn't exist, isn't in us-east-1 region,"
          " isn't valid, or doesn't include a valid certificate chain.")
    stubber.add_response("create_user_pool_domain", {"CloudFrontDomain": "d222222abcdef8.cloudfront.net"},
                         {"UserPoolId": POOL, "Domain": OLD_CUSTOM, "ManagedLoginVersion": 1, "CustomDomainConfig": {"CertificateArn": OLD_CERTIFICATE}})
    stubber.add_response("describe_user_pool_domain", active(OLD_CUSTOM, certificate=OLD_CERTIFICATE, cloudfront="d222222abcdef8.cloudfront.net"),
                         {"Domain": OLD_CUSTOM})
    with pytest.raises(Failed, match="created again; its CloudFront distribution is now d222222abcdef8.cloudfront.net .it was d111111abcdef8"
                       r".cloudfront.net.: point the DNS alias of login.example.com to it"):
        ensure_present(module_with(client, acm_client, domain=CUSTOM, certificate_arn=CERTIFICATE, replace=True), client)


# A domain deleted moments ago is DELETING, and AWS holds its name ("Domain already exists.") until it is gone.


@pytest.mark.parametrize("wait", [False, True])
def test_the_pools_domain_that_is_deleting_is_waited_for_then_created_again(stubbed, wait):
    client, stubber = stubbed
    stubber.add_response("describe_user_pool_domain", active(status="DELETING"), {"Domain": DOMAIN})
    pool_with(stubber, Domain=DOMAIN)
    stubber.add_response("describe_user_pool_domain", active(status="DELETING"), {"Domain": DOMAIN})
    stubber.add_response("describe_user_pool_domain", NONE, {"Domain": DOMAIN})  # the wait: it is gone
    stubber.add_response("create_user_pool_domain", {}, {"UserPoolId": POOL, "Domain": DOMAIN})
    stubber.add_response("describe_user_pool_domain", active(status="CREATING"), {"Domain": DOMAIN})
    if wait:
        stubber.add_response("describe_user_pool_domain", active(), {"Domain": DOMAIN})  # the wait for ACTIVE
        stubber.add_response("describe_user_pool_domain", active(), {"Domain": DOMAIN})  # the read after it
    changed, before, after = ensure_present(module_with(client, wait=wait), client)
    assert (changed, before, after["Status"]) == (True, None, "ACTIVE" if wait else "CREATING")


def test_check_mode_predicts_the_creation_of_a_domain_that_is_deleting(stubbed):
    client, stubber = stubbed
    stubber.add_response("describe_user_pool_domain", active(status="DELETING"), {"Domain": DOMAIN})
    pool_with(stubber, Domain=DOMAIN)
    stubber.add_response("describe_user_pool_domain", active(status="DELETING"), {"Domain": DOMAIN})
    module = module_with(client)
    module.check_mode = True
    changed, before, after = ensure_present(module, client)
    assert (changed, before, after["Domain"], after["Status"]) == (True, None, DOMAIN, "CREATING")


def test_a_name_aws_still_holds_after_its_deletion_is_waited_for_and_created(stubbed):
    """DescribeUserPoolDomain showed nothing, but CreateUserPoolDomain answers "Domain already exists.": the name is going."""
    client, stubber = stubbed
    stubber.add_response("describe_user_pool_domain", NONE, {"Domain": DOMAIN})
    pool_with(stubber)
    error(stubber, "create_user_pool_domain", "InvalidParameterException", "Domain already exists.")
    stubber.add_response("describe_user_pool_domain", active(status="DELETING"), {"Domain": DOMAIN})  # the service layer's look
    stubber.add_response("describe_user_pool_domain", active(status="DELETING"), {"Domain": DOMAIN})  # the module's
    stubber.add_response("describe_user_pool_domain", NONE, {"Domain": DOMAIN})  # the wait: it is gone
    stubber.add_response("create_user_pool_domain", {}, {"UserPoolId": POOL, "Domain": DOMAIN})
    stubber.add_response("describe_user_pool_domain", active(), {"Domain": DOMAIN})
    changed, before, after = ensure_present(module_with(client), client)
    assert (changed, before, after["Status"]) == (True, None, "ACTIVE")


# UpdateUserPoolDomain is sent the described CustomDomainConfig back: an answer that could not be checked stops it.


def test_a_domain_update_is_refused_when_the_answer_it_is_built_from_could_not_be_checked(stubbed):
    """The Stubber's answers have no raw body, like an answer that is not JSON: the guard cannot read it and fails closed."""
    client, stubber = stubbed
    client.kaleido_unknown_members = model.UnknownMembers().register(client)
    stubber.add_response("describe_user_pool_domain", active(CUSTOM, certificate=OLD_CERTIFICATE), {"Domain": CUSTOM})
    with pytest.raises(Failed, match="could not be read to check it for settings.*UpdateUserPoolDomain.*nothing was changed"):
        ensure_present(module_with(client, domain=CUSTOM, certificate_arn=CERTIFICATE), client)
