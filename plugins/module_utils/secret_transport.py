# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Sealing a secret for the trip from a module back to its action plugin (internal use only).

With ANSIBLE_DEBUG on, ansible-core logs the raw standard output of every
module run, before an action plugin can hide anything.  A module that returns
a secret in clear would therefore print it.  Instead, the action plugin makes
a random one-time key for each run (:func:`new_key`) and passes it to the
module as a no_log option; the module returns the secret sealed with it
(:func:`seal`) and the action plugin opens it (:func:`unseal`) in the
controller, where it marks the result as no_log.

The construction uses only the standard library: the key gives two
sub-keys through HMAC-SHA256, the secret is XORed with an HMAC-SHA256 keystream
over a random 16-byte nonce and a block counter (a PRF in counter mode), and an
HMAC-SHA256 tag over the version, nonce and ciphertext authenticates the
whole (encrypt-then-MAC).  A token that was changed or sealed with another key
is refused.
"""

import base64
import hashlib
import hmac
import os
import struct

VERSION = b"ks1"
KEY_BYTES = 32
NONCE_BYTES = 16
TAG_BYTES = 32
BLOCK_BYTES = hashlib.sha256().digest_size
_ENCRYPTION_LABEL = b"kaleido.cognito secret transport: encryption"
_AUTHENTICATION_LABEL = b"kaleido.cognito secret transport: authentication"


class SealError(ValueError):
    """A key or sealed token that cannot be used."""


def new_key():
    """A random key (32 bytes, URL-safe base64 text), for one module run."""
    return base64.urlsafe_b64encode(os.urandom(KEY_BYTES)).decode("ascii")


def _key_bytes(key):
    try:
        raw = base64.urlsafe_b64decode(key.encode("ascii"))
    except (ValueError, TypeError, UnicodeEncodeError, AttributeError):
        raise SealError("the secret transport key is not URL-safe base64 text") from None
    if len(raw) != KEY_BYTES:
        raise SealError("the secret transport key must be {0} bytes".format(KEY_BYTES))
    return raw


def check_key(key):
    """Raise SealError unless ``key`` is a key as :func:`new_key` makes them."""
    _key_bytes(key)


def _sub_keys(key):
    raw = _key_bytes(key)
    return (hmac.new(raw, _ENCRYPTION_LABEL, hashlib.sha256).digest(), hmac.new(raw, _AUTHENTICATION_LABEL, hashlib.sha256).digest())


def _keystream(encryption_key, nonce, length):
    blocks = []
    for counter in range((length + BLOCK_BYTES - 1) // BLOCK_BYTES):
        blocks.append(hmac.new(encryption_key, nonce + struct.pack(">I", counter), hashlib.sha256).digest())
    return b"".join(blocks)[:length]


def _xor(data, stream):
    return bytes(bytearray(a ^ b for a, b in zip(bytearray(data), bytearray(stream))))


def _tag(authentication_key, nonce, ciphertext):
    return hmac.new(authentication_key, VERSION + nonce + ciphertext, hashlib.sha256).digest()


def seal(key, secret):
    """``secret`` (text) sealed with ``key``: URL-safe base64 text of version, nonce, ciphertext and tag."""
    encryption_key, authentication_key = _sub_keys(key)
    plaintext = secret.encode("utf-8")
    nonce = os.urandom(NONCE_BYTES)
    ciphertext = _xor(plaintext, _keystream(encryption_key, nonce, len(plaintext)))
    token = VERSION + nonce + ciphertext + _tag(authentication_key, nonce, ciphertext)
    return base64.urlsafe_b64encode(token).decode("ascii")


def unseal(key, token):
    """The secret that :func:`seal` sealed with ``key``; SealError when ``token`` was altered or sealed with another key."""
    encryption_key, authentication_key = _sub_keys(key)
    try:
        raw = base64.urlsafe_b64decode(token.encode("ascii"))
    except (ValueError, TypeError, UnicodeEncodeError, AttributeError):
        raise SealError("the sealed secret is not URL-safe base64 text") from None
    if len(raw) < len(VERSION) + NONCE_BYTES + TAG_BYTES or not raw.startswith(VERSION):
        raise SealError("the sealed secret is not a {0} token".format(VERSION.decode("ascii")))
    nonce = raw[len(VERSION):len(VERSION) + NONCE_BYTES]
    ciphertext = raw[len(VERSION) + NONCE_BYTES:-TAG_BYTES]
    if not hmac.compare_digest(raw[-TAG_BYTES:], _tag(authentication_key, nonce, ciphertext)):
        raise SealError("the sealed secret does not match the key of this run (altered, or sealed with another key)")
    return _xor(ciphertext, _keystream(encryption_key, nonce, len(ciphertext))).decode("utf-8")
