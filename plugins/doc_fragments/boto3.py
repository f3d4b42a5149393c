# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from ansible_collections.kaleido.cognito.plugins.module_utils import modules


class ModuleDocFragment:
    # The boto3 and botocore the kaleido.cognito modules need (kaleido.cognito.boto3),
    # in place of amazon.aws.boto3, whose minimum is older: the versions CognitoModule
    # checks at run time.  Built when the fragment is loaded, as amazon.aws.boto3 is,
    # so that the versions are written once, in module_utils/modules.py.
    def __init__(self):
        self.DOCUMENTATION = r"""
options: {{}}
requirements:
  - python >= 3.6
  - boto3 >= {0}
  - botocore >= {1}
""".format(modules.MINIMUM_BOTO3_VERSION, modules.MINIMUM_BOTOCORE_VERSION)
