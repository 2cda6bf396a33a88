"""The shape of the code: data flows one way, and the types hold (mypy --strict)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "src" / "cleanup"
STAGES = ("source", "segment", "detect", "resolve", "apply", "report")


def _internal_imports(module: str) -> set[str]:
    """The cleanup modules ``module`` imports (for a package, any of its modules, its own excepted)."""
    package = PACKAGE / module
    files = sorted(package.glob("*.py")) if package.is_dir() else [PACKAGE / f"{module}.py"]
    inside = 2 if package.is_dir() else 1  # the level of a relative import that leaves the module
    found = set()
    for file in files:
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == inside:
                found.add((node.module or "").split(".")[0])
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("cleanup."):
                found.add(node.module.split(".")[1])
    return found


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_only_the_shared_values(stage: str) -> None:
    assert _internal_imports(stage) <= {"model", "config"}


def test_only_the_pipeline_knows_the_order() -> None:
    importers = {
        p.stem
        for p in [*PACKAGE.glob("*.py"), *(d for d in PACKAGE.iterdir() if (d / "__init__.py").is_file())]
        if p.stem not in STAGES and {"detect", "resolve", "apply", "segment"} <= _internal_imports(p.stem)
    }
    assert importers == {"pipeline"}


@pytest.mark.skipif(shutil.which("mypy") is None, reason="mypy comes with the test extras")
def test_mypy_strict_passes() -> None:
    proc = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
