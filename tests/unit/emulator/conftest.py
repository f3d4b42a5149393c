# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures for the emulator's own tests.

COGNITO_EMULATOR_RAW_MOTO=1 runs the same tests against unpatched moto, to see
which behaviours moto gets wrong by itself.
"""

from __future__ import absolute_import, division, print_function

import importlib.util
import os

import pytest

# pylint: disable=invalid-name
__metaclass__ = type

try:
    from ansible_collections.kaleido.cognito.tests.emulator.control import Emulator  # pylint: disable=unused-import
except ImportError:
    _CONTROL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "emulator", "control.py")
    _SPEC = importlib.util.spec_from_file_location("cognito_emulator_control", _CONTROL)
    _MODULE = importlib.util.module_from_spec(_SPEC)
    _SPEC.loader.exec_module(_MODULE)
    Emulator = _MODULE.Emulator


@pytest.fixture(scope="session")
def emulator_class():
    """The control.Emulator class."""
    return Emulator


@pytest.fixture(scope="session")
def emulator_session():
    """One emulator process for the whole session."""
    with Emulator(raw_moto=os.environ.get("COGNITO_EMULATOR_RAW_MOTO") == "1") as emu:
        yield emu


@pytest.fixture
def emulator(emulator_session):  # pylint: disable=redefined-outer-name
    """The session's emulator, reset (state, call log, knobs) before each test."""
    emulator_session.reset()
    return emulator_session


@pytest.fixture
def idp(emulator):  # pylint: disable=redefined-outer-name
    """A cognito-idp client of the default account."""
    return emulator.client()
