"""帮助: what the bot can do, for residents and for workers."""

COMMANDS = {"帮助": "help", "/help": "help", "/start": "help"}

STALE_BUTTON = "这个按钮已失效，请重新操作。"
RESIDENT_HELP = (
    "我是网格通，社区的报事助手。\n"
    "· 反映问题：发送“报事 + 问题描述”，例如：报事 3号楼2单元楼道灯坏了\n"
    "· 查看进度：发送“我的报事”"
)
WORKER_HELP = (
    "网格员命令（在与我的私聊中使用）：\n"
    "· 接单 N　· 进度 N 说明　· 办结 N 说明　· 转派 N 人员　· 我的工单　· 工单 N（查看详情）\n"
    "英文别名：/accept /update /resolve /transfer /mine /ticket"
)


def help_text(is_staff: bool) -> str:
    return RESIDENT_HELP + ("\n\n" + WORKER_HELP if is_staff else "")
