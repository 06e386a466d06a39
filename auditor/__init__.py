"""auditor: does a translated article say what its original says? Public API only."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["AuditConfig", "AuditError", "AuditReport", "Finding", "audit", "audit_files", "audit_many", "__version__"]

if TYPE_CHECKING:
    from auditor.batch.run import audit_many
    from auditor.config import AuditConfig
    from auditor.errors import AuditError
    from auditor.pipeline import audit, audit_files
    from auditor.records import AuditReport, Finding

_HOMES = {"audit": "auditor.pipeline", "audit_files": "auditor.pipeline", "audit_many": "auditor.batch.run",
          "AuditConfig": "auditor.config",
          "AuditError": "auditor.errors", "AuditReport": "auditor.records", "Finding": "auditor.records"}


def __getattr__(name: str) -> Any:
    # Lazy: `import auditor` (and so `auditor --help`) stays instant; the pipeline loads on first use.
    if name == "__version__":  # one source: the version in pyproject.toml, as installed
        from importlib.metadata import version

        return version("auditor")
    if name in _HOMES:
        import importlib

        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'auditor' has no attribute {name!r}")
