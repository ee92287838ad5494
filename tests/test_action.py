"""The composite GitHub Action (action.yml): its shape, and its run step executed with bash
the way the runner executes it (inputs as environment variables, outputs in $GITHUB_OUTPUT).
The setup-python, pip install and upload-sarif steps need GitHub and the network; they are
checked for shape only."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS = ACTION["runs"]["steps"]
SPUN = "It fosters a sense of neighborhood. The searchings for suggest it helps.\n"
CLEAN = "Peer groups meet every week in the library.\n"


def step(name: str) -> dict:
    return next(s for s in STEPS if s["name"] == name)


def test_composite_action_shape():
    assert ACTION["runs"]["using"] == "composite"
    uses = [s.get("uses", "") for s in STEPS]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    assert all(s["shell"] == "bash" for s in STEPS if "run" in s)
    assert "install" in step("Install auditor")["run"]
    assert ACTION["outputs"]["exit-code"]["value"] == "${{ steps.audit.outputs.exit-code }}"


def test_every_input_referenced_exists_and_none_is_substituted_into_a_script():
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    referenced = set(re.findall(r"inputs\.([\w-]+)", text))
    assert referenced <= set(ACTION["inputs"]), referenced - set(ACTION["inputs"])
    for s in STEPS:
        assert "${{" not in s.get("run", ""), f"{s['name']}: expression inside a script"


def run_step(tmp_path, fmt: str, paths: str, args: str = "--grammar off --no-readability"):
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    output = tmp_path / "github_output"
    output.write_text("", encoding="utf-8")
    env = dict(os.environ, AUDITOR_PATHS=paths, AUDITOR_FORMAT=fmt, AUDITOR_ARGS=args,
               AUDITOR_SARIF="auditor.sarif", GITHUB_OUTPUT=str(output),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    proc = subprocess.run(["bash", "-e", "-c", step("Run auditor")["run"]], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=600)
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
    return proc, outputs


@pytest.fixture
def project(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "spun.md").write_text(SPUN, encoding="utf-8")
    (tmp_path / "docs" / "clean.md").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "notes with space.txt").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def test_run_step_annotations(project):
    proc, outputs = run_step(project, "github", "docs")
    assert proc.returncode == 0, proc.stderr  # the step records the code; a later step fails
    assert outputs["exit-code"] == "1"
    assert re.search(r"^::error file=docs/spun\.md,line=1,", proc.stdout, re.M), proc.stdout
    proc, outputs = run_step(project, "github", "docs/clean.md")
    assert outputs["exit-code"] == "0", proc.stdout + proc.stderr


def test_run_step_sarif(project):
    proc, outputs = run_step(project, "sarif", "docs")
    assert outputs["exit-code"] == "1", proc.stderr
    sarif = json.loads((project / "auditor.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert sarif["runs"][0]["results"]


def test_run_step_passes_arguments(project):
    fmt = "github"
    # the spun file is `review`, not `spun`: the verdict policy passes it
    proc, outputs = run_step(project, fmt, "docs",
                             "--grammar off --no-readability --fail-on-verdict spun")
    assert outputs["exit-code"] == "0", proc.stdout + proc.stderr
    proc, outputs = run_step(project, fmt, "docs", "--no-such-option")
    assert outputs["exit-code"] == "2"


def test_run_step_rejects_a_bad_format(project):
    proc, outputs = run_step(project, "xml", "docs")
    assert proc.returncode == 2 and "::error title=auditor action::format must be" in proc.stdout
    assert "exit-code" not in outputs
