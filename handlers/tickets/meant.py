"""A worker's command in their own words, in their private chat: the command they meant."""

import re
import unicodedata

from handlers.tickets import texts as T

# A worker's command in their own words (接了 1号单子 下午过去看, 3号单子办完了): which command they meant, not the
# whole help (a newcomer's, stop 37). Only a hint: nothing is done to a ticket on loose words.
_TICKET = (
    r"[#＃]?\s*(\d{1,9})(?!\d)(?!\s*[个件只天点元块位人年月日岁楼栋层%.])"
    r"(?!\s*号\s*(?:[楼栋幢院室房门床]|单元))\s*号?\s*(?:单子?|工单)?"  # (修好了 5号楼的灯: a building, no ticket)
)
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
    (re.compile(r"^\s*把?\s*" + _TICKET + r"\s*(?:转给|转派给|交给|转交给)"), T.TRANSFER_MEANT),
)  # fmt: skip
# A ticket named in a worker's question (3号单子咋样了, #3 办完了吗): its number; not a building (3号楼).
_NAMED = re.compile(r"[#＃]\s*(\d{1,9})(?!\d)|(?<![月\d])(\d{1,9})\s*号?\s*(?:单子|工单)")
# A worker's word for the tickets they handle (我手上还有几个单子); residents speak of their 报事 or 反映
_TICKETS_WORD = re.compile(r"单子|工单")

# 3号办完了吗 asks; it is no command
_ASKED = re.compile(r"(?:[吗嘛么？?]|没有?)\s*$")


def command_meant(text: str) -> str | None:
    """The hint of the command meant, if the text is one in other words; nothing is done on it."""
    text = unicodedata.normalize("NFKC", text)
    if _ASKED.search(text):
        return None
    for pattern, hint in _MEANT:
        if (match := pattern.search(text)) is not None:
            return hint.format(number=int(next(group for group in match.groups() if group)))
    return None


def ticket_named(text: str) -> int | None:
    match = _NAMED.search(unicodedata.normalize("NFKC", text))
    return int(match.group(1) or match.group(2)) if match else None


def speaks_of_tickets(text: str) -> bool:
    return _TICKETS_WORD.search(text) is not None


# A question about a ticket named (#1 修好没, 3号单子咋样了, 2号工单进度如何)
_ASKED_AFTER = re.compile(r"(?:[吗嘛么？?]|没有?|咋样了?|怎么样了?|如何|进展|进度|到哪了?|好了没)\s*$")


def asks_after_a_ticket(text: str) -> bool:
    return ticket_named(text) is not None and _ASKED_AFTER.search(unicodedata.normalize("NFKC", text)) is not None
