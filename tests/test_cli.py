"""bot.py as a user runs it: help, import-roster, analyze, and run with /healthz."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

from tests.conftest import DEMO_ROSTER, ROOT


def bot_py(*args, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "bot.py"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
    )


def test_help_explains_every_command():
    result = bot_py("--help")
    assert result.returncode == 0
    for command in ("run", "import-roster", "analyze"):
        assert command in result.stdout
    run_help = bot_py("run", "--help").stdout
    for option in ("--port", "--host", "--database-url", "--roster"):
        assert option in run_help


def test_import_roster_is_idempotent_and_reports_changes(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    first = bot_py("import-roster", str(DEMO_ROSTER), "--database-url", url)
    assert first.returncode == 0 and "16 person" in first.stdout
    second = bot_py("import-roster", str(DEMO_ROSTER), "--database-url", url)
    assert second.returncode == 0 and "no changes" in second.stdout


def test_import_of_a_bad_roster_fails_with_the_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "street:\n  name: 济北街道\ncommunities:\n  - name: 同鑫社区\n    compounds:\n"
        '      - {name: 同鑫花园, buildings: "1-x"}\n',
        encoding="utf-8",
    )
    result = bot_py("import-roster", str(bad), "--database-url", f"sqlite:///{tmp_path / 'x.db'}")
    assert result.returncode == 2
    assert f"{bad}:6: communities[0].compounds[0].buildings" in result.stderr


def test_analyze_one_text_and_json_lines():
    one = json.loads(bot_py("analyze", "同鑫花园十二栋一单元的声控灯怎么拍都不亮").stdout)
    assert {k: one[k] for k in ("intent", "category", "building", "unit", "room", "urgent", "compound")} == {
        "intent": "complaint",
        "category": "lighting",
        "building": 12,
        "unit": 1,
        "room": None,
        "urgent": False,
        "compound": "同鑫花园",
    }
    lines = '{"text": "5栋电梯又卡住了，里面有老人被困！快来人"}\n{"text": "大家早上好！"}\n{"text": ""}\n'
    result = bot_py("analyze", "--jsonl", stdin=lines)
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 0
    assert [a["intent"] for a in answers] == ["complaint", "chatter", "chatter"]
    assert answers[0]["urgent"] is True and answers[0]["building"] == 5


def test_analyze_jsonl_keeps_one_answer_per_line_and_flags_bad_ones():
    result = bot_py("analyze", "--jsonl", stdin='not json\n{"txt": 1}\n{"text": "3号楼路灯不亮"}\n')
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.returncode == 1
    assert [("error" in a) for a in answers] == [True, True, False]
    assert "line 1" in result.stderr and "line 2" in result.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_run_serves_healthz_quickly_and_stops_cleanly(tmp_path):
    port = free_port()
    started = time.monotonic()
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "bot.py"),
            "run",
            "--port",
            str(port),
            "--roster",
            str(DEMO_ROSTER),
            "--database-url",
            f"sqlite:///{tmp_path / 'run.db'}",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        ready = None
        while time.monotonic() - started < 20 and ready is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                    ready = response.status
            except OSError:
                assert process.poll() is None, process.stdout.read()
                time.sleep(0.05)  # polling a subprocess's port, not waiting on a scheduler
        assert ready == 200
        assert time.monotonic() - started < 10
    finally:
        process.terminate()
        output = process.communicate(timeout=20)[0]
    assert process.returncode == 0
    assert f"http://127.0.0.1:{port}/" in output


def test_run_refuses_a_public_host_without_a_token(tmp_path):
    result = bot_py(
        "run", "--host", "0.0.0.0", "--database-url", f"sqlite:///{tmp_path / 'x.db'}", env={"ADMIN_TOKEN": ""}
    )
    assert result.returncode == 2 and "ADMIN_TOKEN" in result.stderr


def test_run_reports_an_unusable_database(tmp_path):
    result = bot_py("run", "--port", str(free_port()), "--database-url", "postgresql://nobody@127.0.0.1:1/none")
    assert result.returncode == 2 and "cannot use the database" in result.stderr
    for url in ("foo", "mysql://x/y"):
        wrong = bot_py("import-roster", str(DEMO_ROSTER), "--database-url", url)
        assert wrong.returncode == 2 and "not a database URL" in wrong.stderr and "Traceback" not in wrong.stderr
