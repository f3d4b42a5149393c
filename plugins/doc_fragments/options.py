# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    # Options that several kaleido.cognito modules share, documented once.
    # Their argument specs are in module_utils/modules.py (USER_POOL_ID_OPTION,
    # STATE_OPTION). A module that has more to say about an option documents
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
