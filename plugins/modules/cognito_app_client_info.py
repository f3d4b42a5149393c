#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cognito_app_client_info
version_added: 1.0.0
short_description: Read the app clients of an AWS Cognito user pool
description:
  - Return app clients of a user pool as M(kaleido.cognito.cognito_app_client) returns them, found by id, by name, or
    all of them.
  - Reads only; never changes anything and always reports no change.
  - The clients are read across every page of C(ListUserPoolClients) (60 clients a page).
  - Without O(include_secret=true) no client secret is returned.
author:
  - Kaleido Cognito maintainers (@kaleido-io)
options:
  user_pool_id:
    description:
      - Id of the user pool, for example V(us-east-1_AbCdEfGhI).
      - A pool that does not exist returns an empty RV(app_clients) list and does not fail, as the C(_info) modules of
        amazon.aws do for an id that does not exist (for example M(amazon.aws.ec2_vpc_net_info)).
  name:
    description:
      - Return the app clients with this name. Cognito names are not unique, so several clients can be returned.
      - Mutually exclusive with O(client_id). Without O(name) and O(client_id), every app client of the pool is returned.
    type: str
  client_id:
    description:
      - Return the app client with this id. An id that the pool does not have returns an empty list.
    type: str
  include_secret:
    description:
      - Whether to return the client secret of each client that has one, in RV(app_clients[].client_secret).
      - With V(true), the module's action plugin marks the result as C(no_log) for display when it carries a secret,
        as M(kaleido.cognito.cognito_app_client) does. Ansible hides the task's result from every callback (the screen
        at any verbosity, the JSON callback, AWX job events) while the registered variable keeps the whole result.
        Tasks that use the secret need C(no_log=true) themselves.
      - With V(false), no secret is returned and the result is displayed as usual.
    type: bool
    default: false
notes:
  - Cost in API calls. By O(client_id), one C(DescribeUserPoolClient). By O(name) or for all clients, one
    C(ListUserPoolClients) per page of 60 clients, then one C(DescribeUserPoolClient) per client returned.
  - A client deleted between C(ListUserPoolClients) and its C(DescribeUserPoolClient) is left out.
  - The action plugin does not run the module asynchronously (C(async)), because C(async_status) would show the secret.
  - E(ANSIBLE_DEBUG) is not covered. ansible-core documents that its debug output can show secrets despite C(no_log)
    and that it is not for production use.
extends_documentation_fragment:
  - kaleido.cognito.common.pool_info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
"""

EXAMPLES = r"""
- name: Every app client of a pool, without secrets
  kaleido.cognito.cognito_app_client_info:
    user_pool_id: us-east-1_AbCdEfGhI
  register: clients

- name: Show their ids and callback URLs
  ansible.builtin.debug:
    msg: "{{ clients.app_clients | items2dict(key_name='client_id', value_name='callback_urls') }}"

# The result that carries the secret is hidden from display by the module.
# Every task that uses it must have no_log: true, or it shows the secret.
- name: Read the client kaleido with its secret
  kaleido.cognito.cognito_app_client_info:
    user_pool_id: us-east-1_AbCdEfGhI
    name: kaleido
    include_secret: true
  register: kaleido_client

- name: Keep the client id and secret in an AWS Secrets Manager secret
  community.aws.secretsmanager_secret:
    name: kaleido/cognito-client
    secret: "{{ {'client_id': kaleido_client.app_clients[0].client_id,
                 'client_secret': kaleido_client.app_clients[0].client_secret} | to_json }}"
  no_log: true
"""

RETURN = r"""
app_clients:
  description:
    - The app clients, each as C(DescribeUserPoolClient) reports it, in snake_case, as
      M(kaleido.cognito.cognito_app_client) returns it in RV(kaleido.cognito.cognito_app_client#module:app_client),
      whose keys it documents, but for RV(app_clients[].client_secret).
    - Sorted by name, then id. Empty when no client matches or the pool does not exist.
  returned: always
  type: list
  elements: dict
  contains:
    client_secret:
      description:
        - The client secret, which is sensitive. The result that carries it is hidden from display (see
          O(include_secret)), and tasks that use it need C(no_log=true).
      type: str
      returned: with O(include_secret=true), for a client that has a secret
      sample: 1abc2defghij3klmnopq4rstuv5wxyz6abcdefghijklmnopqrs"""

from ansible_collections.kaleido.cognito.plugins.module_utils import app_client as clients
from ansible_collections.kaleido.cognito.plugins.module_utils import cognito
from ansible_collections.kaleido.cognito.plugins.module_utils import info
from ansible_collections.kaleido.cognito.plugins.module_utils import modules as base


def validate(module):
    """Refuse input AWS would refuse, naming the option, before any AWS call."""
    module.fail_on_problems(module.option_problems("user_pool_id", "name", "client_id"))


def read_clients(module, client):
    """DescribeUserPoolClient results of the app clients the task asks for."""
    pool_id, name, client_id = module.params["user_pool_id"], module.params.get("name"), module.params.get("client_id")
    if client_id is not None:
        ids = [client_id]
    else:
        ids = [item["ClientId"] for item in cognito.list_user_pool_clients(client, pool_id) if name is None or item.get("ClientName") == name]
    described = (cognito.describe_user_pool_client(client, pool_id, found_id) for found_id in ids)
    return sorted((item for item in described if item), key=lambda item: (item.get("ClientName", ""), item["ClientId"]))


ARGUMENT_SPEC = dict(
    user_pool_id=base.USER_POOL_ID_OPTION,
    name=dict(type="str"),
    client_id=dict(type="str"),
    include_secret=dict(type="bool", default=False, no_log=False),
)


def to_ansible(module, app_client):
    return clients.client_to_ansible(app_client, include_secret=module.params["include_secret"])


def main():
    info.run(ARGUMENT_SPEC, validate, read_clients, "app_clients", to_ansible, mutually_exclusive=[["name", "client_id"]])


if __name__ == "__main__":
    main()
