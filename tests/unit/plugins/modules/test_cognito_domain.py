# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cognito_domain's ensure_present against a stubbed client: the answers AWS gives when another run acts between two reads."""

import boto3
import pytest
from botocore.stub import Stubber

from ansible_collections.kaleido.cognito.plugins.modules import cognito_domain

POOL = "us-east-1_AbCdEfGhI"
DOMAIN = "kaleido-example"


class Failed(Exception):
    pass


class Module:
    """What ensure_present uses of an AnsibleAWSModule."""

    def __init__(self, **params):
        self.params = dict(user_pool_id=POOL, pending_user_pool=False, domain=DOMAIN, certificate_arn=None, managed_login_version=None,
                           replace=False, state="present", wait=False, wait_timeout=None, aws_config=None)
        self.params.update(params)
        self.check_mode = False
        self.region = "us-east-1"

    def fail_json(self, **result):
        raise Failed(result["msg"])


@pytest.fixture
def stubbed():
    client = boto3.client("cognito-idp", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")
    with Stubber(client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


def active(domain=DOMAIN):
    return {"DomainDescription": {"UserPoolId": POOL, "Domain": domain, "Status": "ACTIVE", "Version": "1",
                                  "CloudFrontDistribution": "d111111abcdef8.cloudfront.net"}}


def test_a_domain_another_run_gave_the_pool_between_the_two_reads_is_the_tasks_domain(stubbed):
    """DescribeUserPoolDomain finds nothing, then DescribeUserPool shows the domain (a run of the same task made it): no change, no rename error."""
    client, stubber = stubbed
    stubber.add_response("describe_user_pool_domain", {"DomainDescription": {}}, {"Domain": DOMAIN})
    stubber.add_response("describe_user_pool", {"UserPool": {"Id": POOL, "Domain": DOMAIN}}, {"UserPoolId": POOL})
    stubber.add_response("describe_user_pool_domain", active(), {"Domain": DOMAIN})
    changed, before, after = cognito_domain.ensure_present(Module(), client, None)
    assert (changed, before["Domain"], after["Domain"]) == (False, DOMAIN, DOMAIN)


def test_another_prefix_domain_on_the_pool_is_not_renamed_without_replace(stubbed):
    client, stubber = stubbed
    stubber.add_response("describe_user_pool_domain", {"DomainDescription": {}}, {"Domain": DOMAIN})
    stubber.add_response("describe_user_pool", {"UserPool": {"Id": POOL, "Domain": "kaleido-older"}}, {"UserPoolId": POOL})
    stubber.add_response("describe_user_pool_domain", active("kaleido-older"), {"Domain": "kaleido-older"})
    with pytest.raises(Failed, match="already has the prefix domain 'kaleido-older'.*AWS cannot rename a domain"):
        cognito_domain.ensure_present(Module(), client, None)
