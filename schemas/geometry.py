"""One geometry convention for the whole project.

Boxes are in PDF points (1/72 inch), origin at the top-left of the page as displayed, with the
page's /Rotate already applied (pdfplumber's convention). OCR pixel boxes are converted once,
in extract/ocr.py. Coordinates are rounded only when serialised.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field, field_serializer, model_validator

COORD_DECIMALS = 2
_EPS = 1e-6


class BBox(BaseModel):
    """An axis-aligned box: x0 < x1 left to right, top < bottom top to bottom."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    x0: float = Field(description="Left edge, points from the page's left edge.")
    top: float = Field(description="Top edge, points from the page's top edge.")
    x1: float = Field(description="Right edge, points from the page's left edge.")
    bottom: float = Field(description="Bottom edge, points from the page's top edge.")

    @model_validator(mode="after")
    def _ordered(self) -> BBox:
        if self.x1 < self.x0 - _EPS or self.bottom < self.top - _EPS:
            raise ValueError(f"impossible box: x0={self.x0} x1={self.x1} top={self.top} bottom={self.bottom}")
        return self

    @field_serializer("x0", "top", "x1", "bottom")
    def _round(self, v: float) -> float:
        return round(v, COORD_DECIMALS)

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def as_tuple(self) -> tuple[float, float, float, float]:
        return (self.x0, self.top, self.x1, self.bottom)

    def contains(self, other: BBox, tolerance: float = 0.0) -> bool:
        return (
            other.x0 >= self.x0 - tolerance
            and other.x1 <= self.x1 + tolerance
            and other.top >= self.top - tolerance
            and other.bottom <= self.bottom + tolerance
        )

    def overlaps(self, other: BBox) -> bool:
        return not (
            other.x1 <= self.x0 or other.x0 >= self.x1 or other.bottom <= self.top or other.top >= self.bottom
        )

    @classmethod
    def enclosing(cls, boxes: Iterable[BBox]) -> BBox | None:
        """The smallest box around all given boxes (None when there are none)."""
        items = list(boxes)
        if not items:
            return None
        return cls(
            x0=min(b.x0 for b in items),
            top=min(b.top for b in items),
            x1=max(b.x1 for b in items),
            bottom=max(b.bottom for b in items),
        )

    def to_str(self) -> str:
        """Compact text form used in CSV cells: 'x0,top,x1,bottom' rounded to 2 decimals."""
        return ",".join(f"{v:.{COORD_DECIMALS}f}" for v in self.as_tuple())
