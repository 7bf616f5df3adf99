package i18n

// The words of `siplab step`, the stepper that walks through a run one trace
// event at a time: the lines around the current event, the state of every
// element, the prompts, the help and the errors of its command language. It
// also uses "cli.step.position", "cli.step.end", "cli.run.*", "cli.label.*",
// "cli.parse.body", "ladder.cause", "event.*" and "role.*". A key's comment in
// stepEN names the arguments T expects, in order. RFC state names (Calling,
// Proceeding…), header names and branch parameters stay untranslated.
//
//	step.event.*   the current event
//	step.state.*   the state of the elements after it
//	step.help.*    one line per command or key
//	step.tui.*     the full-screen view's own words
//	step.err.*     what is wrong with a command

var stepEN = map[string]string{
	"step.intro":         "%d steps: n next, p previous, g N go to step N, / search, s state, f full message, q quit, ? help", // number of steps
	"step.event.before":  "before the first event: nothing has happened yet",
	"step.event.arrives": "arrives at %s",                                        // virtual time of arrival
	"step.event.noparse": "the message does not parse: %s",                       // the parser's error
	"step.event.nofull":  "step %d is not a message: there are no bytes to show", // step number
	"step.event.full":    "the message of step %d as sent, %d bytes:",            // step number, length

	"step.state.title":      "state of every element after step %d (%s):", // step number, virtual time
	"step.state.down":       "down: neither receives nor sends",
	"step.state.idle":       "nothing in progress",
	"step.state.tx":         "%s transaction (%s): %s, branch %s", // kind, method, RFC state name, branch
	"step.state.timer":      "Timer %s due at %s",                 // timer letter, virtual time
	"step.state.timer100":   "100 Trying due at %s",               // virtual time (RFC 3261 §17.2.1: 200 ms)
	"step.state.dialog":     "dialog %s: %s",                      // dialog id, step.state.confirmed or step.state.early
	"step.state.confirmed":  "confirmed",
	"step.state.early":      "early",
	"step.state.uris":       "local %s, remote %s",            // local URI, remote URI
	"step.state.target":     "remote target %s",               // the remote target URI
	"step.state.routes":     "route set: %s",                  // the routes, comma-separated
	"step.state.noroutes":   "route set: empty",               // no Record-Route was seen
	"step.state.cseq":       "CSeq local %d, remote %d",       // local and remote sequence numbers
	"step.state.binding":    "binding %s → %s, expires in %s", // address-of-record, contact, time left
	"step.state.nobindings": "no bindings",
	"step.state.hidden":     "hidden Via #%d: %s", // index in the proxy's table, the Via it stands for
	"step.state.none":       "the state of the elements is not known: this trace was recorded, not simulated",

	// A binding the lesson provisioned, which never expires: address-of-record, contact.
	"step.state.binding.static": "binding %s → %s, static (provisioned, never expires)",

	"step.help.title":  "commands (one per line):",
	"step.help.next":   "n or an empty line: next step",
	"step.help.prev":   "p or b: previous step",
	"step.help.goto":   "g N: go to step N (0 is before the first event)",
	"step.help.search": "/TEXT: next step whose summary or message contains TEXT; / alone repeats the last search",
	"step.help.state":  "s: the state of every element after the current step",
	"step.help.full":   "f: the current message in full",
	"step.help.ladder": "l: the ladder, the current step marked with >",
	"step.help.help":   "?: this help",
	"step.help.quit":   "q: quit (so does the end of the input)",

	"step.tui.keys":          "n/→ next · p/← back · g go · / search · f full · s state · ? help · q quit",
	"step.tui.title":         "keys:",
	"step.tui.next":          "n, →, space: next step",
	"step.tui.prev":          "p, ←: previous step",
	"step.tui.goto":          "g N Enter: go to step N; a digit starts it too",
	"step.tui.search":        "/ TEXT Enter: search forward; / Enter repeats the last search",
	"step.tui.full":          "f, Enter: the full message, or its headers explained",
	"step.tui.state":         "s, Tab: the state of every element, or the message",
	"step.tui.scroll":        "↑ ↓, PgUp PgDn: scroll the lower pane",
	"step.tui.ends":          "Home, End: the first or the last step",
	"step.tui.help":          "?: this help; any key closes it",
	"step.tui.quit":          "q, Ctrl-C: quit",
	"step.tui.goto.prompt":   "go to step:",
	"step.tui.search.prompt": "search:",
	"step.tui.pane.message":  "message",
	"step.tui.pane.full":     "full message",
	"step.tui.pane.state":    "state",
	"step.tui.pane.help":     "help",
	"step.tui.small":         "the window is too small",

	"step.search.none":    "no step contains %q", // the text searched for
	"step.search.wrapped": "search wrapped around to the start",
	"step.search.found":   "found %q at step %d", // the text, the step

	"step.start": "already before the first event",

	"step.err.unknown": "unknown command %q: ? lists the commands", // what was typed
	"step.err.goto":    "g needs a step number, as in g 5",
	"step.err.range":   "there is no step %d: steps go from 0 to %d", // what was asked, the last step
	"step.err.search":  "nothing to search for: type /TEXT, as in /BYE",
	"step.err.count":   "commands that could not be carried out: %d", // how many

	// Moving from message to message, and playing (N, P, a, + and -).
	"step.help.message": "N, P: the next or the previous message, skipping the other events",
	"step.help.play":    "a [SPEED]: play to the end, SPEED steps a second (1 if not given)",
	"step.tui.message":  "N or ], P or [: the next or the previous message, skipping the other events",
	"step.tui.play":     "a: play or pause, a step at a time; + -: faster, slower",
	"step.tui.playing":  "playing: %s steps a second (a pauses, + - change the speed)", // steps a second
	"step.tui.speed":    "speed: %s steps a second",                                    // steps a second
	"step.nomessage":    "no message that way",
	"step.err.speed":    "a %q: the speed is a number of steps a second, more than 0 and at most 100", // what was typed
}

var stepZH = map[string]string{
	"step.intro":         "共 %d 步：n 下一步，p 上一步，g N 跳到第 N 步，/ 搜索，s 状态，f 完整消息，q 退出，输入 ? 查看帮助",
	"step.event.before":  "第一个事件之前：什么都还没有发生",
	"step.event.arrives": "于 %s 到达",
	"step.event.noparse": "消息无法解析：%s",
	"step.event.nofull":  "第 %d 步不是消息，没有可显示的字节",
	"step.event.full":    "第 %d 步发送的消息原文，共 %d 字节：",

	"step.state.title":      "第 %d 步之后（%s）各网元的状态：",
	"step.state.down":       "已停机：既不接收也不发送",
	"step.state.idle":       "没有进行中的事务",
	"step.state.tx":         "%s事务（%s）：%s，branch %s",
	"step.state.timer":      "定时器 %s 将于 %s 触发",
	"step.state.timer100":   "100 Trying 将于 %s 发出",
	"step.state.dialog":     "对话 %s：%s",
	"step.state.confirmed":  "已确认",
	"step.state.early":      "早期",
	"step.state.uris":       "本端 %s，对端 %s",
	"step.state.target":     "远端目标 %s",
	"step.state.routes":     "路由集：%s",
	"step.state.noroutes":   "路由集：空",
	"step.state.cseq":       "CSeq 本端 %d，对端 %d",
	"step.state.binding":    "绑定 %s → %s，%s 后过期",
	"step.state.nobindings": "没有绑定",
	"step.state.hidden":     "隐藏的 Via #%d：%s",
	"step.state.none":       "各网元的状态未知：这条轨迹是记录下来的，不是模拟得到的",

	"step.state.binding.static": "绑定 %s → %s，静态（由管理员配置，永不过期）",

	"step.help.title":  "命令（每行一条）：",
	"step.help.next":   "n 或空行：下一步",
	"step.help.prev":   "p 或 b：上一步",
	"step.help.goto":   "g N：跳到第 N 步（0 表示第一个事件之前）",
	"step.help.search": "/文字：跳到摘要或消息中含有该文字的下一步；单独的 / 重复上次搜索",
	"step.help.state":  "s：当前步骤之后各网元的状态",
	"step.help.full":   "f：当前消息的完整原文",
	"step.help.ladder": "l：梯形图，当前步骤以 > 标出",
	"step.help.help":   "? 键：本帮助",
	"step.help.quit":   "q：退出（输入结束时也会退出）",

	"step.tui.keys":          "n/→ 下一步 · p/← 上一步 · g 跳转 · / 搜索 · f 原文 · s 状态 · ? 帮助 · q 退出",
	"step.tui.title":         "按键：",
	"step.tui.next":          "n、→、空格：下一步",
	"step.tui.prev":          "p、←：上一步",
	"step.tui.goto":          "g N 回车：跳到第 N 步；直接输入数字也可以",
	"step.tui.search":        "/ 文字 回车：向后搜索；/ 回车重复上次搜索",
	"step.tui.full":          "f、回车：在消息原文与逐个头域的解释之间切换",
	"step.tui.state":         "s、Tab：在各网元的状态与消息之间切换",
	"step.tui.scroll":        "↑ ↓、PgUp PgDn：滚动下方窗格",
	"step.tui.ends":          "Home、End：第一步或最后一步",
	"step.tui.help":          "? 键：本帮助；按任意键关闭",
	"step.tui.quit":          "q、Ctrl-C：退出",
	"step.tui.goto.prompt":   "跳到第几步：",
	"step.tui.search.prompt": "搜索：",
	"step.tui.pane.message":  "消息",
	"step.tui.pane.full":     "消息原文",
	"step.tui.pane.state":    "状态",
	"step.tui.pane.help":     "帮助",
	"step.tui.small":         "窗口太小",

	"step.search.none":    "没有哪一步含有 %q",
	"step.search.wrapped": "搜索已回到开头继续",
	"step.search.found":   "在第 %[2]d 步找到 %[1]q",

	"step.start": "已在第一个事件之前",

	"step.err.unknown": "未知命令 %q：输入 ? 查看全部命令",
	"step.err.goto":    "g 后面需要步数，例如 g 5",
	"step.err.range":   "没有第 %d 步：步数范围为 0 到 %d",
	"step.err.search":  "没有要搜索的内容：请输入 /文字，例如 /BYE",
	"step.err.count":   "未能执行的命令：%d 条",

	"step.help.message": "N、P：下一条或上一条消息，跳过其他事件",
	"step.help.play":    "a [速度]：自动播放到最后，每秒若干步（默认 1）",
	"step.tui.message":  "N 或 ]、P 或 [：下一条或上一条消息，跳过其他事件",
	"step.tui.play":     "a：自动播放或暂停；+ -：加快、放慢",
	"step.tui.playing":  "自动播放中：每秒 %s 步（a 暂停，+ - 调整速度）",
	"step.tui.speed":    "速度：每秒 %s 步",
	"step.nomessage":    "这个方向没有消息了",
	"step.err.speed":    "a %q：速度是每秒的步数，大于 0 且不超过 100",
}
