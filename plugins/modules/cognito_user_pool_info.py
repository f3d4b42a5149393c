#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cognito_user_pool_info
version_added: 1.0.0
short_description: Read AWS Cognito user pools
description:
  - Return user pools of the region as M(kaleido.cognito.cognito_user_pool) returns them, found by id, by name, or all
    of them.
  - Reads only; never changes anything and always reports no change.
  - The pools are read across every page of C(ListUserPools) (60 pools a page).
author:
  - Kaleido Cognito maintainers (@kaleido-io)
options:
  name:
    description:
      - Return the pools with this name. Cognito names are not unique, so several pools can be returned.
      - Mutually exclusive with O(user_pool_id).
      - Without O(name) and O(user_pool_id), every user pool of the region is returned.
    type: str
  user_pool_id:
    description:
      - Return the pool with this id, for example V(us-east-1_AbCdEfGhI).
      - A pool id that does not exist returns an empty RV(user_pools) list and does not fail, as the C(_info) modules
        of amazon.aws do for an id that does not exist (for example M(amazon.aws.ec2_vpc_net_info)).
    type: str
  details:
    description:
      - With V(false), pools found by O(name) or listed all are returned as C(ListUserPools) reports them (C(id),
        C(name), C(status), C(creation_date), C(last_modified_date), C(lambda_config)), without a
        C(DescribeUserPool) per pool, the cheap way to learn whether and which pools of a name exist.
      - A pool asked for by O(user_pool_id) is always read with C(DescribeUserPool).
    type: bool
    default: true
notes:
  - Cost in API calls. By O(user_pool_id), one C(DescribeUserPool). By O(name) or for all pools, one C(ListUserPools)
    per page of 60 pools, then, unless O(details=false), one C(DescribeUserPool) per pool returned. Cognito allows only a few C(DescribeUserPool)
    calls per second, so listing every pool of a region with hundreds of pools takes a while (throttled calls are
    retried).
  - A pool deleted between C(ListUserPools) and its C(DescribeUserPool) is left out.
extends_documentation_fragment:
  - kaleido.cognito.common.info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
"""

EXAMPLES = r"""
- name: Read a user pool by id
  kaleido.cognito.cognito_user_pool_info:
    user_pool_id: us-east-1_AbCdEfGhI
  register: found

- name: Fail when the pool does not exist
  ansible.builtin.assert:
    that: found.user_pools | length == 1
    fail_msg: no such user pool

- name: Read the pools named kaleido-users
  kaleido.cognito.cognito_user_pool_info:
    name: kaleido-users
  register: by_name

- name: Which pools are named kaleido-users (one ListUserPools a page, no DescribeUserPool)
  kaleido.cognito.cognito_user_pool_info:
    name: kaleido-users
    details: false
  register: listed

- name: Every user pool of the region, with its deletion protection
  kaleido.cognito.cognito_user_pool_info:
    region: us-east-2
  register: all_pools

- name: Show each pool's id, name and deletion protection
  ansible.builtin.debug:
    msg: "{{ all_pools.user_pools | map(attribute='id') | zip(all_pools.user_pools | map(attribute='name'),
             all_pools.user_pools | map(attribute='deletion_protection')) | list }}"
"""

RETURN = r"""
user_pools:
  description:
    - The user pools, each as C(DescribeUserPool) reports it, in snake_case, with C(tags) as a dictionary
      and C(deletion_protection) as a boolean, as M(kaleido.cognito.cognito_user_pool) returns it in
      C(user_pool).
    - With O(details=false), each as C(ListUserPools) reports it, in snake_case.
    - Sorted by name, then id. Empty when no pool matches.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Pool id.
      type: str
      returned: always
      sample: us-east-1_AbCdEfGhI
    arn:
      description: Pool ARN.
      type: str
      returned: unless O(details=false)
      sample: arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEfGhI
    name:
      description: Pool name.
      type: str
      returned: always
      sample: kaleido-users"""

from ansible_collections.kaleido.cognito.plugins.module_utils import cognito
from ansible_collections.kaleido.cognito.plugins.module_utils import info
from ansible_collections.kaleido.cognito.plugins.module_utils import transform
from ansible_collections.kaleido.cognito.plugins.module_utils import user_pool as pools


def validate(module):
    """Refuse input AWS would refuse, naming the option, before any AWS call."""
    module.fail_on_problems(module.option_problems("name", "user_pool_id"))


def read_pools(module, client):
    """DescribeUserPool results of the pools the task asks for (ListUserPools items with details=false)."""
    pool_id, name = module.params.get("user_pool_id"), module.params.get("name")
    if pool_id is not None:
        ids = [pool_id]
    else:
        listed = [item for item in cognito.list_user_pools(client) if name is None or item.get("Name") == name]
        if not module.params["details"]:
            return sorted(listed, key=lambda pool: (pool.get("Name", ""), pool["Id"]))
        ids = [item["Id"] for item in listed]
    described = (cognito.describe_user_pool(client, found_id) for found_id in ids)
    return sorted((pool for pool in described if pool), key=lambda pool: (pool.get("Name", ""), pool["Id"]))


ARGUMENT_SPEC = dict(
    name=dict(type="str"),
    user_pool_id=dict(type="str"),
    details=dict(type="bool", default=True),
)


def to_ansible(module, pool):
    if "Arn" not in pool:  # a ListUserPools item (details=false)
        return transform.from_boto(pool)
    return pools.pool_to_ansible(pool)


def main():
    info.run(ARGUMENT_SPEC, validate, read_pools, "user_pools", to_ansible, mutually_exclusive=[["name", "user_pool_id"]])


if __name__ == "__main__":
    main()
