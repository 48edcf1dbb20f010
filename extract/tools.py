"""Probes for external programs: is it installed and new enough? Checked once, never at import."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache

from extract.errors import MissingTool

TESSERACT_INSTALL = "install it with: apt-get install tesseract-ocr tesseract-ocr-dan"


@dataclass(frozen=True)
class ToolProbe:
    program: str
    version_arg: str
    version_regex: str
    min_version: tuple[int, ...]

    def version(self) -> tuple[int, ...] | None:
        path = shutil.which(self.program)
        if path is None:
            return None
        try:
            out = subprocess.run([path, self.version_arg], capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            return None
        match = re.search(self.version_regex, out.stdout + out.stderr)
        return tuple(int(p) for p in match.group(1).split(".")) if match else None

    def available(self) -> bool:
        found = self.version()
        return found is not None and found >= self.min_version


TESSERACT = ToolProbe("tesseract", "--version", r"tesseract v?(\d+(?:\.\d+)*)", (4, 1))


def tesseract_languages() -> set[str]:
    path = shutil.which("tesseract")
    if path is None:
        return set()
    out = subprocess.run([path, "--list-langs"], capture_output=True, text=True, timeout=20)
    lines = (out.stdout + out.stderr).splitlines()
    return {ln.strip() for ln in lines if ln.strip() and not ln.startswith("List of")}


@lru_cache(maxsize=8)
def require_ocr(lang: str) -> str:
    """Check tesseract and the language data for `lang` ('dan' or 'dan+eng'); returns its version.

    Raises MissingTool with the install command otherwise.
    """
    version = TESSERACT.version()
    if version is None:
        raise MissingTool("tesseract is not installed, so pages without a usable text layer cannot be read",
                          remedy=TESSERACT_INSTALL)
    if version < TESSERACT.min_version:
        raise MissingTool(f"tesseract {'.'.join(map(str, version))} is older than 4.1", remedy=TESSERACT_INSTALL)
    missing = set(lang.split("+")) - tesseract_languages()
    if missing:
        pkgs = " ".join(f"tesseract-ocr-{m}" for m in sorted(missing))
        raise MissingTool(f"tesseract has no language data for {', '.join(sorted(missing))}",
                          remedy=f"install it with: apt-get install {pkgs}")
    return ".".join(map(str, version))


def library_versions() -> dict[str, str]:
    """Versions of the libraries a result depends on (copied into each DocumentResult)."""
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in ("kkr-extract", "pdfplumber", "pdfminer.six", "pypdfium2", "pytesseract", "pyenchant", "wordfreq"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            continue
    return found
