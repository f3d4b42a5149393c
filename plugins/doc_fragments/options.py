# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    # Options that several kaleido.cognito modules share, documented once.
    # Their argument specs are in module_utils/modules.py (USER_POOL_ID_OPTION,
    # STATE_OPTION, PENDING_USER_POOL_OPTION, NEW_USER_POOL_OPTION). A module that has more to say about an option documents
    # the option's description itself: ansible-core merges a fragment's option
    # into the module's key by key, and the module's keys win, so type,
    # choices, default and required still come from here.

    # The user pool of a module that works on something in one pool (kaleido.cognito.options.user_pool_id).
    USER_POOL_ID = r"""
options:
  user_pool_id:
    description:
      - Id of the user pool, for example V(us-east-1_AbCdEfGhI).
    type: str
    required: true
"""

    # The user pool of a module whose pool an earlier task of the play may create
    # (kaleido.cognito.options.pending_user_pool): user_pool_id is optional then.
    PENDING_USER_POOL = r"""
options:
  user_pool_id:
    description:
      - Id of the user pool, for example V(us-east-1_AbCdEfGhI).
      - Required, unless O(pending_user_pool=true).
    type: str
  pending_user_pool:
    description:
      - The user pool is created by an earlier task of the same play, and in check mode it has no id yet
        (M(kaleido.cognito.cognito_user_pool) predicts it without creating it).
      - With V(true), in check mode and without O(user_pool_id), the task checks its input as a real run does and
        predicts its resource as to be created; no id is made up. Outside check mode it fails.
    type: bool
    default: false
  new_user_pool:
    description:
      - The user pool was created moments ago by an earlier task of the same play. Set it to what that
        M(kaleido.cognito.cognito_user_pool) task returns as RV(kaleido.cognito.cognito_user_pool#module:created).
      - With V(true), outside check mode, the task creates its resource without looking for it first, since a new pool
        has none yet (see the notes for the calls it saves).
      - A wrong V(true) costs calls, never the result; see the notes.
    type: bool
    default: false
"""

    # The state of a module that creates, updates and deletes one resource (kaleido.cognito.options.state).
    STATE = r"""
options:
  state:
    description:
      - V(present) creates the resource or updates it to match the task, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
"""
