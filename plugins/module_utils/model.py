# -*- coding: utf-8 -*-

# Copyright: Contributors to the kaleido.cognito project
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the installed botocore's Cognito service model says (internal use only).

Two rules of the collection come from the model instead of hand-written lists:

* The fields an update sends: UpdateUserPool and UpdateUserPoolClient reset
  every field they are not sent (their documentation in the model: "If you
  don't provide a value for an attribute, Amazon Cognito sets it to its
  default value"), so an update carries the current value of each member of
  the Update request that the Describe answer reports (:func:`update_fields`).
  A newer botocore carries new settings without a code change.
* Settings the installed botocore cannot see: botocore's parser drops every
  member of an answer that its model does not know, so under an older
  botocore a setting that AWS added later is missing from DescribeUserPool /
  DescribeUserPoolClient, and an update built from them would reset it.
  :class:`UnknownMembers` reads the raw answer (botocore's ``after-call``
  event carries the HTTP response) and records the members the model does not
  know (:func:`unknown_members`); the modules refuse a write that would reset
  them.
"""

import json

# botocore is imported where it is used, not here: the role's filter
# (plugins/filter/kaleido_prep_problems.py) imports this file on the
# controller for its checks, which need no AWS SDK. A module without botocore
# fails before it gets here (the module base checks it).

SERVICE = "cognito-idp"

_MODEL = {}


def service_model(client=None):
    """The cognito-idp service model of the installed botocore (the client's, when given)."""
    if client is not None:
        _MODEL.setdefault(SERVICE, client.meta.service_model)
    if SERVICE not in _MODEL:
        import botocore.session

        _MODEL[SERVICE] = botocore.session.get_session().get_service_model(SERVICE)
    return _MODEL[SERVICE]


def resource_shape(describe_operation, resource_member):
    """The shape of ``resource_member`` (for example UserPool) in ``describe_operation``'s answer."""
    return service_model().operation_model(describe_operation).output_shape.members[resource_member]


def update_fields(update_operation, describe_operation, resource_member, exclude=()):
    """The members of ``update_operation``'s request that ``describe_operation`` reports, in model order.

    ``exclude`` names the members the caller sends by other means (identifiers,
    names, tags through the tagging API).
    """
    request = service_model().operation_model(update_operation).input_shape.members
    reported = resource_shape(describe_operation, resource_member).members
    return tuple(name for name in request if name in reported and name not in exclude)


def unknown_members(shape, value, path=""):
    """Dotted paths of the members of the raw JSON ``value`` that ``shape`` does not know.

    Structures are walked member by member, lists item by item and maps value
    by value, so a new member inside a known structure is found too (for
    example ``CustomDomainConfig.SecurityPolicy``).
    """
    found = []
    type_name = getattr(shape, "type_name", None)
    if type_name == "structure" and isinstance(value, dict):
        for key, item in value.items():
            name = "{0}.{1}".format(path, key) if path else key
            if key not in shape.members:
                found.append(name)
            else:
                found.extend(unknown_members(shape.members[key], item, name))
    elif type_name == "list" and isinstance(value, list):
        for item in value:
            for name in unknown_members(shape.member, item, path + "[]"):
                if name not in found:
                    found.append(name)
    elif type_name == "map" and isinstance(value, dict):
        for key, item in value.items():
            found.extend(unknown_members(shape.value, item, "{0}.{1}".format(path, key)))
    return found


# Describe operations whose answer an update is built from: operation ->
# (the member holding the resource, the resource's id member).
# UpdateUserPoolDomain is sent the described CustomDomainConfig back, so a
# member of it that botocore dropped (CustomDomainConfig.SecurityPolicy under
# an older botocore) would be lost.
INSPECTED = {
    "DescribeUserPool": ("UserPool", "Id"),
    "DescribeUserPoolClient": ("UserPoolClient", "ClientId"),
    "DescribeUserPoolDomain": ("DomainDescription", "Domain"),
}


class UnknownMembers:
    """Records, per resource, the members of its Describe answer that the installed botocore does not know.

    Registered on a client by :meth:`register`; :meth:`of` tells what was
    found for a resource id in the latest answer about it.
    """

    def __init__(self):
        self._found = {}
        self._unreadable = set()

    def register(self, client):
        event_prefix = "after-call.{0}.".format(client.meta.service_model.service_id.hyphenize())
        for operation in INSPECTED:
            client.meta.events.register(event_prefix + operation, self.inspect)
        return self

    def inspect(self, http_response=None, parsed=None, model=None, **kwargs):
        """botocore ``after-call`` handler: compare the raw answer with the operation's output shape."""
        if model is None or model.name not in INSPECTED or not parsed or http_response is None:
            return
        member, id_member = INSPECTED[model.name]
        resource = parsed.get(member) or {}
        if not resource.get(id_member):
            return
        resource_id = resource[id_member]
        try:
            raw = json.loads(http_response.content or b"{}")[member]
            found = unknown_members(model.output_shape.members[member], raw)
        except (ValueError, AttributeError, TypeError, KeyError):
            # Not the JSON document botocore parsed: what it dropped cannot be known.
            self._unreadable.add(resource_id)
            self._found.pop(resource_id, None)
            return
        self._unreadable.discard(resource_id)
        self._found[resource_id] = found

    def of(self, resource_id):
        """The unknown members of the latest answer about ``resource_id`` (empty list: none)."""
        return list(self._found.get(resource_id) or [])

    def unreadable(self, resource_id):
        """True when the latest answer about ``resource_id`` could not be read as JSON (its unknown members are unknown)."""
        return resource_id in self._unreadable


def botocore_version():
    try:
        import botocore
    except ImportError:  # pragma: no cover
        return "unknown"
    return botocore.__version__


def unknown_members_message(kind, resource_id, operation, members):
    """The failure of a write that would reset settings the installed botocore cannot see."""
    return (
        "{0} {1} has settings that the installed botocore {2} does not know: {3}. {4} resets every setting it is not"
        " sent, so it would reset them; nothing was changed. Install a newer botocore and boto3"
        " (pip install --upgrade botocore boto3) and run again".format(kind, resource_id, botocore_version(), ", ".join(members), operation)
    )


def unreadable_answer_message(kind, resource_id, operation):
    """The failure of a write whose Describe answer could not be checked for settings botocore cannot see."""
    return (
        "{0} {1}: the answer of AWS that {2} is built from could not be read to check it for settings that the installed"
        " botocore {3} does not know, and {2} could reset such settings; nothing was changed. Run again; if it keeps"
        " failing, report it with the versions of botocore and boto3".format(kind, resource_id, operation, botocore_version())
    )
