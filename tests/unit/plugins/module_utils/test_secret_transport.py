# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Sealing the client secret between the module and its action plugin (plugins/module_utils/secret_transport.py)."""

import base64

import pytest

from ansible_collections.kaleido.cognito.plugins.module_utils import secret_transport as transport

SECRET = "1abc2defghij3klmnopq4rstuv5wxyz6abcdefghijklmnopqrs"


def test_a_sealed_secret_opens_with_its_key_and_shows_none_of_it():
    key = transport.new_key()
    token = transport.seal(key, SECRET)
    assert transport.unseal(key, token) == SECRET
    assert SECRET[:6] not in token and SECRET[:6] not in base64.urlsafe_b64decode(token).decode("latin-1")


def test_each_key_and_each_seal_differs():
    key = transport.new_key()
    assert len(base64.urlsafe_b64decode(key)) == 32
    assert key != transport.new_key()
    assert transport.seal(key, SECRET) != transport.seal(key, SECRET)


@pytest.mark.parametrize("secret", ["", "x", "é☃ secret with unicode", "s" * 1000])
def test_secrets_of_any_length_round_trip(secret):
    key = transport.new_key()
    assert transport.unseal(key, transport.seal(key, secret)) == secret


def test_another_key_cannot_open_the_secret():
    token = transport.seal(transport.new_key(), SECRET)
    with pytest.raises(transport.SealError, match="does not match the key"):
        transport.unseal(transport.new_key(), token)


@pytest.mark.parametrize("position", [0, 3, 10, 30, -1])
def test_a_changed_byte_is_refused(position):
    key = transport.new_key()
    raw = bytearray(base64.urlsafe_b64decode(transport.seal(key, SECRET)))
    raw[position] ^= 0x01
    with pytest.raises(transport.SealError):
        transport.unseal(key, base64.urlsafe_b64encode(bytes(raw)).decode())


@pytest.mark.parametrize("token", ["", "not base64 !", base64.urlsafe_b64encode(b"ks1short").decode()])
def test_tokens_that_are_not_sealed_secrets_are_refused(token):
    with pytest.raises(transport.SealError):
        transport.unseal(transport.new_key(), token)


@pytest.mark.parametrize("key", ["", "short", base64.urlsafe_b64encode(b"x" * 16).decode(), "é"])
def test_keys_that_are_not_32_bytes_of_base64_are_refused(key):
    with pytest.raises(transport.SealError):
        transport.check_key(key)
    with pytest.raises(transport.SealError):
        transport.seal(key, SECRET)
