"""帮助 / /help: what the bot can do, for residents and for workers."""

from bot.dispatch import Context
from handlers.commands import parse_command

RESIDENT_HELP = (
    "我是网格通，社区的报事助手。\n"
    "· 反映问题：发送“报事 + 问题描述”，例如：报事 3号楼2单元楼道灯坏了\n"
    "· 查看进度：发送“我的报事”"
)
WORKER_HELP = (
    "网格员命令（在与我的私聊中使用）：\n"
    "· 接单 N　· 进度 N 说明　· 办结 N 说明　· 转派 N 人员　· 我的工单\n"
    "英文别名：/accept /update /resolve /transfer /mine"
)


def handle_help(ctx: Context) -> bool:
    command = parse_command(ctx.inbound.text)
    if command is None or command.name != "help":
        return False
    ctx.reply(RESIDENT_HELP + ("\n\n" + WORKER_HELP if ctx.sender.is_staff else ""))
    return True
