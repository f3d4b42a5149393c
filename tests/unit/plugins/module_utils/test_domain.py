# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Decisions about user pool domains (plugins/module_utils/domain.py)."""

import pytest

from ansible_collections.kaleido.cognito.plugins.module_utils import domain as domains

POOL = "us-east-1_AbCdEfGhI"
CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666"


def params(**values):
    base = dict(
        user_pool_id=POOL, domain="kaleido-example", certificate_arn=None, managed_login_version=None,
        replace=False, state="present", wait=True, wait_timeout=None,
    )
    base.update(values)
    return base


@pytest.mark.parametrize("prefix", ["a", "kaleido-example", "k1", "0-0", "a" * 63, "x" * 30 + "-" + "y" * 32])
def test_valid_prefixes_have_no_problem(prefix):
    assert domains.prefix_problems(prefix) == []


@pytest.mark.parametrize(
    "prefix",
    ["", "Kaleido", "kaleido_example", "-kaleido", "kaleido-", "a" * 64, "kaleido example", "kaleido.", "ünï"],
)
def test_prefix_breaking_the_pattern_is_refused(prefix):
    problems = domains.prefix_problems(prefix)
    assert any("lowercase letters, digits and hyphens" in problem for problem in problems)


@pytest.mark.parametrize("word", ["aws", "amazon", "cognito"])
@pytest.mark.parametrize("template", ["{0}", "my{0}", "{0}-login", "x-{0}-y"])
def test_prefix_containing_a_reserved_word_is_refused_naming_the_word(word, template):
    problems = domains.prefix_problems(template.format(word))
    assert problems == ["must not contain the reserved word {0!r}".format(word)]


def test_validation_errors_name_the_domain_option():
    errors = domains.validation_errors(params(domain="Bad_Prefix"))
    assert errors and all(error.startswith("domain 'Bad_Prefix'") for error in errors)


def test_a_name_with_a_dot_is_a_custom_domain_and_validated_as_a_host_name():
    assert domains.is_custom("auth.example.com")
    assert not domains.is_custom("kaleido")
    assert domains.validation_errors(params(domain="auth.example.com", certificate_arn=CERT)) == []
    assert domains.validation_errors(params(domain="Auth.Example.com", certificate_arn=CERT))
    assert domains.validation_errors(params(domain="auth..example.com", certificate_arn=CERT))
    assert domains.validation_errors(params(domain="auth.example.com.", certificate_arn=CERT))


def test_reserved_words_do_not_apply_to_custom_domains():
    assert domains.validation_errors(params(domain="login.aws-fans.example.com", certificate_arn=CERT)) == []


def test_certificate_arn_with_a_prefix_is_refused():
    errors = domains.validation_errors(params(certificate_arn=CERT))
    assert errors == ["certificate_arn is only for a custom domain (a fully qualified name), not for the prefix 'kaleido-example'"]


def test_certificate_must_be_an_acm_arn_in_us_east_1():
    outside = CERT.replace("us-east-1", "eu-west-1")
    errors = domains.validation_errors(params(domain="auth.example.com", certificate_arn=outside))
    assert len(errors) == 1 and "us-east-1" in errors[0] and "eu-west-1" in errors[0] and errors[0].startswith("certificate_arn")
    errors = domains.validation_errors(params(domain="auth.example.com", certificate_arn="arn:aws:iam::123456789012:server-certificate/x"))
    assert len(errors) == 1 and "ACM certificate" in errors[0]


def test_negative_wait_timeout_is_refused():
    assert domains.validation_errors(params(wait_timeout=-1)) == ["wait_timeout must be 0 or more seconds, got -1"]


def test_fqdn_of_a_prefix_names_the_region_and_a_custom_domain_is_its_own_fqdn():
    assert domains.fqdn("kaleido", "eu-west-2") == "kaleido.auth.eu-west-2.amazoncognito.com"
    assert domains.fqdn("auth.example.com", "eu-west-2") == "auth.example.com"


def test_current_domain_of_the_same_kind_comes_from_describe_user_pool():
    pool = {"Id": POOL, "Domain": "old-prefix", "CustomDomain": "auth.example.com"}
    assert domains.current_of_same_kind(pool, "new-prefix") == "old-prefix"
    assert domains.current_of_same_kind(pool, "login.example.com") == "auth.example.com"
    assert domains.current_of_same_kind({"Id": POOL}, "new-prefix") is None


def test_a_domain_of_another_pool_is_not_available_and_the_message_names_it():
    other = {"UserPoolId": "us-east-1_Other", "Domain": "kaleido-example"}
    assert domains.belongs_to_another_pool(other, POOL)
    assert not domains.belongs_to_another_pool(dict(other, UserPoolId=POOL), POOL)
    assert not domains.belongs_to_another_pool(None, POOL)
    message = domains.not_available_message("kaleido-example", other)
    assert "'kaleido-example' is not available" in message and "us-east-1_Other" in message


def test_the_creation_error_for_a_taken_name_is_recognised():
    assert domains.is_taken_error("InvalidParameterException", "... operation: Domain already associated with another user pool.")
    assert not domains.is_taken_error("InvalidParameterException", "Domain cannot contain reserved word: aws")
    assert not domains.is_taken_error("LimitExceededException", "Domain already associated with another user pool.")


def test_domain_already_exists_is_told_apart_from_a_taken_name():
    assert domains.is_exists_error("InvalidParameterException", "An error occurred (InvalidParameterException): Domain already exists.")
    assert not domains.is_exists_error("InvalidParameterException", "Domain already associated with another user pool.")
    assert not domains.is_taken_error("InvalidParameterException", "Domain already exists.")
    assert not domains.is_exists_error("LimitExceededException", "Domain already exists.")


def test_only_an_issued_certificate_can_serve_a_custom_domain():
    assert domains.certificate_region(CERT) == "us-east-1"
    assert domains.certificate_problem(CERT, {"CertificateArn": CERT, "Status": "ISSUED"}) is None
    assert "has the status EXPIRED in ACM" in domains.certificate_problem(CERT, {"CertificateArn": CERT, "Status": "EXPIRED"})
    assert "does not exist in ACM (region us-east-1 of this account)" in domains.certificate_problem(CERT, None)


def test_the_message_of_a_domain_that_could_not_be_put_back_gives_the_task_that_restores_it():
    old = {"UserPoolId": POOL, "Domain": "auth.example.com", "ManagedLoginVersion": 2, "CustomDomainConfig": {"CertificateArn": CERT},
           "CloudFrontDistribution": "d1.cloudfront.net", "Status": "ACTIVE"}
    message = domains.not_restored_message("Failed to create user pool domain", old, "AccessDeniedException")
    assert message.startswith("Failed to create user pool domain. The old domain 'auth.example.com' was deleted first")
    assert "user pool {0} has no custom domain now".format(POOL) in message
    assert message.endswith("To restore it, run kaleido.cognito.cognito_domain with user_pool_id: {0}, domain: auth.example.com,"
                            " certificate_arn: {1}, managed_login_version: 2".format(POOL, CERT))


def test_a_domain_put_back_with_the_same_cloudfront_distribution_asks_for_no_dns_change():
    old = {"UserPoolId": POOL, "Domain": "auth.example.com", "CloudFrontDistribution": "d1.cloudfront.net"}
    assert "DNS" not in domains.restored_message("problem", old, dict(old))
    moved = dict(old, CloudFrontDistribution="d2.cloudfront.net")
    assert "is now d2.cloudfront.net (it was d1.cloudfront.net)" in domains.restored_message("problem", old, moved)


def test_create_request_sends_only_what_the_task_sets():
    assert domains.create_request(params()) == {"UserPoolId": POOL, "Domain": "kaleido-example"}
    assert domains.create_request(params(domain="auth.example.com", certificate_arn=CERT, managed_login_version=2)) == {
        "UserPoolId": POOL,
        "Domain": "auth.example.com",
        "ManagedLoginVersion": 2,
        "CustomDomainConfig": {"CertificateArn": CERT},
    }


def test_update_request_changes_the_version_and_keeps_the_certificate_settings():
    description = {
        "UserPoolId": POOL, "Domain": "auth.example.com", "ManagedLoginVersion": 1,
        "CustomDomainConfig": {"CertificateArn": CERT, "SecurityPolicy": "TLSv1.2_2021"},
    }
    request, changes = domains.update_request(description, params(domain="auth.example.com", managed_login_version=2))
    assert changes == ["managed_login_version"]
    assert request == {
        "UserPoolId": POOL, "Domain": "auth.example.com", "ManagedLoginVersion": 2,
        "CustomDomainConfig": {"CertificateArn": CERT, "SecurityPolicy": "TLSv1.2_2021"},
    }
    new_cert = CERT[:-4] + "7777"
    request, changes = domains.update_request(description, params(domain="auth.example.com", certificate_arn=new_cert))
    assert changes == ["certificate_arn"]
    assert request["CustomDomainConfig"] == {"CertificateArn": new_cert, "SecurityPolicy": "TLSv1.2_2021"}
    assert request["ManagedLoginVersion"] == 1


def test_update_request_is_empty_when_nothing_changes_or_nothing_is_set():
    description = {"UserPoolId": POOL, "Domain": "kaleido-example", "ManagedLoginVersion": 1}
    assert domains.update_request(description, params())[1] == []
    assert domains.update_request(description, params(managed_login_version=1))[1] == []
    assert domains.update_request({"UserPoolId": POOL, "Domain": "kaleido-example"}, params(managed_login_version=1))[1] == []


def test_managed_login_on_a_lite_pool_needs_another_tier():
    lite = {"Id": POOL, "UserPoolTier": "LITE"}
    assert domains.needs_paid_tier(lite, params(managed_login_version=2))
    assert not domains.needs_paid_tier(lite, params(managed_login_version=1))
    assert not domains.needs_paid_tier(lite, params())
    assert not domains.needs_paid_tier({"Id": POOL, "UserPoolTier": "ESSENTIALS"}, params(managed_login_version=2))
    assert not domains.needs_paid_tier(lite, params(managed_login_version=2), {"ManagedLoginVersion": 2})


def test_predictions_for_check_mode():
    created = domains.predicted_created(domains.create_request(params(domain="auth.example.com", certificate_arn=CERT)), waits=True)
    assert created == {
        "UserPoolId": POOL, "Domain": "auth.example.com", "Status": "ACTIVE", "ManagedLoginVersion": 1,
        "CustomDomainConfig": {"CertificateArn": CERT},
    }
    assert domains.predicted_created(domains.create_request(params()), waits=False)["Status"] == "CREATING"
    description = {"UserPoolId": POOL, "Domain": "kaleido-example", "ManagedLoginVersion": 1, "Status": "ACTIVE",
                   "CloudFrontDistribution": "d1.cloudfront.net"}
    request, dummy = domains.update_request(description, params(managed_login_version=2))
    updated = domains.predicted_updated(description, request, waits=True)
    assert updated == dict(description, ManagedLoginVersion=2)
    assert description["ManagedLoginVersion"] == 1


def test_restore_request_recreates_the_old_domain_as_it_was():
    old = {"UserPoolId": POOL, "Domain": "auth.example.com", "ManagedLoginVersion": 2, "Status": "ACTIVE",
           "CustomDomainConfig": {"CertificateArn": CERT}}
    assert domains.restore_request(old) == {"UserPoolId": POOL, "Domain": "auth.example.com", "ManagedLoginVersion": 2,
                                            "CustomDomainConfig": {"CertificateArn": CERT}}


def test_a_custom_domain_is_read_less_often_while_waiting_than_a_prefix():
    assert domains.wait_delay("kaleido-example") == 2
    assert domains.wait_delay("auth.example.com") == 10


def test_wait_timeout_defaults_depend_on_the_kind_of_domain():
    assert domains.timeout_for("kaleido", None) == 300
    assert domains.timeout_for("auth.example.com", None) == 3600
    assert domains.timeout_for("auth.example.com", 0) == 0


def test_timeout_message_says_how_long_it_waited():
    message = domains.timeout_message("auth.example.com", "CREATING", 12.4, 12)
    assert "custom domain 'auth.example.com' is still CREATING after waiting 12 seconds (wait_timeout=12)" in message


def test_return_value_is_snake_case_with_fqdn():
    description = {
        "UserPoolId": POOL, "AWSAccountId": "123456789012", "Domain": "kaleido-example", "Status": "ACTIVE",
        "CloudFrontDistribution": "d1.cloudfront.net", "ManagedLoginVersion": 1,
    }
    assert domains.domain_to_ansible(description, "us-east-1") == {
        "user_pool_id": POOL, "aws_account_id": "123456789012", "domain": "kaleido-example", "status": "ACTIVE",
        "cloud_front_distribution": "d1.cloudfront.net", "managed_login_version": 1,
        "fqdn": "kaleido-example.auth.us-east-1.amazoncognito.com",
    }
    assert "status" in domains.VOLATILE_FIELDS
    assert domains.domain_to_ansible(None, "us-east-1") == {}
