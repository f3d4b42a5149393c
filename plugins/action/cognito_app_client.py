# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Action plugin of kaleido.cognito.cognito_app_client: keeps the client secret out of the output.

The module returns the app client's secret in ``app_client.client_secret`` so
that later tasks can use it from the registered variable.  A module cannot mark
its own result as no_log (ansible-core removes ``_ansible_*`` keys from module
output), so this plugin runs the module and sets ``_ansible_no_log`` on every
result that carries a secret.  ansible-core then hands callbacks (screen at
any verbosity, JSON, AWX job events) only the censored result, while the
registered variable keeps the whole result, as for a task with no_log: true.

With ANSIBLE_DEBUG on, ansible-core also logs the module's raw output and its
arguments.  So that the secret is not in clear there either, this plugin
gives the module a new random key for each run (option secret_transport_key,
no_log), the module returns the secret sealed with it in
``client_secret_sealed``, and this plugin opens it into
``app_client.client_secret`` (module_utils/secret_transport.py).  The key is
taken out of the argument dictionary once the module's payload is built,
before ansible-core logs the arguments.
"""

from __future__ import annotations

from ansible.plugins.action import ActionBase
from ansible.utils.display import Display
from ansible.utils.vars import merge_hash

from ansible_collections.kaleido.cognito.plugins.module_utils import secret_transport

display = Display()

KEY_OPTION = "secret_transport_key"
SEALED = "client_secret_sealed"


def carries_secret(result):
    """True when the module result holds a client secret."""
    app_client = result.get("app_client")
    return isinstance(app_client, dict) and bool(app_client.get("client_secret"))


class ActionModule(ActionBase):
    _supports_check_mode = True
    # async_status would print the module's result, secret included.
    _supports_async = False

    def _configure_module(self, module_name, module_args, task_vars):
        """Build the module's payload, then drop the key from the arguments ansible-core logs with ANSIBLE_DEBUG."""
        built = super(ActionModule, self)._configure_module(module_name, module_args, task_vars)
        module_args.pop(KEY_OPTION, None)
        return built

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp  # tmp no longer has any effect
        key = secret_transport.new_key()
        module_args = dict(self._task.args)
        module_args[KEY_OPTION] = key
        result = merge_hash(result, self._execute_module(module_args=module_args, task_vars=task_vars))
        sealed = result.pop(SEALED, None)
        if sealed is not None:
            try:
                result["app_client"] = dict(result.get("app_client") or {}, client_secret=secret_transport.unseal(key, sealed))
            except secret_transport.SealError as e:
                result.update(failed=True, msg="cannot open the client secret that the module returned: {0}".format(e))
        if carries_secret(result):
            result["_ansible_no_log"] = True
            display.v("cognito_app_client: the result carries the app client secret and is hidden from display; the registered variable holds it")
        self._remove_tmp_path(self._connection._shell.tmpdir)
        return result
