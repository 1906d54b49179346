"""Every feature's router, in the one order their routes are tried within each phase (bot.dispatch.router:
events, commands, buttons, conversation replies, free text by intent, fallbacks). A new feature is a folder
under handlers/ and one line here. `bot.py routes` prints the combined table."""

from handlers.campaigns.router import router as campaigns
from handlers.complaints.router import router as complaints
from handlers.contacts.router import router as contacts
from handlers.groups.router import router as groups
from handlers.help.router import router as help_
from handlers.meetings.router import router as meetings
from handlers.reachability.router import router as reachability
from handlers.tickets.router import router as tickets

ROUTERS = (
    groups,  # a group moved or not registered yet; 绑定
    reachability,  # (observes private messages: held notices go again)
    contacts,  # 联系网格员, 我们楼网格员是谁 (before the tickets' status questions, which would list one's reports)
    tickets,  # worker commands, 我的报事, rating buttons, status questions
    meetings,  # 发起会议 and organisers' commands; answers while a meeting is open (before complaints)
    campaigns,  # 收到 / 已读 after a notice: counted, not answered
    complaints,  # 报事 / @网格通, look-alike offers, private reports, "which compound?"
    help_,  # 帮助, and whatever nothing else took
)
