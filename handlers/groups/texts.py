"""What a group the roster does not know hears, and the answers to 绑定 (bind)."""

COMMANDS = {"绑定": "bind", "/bind": "bind"}

UNKNOWN_GROUP = (
    "大家好，我是网格通。本群尚未登记到社区名册，暂时不能在这里报事。"
    "请社区管理员或网格长在本群发送“绑定 群编号”（例如：绑定 g_tx1）完成登记。"
    "登记之前，居民可以私聊我报事{where}，写明小区和楼号。"
)
WHERE_TO_WRITE = "（点开 {link} 并点“开始”）"
BIND_USAGE = "请写上名册里的群编号，例如：绑定 g_tx1"
BIND_NOT_ALLOWED = "只有街道管理员、社区管理员或本网格的网格长可以绑定群聊。"
BIND_NO_SUCH_GROUP = "名册里没有编号为 {chat} 的群，请核对后再试。"
BIND_ALREADY = "本群已经登记为“{name}”，无需再次绑定。"
BIND_DONE = "好的，本群已登记为“{name}”。居民可以在群里发送“报事 + 问题描述”反映问题了。"
