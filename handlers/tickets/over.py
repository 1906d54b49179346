"""A reporter's words that what they reported is over: a false alarm (虚惊一场, 是我家炖肉糊了 没事了), or a problem
gone by itself (水自己来了, 灯已经好了 不用修了). Read only of someone whose report is still open (the router asks): the
words go to whoever has it, who checks and closes it. A reporter never closes a ticket by their words alone:
没事了 about a gas smell is for someone to look at before it is crossed off."""

from __future__ import annotations

import re
import unicodedata

# Each said of the matter itself, not in a question (修好了吗) nor denied (还没好, 没修好, 不是没事).
_OVER = re.compile(
    r"(?<![没未不别])(?:"
    r"没事了|没事儿了|没啥事了|没什么事了|没得事了|冇事了|没问题了|虚惊一场|误报|报错了|误会一场|是个误会"
    r"|不用(?:过|再)?来了|别来了|不用(?:管|处理|修|弄|麻烦)了|不需要(?:处理|修|来人)?了|不用派人"
    r"|(?:已经|自己|刚刚|刚才|现在)(?:都)?(?:好|修好|弄好|处理好|解决|恢复|通|来水|来电)了|恢复(?:正常)?了"
    r"|撤销|撤回|(?:把|这个)?(?:工单|报事|报修|单子)(?:给我)?(?:取消|撤了|删了)"
    r")"
)
_ASKED = re.compile(r"[吗么嘛？?]\s*$|是不是|有没有|是否|会不会|能不能|咋|怎么|啥时|什么时候")
_DENIED = re.compile(r"(?:还|仍|依然|又|还是)(?:没|不|在)|没好|不好使|没修好|没解决|又坏|又漏|又停")


def says_it_is_over(text: str) -> bool:
    """Whether a message says what was reported is over (and asks nothing, and says nothing is still wrong)."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    return bool(_OVER.search(text)) and not _ASKED.search(text) and not _DENIED.search(text)
