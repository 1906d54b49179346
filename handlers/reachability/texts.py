"""When the bot cannot reach a worker privately (on Telegram: they never pressed Start, or blocked the bot)."""

HEAD_NOTICE = (
    "提醒：网格通在{platform}上联系不到{title}（对方还没有开启与网格通的私聊，或屏蔽了网格通），"
    "工单通知暂时发不到对方。请提醒对方{how}。对方开启后，没收到的消息会自动补发。"
)
GROUP_ASK = "{title}您好：网格通在{platform}上给您发工单通知失败。请{how}，之后就能收到通知了。"
HOW_WITH_LINK = "打开 {link} 并点“开始”（Start）"
HOW_WITHOUT_LINK = "在{platform}上给网格通发一条私信"
