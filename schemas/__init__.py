"""Pydantic models of the vnresolve Document and its published JSON Schema."""

from vnresolve.schemas.models import *  # noqa: F401,F403
from vnresolve.schemas.models import SCHEMA_VERSION, Document
from vnresolve.schemas.io import dump_document, json_schema, load_document, SCHEMA_PATH  # noqa: F401

__all__ = ["SCHEMA_VERSION", "Document", "dump_document", "load_document", "json_schema", "SCHEMA_PATH"]
