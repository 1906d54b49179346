"""What a newcomer hit (issue 12 §3): the trigger word in the ticket's text, a worker's punctuation, the text in
the tickets API, make clean-demo under a running demo, and the noise of make test."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request

from tests.conftest import DEMO_ROSTER, ROOT
from tests.test_cli import free_port


async def test_the_ticket_keeps_the_residents_words_without_the_trigger_and_the_api_shows_them(bot):
    said = await bot.say("g_tx1", "r_li", "报事：3号楼2单元楼道灯坏了，晚上很黑！", name="李阿姨")
    worker = next(r["text"] for r in said["replies"] if r["chat"] == "dm:w_zhang")
    assert "内容：3号楼2单元楼道灯坏了，晚上很黑！" in worker, "no 报事： in what the worker reads"
    ticket = await bot.ticket(1)
    assert ticket["text"] == "3号楼2单元楼道灯坏了，晚上很黑！"
    listed = await (await bot.client.get("/api/tickets", headers=bot.auth)).json()
    assert listed["tickets"][0]["text"] == ticket["text"]
    mentioned = await bot.say("g_tx1", "r_wang", "@网格通 ５号楼电梯不动了，困了一会儿！", name="王大爷")
    assert mentioned["replies"]
    assert (await bot.ticket(2))["text"] == "５号楼电梯不动了，困了一会儿！", "as written: width and punctuation"


async def test_a_workers_note_is_stored_and_relayed_as_written(bot):
    await bot.say("g_tx1", "r_li", "报事 3号楼楼道灯坏了")
    said = await bot.say("dm:w_zhang", "w_zhang", "办结 1 已更换灯泡，明天再检查（如有问题，请联系我）！")
    to_resident = next(r["text"] for r in said["replies"] if r["chat"] == "dm:r_li")
    assert "已更换灯泡，明天再检查（如有问题，请联系我）！" in to_resident
    events = (await bot.ticket(1))["events"]
    assert events[-1]["note"] == "已更换灯泡，明天再检查（如有问题，请联系我）！"


def test_clean_demo_refuses_while_the_demo_runs(tmp_path):
    database = tmp_path / "demo.db"
    port = free_port()
    argv = [sys.executable, str(ROOT / "bot.py"), "run", "--port", str(port), "--roster", str(DEMO_ROSTER),
            "--database-url", f"sqlite:///{database}"]  # fmt: skip
    demo = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                    break
            except OSError:
                time.sleep(0.05)  # polling a subprocess's port, not waiting on a scheduler
        refused = subprocess.run(["make", "-s", "clean-demo", f"DEMO_DB={database}"], cwd=ROOT, capture_output=True,
                                 text=True, check=False)  # fmt: skip
        assert refused.returncode != 0 and "stop it first" in refused.stdout
        assert database.exists()
    finally:
        demo.terminate()
        demo.wait(timeout=20)
    cleaned = subprocess.run(["make", "-s", "clean-demo", f"DEMO_DB={database}"], cwd=ROOT, check=False)
    assert cleaned.returncode == 0 and not database.exists()


def test_skips_are_summed_up_in_one_line_per_reason():
    argv = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_meetings_api.py"]
    run = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}, check=False)
    lines = [line for line in run.stdout.splitlines() if "skipped" in line.lower()]
    assert not [line for line in lines if line.startswith("SKIPPED")], run.stdout
    assert any("skipped: PostgreSQL tests need DATABASE_URL" in line for line in lines), run.stdout


async def test_a_tap_the_bot_turns_down_is_answered_as_not_accepted(bot):
    said = await bot.say("g_tx1", "r_sun", "7号楼电梯一直有异响", name="孙阿姨")
    data = said["replies"][0]["buttons"][0]["data"]
    assert (await bot.tap("g_tx1", "r_zhou", data))["accepted"] is False, "only the one who said it may register it"
    assert (await bot.tap("g_tx1", "r_sun", data))["accepted"] is True
