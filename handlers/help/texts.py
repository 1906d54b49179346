"""帮助: what the bot can do, for residents and for workers."""

import re

COMMANDS = {"帮助": "help", "/help": "help", "/start": "help"}

STALE_BUTTON = "这个按钮已失效，请重新操作。"
THANKS = re.compile(r"谢|辛苦|thank|thx|👍|🙏|❤|🌹", re.IGNORECASE)
THANKS_AT_MOST = 24  # characters: a longer message says more than thanks
YOU_ARE_WELCOME = "不客气😊 有事随时找我。"
# 收到, 好的, 知道了 in a private chat: an acknowledgement, to nothing the bot asked (a question waiting for an answer
# is answered before any fallback): no answer, as a person would give none (a newcomer's, stop 39: each had got the
# whole help)
ACKNOWLEDGED = re.compile(
    r"(?:收到|好的|好嘞|好滴|知道了?|明白了?|了解|嗯+|哦+|噢+|ok|okay|👌|✅|[。.!！~～\s])+",
    re.IGNORECASE,
)
# A worker's talk the bot has no answer for (今天跑了3个楼 累死了): the commands in one line, not the whole help
WORKER_POINTER = (
    "我没看懂这句🙂 工单命令：接单 N · 进度 N 说明 · 办结 N 说明 · 转派 N 人员 · 我的工单 · 工单 N；"
    "反映问题请发“报事 + 问题描述”。发送“帮助”查看全部说明。"
)
RESIDENT_HELP = (
    "我是网格通，社区的报事助手。\n"
    "· 反映问题：发送“报事 + 问题描述”，例如：报事 3号楼2单元楼道灯坏了\n"
    "· 查看进度：发送“我的报事”\n"
    "· 找网格员：发送“联系网格员”，或问“3号楼的网格员是谁”\n"
    "· 报名会议：在群里回复“参加”“参加 +2”“不参加”或“待定”，也可以接龙"
)
WORKER_HELP = (
    "网格员命令（在与我的私聊中使用）：\n"
    "· 接单 N　· 进度 N 说明　· 办结 N 说明　· 转派 N 人员　· 我的工单　· 工单 N（查看详情）\n"
    "· 工单概况（社区、街道管理员：未办结的工单、紧急的、超过一天无人接单的、各网格的数量）\n"
    "英文别名：/accept /update /resolve /transfer /mine /ticket /overview\n\n"
    "会议：\n"
    "· 发起会议 明天下午3点 社区议事厅 议题：东门停车位改造 限30人（在群里发；私聊中加“群 g_tx1”）\n"
    "· 邀请 N 物业服务中心 孙书记　· 会议名单 N　· 代报名 王奶奶 +1\n"
    "· 修改会议 N 时间 …／地点 …／名额 …　· 取消会议 N\n"
    "英文别名：/meeting /invite /attendees /signup_for /edit_meeting /cancel_meeting"
)


def help_text(is_staff: bool) -> str:
    return RESIDENT_HELP + ("\n\n" + WORKER_HELP if is_staff else "")
