# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""docs/awx/survey.json agrees with the role's argument specs: each question is a variable of the role, of its type and choices."""

import json
import os

import yaml

from tests.conftest import ROOT

SURVEY = os.path.join(ROOT, "docs", "awx", "survey.json")


def options():
    with open(os.path.join(ROOT, "roles", "kaleido_prep", "meta", "argument_specs.yml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)["argument_specs"]["main"]["options"]


def questions():
    with open(SURVEY, encoding="utf-8") as handle:
        return json.load(handle)["spec"]


def test_every_question_sets_a_scalar_variable_of_the_role_within_its_choices():
    specs = options()
    assert questions()
    for question in questions():
        spec = specs[question["variable"]]
        # An AWX survey answer is a string: only scalar variables can take one as they are.
        assert spec["type"] in ("str", "int", "path"), question["variable"]
        if question["type"] == "multiplechoice":
            choices = question["choices"].split("\n")
            assert question["default"] in choices
            if "choices" in spec:
                assert set(choices) <= set(spec["choices"]), question["variable"]


def test_the_role_s_required_variables_are_required_questions():
    required = sorted(name for name, spec in options().items() if spec.get("required"))
    assert required == sorted(question["variable"] for question in questions() if question["variable"] in required and question["required"])
