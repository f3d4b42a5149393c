# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

import yaml

from ansible_collections.kaleido.cognito.plugins.doc_fragments import attributes
from ansible_collections.kaleido.cognito.plugins.doc_fragments import boto3
from ansible_collections.kaleido.cognito.plugins.doc_fragments import options


def merged(*fragments):
    """One fragment of several: their options and attributes merged key by key (a later one's keys win), lists joined.

    ansible-core does not let a fragment extend another, so a module would
    otherwise list every piece it uses.
    """
    result = {}
    for fragment in fragments:
        for key, value in (yaml.safe_load(fragment) or {}).items():
            if isinstance(value, dict):
                result.setdefault(key, {}).update(value)
            elif isinstance(value, list):
                result.setdefault(key, []).extend(value)
            else:
                result[key] = value
    return yaml.safe_dump(result, default_flow_style=False, sort_keys=False)


class ModuleDocFragment:
    # What a kaleido.cognito module documents besides its own options, in one fragment per kind of
    # module: the attributes (kaleido.cognito.attributes), the shared options (kaleido.cognito.options)
    # and the boto3 and botocore it needs (kaleido.cognito.boto3). Each module also lists
    # amazon.aws.common.modules and amazon.aws.region.modules.
    def __init__(self):
        common = (attributes.ModuleDocFragment.DOCUMENTATION, boto3.ModuleDocFragment().DOCUMENTATION)
        info = common + (attributes.ModuleDocFragment.INFO_MODULE,)
        shared = options.ModuleDocFragment
        # A module that creates, updates and deletes a user pool (kaleido.cognito.common).
        self.DOCUMENTATION = merged(*(common + (shared.STATE,)))
        # A module of a resource in one user pool (kaleido.cognito.common.pool_resource).
        self.POOL_RESOURCE = merged(*(common + (shared.USER_POOL_ID, shared.STATE)))
        # ... whose pool an earlier task of the play may create (kaleido.cognito.common.pending_pool_resource).
        self.PENDING_POOL_RESOURCE = merged(*(common + (shared.PENDING_USER_POOL, shared.STATE)))
        # An _info module of the region (kaleido.cognito.common.info) or of one user pool (kaleido.cognito.common.pool_info).
        self.INFO = merged(*info)
        self.POOL_INFO = merged(*(info + (shared.USER_POOL_ID,)))
