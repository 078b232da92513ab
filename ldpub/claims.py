"""Claims placeholder."""

from typing import Any


def find_claims(body: str, linking: Any) -> list[dict[str, Any]]:
    return []
