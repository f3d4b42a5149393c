# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The run of a kaleido.cognito _info module (internal use only)."""

from ansible_collections.kaleido.cognito.plugins.module_utils import cognito
from ansible_collections.kaleido.cognito.plugins.module_utils import modules as base


def run(argument_spec, validate, read, result_key, to_ansible, **module_options):
    """Check the task's input, read, and exit with ``changed: false`` and the list ``result_key``.

    ``validate(module)`` refuses wrong input before any AWS call; ``read(module,
    client)`` returns the resources as AWS describes them (read calls only, so
    check mode runs the same); ``to_ansible(module, resource)`` is one item of
    the returned list.
    """
    module = base.CognitoModule(argument_spec=argument_spec, **module_options)
    validate(module)
    client = module.connect()
    try:
        found = read(module, client)
    except cognito.AnsibleCognitoError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, **{result_key: [to_ansible(module, resource) for resource in found]})
