"""Records that dashboards need: sections, contracts, goals, targets, results.

Every record carries `prov`: the places in the source its text and numbers came from.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Records(BaseModel):
    """All records of one document (filled by the sections/records stage)."""

    model_config = ConfigDict(extra="forbid")
