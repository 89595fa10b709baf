"""Build the IR from a loaded, validated spec (the `build` stage of the pipeline)."""

from __future__ import annotations

from ..config import Config
from ..diagnostics import Diagnostic
from ..ir import Api, Name
from ..loader import Document
from ..naming import NameScope, make_name
from .operations import OperationBuilder
from .schemas import SchemaBuilder
from .security import security_schemes, security_warnings, servers


def build_api(document: Document, config: Config) -> tuple[Api, list[Diagnostic]]:
    """The IR of `document`, and the warnings found while building it."""
    root = document.root
    info = root.get("info") or {}
    pins = config.names
    class_names = NameScope()
    schemas = SchemaBuilder(document, pins, class_names)
    operations = OperationBuilder(document, schemas, pins)
    controllers = operations.controllers()
    schemas.build_components()
    title = str(info.get("title") or "API").strip()
    client_name = make_name(config.client or title, pins)
    package_name = make_name(config.package or title, pins)
    api = Api(
        title=title,
        version=str(info.get("version") or ""),
        description=str(info.get("description") or "").strip(),
        client_name=client_name,
        package_name=Name(package_name.original, tuple(w.lower() for w in package_name.words)),
        servers=servers(root, pins),
        security_schemes=security_schemes(root, pins),
        controllers=controllers,
        models=tuple(schemas.models.values()),
        enums=tuple(schemas.enums.values()),
        errors=tuple(operations.errors.values()),
        spec_sha256=document.sha256,
    )
    return api, security_warnings(root) + schemas.diagnostics + operations.diagnostics
