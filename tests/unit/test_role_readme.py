# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""roles/kaleido_prep/README.md agrees with meta/argument_specs.yml: one table row for each variable, same type and default."""

import os
import re

import pytest
import yaml

from tests.conftest import ROOT

ROLE = os.path.join(ROOT, "roles", "kaleido_prep")


def options():
    with open(os.path.join(ROLE, "meta", "argument_specs.yml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)["argument_specs"]["main"]["options"]


def table_rows():
    """The rows of the README's variables table: variable -> (type, default) as written."""
    with open(os.path.join(ROLE, "README.md"), encoding="utf-8") as handle:
        text = handle.read()
    rows = {}
    for line in text.splitlines():
        match = re.match(r"\| `(kaleido_prep_\w+)` \| ([^|]+) \| ([^|]+) \|", line)
        if match:
            assert match.group(1) not in rows, "{0} has two rows".format(match.group(1))
            rows[match.group(1)] = (match.group(2).strip(), match.group(3).strip())
    return rows


def test_every_variable_of_the_argument_specs_has_one_row_and_no_other_variable_has_one():
    assert sorted(table_rows()) == sorted(options())


@pytest.mark.parametrize("name", sorted(options()))
def test_the_row_has_the_type_and_default_of_the_argument_specs(name):
    spec = options()[name]
    type_text, default_text = table_rows()[name]
    expected_type = spec["type"] if spec["type"] != "list" else "list of " + spec["elements"]
    assert type_text == expected_type
    if spec.get("required"):
        assert default_text == "required"
        return
    if "default" not in spec:
        # A pool setting: unset leaves an existing pool's own; the row says what a new pool gets.
        assert default_text.startswith("unset; a new pool: ")
        return
    default = spec["default"]
    if isinstance(default, dict) and default:
        return  # described in words (the password policy)
    if isinstance(default, bool):
        written = "true" if default else "false"
    elif isinstance(default, list):
        written = "[{0}]".format(", ".join(default))
    elif default == "":
        written = '""'
    else:
        written = str(default)
    assert default_text == "`{0}`".format(written)
