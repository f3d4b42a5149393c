# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The module base (plugins/module_utils/modules.py): the boto3 and botocore it requires at run time are the ones
requirements.txt installs and the modules document, and its input checks report every problem at once."""

import os

import pytest
import yaml
from packaging.requirements import Requirement

from ansible_collections.kaleido.cognito.plugins.doc_fragments.boto3 import ModuleDocFragment
from ansible_collections.kaleido.cognito.plugins.doc_fragments.common import ModuleDocFragment as CommonDocFragment
from ansible_collections.kaleido.cognito.plugins.module_utils import modules
from ansible_collections.kaleido.cognito.plugins.module_utils.modules import CognitoModule
from tests.conftest import ROOT

pytestmark = pytest.mark.unit


def requirements_minimums():
    """name -> the minimum version requirements.txt names."""
    with open(os.path.join(ROOT, "requirements.txt"), encoding="utf-8") as handle:
        lines = [line.strip() for line in handle if line.strip() and not line.startswith("#")]
    minimums = {}
    for line in lines:
        requirement = Requirement(line)
        minimums[requirement.name] = [spec.version for spec in requirement.specifier if spec.operator == ">="][0]
    return minimums


def test_the_minimums_checked_at_run_time_are_those_of_requirements_txt():
    assert requirements_minimums() == {"boto3": modules.MINIMUM_BOTO3_VERSION, "botocore": modules.MINIMUM_BOTOCORE_VERSION}


def test_the_modules_document_the_minimums_checked_at_run_time():
    documented = yaml.safe_load(ModuleDocFragment().DOCUMENTATION)["requirements"]
    assert "boto3 >= " + modules.MINIMUM_BOTO3_VERSION in documented
    assert "botocore >= " + modules.MINIMUM_BOTOCORE_VERSION in documented


def test_every_module_documents_them_through_the_fragment():
    """Each module lists one fragment of kaleido.cognito.common, and each of those has the requirements of kaleido.cognito.boto3."""
    documented = yaml.safe_load(ModuleDocFragment().DOCUMENTATION)["requirements"]
    common = CommonDocFragment()
    variants = {"": common.DOCUMENTATION}
    variants.update((name.lower(), getattr(common, name)) for name in ("POOL_RESOURCE", "PENDING_POOL_RESOURCE", "INFO", "POOL_INFO"))
    for text in variants.values():
        assert yaml.safe_load(text)["requirements"] == documented
    directory = os.path.join(ROOT, "plugins", "modules")
    for name in sorted(os.listdir(directory)):
        if name.endswith(".py"):
            with open(os.path.join(directory, name), encoding="utf-8") as handle:
                fragments = yaml.safe_load(handle.read().split('DOCUMENTATION = r"""', 1)[1].split('"""', 1)[0])["extends_documentation_fragment"]
            listed = [fragment.split("kaleido.cognito.common", 1)[1].lstrip(".") for fragment in fragments if fragment.startswith("kaleido.cognito.common")]
            assert len(listed) == 1 and listed[0] in variants and "amazon.aws.boto3" not in fragments, name


class Failed(Exception):
    pass


class Module:
    """What the input checks use of a module (they run as CognitoModule's methods on this stand-in)."""

    fail_on_problems = CognitoModule.fail_on_problems
    option_problems = CognitoModule.option_problems

    def __init__(self, **params):
        self.params = params
        self.region = "us-east-1"

    def fail_json(self, **result):
        raise Failed(result)


def test_every_problem_of_the_options_is_reported_at_once():
    module = Module(user_pool_id="eu-west-1_AbCdEfGhI", client_id="not an id!", name=None)
    with pytest.raises(Failed) as failed:
        module.fail_on_problems(module.option_problems("user_pool_id", "client_id", "name"), extra=1)
    message = failed.value.args[0]["msg"]
    assert message.startswith("user_pool_id") and "; client_id" in message
    assert failed.value.args[0]["extra"] == 1


def test_options_the_task_does_not_set_and_empty_problems_pass():
    module = Module(user_pool_id="us-east-1_AbCdEfGhI", client_id=None, name=None)
    assert module.option_problems("user_pool_id", "client_id", "name") == [None]
    module.fail_on_problems([None, ""])
