#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cognito_identity_provider_info
version_added: 1.0.0
short_description: List the external identity providers of an AWS Cognito user pool
description:
  - Reads the identity providers of a user pool, or the one named O(name), each as
    M(kaleido.cognito.cognito_identity_provider) returns it. Never returns a secret.
  - Read-only; never reports a change, and runs in check mode.
author:
  - Kaleido Cognito maintainers (@kaleido-io)
options:
  name:
    description:
      - Name of one provider. Without it, every provider of the pool.
    type: str
notes:
  - Without O(name), one C(ListIdentityProviders) per page of 60 providers and one C(DescribeIdentityProvider) per
    provider; with it, one C(DescribeIdentityProvider).
  - A user pool that does not exist fails the task.
extends_documentation_fragment:
  - kaleido.cognito.common.pool_info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
"""

EXAMPLES = r"""
- name: Every identity provider of a pool
  kaleido.cognito.cognito_identity_provider_info:
    user_pool_id: us-east-1_AbCdEfGhI
  register: found

- name: Their names, for the supported identity providers of an app client
  ansible.builtin.debug:
    msg: "{{ ['COGNITO'] + (found.identity_providers | map(attribute='provider_name') | list) }}"

- name: One provider
  kaleido.cognito.cognito_identity_provider_info:
    user_pool_id: us-east-1_AbCdEfGhI
    name: Google
"""

RETURN = r"""
identity_providers:
  description:
    - The providers, each as M(kaleido.cognito.cognito_identity_provider) returns RV(kaleido.cognito.cognito_identity_provider#module:identity_provider),
      without C(client_secret) or C(private_key), sorted by name. Empty when O(name) names no provider.
  returned: always
  type: list
  elements: dict
  contains:
    provider_name:
      description: Name of the provider.
      type: str
      returned: always
      sample: Google
    provider_type:
      description: Type of the provider.
      type: str
      returned: always
      sample: Google"""

from ansible_collections.kaleido.cognito.plugins.module_utils import cognito
from ansible_collections.kaleido.cognito.plugins.module_utils import identity_provider as providers
from ansible_collections.kaleido.cognito.plugins.module_utils import info
from ansible_collections.kaleido.cognito.plugins.module_utils import modules as base

ARGUMENT_SPEC = dict(
    user_pool_id=base.USER_POOL_ID_OPTION,
    name=dict(type="str"),
)


def validate(module):
    """Refuse input AWS would refuse, naming the option, before any AWS call."""
    name = module.params.get("name")
    module.fail_on_problems(module.option_problems("user_pool_id") + [providers.name_problem(name, creating=False) if name is not None else None])


def read_providers(module, client):
    pool_id = module.params["user_pool_id"]
    name = module.params.get("name")
    if name is not None:
        names = [name]
    else:
        listed = cognito.list_identity_providers(client, pool_id)
        if not listed and cognito.describe_user_pool(client, pool_id) is None:
            module.fail_json(msg=cognito.no_such_user_pool_message(pool_id), identity_providers=[])
        names = sorted(item["ProviderName"] for item in listed)
    found = []
    for each in names:
        provider = cognito.describe_identity_provider(client, pool_id, each)
        if provider is not None:
            found.append(provider)
    if name is not None and not found and cognito.describe_user_pool(client, pool_id) is None:
        module.fail_json(msg=cognito.no_such_user_pool_message(pool_id), identity_providers=[])
    return found


def to_ansible(module, provider):
    return providers.provider_to_ansible(provider)


def main():
    info.run(ARGUMENT_SPEC, validate, read_providers, "identity_providers", to_ansible)


if __name__ == "__main__":
    main()
