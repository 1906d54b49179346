"""帮助 / /help: what the bot can do, for residents and for workers."""

from bot.dispatch import Context

STALE_BUTTON = "这个按钮已失效，请重新操作。"
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


def help_text(is_staff: bool) -> str:
    return RESIDENT_HELP + ("\n\n" + WORKER_HELP if is_staff else "")


def handle_help(ctx: Context) -> bool:
    command = ctx.command
    if command is None or command.name != "help":
        return False
    ctx.reply(help_text(ctx.sender.is_staff))
    return True


def handle_private_fallback(ctx: Context) -> bool:
    """Whatever nothing else took, in a private chat: the person is talking to the bot, so answer."""
    if ctx.inbound.is_group or ctx.inbound.button_data is not None:
        return False
    ctx.reply(help_text(ctx.sender.is_staff))
    return True


def handle_stale_button(ctx: Context) -> bool:
    """A button no handler knows (an old message, or tampered data): say so rather than stay silent."""
    if ctx.inbound.button_data is None:
        return False
    ctx.reply(STALE_BUTTON)
    return True
