"""Where the data files ldpub ships (``vocab/``, ``schemas/``) are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_path(folder: str, name: str) -> Path:
    """Path of ``folder/name``: inside the installed wheel (``ldpub/_data``) or the checkout root."""
    for root in (_PACKAGE / "_data", _PACKAGE.parent):
        candidate = root / folder / name
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"ldpub data file {folder}/{name} is missing from the installation")
