#!/usr/bin/python
# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cognito_user_pool
version_added: 1.0.0
short_description: Manage AWS Cognito user pools
description:
  - Create, update, rename and delete Amazon Cognito user pools.
  - An update sends the pool's whole current configuration with the requested change, because
    C(UpdateUserPool) resets every setting it is not sent. Settings the task does not name stay as they are.
  - Options that are not set leave the pool's setting as it is. A list option that is set is the whole
    desired list. A dictionary option that is set changes the sub-options it names and keeps the others.
  - Settings that AWS fixes when a pool is created (O(username_attributes), O(alias_attributes),
    O(username_case_sensitive) and the attributes in O(schema)) are compared with the existing pool; a
    different value fails the task before any change is made. New custom attributes in O(schema) are added.
author:
  - Kaleido Cognito maintainers (@kaleido-io)
options:
  name:
    description:
      - Name of the user pool.
      - Without O(user_pool_id), the pool is found by name. If several pools have this name, the task fails
        and lists their ids; it never guesses and never creates another one.
      - With O(user_pool_id), a different name renames the pool.
      - Required to create a pool.
    type: str
  user_pool_id:
    description:
      - Id of an existing user pool, for example V(us-east-1_AbCdEfGhI).
    type: str
  if_id_missing:
    description:
      - What to do when no pool has the id O(user_pool_id), for example an id remembered from an earlier run whose
        pool was deleted since.
      - V(fail) fails the task (with O(state=absent), there is nothing to do).
      - V(use_name) identifies the pool by O(name) as if no id were given, so it is found by name or created. It
        needs O(name). When the id exists, O(name) is the pool's name, as always with O(user_pool_id).
    type: str
    choices: [fail, use_name]
    default: fail
  state:
    description:
      - V(present) creates or updates the pool, V(absent) deletes it.
      - A pool with deletion protection is not deleted, and the task fails, unless the same task sets
        O(deletion_protection=false), which turns the protection off first.
      - A pool that still has a domain is not deleted and the task fails; remove the domain first with
        M(kaleido.cognito.cognito_domain) and O(kaleido.cognito.cognito_domain#module:state=absent).
  username_attributes:
    description:
      - Attributes users can sign in with instead of a username, for example V(email).
      - Set when the pool is created; AWS cannot change it afterwards.
      - Mutually exclusive with O(alias_attributes).
    type: list
    elements: str
    choices: [email, phone_number]
  alias_attributes:
    description:
      - Attributes users can sign in with in addition to their username.
      - Set when the pool is created; AWS cannot change it afterwards.
    type: list
    elements: str
    choices: [email, phone_number, preferred_username]
  username_case_sensitive:
    description:
      - Whether user names are case sensitive. AWS recommends V(false).
      - Set when the pool is created; AWS cannot change it afterwards. Pools created without it are case sensitive.
    type: bool
  schema:
    description:
      - Attributes of the pool's users, standard ones to require or constrain and custom ones.
      - Set when the pool is created. On an existing pool, custom attributes that are missing are added,
        and any other difference fails the task. Attributes cannot be removed.
    type: list
    elements: dict
    suboptions:
      name:
        description:
          - Attribute name. A name that is not a standard attribute is a custom attribute; AWS reports it as
            V(custom:<name>), and both spellings are accepted here.
        type: str
        required: true
      attribute_data_type:
        description:
          - Data type. Defaults to V(String) for custom attributes.
        type: str
        choices: [String, Number, DateTime, Boolean]
      required:
        description:
          - Whether users must have a value. Only standard attributes can be required.
        type: bool
      mutable:
        description:
          - Whether the value can be changed after it is set.
        type: bool
      developer_only_attribute:
        description:
          - Whether only administrators can read and write the attribute.
        type: bool
      string_attribute_constraints:
        description:
          - Length constraints of a String attribute.
        type: dict
        suboptions:
          min_length:
            description: Minimum length.
            type: str
          max_length:
            description: Maximum length.
            type: str
      number_attribute_constraints:
        description:
          - Value constraints of a Number attribute.
        type: dict
        suboptions:
          min_value:
            description: Minimum value.
            type: str
          max_value:
            description: Maximum value.
            type: str
  auto_verified_attributes:
    description:
      - Attributes Cognito verifies by sending a code when users sign up.
    type: list
    elements: str
    choices: [email, phone_number]
  password_policy:
    description:
      - Password rules.
    type: dict
    suboptions:
      minimum_length:
        description: Minimum length, 6 to 99.
        type: int
      require_uppercase:
        description: Require an uppercase letter.
        type: bool
      require_lowercase:
        description: Require a lowercase letter.
        type: bool
      require_numbers:
        description: Require a number.
        type: bool
      require_symbols:
        description: Require a symbol.
        type: bool
      password_history_size:
        description: Number of previous passwords a user cannot reuse, 0 to 24 (not on the V(LITE) tier).
        type: int
      temporary_password_validity_days:
        description: Days a temporary password is valid, 0 to 365.
        type: int
  mfa_configuration:
    description:
      - Multi-factor authentication.
    type: str
    choices: ['OFF', 'ON', 'OPTIONAL']
  account_recovery_setting:
    description:
      - How users recover their account.
    type: dict
    suboptions:
      recovery_mechanisms:
        description: Recovery mechanisms in order of priority.
        type: list
        elements: dict
        suboptions:
          name:
            description: Mechanism.
            type: str
            required: true
            choices: [verified_email, verified_phone_number, admin_only]
          priority:
            description: Priority, 1 or 2.
            type: int
            required: true
  admin_create_user_config:
    description:
      - Whether users can sign themselves up, and the invitation message.
    type: dict
    suboptions:
      allow_admin_create_user_only:
        description: Only administrators create users.
        type: bool
      invite_message_template:
        description: Invitation message.
        type: dict
        suboptions:
          sms_message:
            description: SMS message; must contain C({username}) and C({####}).
            type: str
          email_message:
            description: Email message; must contain C({username}) and C({####}).
            type: str
          email_subject:
            description: Email subject.
            type: str
  email_configuration:
    description:
      - How the pool sends email.
    type: dict
    suboptions:
      source_arn:
        description: ARN of a verified SES identity.
        type: str
      reply_to_email_address:
        description: Reply-to address.
        type: str
      email_sending_account:
        description: V(COGNITO_DEFAULT) or V(DEVELOPER) (SES).
        type: str
        choices: [COGNITO_DEFAULT, DEVELOPER]
      from:
        description: Sender address.
        type: str
      configuration_set:
        description: SES configuration set.
        type: str
  sms_configuration:
    description:
      - How the pool sends SMS messages.
    type: dict
    suboptions:
      sns_caller_arn:
        description: ARN of the IAM role Cognito uses to send SMS through SNS.
        type: str
      external_id:
        description: External id of that role's trust policy.
        type: str
      sns_region:
        description: Region of the SNS service.
        type: str
  verification_message_template:
    description:
      - Verification messages.
    type: dict
    suboptions:
      sms_message:
        description: SMS message; must contain C({####}).
        type: str
      email_message:
        description: Email message with a code; must contain C({####}).
        type: str
      email_subject:
        description: Email subject with a code.
        type: str
      email_message_by_link:
        description: Email message with a link; must contain C({##Verify Email##}).
        type: str
      email_subject_by_link:
        description: Email subject with a link.
        type: str
      default_email_option:
        description: Verify by code or by link.
        type: str
        choices: [CONFIRM_WITH_LINK, CONFIRM_WITH_CODE]
  lambda_config:
    description:
      - Lambda triggers, as C(LambdaConfig) in snake_case, for example C(pre_sign_up), C(post_confirmation),
        C(pre_token_generation_config), C(custom_email_sender), C(kms_key_id).
      - A trigger that is not named stays as it is (see the notes).
    type: dict
  device_configuration:
    description:
      - Device tracking.
    type: dict
    suboptions:
      challenge_required_on_new_device:
        description: Challenge new devices.
        type: bool
      device_only_remembered_on_user_prompt:
        description: Remember devices only when users opt in.
        type: bool
  user_attribute_update_settings:
    description:
      - Attributes whose new value must be verified before it replaces the old one.
    type: dict
    suboptions:
      attributes_require_verification_before_update:
        description: V(email) and/or V(phone_number).
        type: list
        elements: str
        choices: [email, phone_number]
  user_pool_add_ons:
    description:
      - Threat protection (advanced security).
    type: dict
    suboptions:
      advanced_security_mode:
        description: Threat protection mode; V(AUDIT) and V(ENFORCED) need the V(PLUS) tier.
        type: str
        choices: ['OFF', 'AUDIT', 'ENFORCED']
        required: true
  user_pool_tier:
    description:
      - Feature plan of the pool. AWS creates pools on V(ESSENTIALS) by default.
    type: str
    choices: [LITE, ESSENTIALS, PLUS]
  deletion_protection:
    description:
      - Whether AWS refuses to delete the pool.
    type: bool
  creation_defaults:
    description:
      - Settings used only when the task creates the pool, for what the task does not set itself. An existing pool is
        never compared with them, so they change nothing on a pool that someone else made or changed since.
      - Keys are options of this module that hold the pool's settings, with the same values, for example
        V(password_policy), V(mfa_configuration), V(deletion_protection), V(username_case_sensitive), V(schema) or
        O(tags). O(name), O(user_pool_id), O(if_id_missing), O(state), O(purge_tags), O(check_domain_available),
        O(username_attributes) and O(alias_attributes) are not settings that a default can give.
      - An option the task sets wins. A dictionary option set in both (O(tags) included) is merged key by key, the task's
        keys winning; O(schema) attributes are merged by name.
      - A typical use is a tag that marks the pools a playbook created, which it can later tell from pools made by
        someone else.
    type: dict
  check_domain_available:
    description:
      - A domain (a prefix, or a custom domain's full name) that the pool is to get afterwards with
        M(kaleido.cognito.cognito_domain). Before the task creates or changes anything, it checks with
        C(DescribeUserPoolDomain) that no other user pool holds it (a prefix is unique in a region across all AWS
        accounts), and fails otherwise, with nothing changed. This makes a play stop before it creates a pool, app client
        or anything else for a domain it cannot have.
      - No call is made when the pool already has this domain. Check mode, which writes nothing, does not check it;
        M(kaleido.cognito.cognito_domain) does (with O(kaleido.cognito.cognito_domain#module:pending_user_pool=true) for
        a pool still to be created).
      - The domain itself is not created or changed here.
    type: str
notes:
  - A new pool gets its tags with C(CreateUserPool). The tags of an existing pool change through the tag API, only when
    O(tags) is set and differs from what C(DescribeUserPool) reports, read with C(ListTagsForResource) and changed with
    C(TagResource) and C(UntagResource); C(UpdateUserPool) is not sent the tags.
  - C(UpdateUserPool) resets every setting it is not sent, so an update sends each setting that C(UpdateUserPool) accepts
    and C(DescribeUserPool) reports, as the installed botocore's service model lists them. When AWS reports settings of
    the pool that the installed botocore does not know (it drops them from answers), an update would reset them, so the
    task then fails before any change, naming those settings, and asks for a newer botocore. Check mode warns instead.
  - A pool whose domain is being deleted (status C(DELETING)) is deleted once the domain is gone.
  - Runs that start at the same time (AWX jobs, pipelines) with the same O(name) may each create a pool, since
    Cognito names are not unique. After its create, a run lists the pools of that name; the oldest (creation date,
    then id) wins, and a run whose new pool lost deletes it while no app client uses it and goes on with the oldest
    (with a warning). A look-up that finds several pools of the name waits a few seconds for such losers to go
    before it fails listing them. Pools created by hand are never deleted.
  - Dictionary options are merged into the current setting key by key; to remove a Lambda trigger, name the
    pool's whole O(lambda_config) as it should be and drop the trigger from it (a trigger set to V(null) is ignored).
extends_documentation_fragment:
  - kaleido.cognito.common
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
"""

EXAMPLES = r"""
- name: A user pool whose users sign in with their email address
  kaleido.cognito.cognito_user_pool:
    name: kaleido-users
    username_attributes: [email]
    username_case_sensitive: false
    auto_verified_attributes: [email]
    schema:
      - name: email
        required: true
        mutable: true
    deletion_protection: true
    tags:
      Project: kaleido
  register: pool

- name: Raise the minimum password length and change nothing else
  kaleido.cognito.cognito_user_pool:
    user_pool_id: "{{ pool.user_pool.id }}"
    password_policy:
      minimum_length: 12

- name: Rename a pool
  kaleido.cognito.cognito_user_pool:
    user_pool_id: "{{ pool.user_pool.id }}"
    name: kaleido-users-prod

- name: Add a custom attribute
  kaleido.cognito.cognito_user_pool:
    name: kaleido-users
    schema:
      - name: tenant
        attribute_data_type: String
        mutable: true

- name: Use a pool of this name, or create it with these settings; an existing pool keeps its own
  kaleido.cognito.cognito_user_pool:
    name: kaleido-users
    username_attributes: [email]
    creation_defaults:
      password_policy:
        minimum_length: 12
      deletion_protection: true
      tags:
        created-by: my-playbook

- name: Delete a protected pool (turns deletion protection off first)
  kaleido.cognito.cognito_user_pool:
    name: kaleido-users
    deletion_protection: false
    state: absent
"""

RETURN = r"""
created:
  description:
    - Whether this task created the user pool it returns (not in check mode). It is V(false) when a simultaneous run's
      pool of the same name was older and this run went on with that one.
    - Give it to the O(kaleido.cognito.cognito_app_client#module:new_user_pool) and
      O(kaleido.cognito.cognito_domain#module:new_user_pool) options of the tasks that follow, which then create their
      resource without looking for it first.
  returned: always
  type: bool
  sample: true
region:
  description: The region of the pool, where the task connected.
  returned: always
  type: str
  sample: us-east-1
user_pool:
  description:
    - The user pool as C(DescribeUserPool) reports it, in snake_case, with O(tags) as a dictionary and
      O(deletion_protection) as a boolean.
    - In check mode, the predicted pool; a pool that would be created has no RV(user_pool.id) or RV(user_pool.arn) yet.
    - Empty after the pool is deleted or when it does not exist.
  returned: always
  type: dict
  contains:
    id:
      description: Pool id.
      type: str
      returned: when the pool exists
      sample: us-east-1_AbCdEfGhI
    arn:
      description: Pool ARN.
      type: str
      returned: when the pool exists
      sample: arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEfGhI
    name:
      description: Pool name.
      type: str
      returned: when the pool exists
      sample: kaleido-users
    username_attributes:
      description: Sign-in attributes.
      type: list
      elements: str
      returned: when set
      sample: [email]
    schema_attributes:
      description: The pool's attributes.
      type: list
      elements: dict
      returned: when the pool exists
    domain:
      description: The pool's prefix domain, if any.
      type: str
      returned: when set
      sample: kaleido-example
    custom_domain:
      description: The pool's custom domain, if any.
      type: str
      returned: when set
    deletion_protection:
      description: Whether deletion protection is on.
      type: bool
      returned: when the pool exists
      sample: true
    tags:
      description: Tags.
      type: dict
      returned: always
      sample: {"Project": "kaleido"}
"""

import re

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.kaleido.cognito.plugins.module_utils import cognito
from ansible_collections.kaleido.cognito.plugins.module_utils import domain as domains
from ansible_collections.kaleido.cognito.plugins.module_utils import input_checks as checks
from ansible_collections.kaleido.cognito.plugins.module_utils import modules as base
from ansible_collections.kaleido.cognito.plugins.module_utils import transform
from ansible_collections.kaleido.cognito.plugins.module_utils import user_pool as pools

CUSTOM_ATTRIBUTE_NAME = re.compile(r"^[\w.:-]{1,20}$")
RANGES = (
    ("password_policy", "minimum_length", 6, 99),
    ("password_policy", "password_history_size", 0, 24),
    ("password_policy", "temporary_password_validity_days", 0, 365),
)


def setting_problems(params, prefix=""):
    """Messages for the pool settings in ``params`` that AWS would refuse; ``prefix`` names where they were set."""
    problems = []
    for option, sub, low, high in RANGES:
        value = (params.get(option) or {}).get(sub)
        if value is not None and not low <= value <= high:
            problems.append("{0}{1}.{2} must be between {3} and {4}, got {5}".format(prefix, option, sub, low, high, value))
    for attribute in params.get("schema") or []:
        full_name = pools.attribute_full_name(attribute["name"])
        if full_name not in pools.STANDARD_ATTRIBUTES:
            short = full_name[len(pools.CUSTOM_PREFIX):]
            if not CUSTOM_ATTRIBUTE_NAME.fullmatch(short):
                problems.append("{0}schema: custom attribute name {1!r} must be 1 to 20 letters, digits or ._:- characters".format(prefix, short))
            if attribute.get("required"):
                problems.append("{0}schema: custom attribute {1} cannot be required (AWS supports required standard attributes only)".format(prefix, short))
    mechanisms = (params.get("account_recovery_setting") or {}).get("recovery_mechanisms") or []
    for mechanism in mechanisms:
        if mechanism["priority"] not in (1, 2):
            problems.append("{0}account_recovery_setting.recovery_mechanisms priority must be 1 or 2, got {1}".format(prefix, mechanism["priority"]))
    return problems + checks.tag_problems(prefix + "tags", params.get("tags"))


def validated_creation_defaults(module):
    """creation_defaults checked against this module's own option specs: (values with every option filled in, problems)."""
    defaults = module.params.get("creation_defaults")
    if defaults is None:
        return None, []
    prefix = "creation_defaults."
    spec = dict((option, value) for option, value in ARGUMENT_SPEC.items() if option not in pools.NOT_CREATION_DEFAULTS)
    unknown = sorted(set(defaults) - set(spec) - set(["resource_tags"]))
    if unknown:
        return None, ["creation_defaults: {0} cannot be given there; the keys it takes are {1}".format(", ".join(unknown), ", ".join(sorted(spec)))]
    result = ArgumentSpecValidator(spec).validate(defaults)
    problems = ["creation_defaults: {0}".format(error) for error in result.error_messages]
    if problems:
        return None, problems
    return result.validated_parameters, setting_problems(result.validated_parameters, prefix)


def validate(module):
    """Refuse input AWS would refuse, naming the option, before any AWS call; every problem at once."""
    params = module.params
    problems = module.option_problems("name", "user_pool_id")
    problems.extend(domains.validation_errors({"domain": params.get("check_domain_available")}, {"domain": "check_domain_available"}))
    if params["state"] == "present" and not params.get("user_pool_id") and not params.get("name"):
        problems.append("name is required to create a user pool")
    problems.extend(setting_problems(params))
    defaults, default_problems = validated_creation_defaults(module)
    module.fail_on_problems(problems + default_problems)
    return defaults


def find_pool(module, client):
    """The pool the task is about (DescribeUserPool result), or None."""
    pool_id = module.params.get("user_pool_id")
    return module.find_one(
        "user pool", lambda found_id: cognito.describe_user_pool(client, found_id), lambda: cognito.list_user_pools(client),
        "Id", "Name", resource_id=pool_id, name=module.params["name"], id_option="user_pool_id",
        missing=cognito.no_such_user_pool_message(pool_id))


def ensure_domain_available(module, client, pool):
    """With check_domain_available, before the task writes: no other user pool may hold that domain (fails otherwise)."""
    name = module.params.get("check_domain_available")
    if not name or module.check_mode or name in domains.pool_domains(pool):
        return
    description = cognito.describe_user_pool_domain(client, name)
    if domains.belongs_to_another_pool(description, (pool or {}).get("Id")):
        module.fail_json(msg=domains.not_available_message(name, description), user_pool=pools.pool_to_ansible(pool))


def fail_on_tier_problems(module, request, pool=None):
    problems = pools.tier_problems(request)
    if problems:
        module.fail_json(msg="; ".join(problems), user_pool=pools.pool_to_ansible(pool))


def ensure_created(module, client, creation_defaults):
    request = pools.create_request(pools.with_creation_defaults(module.params, creation_defaults))
    fail_on_tier_problems(module, request)
    if module.check_mode:
        return pools.predicted_created_pool(request), None
    created = cognito.create_user_pool(client, **request)
    pool, deleted = cognito.settle_created_pool(client, created)
    # The task's pool is the one this run created only when no simultaneous run's pool is older.
    module.created_pool = not deleted
    if deleted:
        module.warn("another run created a user pool named {0!r} at the same time; this run deleted its own ({1}) and goes on with"
                    " the oldest, {2}".format(created["Name"], deleted, pool["Id"]))
    return pool, deleted


def ensure_create_only_settings(module, pool):
    conflicts = pools.create_only_conflicts(pool, module.params)
    if conflicts:
        module.fail_json(msg="; ".join(conflicts), user_pool=pools.pool_to_ansible(pool))


def current_tags(module, client, pool):
    """The pool's tags when the task manages tags, else None.

    DescribeUserPool reports them (UserPoolTags); when they already are what
    the task asks for, that is enough (no call).  Otherwise the tag API's own
    answer (ListTagsForResource) is what TagResource / UntagResource start from.
    """
    tags, purge = module.params.get("tags"), module.params["purge_tags"]
    if tags is None:
        return None
    reported = dict(pool.get(pools.TAGS_FIELD) or {})
    if pools.tag_changes(reported, tags, purge) == ({}, []):
        return reported
    return cognito.list_tags_for_resource(client, pool["Arn"])


def ensure_tags(module, client, pool, tags_before):
    """TagResource / UntagResource to the task's tags; returns the tags the pool ends with (None: not managed)."""
    if tags_before is None:
        return None, False
    to_set, to_remove = pools.tag_changes(tags_before, module.params["tags"], module.params["purge_tags"])
    if not module.check_mode:
        if to_remove:
            cognito.untag_resource(client, pool["Arn"], to_remove)
        if to_set:
            cognito.tag_resource(client, pool["Arn"], to_set)
    return pools.desired_tags(tags_before, module.params["tags"], module.params["purge_tags"]), bool(to_set or to_remove)


def ensure_present(module, client, pool, creation_defaults=None):
    """The pool as the task wants it; ``creation_defaults`` (validated) apply only to a pool this run creates."""
    if pool is None:
        created, deleted = ensure_created(module, client, creation_defaults)
        if deleted:
            # The pool of the other run may differ from the task: apply the task to it.
            return True, ensure_present(module, client, created)[1]
        return True, created
    ensure_create_only_settings(module, pool)
    request, changes = pools.update_request(pool, module.params)
    tags_before = current_tags(module, client, pool)
    if changes:
        fail_on_tier_problems(module, request, pool)
        # Every write of this run waits until it is known that UpdateUserPool resets nothing unseen.
        module.refuse_reset_of_unknown_members(client, "user pool", pool["Id"], "UpdateUserPool")
    added = pools.custom_attributes_to_add(pool, module.params)
    if added and not module.check_mode:
        cognito.add_custom_attributes(client, pool["Id"], added)
    if changes and not module.check_mode:
        cognito.update_user_pool(client, **request)
    tags_after, tags_changed = ensure_tags(module, client, pool, tags_before)
    if not (added or changes or tags_changed):
        return False, pool
    if module.check_mode:
        predicted = pools.predicted_updated_pool(pool, request, added)
        if tags_after is not None:
            predicted[pools.TAGS_FIELD] = tags_after
        return True, predicted
    after = cognito.describe_user_pool(client, pool["Id"])
    if changes and after is not None:
        # Whether UpdateUserPool keeps the tags when it is not sent them is not documented: put back any it dropped.
        expected = tags_after if tags_after is not None else pool.get(pools.TAGS_FIELD)
        lost = pools.tags_to_restore(expected, after.get(pools.TAGS_FIELD))
        if lost:
            cognito.tag_resource(client, pool["Arn"], lost)
            after[pools.TAGS_FIELD] = dict(after.get(pools.TAGS_FIELD) or {}, **lost)
    return True, after


def wait_for_deleted_domains(module, client, pool):
    """The pool once the domains it has that are being deleted are gone (a domain stays DELETING for a while)."""
    deleting = False
    for name in domains.pool_domains(pool):
        if name and (cognito.describe_user_pool_domain(client, name) or {}).get("Status") == domains.DELETING:
            deleting = True
            if not module.check_mode:
                cognito.wait_until_domain_gone(module.waiter_client(), client, name, domains.timeout_for(name, None))
    if not deleting or module.check_mode:
        return pool
    return cognito.describe_user_pool(client, pool["Id"]) or pool


def ensure_absent(module, client, pool):
    if pool is None:
        return False, None
    pool = wait_for_deleted_domains(module, client, pool)
    if pool.get("Domain") or pool.get("CustomDomain"):
        module.fail_json(
            msg="user pool {0} still has the domain {1}: delete it first (kaleido.cognito.cognito_domain with state=absent);"
            " nothing was deleted".format(pool["Id"], pool.get("Domain") or pool.get("CustomDomain")),
            user_pool=pools.pool_to_ansible(pool),
        )
    if pool.get("DeletionProtection") == "ACTIVE":
        if module.params.get("deletion_protection") is not False:
            module.fail_json(
                msg="user pool {0} has deletion protection on; set deletion_protection=false in this task to turn it off"
                " and delete the pool; nothing was deleted".format(pool["Id"]),
                user_pool=pools.pool_to_ansible(pool),
            )
        module.refuse_reset_of_unknown_members(client, "user pool", pool["Id"], "UpdateUserPool")
        if not module.check_mode:
            cognito.update_user_pool(client, **cognito.unprotect_request(pool))
    if not module.check_mode:
        cognito.delete_user_pool(client, pool["Id"])
    return True, None


ARGUMENT_SPEC = dict(
    name=dict(type="str"),
    user_pool_id=dict(type="str"),
    if_id_missing=base.IF_ID_MISSING_OPTION,
    state=base.STATE_OPTION,
    username_attributes=dict(type="list", elements="str", choices=["email", "phone_number"]),
    alias_attributes=dict(type="list", elements="str", choices=["email", "phone_number", "preferred_username"]),
    username_case_sensitive=dict(type="bool"),
    schema=dict(
        type="list",
        elements="dict",
        options=dict(
            name=dict(type="str", required=True),
            attribute_data_type=dict(type="str", choices=["String", "Number", "DateTime", "Boolean"]),
            required=dict(type="bool"),
            mutable=dict(type="bool"),
            developer_only_attribute=dict(type="bool"),
            string_attribute_constraints=dict(type="dict", options=dict(min_length=dict(type="str"), max_length=dict(type="str"))),
            number_attribute_constraints=dict(type="dict", options=dict(min_value=dict(type="str"), max_value=dict(type="str"))),
        ),
    ),
    auto_verified_attributes=dict(type="list", elements="str", choices=["email", "phone_number"]),
    password_policy=dict(
        type="dict",
        no_log=False,
        options=dict(
            minimum_length=dict(type="int"),
            require_uppercase=dict(type="bool"),
            require_lowercase=dict(type="bool"),
            require_numbers=dict(type="bool"),
            require_symbols=dict(type="bool"),
            password_history_size=dict(type="int", no_log=False),
            temporary_password_validity_days=dict(type="int", no_log=False),
        ),
    ),
    mfa_configuration=dict(type="str", choices=["OFF", "ON", "OPTIONAL"]),
    account_recovery_setting=dict(
        type="dict",
        options=dict(
            recovery_mechanisms=dict(
                type="list",
                elements="dict",
                options=dict(
                    name=dict(type="str", required=True, choices=["verified_email", "verified_phone_number", "admin_only"]),
                    priority=dict(type="int", required=True),
                ),
            ),
        ),
    ),
    admin_create_user_config=dict(
        type="dict",
        options=dict(
            allow_admin_create_user_only=dict(type="bool"),
            invite_message_template=dict(
                type="dict",
                options=dict(sms_message=dict(type="str"), email_message=dict(type="str"), email_subject=dict(type="str")),
            ),
        ),
    ),
    email_configuration=dict(
        type="dict",
        options={
            "source_arn": dict(type="str"),
            "reply_to_email_address": dict(type="str"),
            "email_sending_account": dict(type="str", choices=["COGNITO_DEFAULT", "DEVELOPER"]),
            "from": dict(type="str"),
            "configuration_set": dict(type="str"),
        },
    ),
    sms_configuration=dict(
        type="dict",
        options=dict(sns_caller_arn=dict(type="str"), external_id=dict(type="str"), sns_region=dict(type="str")),
    ),
    verification_message_template=dict(
        type="dict",
        options=dict(
            sms_message=dict(type="str"),
            email_message=dict(type="str"),
            email_subject=dict(type="str"),
            email_message_by_link=dict(type="str"),
            email_subject_by_link=dict(type="str"),
            default_email_option=dict(type="str", choices=["CONFIRM_WITH_LINK", "CONFIRM_WITH_CODE"]),
        ),
    ),
    lambda_config=dict(type="dict"),
    device_configuration=dict(
        type="dict",
        options=dict(challenge_required_on_new_device=dict(type="bool"), device_only_remembered_on_user_prompt=dict(type="bool")),
    ),
    user_attribute_update_settings=dict(
        type="dict",
        options=dict(
            attributes_require_verification_before_update=dict(type="list", elements="str", choices=["email", "phone_number"]),
        ),
    ),
    user_pool_add_ons=dict(
        type="dict",
        options=dict(advanced_security_mode=dict(type="str", required=True, choices=["OFF", "AUDIT", "ENFORCED"])),
    ),
    user_pool_tier=dict(type="str", choices=["LITE", "ESSENTIALS", "PLUS"]),
    deletion_protection=dict(type="bool"),
    tags=dict(type="dict", aliases=["resource_tags"]),
    purge_tags=dict(type="bool", default=True),
    creation_defaults=dict(type="dict"),
    check_domain_available=dict(type="str"),
)


def main():
    exclusive = [["username_attributes", "alias_attributes"]]
    module = base.CognitoModule(argument_spec=ARGUMENT_SPEC, mutually_exclusive=exclusive, **base.name_or_id("user_pool_id"))
    creation_defaults = validate(module)
    client = module.connect()

    def present(module, client, pool):
        ensure_domain_available(module, client, pool)
        return ensure_present(module, client, pool, creation_defaults)

    module.created_pool = False
    pool, (changed, result) = module.apply_state(client, find_pool, present, ensure_absent)

    module.exit_json(
        changed=changed,
        created=module.created_pool,
        region=module.region,
        user_pool=pools.pool_to_ansible(result),
        diff=transform.diff(pools.pool_to_ansible(pool), pools.pool_to_ansible(result), pools.VOLATILE_FIELDS),
    )


if __name__ == "__main__":
    main()
