"""How bad a finding is: the one type the codes table and the report share (apart, so that
neither imports the other)."""

from __future__ import annotations

from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"error": 2, "warning": 1, "info": 0}
