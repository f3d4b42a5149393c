# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Input checks shared by the modules (plugins/module_utils/input_checks.py)."""

import pytest

from ansible_collections.kaleido.cognito.plugins.module_utils import input_checks as checks


@pytest.mark.parametrize("value", ["a\nb", "a\tb", "a\x00b", "a\x1b[31m", "name\n", "\x7f", "a\x85b"])
def test_control_characters_are_refused_naming_the_option(value):
    problem = checks.control_character_problem("name", value)
    assert problem.startswith("name must not contain control characters")


@pytest.mark.parametrize("value", ["", "kaleido users", "é+=,.@-_", "a b"])
def test_names_without_control_characters_pass(value):
    assert checks.control_character_problem("name", value) is None


@pytest.mark.parametrize("pool_id", ["", "us-east-1", "us-east-1_", "pool a", "us-east-1_AbC\n", "us-east-1_Ab-C"])
def test_malformed_pool_ids_are_refused(pool_id):
    assert checks.pool_id_problem("user_pool_id", pool_id, "us-east-1").startswith("user_pool_id must look like <region>_<id>")


def test_a_pool_id_of_another_region_is_refused_naming_both_regions():
    problem = checks.pool_id_problem("user_pool_id", "eu-west-1_AbCdEfGhI", "us-east-1")
    assert "eu-west-1" in problem and "us-east-1" in problem and problem.startswith("user_pool_id eu-west-1_AbCdEfGhI")


@pytest.mark.parametrize("region", ["us-east-1", None, ""])
def test_a_pool_id_of_the_region_or_without_a_known_region_passes(region):
    assert checks.pool_id_problem("user_pool_id", "us-east-1_AbCdEfGhI", region) is None


def test_tags_aws_refuses_are_each_named():
    problems = checks.tag_problems("tags", {"aws:owner": "x", "k" * 129: "v", "owner": "v" * 257, "ok": "fine", "bad\n": "x"})
    assert len(problems) == 4
    assert all(problem.startswith("tags:") or problem.startswith("tags must not") for problem in problems)


def test_tags_aws_accepts_pass():
    assert checks.tag_problems("tags", {"k" * 128: "v" * 256, "Owner": "", "team:platform": None}) == []
    assert checks.tag_problems("tags", None) == []


@pytest.mark.parametrize("name", ["kaleido", "Acme users", "é+=,.@-_", "n" * 128])
def test_names_aws_accepts_pass(name):
    assert checks.name_problem("name", name) is None


@pytest.mark.parametrize("name", ["", "n" * 129, "pool/with*stars!", "a\nb", "name\n"])
def test_names_aws_refuses_are_refused_naming_the_option(name):
    assert checks.name_problem("name", name).startswith("name must ")


@pytest.mark.parametrize("region, valid", [("us-east-1", True), ("us-gov-west-1", True), ("US East", False), ("us-east-1\n", False), ("us-east", False)])
def test_region_names(region, valid):
    assert (checks.region_problem("region", region) is None) == valid


def test_the_source_of_the_region_is_named_when_given():
    problem = checks.pool_id_problem("kaleido_prep_user_pool_id", "eu-west-1_AbCdEfGhI", "us-east-1", region_source="kaleido_prep_region")
    assert "(kaleido_prep_region)" in problem


# Redirect URLs (callback_urls, logout_urls, default_redirect_uri and the kaleido_prep role's URL variables)

@pytest.mark.parametrize("url", [
    "https://a.example.com/cb", "https://a.example.com:8443/cb?x=1&y=%5C", "https://a.example.com/a@b", "http://localhost:3000/cb",
    "http://127.0.0.1/cb", "http://[::1]:8080/cb", "HTTP://LOCALHOST/cb", "myapp://callback", "com.example.app://oauth/cb",
    "https://bücher.example/cb", "https://a.example.com/" + "x" * 1000,
])
def test_redirect_urls_aws_accepts_pass(url):
    assert checks.redirect_url_problem("callback_urls", url) is None


@pytest.mark.parametrize("scheme", checks.UNSAFE_SCHEMES)
@pytest.mark.parametrize("rest", ["://a.example.com/cb", ":alert(1)", ":///etc/passwd"])
def test_schemes_that_run_script_or_open_local_content_are_refused(scheme, rest):
    for url in (scheme + rest, scheme.upper() + rest):
        problem = checks.redirect_url_problem("callback_urls", url)
        assert problem.startswith("callback_urls: {0!r} uses the scheme {1}:".format(url, scheme))


@pytest.mark.parametrize("url, reason", [
    ("javascript://a.example.com/%0aalert(1)", "uses the scheme javascript:"),
    ("data:text/html;base64,PHNjcmlwdD4=", "uses the scheme data:"),
    ("file:///etc/passwd", "uses the scheme file:"),
    ("vbscript://a.example.com/msgbox", "uses the scheme vbscript:"),
    ("about:blank", "uses the scheme about:"),
    ("blob:https://a.example.com/0b7e", "uses the scheme blob:"),
    # urllib reads the host as localhost, browsers as evil.example.
    ("http://evil.example\\@localhost/cb", "contains a backslash"),
    ("https://a.example.com\\cb", "contains a backslash"),
    ("https:\\\\evil.example/cb", "contains a backslash"),
    ("https://user@a.example.com/cb", "has user info"),
    ("http://localhost@evil.example/cb", "has user info"),
    ("http://evil.example@localhost/cb", "has user info"),
    ("myapp://user@cb", "has user info"),
    ("https://a.example.com/c b", "contains white space"),
    (" https://a.example.com/cb", "contains white space"),
    ("https://a.example.com/cb\u00a0", "contains white space"),
    ("https://a.example.com/cb\n", "contains a control character"),
    ("java\tscript:alert(1)", "contains a control character"),
    ("https://a.example.com/\x00", "contains a control character"),
    ("https://a.example.com/\x1b[31m", "contains a control character"),
    ("https://a.example.com/\x85", "contains a control character"),
    ("https://a.example.com\u200b/cb", "contains the invisible character U+200B"),
    ("https://a.example.com/\u202ebc", "contains the invisible character U+202E"),
    ("http://a.example.com/cb", "uses http"),
    ("http://localhost.evil.example/cb", "uses http"),
    ("https://a.example.com/cb#frag", "has a fragment"),
    ("/relative/cb", "is not an absolute URL"),
    ("", "is not an absolute URL"),
    ("https:///cb", "has no host"),
    ("http://[::1/cb", "is not a valid URL"),
    ("https://a.example.com/" + "x" * 1100, "is longer than 1024 characters"),
])
def test_refused_redirect_urls_name_the_option_the_url_and_the_reason(url, reason):
    problem = checks.redirect_url_problem("logout_urls", url)
    assert problem.startswith("logout_urls: {0!r} {1}".format(url, reason))


def test_a_password_in_a_refused_url_is_not_repeated():
    problem = checks.redirect_url_problem("callback_urls", "https://user:s3cr3t-pw@a.example.com/cb")
    assert problem.startswith("callback_urls: 'https://user:********@a.example.com/cb' has user info")
    assert "s3cr3t-pw" not in problem
