"""Hostile inputs through the command line: FIFOs, devices, symlink loops, as documents, rule
packs and config files. Each runs `auditor` in a subprocess with a timeout, so a regression
fails the test instead of hanging the suite."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEXT = "Peer groups can promote a sense of neighborhood. The findings suggest that it helps.\n"

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def auditor(*args, cwd=None, timeout=120):
    return subprocess.run([sys.executable, "-m", "auditor", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)


def test_fifo_in_a_folder_is_a_per_file_error_and_the_run_goes_on(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    os.mkfifo(tmp_path / "b.txt")
    proc = auditor("check", str(tmp_path), "--grammar", "off", "-f", "json")
    docs = {Path(d["path"]).name: d for d in json.loads(proc.stdout)["documents"]}
    assert docs["a.txt"]["verdict"] != "error"
    assert docs["b.txt"]["verdict"] == "error"
    assert "named pipe" in docs["b.txt"]["error"]
    assert proc.returncode == 1


def test_symlink_loop_named_on_the_command_line_is_a_per_file_error(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    proc = auditor("check", str(tmp_path / "a.txt"), str(loop), "--grammar", "off", "-f", "json")
    docs = {Path(d["path"]).name: d for d in json.loads(proc.stdout)["documents"]}
    assert docs["loop.txt"]["verdict"] == "error" and docs["a.txt"]["verdict"] != "error"
    assert proc.returncode == 1


def test_fifo_rule_pack_is_a_rules_error(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    rules = tmp_path / "rules"
    rules.mkdir()
    os.mkfifo(rules / "pack.yaml")
    proc = auditor("check", "--rules", str(rules), str(tmp_path / "a.txt"), "--grammar", "off")
    assert proc.returncode == 2
    assert "pack.yaml" in proc.stderr and "named pipe" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = auditor("check", "--rules", str(rules / "pack.yaml"), str(tmp_path / "a.txt"),
                   "--grammar", "off")
    assert proc.returncode == 2 and "named pipe" in proc.stderr


def test_fifo_config_file_is_a_config_error(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    os.mkfifo(tmp_path / "cfg.toml")
    proc = auditor("check", "--config", str(tmp_path / "cfg.toml"), str(tmp_path / "a.txt"))
    assert proc.returncode == 2 and "named pipe" in proc.stderr


def test_fifo_pyproject_found_by_discovery_does_not_block(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT)
    os.mkfifo(tmp_path / "pyproject.toml")
    proc = auditor("check", "a.txt", "--grammar", "off", "-f", "json", cwd=tmp_path)
    assert proc.returncode == 1 and json.loads(proc.stdout)["documents"]
