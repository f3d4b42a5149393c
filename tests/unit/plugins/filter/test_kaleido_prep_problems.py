# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The filter kaleido.cognito.kaleido_prep_problems (plugins/filter/kaleido_prep_problems.py).

The role checks its variables with the modules' own checks: a value is
refused by the role exactly when the module it goes to would refuse it, and
the message names the role's variable.
"""

import os
import re
import subprocess
import sys

import pytest
import yaml

from ansible.errors import AnsibleFilterError

from ansible_collections.kaleido.cognito.plugins.filter import kaleido_prep_problems as plugin
from ansible_collections.kaleido.cognito.plugins.module_utils import app_client as clients
from ansible_collections.kaleido.cognito.plugins.module_utils import domain as domains
from ansible_collections.kaleido.cognito.plugins.module_utils import input_checks as checks
from ansible_collections.kaleido.cognito.plugins.module_utils.modules import CognitoModule
from tests.conftest import COLLECTIONS_PATH
from tests.conftest import ROOT

problems_of = plugin.kaleido_prep_problems

ROLE = ROOT + "/roles/kaleido_prep"


def load(path):
    with open(ROLE + "/" + path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


DEFAULTS = load("defaults/main.yml")


def role_variables(**values):
    """The role's defaults plus the two required variables, with ``values`` on top."""
    variables = dict(DEFAULTS, kaleido_prep_pool_name="acme-kaleido-users", kaleido_prep_domain_prefix="acme-kaleido")
    variables.update(values)
    return variables


def test_the_role_defaults_with_valid_required_variables_have_no_problem():
    assert problems_of(role_variables()) == []
    assert problems_of(role_variables(kaleido_prep_region="us-east-2", kaleido_prep_user_pool_id="us-east-2_AbCdEfGhI",
                                      kaleido_prep_callback_urls=["https://acme.kaleido.io/api/v1/oidc/callback", "http://localhost:8080/cb"],
                                      kaleido_prep_logout_urls=["https://acme.kaleido.io/logout"],
                                      kaleido_prep_tags={"Team": "platform"})) == []


def test_missing_variables_are_not_checked():
    assert problems_of({}) == []


def test_the_input_must_be_a_dictionary():
    with pytest.raises(AnsibleFilterError, match="dictionary"):
        problems_of(["kaleido_prep_pool_name"])


def test_the_filter_is_registered_under_its_documented_name():
    assert plugin.FilterModule().filters() == {"kaleido_prep_problems": problems_of}
    assert yaml.safe_load(plugin.DOCUMENTATION)["name"] == "kaleido_prep_problems"


# The role checks scopes with the module's check, not a looser pattern of its
# own such as [!-~]{1,256}, which lets " and \ through; the module (botocore
# ScopeType) refuses them.
@pytest.mark.parametrize("scope", ['a"b', "a\\b", '"', "\\"])
def test_a_scope_with_a_quote_or_backslash_is_refused_as_the_module_refuses_it(scope):
    problems = problems_of(role_variables(kaleido_prep_oauth_scopes=["openid", scope]))
    assert len(problems) == 1
    assert problems[0].startswith("kaleido_prep_oauth_scopes: ")
    assert "quotes or backslashes" in problems[0]
    assert clients.input_problems({"allowed_oauth_scopes": [scope]})


@pytest.mark.parametrize("scope", ["openid", "email", "aws.cognito.signin.user.admin", "https://api.example.com/read", "x" * 256,
                                   "!#$%&'()*+,-./:;<=>?@[]^_`{|}~"])
@pytest.mark.parametrize("refused", [False, True])
def test_scopes_are_refused_exactly_when_the_module_refuses_them(scope, refused):
    if refused:
        scope = scope + " "
    role = problems_of({"kaleido_prep_oauth_scopes": [scope]})
    module = clients.input_problems({"allowed_oauth_scopes": [scope]})
    assert bool(role) == bool(module) == refused
    assert [problem.replace("kaleido_prep_oauth_scopes", "allowed_oauth_scopes", 1) for problem in role] == module


URLS = [
    "https://acme.kaleido.io/cb", "http://localhost/cb", "http://127.0.0.1:8080/cb", "http://[::1]/cb", "myapp://callback",
    "javascript:alert(1)", "http://acme.example.com/cb", "https://acme.example.com/cb#x", "https://acme.example.com/a b",
    "https://acme.example.com/\x1b", "/relative", "https://" + "a" * 1020, "",
    "javascript://acme.example.com/%0aalert(1)", "file:///etc/passwd", "data:text/html,x", "http://evil.example\\@localhost/cb",
    "https://user:password@acme.example.com/cb", "https://acme.example.com\u200b/cb",
]


@pytest.mark.parametrize("variable, option", [("kaleido_prep_callback_urls", "callback_urls"), ("kaleido_prep_logout_urls", "logout_urls")])
@pytest.mark.parametrize("url", URLS)
def test_redirect_urls_get_the_module_check_and_message_naming_the_variable(variable, option, url):
    role = problems_of({variable: [url]})
    module = clients.input_problems({option: [url]})
    assert [problem.replace(variable, option, 1) for problem in role] == module
    assert all(problem.startswith(variable + ": ") for problem in role)
    assert bool(role) == (url not in URLS[:5])


@pytest.mark.parametrize("provider", ["COGNITO", "Google", "acme-saml", "", "two words", "x" * 33, "bad\x00"])
def test_identity_providers_get_the_module_check(provider):
    role = problems_of({"kaleido_prep_identity_providers": [provider]})
    module = clients.input_problems({"supported_identity_providers": [provider]})
    assert [problem.replace("kaleido_prep_identity_providers", "supported_identity_providers", 1) for problem in role] == module


@pytest.mark.parametrize("prefix", ["acme", "a", "a" * 63, "", "Acme", "-acme", "acme-", "a" * 64, "acme org", "acme.org", "acme-org\n",
                                    "acme\torg", "my-aws", "amazon-acme", "cognito", "AWS"])
def test_domain_prefixes_get_the_module_check(prefix):
    role = problems_of({"kaleido_prep_domain_prefix": prefix})
    reasons = domains.prefix_problems(prefix)
    assert len(role) == len(reasons)
    for problem, reason in zip(role, reasons):
        assert problem == "kaleido_prep_domain_prefix {0!r} is not a valid Cognito domain prefix: it {1}".format(prefix, reason)


@pytest.mark.parametrize("variable", ["kaleido_prep_pool_name", "kaleido_prep_client_name"])
@pytest.mark.parametrize("name", ["kaleido", "Acme Kaleido users", "a+=,.@-_", "n" * 128, "", "n" * 129, "pool/with*stars", "bad\nname",
                                  "bad\tname", "bad\x00name", "bad\x1b[31mname", "name\n"])
def test_names_get_the_module_check(variable, name):
    role = problems_of({variable: name})
    module = checks.name_problem("name", name)
    assert role == ([module.replace("name", variable, 1)] if module else [])
    assert bool(role) == (checks.POOL_NAME.fullmatch(name) is None or checks.CONTROL_CHARACTER.search(name) is not None)


@pytest.mark.parametrize("module_name", ["cognito_user_pool", "cognito_app_client"])
def test_the_modules_check_names_with_the_check_of_module_utils_and_have_no_pattern_of_their_own(module_name, monkeypatch):
    import importlib  # pylint: disable=import-outside-toplevel

    module = importlib.import_module("ansible_collections.kaleido.cognito.plugins.modules." + module_name)
    source = open(module.__file__).read()
    assert r"[\w\s+=,.@-]" not in source
    calls = []
    monkeypatch.setattr(checks, "name_problem", lambda option, name: calls.append((option, name)) or "refused")

    class Failed(Exception):
        pass

    class FakeModule:
        """The input checks of the module base, on a stand-in module."""
        params = {"name": "x", "user_pool_id": "us-east-1_abc", "state": "present", "client_id": None}
        region = "us-east-1"
        check_mode = False
        fail_on_problems = CognitoModule.fail_on_problems
        option_problems = CognitoModule.option_problems
        user_pool_id_problems = CognitoModule.user_pool_id_problems
        pending_user_pool = CognitoModule.pending_user_pool

        def fail_json(self, msg, **kwargs):
            raise Failed(msg)

    with pytest.raises(Failed, match="refused"):
        module.validate(FakeModule())
    assert calls == [("name", "x")]


@pytest.mark.parametrize("value", [["a"], {"a": "b"}, 3, None, True])
def test_a_name_that_is_no_string_is_refused_naming_the_variable(value):
    problems = problems_of({"kaleido_prep_pool_name": value})
    assert len(problems) == 1 and problems[0].startswith("kaleido_prep_pool_name must be a string, got ")


@pytest.mark.parametrize("region", ["us-east-1", "eu-west-3", "ap-southeast-2", "us-gov-west-1", ""])
def test_region_names_and_empty_pass(region):
    assert problems_of({"kaleido_prep_region": region}) == []


@pytest.mark.parametrize("region", ["US East", "us-east", "useast1", "us-east-1\n", "us-east-1 ", "1"])
def test_other_regions_are_refused_naming_the_variable(region):
    problems = problems_of({"kaleido_prep_region": region})
    assert len(problems) == 1 and problems[0].startswith("kaleido_prep_region ")
    assert "or empty for the region of the environment" in problems[0]


@pytest.mark.parametrize("pool_id", ["pool-a", "us-east-1", "us-east-1_", "us-east-1_AbC\n", "us-east-1_Ab-C"])
def test_a_malformed_pool_id_is_refused_with_the_module_check(pool_id):
    problems = problems_of({"kaleido_prep_user_pool_id": pool_id, "kaleido_prep_region": "us-east-1"})
    assert problems == [checks.pool_id_problem("kaleido_prep_user_pool_id", pool_id, "us-east-1")]


def test_a_pool_id_of_another_region_is_refused_naming_kaleido_prep_region():
    problems = problems_of({"kaleido_prep_user_pool_id": "eu-west-1_AbCdEfGhI", "kaleido_prep_region": "us-east-1"})
    assert len(problems) == 1
    assert problems[0].startswith("kaleido_prep_user_pool_id eu-west-1_AbCdEfGhI")
    assert "(kaleido_prep_region)" in problems[0] and "region option" not in problems[0]


@pytest.mark.parametrize("region", ["", "not a region"])
def test_a_pool_id_is_not_checked_against_an_empty_or_invalid_region(region):
    problems = problems_of({"kaleido_prep_user_pool_id": "eu-west-1_AbCdEfGhI", "kaleido_prep_region": region})
    assert not [problem for problem in problems if problem.startswith("kaleido_prep_user_pool_id")]


def test_tags_get_the_module_check():
    tags = {"aws:owner": "x", "k" * 129: "v", "owner": "v" * 257, "ok": "fine"}
    assert problems_of({"kaleido_prep_tags": tags}) == checks.tag_problems("kaleido_prep_tags", tags)
    assert len(problems_of({"kaleido_prep_tags": tags})) == 3


def test_tags_that_are_no_dictionary_are_refused():
    assert problems_of({"kaleido_prep_tags": ["a"]})[0].startswith("kaleido_prep_tags must be a dictionary")


@pytest.mark.parametrize("timeout, refused", [(0, False), (300, False), ("300", False), (-1, True), ("-5", True), ("soon", True), ([1], True)])
def test_the_domain_wait_timeout_gets_the_module_check(timeout, refused):
    problems = problems_of({"kaleido_prep_domain_wait_timeout": timeout})
    assert bool(problems) == refused
    assert all(problem.startswith("kaleido_prep_domain_wait_timeout ") for problem in problems)


def test_lists_given_as_text_are_read_as_ansible_reads_a_list_option():
    problems = problems_of({"kaleido_prep_callback_urls": "https://acme.kaleido.io/cb,http://acme.kaleido.io/cb"})
    assert len(problems) == 1 and "'http://acme.kaleido.io/cb' uses http" in problems[0]


def test_list_elements_that_are_no_strings_are_refused_naming_the_variable():
    problems = problems_of({"kaleido_prep_oauth_scopes": ["openid", 3, ["email"]]})
    assert len(problems) == 2 and all(problem.startswith("kaleido_prep_oauth_scopes: ") for problem in problems)


def test_all_problems_are_reported_at_once_each_naming_its_variable():
    problems = problems_of(role_variables(
        kaleido_prep_pool_name="bad\nname", kaleido_prep_client_name="", kaleido_prep_domain_prefix="Amazon",
        kaleido_prep_region="US East", kaleido_prep_user_pool_id="pool-a", kaleido_prep_callback_urls=["javascript:alert(1)"],
        kaleido_prep_logout_urls=["http://acme.example.com/bye"], kaleido_prep_oauth_scopes=['a"b'], kaleido_prep_identity_providers=[""],
        kaleido_prep_tags={"aws:x": "y"}, kaleido_prep_domain_wait_timeout=-1,
    ))
    named = set(re.match(r"(kaleido_prep_\w+)", problem).group(1) for problem in problems)
    assert named == set(plugin.NAMES) | set(plugin.APP_CLIENT_OPTIONS) | set(plugin.DOMAIN_OPTIONS) | {
        "kaleido_prep_domain_prefix", "kaleido_prep_region", "kaleido_prep_user_pool_id", "kaleido_prep_tags"}


def test_validate_yml_passes_every_variable_the_filter_checks_and_each_is_a_role_variable():
    """tasks/validate.yml hands the filter each variable it knows; each is in meta/argument_specs.yml."""
    tasks = load("tasks/validate.yml")
    passed = [task for task in tasks if "kaleido.cognito.kaleido_prep_problems" in str(task.get("vars", {}))]
    assert len(passed) == 1
    variables = passed[0]["vars"]["__kaleido_prep_variables"]
    assert all(value == "{{ %s }}" % name for name, value in variables.items())
    checked = set(plugin.NAMES) | set(plugin.APP_CLIENT_OPTIONS) | set(plugin.DOMAIN_OPTIONS) | {
        "kaleido_prep_domain_prefix", "kaleido_prep_region", "kaleido_prep_user_pool_id", "kaleido_prep_client_id", "kaleido_prep_tags", plugin.PROVIDERS,
        *plugin.SECRETS_MANAGER_OPTIONS}
    assert set(variables) == checked
    options = load("meta/argument_specs.yml")["argument_specs"]["main"]["options"]
    assert checked <= set(options)
    documented = yaml.safe_load(plugin.DOCUMENTATION)["options"]["_input"]["suboptions"]
    assert set(documented) == checked


def test_no_pattern_of_the_modules_is_repeated_in_the_role():
    """The role's tasks contain no regular expression test (match / search / regex): the checks live in module_utils."""
    import glob  # pylint: disable=import-outside-toplevel

    for path in glob.glob(ROLE + "/tasks/*.yml"):
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        assert not re.search(r"\bis (not )?(match|search|regex)\(|regex_search|regex_replace", text), path


GOOGLE = {"name": "Google", "type": "Google", "details": {"client_id": "id", "client_secret": "s3cret-value", "authorize_scopes": "openid email"},
          "attribute_mapping": {"email": "email"}}


def test_external_identity_providers_are_checked_as_the_module_checks_them_with_the_email_mapping_required():
    assert problems_of({"kaleido_prep_external_identity_providers": [GOOGLE]}) == []
    named_wrong = dict(GOOGLE, name="MyGoogle")
    no_secret = dict(GOOGLE, details={"client_id": "id", "authorize_scopes": "openid"})
    no_email = dict(GOOGLE, attribute_mapping={"name": "name"})
    problems = problems_of({"kaleido_prep_external_identity_providers": [named_wrong, no_secret, no_email, GOOGLE, {"name": "X"}]})
    text = " | ".join(problems)
    assert "kaleido_prep_external_identity_providers[0] (MyGoogle): Provider MyGoogle cannot be of type Google" in text
    assert "kaleido_prep_external_identity_providers[1] (Google): details: a Google identity provider needs" in text and "client_secret" in text
    assert "kaleido_prep_external_identity_providers[2] (Google): attribute_mapping of identity provider Google does not map email" in text
    assert "kaleido_prep_external_identity_providers[4] needs type, details, attribute_mapping" in text
    assert "the name 'Google' is used more than once" in text
    # No secret value in any message.
    assert "s3cret-value" not in text


def test_external_identity_providers_of_a_wrong_shape_are_refused_naming_the_variable():
    assert problems_of({"kaleido_prep_external_identity_providers": "Google"})[0].startswith("kaleido_prep_external_identity_providers")
    problems = problems_of({"kaleido_prep_external_identity_providers": [dict(GOOGLE, type="Twitter")]})
    assert problems == ["kaleido_prep_external_identity_providers[0]: type must be one of Google, Facebook, SignInWithApple, LoginWithAmazon, OIDC,"
                        " SAML, got 'Twitter'"]


@pytest.mark.parametrize("variables, problem", [
    ({"kaleido_prep_secrets_manager_secret": "kaleido acme"},
     "kaleido_prep_secrets_manager_secret must be 1 to 512 letters, digits or /_+=.@- characters (an AWS Secrets Manager secret name), got 'kaleido acme'"),
    ({"kaleido_prep_secrets_manager_secret": "k" * 513}, "kaleido_prep_secrets_manager_secret must be 1 to 512"),
    ({"kaleido_prep_secrets_manager_recovery_window": "3"}, "kaleido_prep_secrets_manager_recovery_window must be 0 (delete at once) or 7 to 30 days, got 3"),
    ({"kaleido_prep_secrets_manager_recovery_window": 31}, "kaleido_prep_secrets_manager_recovery_window must be 0 (delete at once) or 7 to 30 days, got 31"),
    ({"kaleido_prep_secrets_manager_recovery_window": "soon"}, "kaleido_prep_secrets_manager_recovery_window must be a whole number of days"),
])
def test_the_handoff_secret_s_name_and_recovery_window_are_checked(variables, problem):
    problems = plugin.kaleido_prep_problems(variables)
    assert len(problems) == 1 and problems[0].startswith(problem), problems


def test_a_handoff_secret_aws_accepts_passes():
    secret = {"kaleido_prep_secrets_manager_secret": "kaleido-acme/prod_1+=.@", "kaleido_prep_secrets_manager_recovery_window": 0}
    assert plugin.kaleido_prep_problems(secret) == []
    assert plugin.kaleido_prep_problems({"kaleido_prep_secrets_manager_secret": "", "kaleido_prep_secrets_manager_recovery_window": 7}) == []


def test_the_filter_and_its_checks_load_no_aws_sdk_on_the_controller():
    """Each worker process that templates the filter imports it: the checks need no botocore or boto3, and do not load them."""
    program = (
        "import sys\n"
        "import ansible_collections.kaleido.cognito.plugins.filter.kaleido_prep_problems as plugin\n"
        "assert plugin.kaleido_prep_problems({'kaleido_prep_domain_prefix': 'aws-org'})\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] in ('boto3', 'botocore')))\n"
    )
    env = dict(os.environ, PYTHONPATH=COLLECTIONS_PATH)
    result = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
