"""`-o FILE`: written atomically, never over an input, not through a symlink without --force,
and a clear message (not a traceback) when the report cannot be written."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.core.errors import ExitCode, OutputError
from auditor.util import safeio

TEXT = "Peer groups can promote a sense of neighborhood. The findings suggest that it helps.\n"


def run(args, capsys):
    code = main(["check", "--grammar", "off", "-f", "json", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    (d / "a.txt").write_text(TEXT)
    return d


def test_output_that_is_an_input_found_in_a_folder_is_refused(folder, capsys):
    code, _, err = run([str(folder), "-o", str(folder / "a.txt")], capsys)
    assert code == ExitCode.USAGE and "is one of the inputs" in err
    assert (folder / "a.txt").read_text() == TEXT


def test_output_that_resolves_to_an_input_is_refused(folder, tmp_path, capsys):
    link = tmp_path / "link.json"
    link.symlink_to(folder / "a.txt")
    hard = tmp_path / "hard.json"
    os.link(folder / "a.txt", hard)
    for target in (link, hard, folder / ".." / "d" / "a.txt"):
        code, _, err = run([str(folder / "a.txt"), "-o", str(target), "--force"], capsys)
        assert code == ExitCode.USAGE and "is one of the inputs" in err, target
    assert (folder / "a.txt").read_text() == TEXT


def test_symlink_output_needs_force_and_keeps_the_link(folder, tmp_path, capsys):
    real = tmp_path / "real.json"
    real.write_text("previous")
    link = tmp_path / "report.json"
    link.symlink_to(real)
    code, _, err = run([str(folder), "-o", str(link)], capsys)
    assert code == ExitCode.USAGE and "symbolic link" in err and "--force" in err
    assert real.read_text() == "previous"
    code, _, _ = run([str(folder), "-o", str(link), "--force"], capsys)
    assert code == ExitCode.FINDINGS
    assert link.is_symlink() and json.loads(real.read_text())["documents"]


def test_interrupted_run_leaves_the_previous_report(folder, tmp_path, capsys, monkeypatch):
    from auditor.core import runner

    report = tmp_path / "report.json"
    report.write_text("previous report")

    def interrupted(self, path, stdin_bytes=None):
        raise KeyboardInterrupt
    monkeypatch.setattr(runner.Runner, "audit", interrupted)
    code, _, _ = run([str(folder), "-o", str(report)], capsys)
    assert code == ExitCode.INTERRUPTED
    assert report.read_text() == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d", "report.json"]


def test_report_replaces_the_previous_one_only_when_complete(folder, tmp_path, capsys):
    report = tmp_path / "report.json"
    report.write_text("previous report")
    os.chmod(report, 0o640)
    code, _, _ = run([str(folder), "-o", str(report)], capsys)
    assert code == ExitCode.FINDINGS
    assert json.loads(report.read_text())["documents"]
    assert (report.stat().st_mode & 0o777) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d", "report.json"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_full_device_is_a_clear_message(folder, capsys):
    code, _, err = run([str(folder), "-o", "/dev/full"], capsys)
    assert code == ExitCode.USAGE
    assert "/dev/full: cannot write the report: No space left on device" in err
    assert "Traceback" not in err and "internal error" not in err


def test_devnull_is_written_directly(folder, capsys):
    assert run([str(folder), "-o", os.devnull], capsys)[0] == ExitCode.FINDINGS
    assert Path(os.devnull).exists()


def test_atomic_writer_unit(tmp_path):
    target = tmp_path / "r.txt"
    with pytest.raises(RuntimeError):
        with safeio.AtomicWriter(target) as out:
            out.write("half")
            raise RuntimeError
    assert not target.exists() and list(tmp_path.iterdir()) == []
    with safeio.AtomicWriter(target) as out:
        out.write("whole")
    assert target.read_text() == "whole"
    with pytest.raises(OutputError, match="cannot write"):
        safeio.AtomicWriter(tmp_path / "missing" / "r.txt")


def test_report_stream_unit(tmp_path):
    """The block both engines write a report in: stdout without a target, else committed
    when the block ends and removed when it raises."""
    stdout = object()
    with safeio.report_stream(None, stdout) as out:
        assert out is stdout
    target = tmp_path / "r.txt"
    target.write_text("previous")
    with pytest.raises(KeyboardInterrupt), safeio.report_stream(target, stdout) as out:
        out.write("half")
        raise KeyboardInterrupt
    assert target.read_text() == "previous" and list(tmp_path.iterdir()) == [target]
    with safeio.report_stream(target, stdout) as out:
        out.write("whole")
    assert target.read_text() == "whole" and list(tmp_path.iterdir()) == [target]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [
    ["check", "{a}", "--grammar", "off"], ["check", "{a}", "--grammar", "off", "-f", "json"],
    ["config"], ["rules", "list"],
])
def test_stdout_on_a_full_disk_is_a_clear_message(folder, argv):
    """`auditor check x.txt > /dev/full`: exit 2 with the reason, no traceback."""
    import subprocess
    import sys

    argv = [arg.format(a=folder / "a.txt") for arg in argv]
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "auditor", *argv], stdout=full,
                              stderr=subprocess.PIPE, text=True, timeout=120)
    assert proc.returncode == ExitCode.USAGE, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "auditor: cannot write to standard output: No space left on device" in proc.stderr


@pytest.mark.parametrize("fmt", ["rich", "json", "jsonl"])
def test_a_reader_that_goes_away_is_a_quiet_exit(tmp_path, fmt):
    """`auditor check BIG | head -1`: no traceback, no 'Exception ignored' noise (rich ends
    such a run with its own exit 1, the other formats with 0)."""
    import subprocess
    import sys

    big = tmp_path / "big.txt"
    big.write_text(TEXT * 3000)
    proc = subprocess.Popen([sys.executable, "-m", "auditor", "check", str(big), str(big),
                             "--grammar", "off", "--no-color", "--fail-on", "never", "-f", fmt],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) in (0, 1)
    assert err == ""
