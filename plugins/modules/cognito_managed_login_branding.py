#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cognito_managed_login_branding
version_added: 1.0.0
short_description: Give an AWS Cognito app client a managed login branding style
description:
  - Give an app client of a user pool Amazon Cognito's default managed login branding style, or remove its style.
  - With managed login (a domain with O(kaleido.cognito.cognito_domain#module:managed_login_version=2)), an app client
    created through the API has no style, and its login pages show "Login pages unavailable" until it has one. The AWS
    console gives clients a style by itself; the API does not.
  - This module makes only Cognito's default style (C(UseCognitoProvidedValues)). Custom settings and images are
    not supported; edit them in the branding editor of the AWS console. The module keeps a style edited there unless
    told otherwise with O(use_cognito_provided_values=true).
  - A style belongs to one app client; an app client has at most one style.
  - The user pool must be on the V(ESSENTIALS) or V(PLUS) feature plan. On V(LITE) the task fails before any change.
author:
  - Kaleido Cognito maintainers (@kaleido-io)
options:
  client_id:
    description:
      - Id of the app client the style is for.
      - With O(state=present), an app client that does not exist fails the task. With O(state=absent), there is
        then nothing to remove.
    type: str
    required: true
  use_cognito_provided_values:
    description:
      - V(false) makes sure that the client has a style and keeps the style it has, customised or not.
        A client without a style is given Cognito's default style, the only one this module can create. A style
        edited in the branding editor of the AWS console, or by another tool, is left as it is.
      - V(true) makes the client's style Cognito's default style. A client whose style was customised has it reset
        to the default style, and its custom settings and images are lost; the diff shows
        RV(managed_login_branding.use_cognito_provided_values) changing to V(true). Set it only to undo a
        customisation.
    type: bool
    default: false
  state:
    description:
      - V(present) gives the app client a style, V(absent) deletes its style.
      - Without a style, the managed login pages of the client stop working until it has a style again or the domain
        goes back to O(kaleido.cognito.cognito_domain#module:managed_login_version=1).
notes:
  - Deleting the app client or the user pool also takes its style away; there is no need to remove it first.
  - The style does not depend on the domain. It can be created before the domain is switched to managed login; it is
    used only while the domain has O(kaleido.cognito.cognito_domain#module:managed_login_version=2).
extends_documentation_fragment:
  - kaleido.cognito.common.pool_resource
  - amazon.aws.common.modules
  - amazon.aws.region.modules
"""

EXAMPLES = r"""
- name: A domain with managed login
  kaleido.cognito.cognito_domain:
    user_pool_id: "{{ pool.user_pool.id }}"
    domain: kaleido-example
    managed_login_version: 2

- name: Make sure the client has a style, so its login pages work (a style customised in the console is kept)
  kaleido.cognito.cognito_managed_login_branding:
    user_pool_id: "{{ pool.user_pool.id }}"
    client_id: "{{ app.app_client.client_id }}"

- name: Reset the client's style to Cognito's default style, dropping its customisation
  kaleido.cognito.cognito_managed_login_branding:
    user_pool_id: "{{ pool.user_pool.id }}"
    client_id: "{{ app.app_client.client_id }}"
    use_cognito_provided_values: true

- name: Remove the client's style
  kaleido.cognito.cognito_managed_login_branding:
    user_pool_id: "{{ pool.user_pool.id }}"
    client_id: "{{ app.app_client.client_id }}"
    state: absent
"""

RETURN = r"""
managed_login_branding:
  description:
    - The app client's style as C(DescribeManagedLoginBrandingByClient) reports it, in snake_case, with RV(managed_login_branding.client_id).
      The style document (C(Settings)) and the images' bytes are left out.
    - In check mode, the predicted style (without RV(managed_login_branding.managed_login_branding_id) for a style that would be created).
    - Empty after the style is removed, or with O(state=absent) when there is none.
  returned: always
  type: dict
  contains:
    managed_login_branding_id:
      description: Id of the style.
      type: str
      returned: when the style exists
      sample: 6f1a2b3c-4d5e-4f60-8a7b-8c9d0e1f2a3b
    user_pool_id:
      description: Id of the user pool.
      type: str
      returned: when the style exists
      sample: us-east-1_AbCdEfGhI
    client_id:
      description: Id of the app client the style is for.
      type: str
      returned: when the style exists
      sample: 1example23456789
    use_cognito_provided_values:
      description: Whether the style is Cognito's default style (V(false) for a style customised in the branding editor).
      type: bool
      returned: when the style exists
      sample: true
    assets:
      description: The style's images, without their bytes.
      type: list
      elements: dict
      returned: when the style exists
      sample: []
      contains:
        category:
          description: Where the image is used, for example V(PAGE_HEADER_LOGO).
          type: str
        color_mode:
          description: V(LIGHT), V(DARK) or V(DYNAMIC).
          type: str
        extension:
          description: The image's file type, for example V(PNG).
          type: str
        resource_id:
          description: Id of the image.
          type: str
    creation_date:
      description: When the style was created.
      type: str
      returned: when the style exists, except in check mode for a style that would be created
      sample: "2025-01-01T12:00:00+00:00"
    last_modified_date:
      description: When the style was last changed.
      type: str
      returned: when the style exists, except in check mode for a style that would be created
      sample: "2025-01-01T12:00:00+00:00"
"""

from ansible_collections.kaleido.cognito.plugins.module_utils import cognito
from ansible_collections.kaleido.cognito.plugins.module_utils import managed_login_branding as brandings
from ansible_collections.kaleido.cognito.plugins.module_utils import modules as base
from ansible_collections.kaleido.cognito.plugins.module_utils import transform


def validate(module):
    """Refuse input AWS would refuse, naming the option, before any AWS call."""
    module.fail_on_problems(module.option_problems("user_pool_id", "client_id"))


def find_client(module, client, pool):
    """Whether the task's app client exists; with state=present a missing pool or client fails the task."""
    params = module.params
    present = params["state"] == "present"
    if pool is None:
        if present:
            module.fail_json(msg=cognito.no_such_user_pool_message(params["user_pool_id"]))
        return False
    if present:
        problem = brandings.tier_problem(pool)
        if problem:
            module.fail_json(msg=problem)
    if cognito.describe_user_pool_client(client, params["user_pool_id"], params["client_id"]) is None:
        if present:
            module.fail_json(msg=cognito.no_such_app_client_message(params["client_id"], params["user_pool_id"]))
        return False
    return True


def find_branding(module, client):
    """The app client's branding style (DescribeManagedLoginBrandingByClient result), or None."""
    params = module.params
    pool = cognito.describe_user_pool(client, params["user_pool_id"])
    if not find_client(module, client, pool):
        return None
    return cognito.describe_managed_login_branding_by_client(client, params["user_pool_id"], params["client_id"])


def apply(module, client, current):
    """Returns (changed, after) as DescribeManagedLoginBrandingByClient results."""
    params = module.params
    act = brandings.action(current, params)
    if act is None:
        return False, current
    if act == brandings.DELETE:
        if module.check_mode:
            return True, None
        return cognito.delete_managed_login_branding(client, current["UserPoolId"], current["ManagedLoginBrandingId"]), None
    request = brandings.create_request(params) if act == brandings.CREATE else brandings.reset_request(current)
    if module.check_mode:
        return True, brandings.predicted(current, request)
    if act == brandings.CREATE:
        return True, cognito.create_managed_login_branding(client, **request)
    return True, cognito.update_managed_login_branding(client, **request)


ARGUMENT_SPEC = dict(
    user_pool_id=base.USER_POOL_ID_OPTION,
    client_id=dict(type="str", required=True),
    use_cognito_provided_values=dict(type="bool", default=False),
    state=base.STATE_OPTION,
)


def main():
    module = base.CognitoModule(argument_spec=ARGUMENT_SPEC)
    validate(module)
    client = module.connect()
    params = module.params
    # apply() brings the style to the task's use_cognito_provided_values and state alike.
    current, (changed, after) = module.apply_state(client, find_branding, apply, apply)
    before = brandings.branding_to_ansible(current if changed else after, params["client_id"])
    after = brandings.branding_to_ansible(after, params["client_id"])
    module.exit_json(changed=changed, managed_login_branding=after, diff=transform.diff(before, after, brandings.VOLATILE_FIELDS))


if __name__ == "__main__":
    main()
