#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cognito_domain_info
version_added: 1.0.0
short_description: Read the hosted-UI domains of AWS Cognito user pools
description:
  - Return a hosted-UI domain by name, or the domains of a user pool (its prefix domain and its custom domain), as
    M(kaleido.cognito.cognito_domain) returns them, with RV(domains[].fqdn).
  - Reads only; never changes anything and always reports no change.
author:
  - Kaleido Cognito maintainers (@kaleido-io)
options:
  domain:
    description:
      - A prefix, for example V(kaleido-example), or a fully qualified custom domain such as V(auth.example.com).
      - A domain that no user pool has returns an empty RV(domains) list. AWS may not show a domain of another account.
      - Exactly one of O(domain) and O(user_pool_id) is required.
    type: str
  user_pool_id:
    description:
      - Id of a user pool, for example V(us-east-1_AbCdEfGhI). The task returns its prefix domain and its custom domain, prefix
        first, as many as it has.
      - A pool that does not exist returns an empty list and does not fail, as the C(_info) modules of amazon.aws do
        for an id that does not exist (for example M(amazon.aws.ec2_vpc_net_info)).
    type: str
notes:
  - Cost in API calls. By O(domain), one C(DescribeUserPoolDomain). By O(user_pool_id), one C(DescribeUserPool) and one
    C(DescribeUserPoolDomain) per domain of the pool.
  - A deleted domain is reported with the status V(DELETING) for a while.
extends_documentation_fragment:
  - kaleido.cognito.common.info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
"""

EXAMPLES = r"""
- name: Is the prefix taken, and by which pool?
  kaleido.cognito.cognito_domain_info:
    domain: kaleido-example
  register: prefix

- name: Show the owner
  ansible.builtin.debug:
    msg: "{{ prefix.domains[0].user_pool_id if prefix.domains else 'free (in this account at least)' }}"

- name: The domains of a pool
  kaleido.cognito.cognito_domain_info:
    user_pool_id: us-east-1_AbCdEfGhI
  register: pool_domains

- name: Show the host names of the hosted UI
  ansible.builtin.debug:
    msg: "{{ pool_domains.domains | map(attribute='fqdn') | list }}"
"""

RETURN = r"""
domains:
  description:
    - The domains, each as C(DescribeUserPoolDomain) reports it, in snake_case, with RV(domains[].fqdn), as
      M(kaleido.cognito.cognito_domain) returns it in C(domain).
    - Empty when there is none.
  returned: always
  type: list
  elements: dict
  contains:
    domain:
      description: The prefix or custom domain name.
      type: str
      returned: always
      sample: kaleido-example
    fqdn:
      description:
        - The host name of the hosted UI, without V(https://). V(<prefix>.auth.<region>.amazoncognito.com) for a prefix,
          the custom name for a custom domain.
      type: str
      returned: always
      sample: kaleido-example.auth.us-east-1.amazoncognito.com"""

from ansible_collections.kaleido.cognito.plugins.module_utils import cognito
from ansible_collections.kaleido.cognito.plugins.module_utils import info
from ansible_collections.kaleido.cognito.plugins.module_utils import domain as domains


def validate(module):
    """Refuse input AWS would refuse, naming the option, before any AWS call."""
    module.fail_on_problems(module.option_problems("user_pool_id") + domains.validation_errors({"domain": module.params.get("domain")}))


def read_domains(module, client):
    """DescribeUserPoolDomain results of the domains the task asks for."""
    if module.params.get("domain") is not None:
        names = [module.params["domain"]]
    else:
        pool = cognito.describe_user_pool(client, module.params["user_pool_id"])
        names = [name for name in domains.pool_domains(pool) if name]
    described = (cognito.describe_user_pool_domain(client, name) for name in names)
    return [description for description in described if description]


ARGUMENT_SPEC = dict(
    domain=dict(type="str"),
    user_pool_id=dict(type="str"),
)


def to_ansible(module, description):
    return domains.domain_to_ansible(description, module.region)


def main():
    info.run(ARGUMENT_SPEC, validate, read_domains, "domains", to_ansible,
             mutually_exclusive=[["domain", "user_pool_id"]], required_one_of=[["domain", "user_pool_id"]])


if __name__ == "__main__":
    main()
