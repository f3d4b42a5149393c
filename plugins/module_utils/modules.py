# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The module base of kaleido.cognito (internal use only).

Every kaleido.cognito module is a :class:`CognitoModule`: an amazon.aws
``AnsibleAWSModule`` that also checks the installed boto3 and botocore,
connects to Cognito, refuses bad input with every problem at once, finds the
task's resource and brings it to the task's ``state``.  Ending the task
(``fail_json``, ``warn``) happens here and in the modules; the service layer
(module_utils/cognito.py) only calls AWS and raises.
"""

import time

try:
    import botocore.exceptions
except ImportError:
    pass  # AnsibleAWSModule reports a missing botocore.

from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule

from ansible_collections.kaleido.cognito.plugins.module_utils import cognito
from ansible_collections.kaleido.cognito.plugins.module_utils import input_checks as checks
from ansible_collections.kaleido.cognito.plugins.module_utils import model

# The oldest boto3 and botocore the modules run with (requirements.txt names the
# same; the doc fragment kaleido.cognito.boto3 documents it): the first botocore
# whose Cognito model has UserPoolTier and ManagedLoginVersion and no longer
# requires CustomDomainConfig in UpdateUserPoolDomain.
MINIMUM_BOTOCORE_VERSION = "1.35.77"
MINIMUM_BOTO3_VERSION = "1.35.77"
VERSION_REASON = "for the Cognito user pool tiers and managed login of kaleido.cognito"

# Options several modules share (argument specs; the doc fragment kaleido.cognito.options documents them).
USER_POOL_ID_OPTION = dict(type="str", required=True)
STATE_OPTION = dict(type="str", default="present", choices=["present", "absent"])

# The option of the modules whose user pool an earlier task of the play
# creates: in check mode that pool has no id yet, and the task predicts its
# resource as new without a made-up id that AWS could see.
PENDING_USER_POOL = "pending_user_pool"
PENDING_USER_POOL_OPTION = dict(type="bool", default=False)

# The option of the same modules for a pool an earlier task of the play has
# just created (cognito_user_pool's "created"): outside check mode the task
# creates its resource without looking for it first.
NEW_USER_POOL = "new_user_pool"
NEW_USER_POOL_OPTION = dict(type="bool", default=False)

# The options of the modules whose user pool an earlier task of the play may
# create (the doc fragment kaleido.cognito.options.pending_user_pool).
PENDING_POOL_OPTIONS = dict(user_pool_id=dict(type="str"), pending_user_pool=PENDING_USER_POOL_OPTION, new_user_pool=NEW_USER_POOL_OPTION)

# The option of the modules that take an id or a name, and its value that
# falls back from an id AWS does not know to the name (find_one()).
IF_ID_MISSING = "if_id_missing"
USE_NAME = "use_name"
IF_ID_MISSING_OPTION = dict(type="str", default="fail", choices=["fail", USE_NAME])


def name_or_id(id_option):
    """AnsibleModule rules of a module that finds its resource by ``id_option`` or by name: one of them is required,
    and if_id_missing=use_name needs the name."""
    return dict(required_one_of=[["name", id_option]], required_if=[[IF_ID_MISSING, USE_NAME, ["name"]]])


class CognitoModule(AnsibleAWSModule):
    """An AnsibleAWSModule for Cognito; fails at once when boto3 or botocore is older than the modules need."""

    def __init__(self, **kwargs):
        # Every kaleido.cognito module supports check mode.
        kwargs.setdefault("supports_check_mode", True)
        super(CognitoModule, self).__init__(**kwargs)
        self.require_botocore_at_least(MINIMUM_BOTOCORE_VERSION, reason=VERSION_REASON)
        self.require_boto3_at_least(MINIMUM_BOTO3_VERSION, reason=VERSION_REASON)

    # Connecting

    def connect(self):
        """The Cognito client of the task. Creating it makes no AWS call.

        Its botocore settings are the user's ``aws_config`` with botocore's own
        retries off (cognito.client_config()), given to amazon.aws as the
        ``aws_config`` (which replaces the user's, already merged into it).  The
        client records the members of Describe answers that the installed
        botocore does not know (cognito.unknown_members()).
        """
        try:
            config = cognito.client_config(self.params.get("aws_config"))
        except (TypeError, ValueError, botocore.exceptions.BotoCoreError) as e:
            self.fail_json(msg="aws_config: {0}".format(e))
        client = self.client("cognito-idp", aws_config=config)
        retries = dict(client.meta.config.retries or {})
        if retries.get("total_max_attempts") != 1:
            # Never send a create with botocore's retries on (see "Retries" in cognito.py).
            self.fail_json(msg="internal error: the Cognito client would retry requests by itself ({0})".format(retries))
        client.kaleido_unknown_members = model.UnknownMembers().register(client)
        model.service_model(client)
        return client

    def waiter_client(self):
        """A Cognito client of the task's connection settings with botocore's standard retries on, for waiters only.

        Never make a write call with it: botocore would resend a create whose
        answer was lost (see "Retries" in cognito.py).
        """
        return self.client("cognito-idp", aws_config=cognito.client_config(self.params.get("aws_config"), cognito.READ_RETRIES))

    def acm_client(self, region):
        """An ACM client of the task's connection settings in ``region``, with botocore's retries on (it only reads)."""
        return self.client("acm", region=region, aws_config=cognito.client_config(self.params.get("aws_config"), cognito.READ_RETRIES))

    # Input checks, before any AWS call

    def fail_on_problems(self, problems, **result):
        """Fail the task with every problem at once; nothing when there is none."""
        problems = [problem for problem in problems if problem]
        if problems:
            self.fail_json(msg="; ".join(problems), **result)

    def option_problems(self, *options):
        """Problems of those of the options (name, user_pool_id, client_id) that the task sets, by input_checks' rules."""
        rules = {
            "name": lambda value: checks.name_problem("name", value),
            "user_pool_id": lambda value: checks.pool_id_problem("user_pool_id", value, self.region),
            "client_id": lambda value: checks.client_id_problem("client_id", value),
        }
        return [rules[option](self.params[option]) for option in options if self.params.get(option) is not None]

    def pending_user_pool(self):
        """True when the task's user pool is still to be created (check mode, pending_user_pool=true)."""
        return bool(self.params.get(PENDING_USER_POOL))

    def new_user_pool(self):
        """True when the task's user pool was just created by an earlier task (new_user_pool=true) and this is a real run."""
        return bool(self.params.get(NEW_USER_POOL)) and not self.check_mode

    def fail_if_no_such_user_pool(self, error):
        """Fail with the one "no such user pool" message when AWS answered ``error`` (an AnsibleCognitoError) for a missing pool."""
        if cognito.error_code(error) == "ResourceNotFoundException":
            self.fail_json(msg=cognito.no_such_user_pool_message(self.params["user_pool_id"]))

    def user_pool_id_problems(self):
        """Problems of the task's user_pool_id and pending_user_pool (empty list: none)."""
        pool_id = self.params.get("user_pool_id")
        if not self.pending_user_pool():
            if not pool_id:
                return ["user_pool_id is required, unless pending_user_pool=true in check mode"]
            return [checks.pool_id_problem("user_pool_id", pool_id, self.region)]
        if pool_id:
            return ["user_pool_id and pending_user_pool=true are mutually exclusive: a pending user pool has no id yet"]
        if not self.check_mode:
            return ["pending_user_pool=true is for check mode, where a user pool that an earlier task creates has no id yet;"
                    " outside check mode set user_pool_id to the pool's id"]
        return []

    # The task's resource

    def find_one(self, kind, describe, list_items, id_key, name_key, resource_id=None, name=None, id_option=None, where="", missing=None):
        """The one resource the task is about: by id (``describe(resource_id)``), or by a name that must be unique.

        Cognito names are not unique: several resources named ``name`` fail the
        task, listing their ids (``<id_option>s`` in the result), and never guess.
        A ``resource_id`` AWS does not know fails the task with ``missing`` when
        the task wants the resource present; otherwise the result is None.  With
        the task's ``if_id_missing=use_name`` (an id remembered from an earlier
        run, whose resource may have been deleted since), the resource is then
        looked up by ``name`` instead.
        """
        if resource_id:
            found = describe(resource_id)
            if found is not None or not (name and self.params.get(IF_ID_MISSING) == USE_NAME):
                if found is None and self.params.get("state", "present") == "present":
                    self.fail_json(msg=missing)
                return found
        matches = sorted(item[id_key] for item in list_items() if item.get(name_key) == name)
        for delay in cognito.SETTLE_DELAYS:
            if len(matches) <= 1:
                break
            # Runs that started at the same time may each have created one; all but the oldest are deleted within moments.
            time.sleep(delay)
            matches = sorted(item[id_key] for item in list_items() if item.get(name_key) == name)
        if len(matches) > 1:
            self.fail_json(
                msg="name {0!r} matches {1} {2}s{3} ({4}); set {5} to choose one".format(name, len(matches), kind, where, ", ".join(matches), id_option),
                **{id_option + "s": matches}
            )
        return describe(matches[0]) if matches else None

    def apply_state(self, client, find, present, absent):
        """Find the task's resource and bring it to the task's ``state``; an AWS error fails the task.

        ``find(module, client)`` returns the resource or None; ``present`` and
        ``absent`` are called with (module, client, resource).  Returns the
        resource as found and what the state function returned.
        """
        try:
            found = find(self, client)
            ensure = absent if self.params["state"] == "absent" else present
            return found, ensure(self, client, found)
        except cognito.AnsibleCognitoError as e:
            self.fail_json_aws_error(e)

    def refuse_reset_of_unknown_members(self, client, kind, resource_id, operation):
        """Before an update that could reset settings the installed botocore does not know (cognito.unknown_members_problem()).

        Fails before any write; in check mode, warns that the real run would fail.
        """
        problem = cognito.unknown_members_problem(client, kind, resource_id, operation)
        if problem is None:
            return
        message, members = problem
        if self.check_mode:
            self.warn("The real run will fail: " + message)
            return
        self.fail_json(msg=message, unknown_members=members)
