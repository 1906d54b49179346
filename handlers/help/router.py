"""帮助 / /help, a private chat nothing else answered, and buttons nobody knows."""

import re
import unicodedata

from bot.dispatch.context import Context
from bot.dispatch.router import Chat, Router
from handlers.help import texts as T

router = Router("help", commands=T.COMMANDS)


@router.command("help")
def show_help(ctx: Context) -> None:
    ctx.reply(T.help_text(ctx.sender.is_staff))


# A worker's command in their own words (接了 1号单子 下午过去看, 3号单子办完了): which command they meant, not the
# whole help (a newcomer's, stop 37). Only a hint: nothing is done to a ticket on loose words.
_TICKET = r"[#＃]?\s*(\d{1,9})(?!\d)(?!\s*[个件只天点元块位人年月日岁楼栋层%.])\s*号?\s*(?:单子?|工单)?"
_MEANT = (
    (
        re.compile(r"^\s*接(?:了|下了?|单了)?\s*" + _TICKET + r"|^\s*" + _TICKET + r"\s*(?:我)?接(?:了|下了)"),
        T.ACCEPT_MEANT,
    ),
    (
        re.compile(
            r"^\s*(?:办(?:完|好|结)了?|修好了?|搞定了?)\s*" + _TICKET
            + r"|^\s*" + _TICKET + r"\s*(?:已经)?(?:办完|办好|修好|搞定|处理好)了?"
        ),
        T.RESOLVE_MEANT,
    ),
)  # fmt: skip


def _command_meant(text: str) -> str | None:
    text = unicodedata.normalize("NFKC", text)
    for pattern, hint in _MEANT:
        if (match := pattern.search(text)) is not None:
            return hint.format(number=int(next(group for group in match.groups() if group)))
    return None


@router.fallback(chats=Chat.PRIVATE, taps=False)
def answer_in_private(ctx: Context) -> None:
    """Whatever nothing else took, in a private chat: the person is talking to the bot, so answer."""
    meant = _command_meant(ctx.inbound.text) if ctx.sender.is_staff else None
    ctx.reply(meant or T.help_text(ctx.sender.is_staff))


@router.fallback(taps=True)
def stale_button(ctx: Context) -> None:
    """A button no route knows (an old message, or tampered data): say so, to the one who tapped, rather than stay
    silent; the button is of no use to anyone."""
    ctx.refuse(T.STALE_BUTTON, spent=True)
