# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    # What every kaleido.cognito module supports.
    DOCUMENTATION = r"""
options: {}
attributes:
  check_mode:
    description:
      - Can run in check mode and predicts the result, including the returned resource, without any write call to AWS.
    support: full
  diff_mode:
    description:
      - Returns C(diff.before) and C(diff.after) of the resource, in check mode too.
    support: full
  action_group:
    description:
      - Part of the C(kaleido.cognito.cognito) action group, which extends C(amazon.aws.aws),
        so C(module_defaults) for C(group/kaleido.cognito.cognito) set its connection options.
    support: full
    membership:
      - kaleido.cognito.cognito
"""

    # How every kaleido.cognito _info module differs (kaleido.cognito.attributes.info_module, listed
    # before kaleido.cognito.attributes, which adds action_group: the first fragment's values win).
    INFO_MODULE = r"""
options: {}
attributes:
  check_mode:
    description:
      - Makes only read calls to AWS, so it runs the same in check mode and returns the same result.
    support: full
  diff_mode:
    description:
      - Changes nothing, so there is no diff.
    support: none
"""
