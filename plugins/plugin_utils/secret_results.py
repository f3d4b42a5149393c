# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Hide module results that carry or sit next to a secret from display (internal use only).

cognito_app_client returns the secret in ``app_client.client_secret``, and
cognito_app_client_info (with include_secret) in ``client_secret`` of items of
``app_clients``, so that later tasks can use it from the registered variable.
cognito_identity_provider never returns its secrets (``details.client_secret``,
``details.private_key`` are no_log options), but in a loop ansible-core adds
the loop item, and with ``loop_control.extended`` every item of the loop
(``ansible_loop``), to each item's result: a loop over provider definitions
would show their secrets.

A module cannot mark its own result as no_log (ansible-core removes
``_ansible_*`` keys from module output), so the action plugin of each module
(SecretHidingAction) runs the module and hides every result that carries a
secret, or whose loop data holds one, as a task with no_log: true would be
hidden: ansible-core then hands callbacks (screen at any verbosity, JSON,
YAML, tree files, AWX job events) only the censored result, while the
registered variable keeps the whole result.  In a loop, ansible-core also
hands callbacks the loop's combined result (``results``, one per item), which
is censored only when ansible-core learns of the hiding from the item:
ansible-core 2.19 and later from the item result's ``_ansible_no_log``,
ansible-core 2.17 and 2.18 only from the task's ``no_log`` keyword being true
for one of the iterations.  ``hide`` sets both.

ANSIBLE_DEBUG is not covered: ansible-core documents that its debug output
can show secrets despite no_log and that it is not for production use; with it
on, the module's raw output (the secret included) is in the debug log.
"""

from __future__ import annotations

from collections.abc import Mapping

from ansible.plugins.action import ActionBase
from ansible.utils.display import Display
from ansible.utils.vars import merge_hash

from ansible_collections.kaleido.cognito.plugins.module_utils.identity_provider import SECRET_DETAILS

display = Display()

# The keys under which the modules take or return a secret: an app client's
# client_secret, an identity provider's client_secret and private_key.
SECRET_KEYS = frozenset(SECRET_DETAILS)


def carries_secret(result):
    """True when the module result holds a client secret: in ``app_client``, or in any item of ``app_clients``."""
    items = [result.get("app_client")]
    app_clients = result.get("app_clients")
    if isinstance(app_clients, list):
        items.extend(app_clients)
    return any(isinstance(item, dict) and bool(item.get("client_secret")) for item in items)


def task_secrets(args):
    """The secret values a task sends: every non-empty string under a secret key of its arguments, at any depth."""
    found = []
    if isinstance(args, Mapping):
        for key, value in args.items():
            if key in SECRET_KEYS and isinstance(value, str) and value:
                found.append(value)
            else:
                found.extend(task_secrets(value))
    elif isinstance(args, (list, tuple)):
        for value in args:
            found.extend(task_secrets(value))
    return found


def holds_secret(data, secrets):
    """True when ``data`` holds a non-empty value under a secret key, or a string that contains one of ``secrets``."""
    if isinstance(data, str):
        return any(secret in data for secret in secrets)
    if isinstance(data, Mapping):
        return any((key in SECRET_KEYS and bool(value)) or holds_secret(value, secrets) for key, value in data.items())
    if isinstance(data, (list, tuple)):
        return any(holds_secret(value, secrets) for value in data)
    return False


def loop_data(task_vars):
    """What ansible-core adds to the result of a loop's item: the item, and with loop_control.extended ``ansible_loop``."""
    if not task_vars or "ansible_loop_var" not in task_vars:
        return []
    return [task_vars.get(task_vars["ansible_loop_var"]), task_vars.get("ansible_loop")]


def hide(task, result):
    """Hide ``result`` and, in a loop, the loop's combined result from every callback, as a task with no_log: true."""
    result["_ansible_no_log"] = True
    task.no_log = True


class SecretHidingAction(ActionBase):
    """Runs the task's module and hides its result from display when it carries a secret or its loop data holds one."""

    _supports_check_mode = True
    # async_status would print the module's result, secret included.
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        result = super(SecretHidingAction, self).run(tmp, task_vars)
        del tmp  # tmp no longer has any effect
        wrap_async = bool(self._task.async_val) and not self._connection.has_native_async
        result = merge_hash(result, self._execute_module(module_args=dict(self._task.args), task_vars=task_vars, wrap_async=wrap_async))
        if carries_secret(result):
            hide(self._task, result)
            display.v("{0}: the result carries a secret and is hidden from display; the registered variable holds it".format(self._task.action))
        elif holds_secret(loop_data(task_vars), task_secrets(self._task.args)):
            hide(self._task, result)
            display.v("{0}: the loop item holds a secret; the result is hidden from display".format(self._task.action))
        if not wrap_async:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        return result
