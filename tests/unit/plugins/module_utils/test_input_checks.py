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
