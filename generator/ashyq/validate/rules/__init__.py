"""Importing this package registers every rule with the engine: the portal-wide rules, then each record type's."""

import importlib

from ...kinds import registry
from . import attachments, composition, content, integrity, personal_data  # noqa: F401

for _rt in registry.record_types():
    importlib.import_module(_rt.rules)
