"""帮助 / /help, a private chat nothing else answered, and buttons nobody knows."""

from bot.dispatch.context import Context
from bot.dispatch.router import Chat, Router
from handlers.help import texts as T

router = Router("help", commands=T.COMMANDS)


@router.command("help")
def show_help(ctx: Context) -> None:
    ctx.reply(T.help_text(ctx.sender.is_staff))


@router.fallback(chats=Chat.PRIVATE, taps=False)
def answer_in_private(ctx: Context) -> None:
    """Whatever nothing else took, in a private chat: the person is talking to the bot, so answer. Thanks (谢谢师傅,
    辛苦了 after a rating) are answered as thanks, a worker's remark with the commands in a line, an acknowledgement
    (收到, 好的) not at all; a resident otherwise gets the help."""
    text = ctx.inbound.text.strip()
    if T.ACKNOWLEDGED.fullmatch(text):
        return  # 收到, 好的: nothing to answer
    if len(text) <= T.THANKS_AT_MOST and T.THANKS.search(text) is not None:
        ctx.reply(T.YOU_ARE_WELCOME)
    elif ctx.sender.is_staff:
        ctx.reply(T.WORKER_POINTER)  # (a worker knows the bot; the whole help on every remark was a wall of text)
    else:
        ctx.reply(T.help_text(is_staff=False))


@router.fallback(taps=True)
def stale_button(ctx: Context) -> None:
    """A button no route knows (an old message, or tampered data): say so, to the one who tapped, rather than stay
    silent; the button is of no use to anyone."""
    ctx.refuse(T.STALE_BUTTON, spent=True)
