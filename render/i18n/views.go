package i18n

// The words of the diagrams and walkthroughs (package render): the SVG
// ladder's legend, the topology diagram, the Markdown walkthrough, the HTML
// page, and the index page of `siplab render`. They also use the trace's
// vocabulary (trace.go: "role.*", "event.*") and the CLI's ("cli.run.*",
// "cli.label.*", "cli.lessons.*"). A key's comment in viewsEN names the
// arguments T expects, in order.

var viewsEN = map[string]string{
	// The language's name in itself, on the links between the languages
	// of a page.
	"lang.name": "English",

	// Before the introduction of a run that added faults to its lesson:
	// the fault specs, comma-separated.
	"views.faults.banner": "This run was changed by injected faults: %s. The introduction below describes the lesson's normal flow; the diagram and the steps show what happened instead.",

	// The SVG ladder's legend: what the colours mean.
	"views.legend.transaction":    "one colour per transaction",
	"views.legend.dialog":         "one colour per dialog (Call-ID)",
	"views.legend.owner":          "on a lane: whose note, timer or state change",
	"views.legend.late":           "(arrives at …): a message delivered late",
	"views.legend.hidden":         "step numbers skip the events not drawn: %s",     // the kinds, views.legend.hidden.kind, joined
	"views.legend.hidden.kind":    "%s ×%d",                                         // event.* name, how many
	"views.retrans.hidden":        "%d retransmissions left out",                    // how many
	"views.legend.hidden.retrans": "%d retransmissions with their timers and notes", // how many
	"views.arrives":               "arrives at %s",                                  // virtual time

	// The topology diagram.
	"views.topo.title":   "Topology: %s",      // the lesson's heading
	"views.topo.latency": "%s ms",             // a link's latency in milliseconds
	"views.topo.jitter":  "jitter ±%s ms",     // a link's jitter in milliseconds
	"views.topo.loss":    "loss %s",           // the share of datagrams lost, "5%"
	"views.topo.dup":     "%s duplicated",     // the share of datagrams delivered twice, "1%"
	"views.md.topology":  "Topology",          // section title
	"views.md.ladder":    "Ladder diagram",    // section title
	"views.md.steps":     "Step by step",      // section title
	"views.md.nosteps":   "Nothing happened.", // a trace without events
	"views.md.meta":      "Lesson %s, seed %d: %s.",
	// lesson id, seed, the summary line (cli.run.summary)

	// Alternative texts of the pictures.
	"views.md.image.ladder":   "ladder diagram of %s", // lesson id or title
	"views.md.image.topology": "topology of %s",       // lesson id or title

	// Column titles of the topology tables.
	"views.col.element":   "Element",
	"views.col.role":      "Role",
	"views.col.host":      "Host",
	"views.col.address":   "Address",
	"views.col.domain":    "Domain",
	"views.col.link":      "Link",
	"views.col.latency":   "Latency",
	"views.col.jitter":    "Jitter",
	"views.col.loss":      "Loss",
	"views.col.transport": "Transport",

	// The heading of a step: its seq, then what it shows.
	"views.md.step.arrow": "%d. %s → %s: %s", // seq, sender, receiver, label
	"views.md.step.node":  "%d. %s: %s",      // seq, node, summary
	"views.md.step.alone": "%d. %s",          // seq, summary (an event on no node)

	// What happened at a step.
	"views.md.sent":     "At %[1]s, %[2]s sends %[3]s to %[4]s over %[5]s; it arrives at %[6]s.",
	"views.md.lost":     "At %[1]s, %[2]s sends %[3]s to %[4]s over %[5]s; it is lost on the way and never arrives.",
	"views.md.lookup":   "At %[1]s, a lookup outside SIP, from %[2]s to %[3]s: %[4]s", // time, from, to, summary
	"views.md.timer":    "At %[1]s, a timer fires on %[2]s: %[3]s",                    // time, node, summary
	"views.md.note":     "At %[1]s, on %[2]s: %[3]s",                                  // time, node, summary
	"views.md.state":    "At %[1]s, %[2]s changes state: %[3]s",                       // time, node, summary
	"views.md.nowhere":  "At %[1]s, in the network: %[2]s",                            // time, summary
	"views.md.self":     "At %[1]s, %[2]s sends %[3]s to itself.",                     // time, node, label
	"views.md.retrans":  "A retransmission: the same message again, as its timer fired before an answer came. [RFC 3261 §17]",
	"views.md.why":      "Why",                                             // title of the element's reasons
	"views.md.notes":    "Notes",                                           // title of the event's notes
	"views.md.message":  "The message",                                     // title of the message's bytes
	"views.md.cause":    "Caused by step %d.",                              // seq of the cause
	"views.md.diff":     "Compared with the message it forwards (step %d)", // seq of the forwarded message
	"views.md.unparsed": "The message does not parse: %s",                  // the parser's error

	// The differences between a forwarded message and the one it forwards.
	"views.diff.uri":       "Request-URI rewritten: %s → %s", // old, new
	"views.diff.startline": "start line changed: %s → %s",    // old, new
	"views.diff.pushed":    "%s pushed: %s",                  // header name, value
	"views.diff.popped":    "%s removed from the top: %s",    // header name, value
	"views.diff.added":     "%s added: %s",                   // header name, value
	"views.diff.removed":   "%s removed: %s",                 // header name, value
	"views.diff.changed":   "%s: %s → %s",                    // header name, old, new
	"views.diff.params":    "%[1]s: ;%[2]s added to %[3]s",   // header name, the parameters added, the value before
	"views.diff.body":      "body changed",
	"views.diff.same":      "the same start line, headers and body",

	// The HTML page and the index of siplab render.
	"views.html.help":         "Click an arrow to select its step; the arrow keys move from step to step.",
	"views.index.title":       "siplab lessons",
	"views.index.intro":       "Ladder diagrams and walkthroughs written by siplab render, in English or Chinese.",
	"views.index.files":       "Files",
	"views.index.lesson":      "Lesson", // column title: the lesson's id
	"views.index.lessontitle": "Title",
	"views.index.page":        "web page",
	"views.index.ladder":      "ladder (SVG)",
	"views.index.topology":    "topology (SVG)",
	"views.index.markdown":    "walkthrough (Markdown)",
	"views.index.dot":         "topology (DOT)",
	"views.index.mermaid":     "ladder (Mermaid)",
	"views.index.generated":   "Seed %d.", // the seed of the runs
}

var viewsZH = map[string]string{
	"lang.name": "中文",

	"views.faults.banner": "本次运行因注入的故障而改变：%s。下面的介绍描述的是课程的正常流程；图和各步骤显示的是实际发生的情况。",

	"views.legend.transaction":    "每个事务一种颜色",
	"views.legend.dialog":         "每个对话（Call-ID）一种颜色",
	"views.legend.owner":          "在泳道上：说明、定时器或状态变化所属的元素",
	"views.legend.late":           "（…到达）：迟到的消息",
	"views.legend.hidden":         "步骤编号跳过了未画出的事件：%s",
	"views.legend.hidden.kind":    "%s ×%d",
	"views.retrans.hidden":        "未画出 %d 条重传",
	"views.legend.hidden.retrans": "%d 条重传及其定时器和说明",
	"views.arrives":               "%s 到达",

	"views.topo.title":   "网络拓扑：%s",
	"views.topo.latency": "%s 毫秒",
	"views.topo.jitter":  "抖动 ±%s 毫秒",
	"views.topo.loss":    "丢包 %s",
	"views.topo.dup":     "重复 %s",
	"views.md.topology":  "网络拓扑",
	"views.md.ladder":    "梯形图",
	"views.md.steps":     "逐步讲解",
	"views.md.nosteps":   "什么也没有发生。",
	"views.md.meta":      "课程 %s，随机种子 %d：%s。",

	"views.md.image.ladder":   "%s 的梯形图",
	"views.md.image.topology": "%s 的网络拓扑",

	"views.col.element":   "网元",
	"views.col.role":      "角色",
	"views.col.host":      "主机名",
	"views.col.address":   "地址",
	"views.col.domain":    "域",
	"views.col.link":      "链路",
	"views.col.latency":   "时延",
	"views.col.jitter":    "抖动",
	"views.col.loss":      "丢包率",
	"views.col.transport": "传输协议",

	"views.md.step.arrow": "第 %d 步　%s → %s：%s",
	"views.md.step.node":  "第 %d 步　%s：%s",
	"views.md.step.alone": "第 %d 步　%s",

	"views.md.sent":     "%[1]s，%[2]s 经 %[5]s 向 %[4]s 发送 %[3]s，%[6]s 到达。",
	"views.md.lost":     "%[1]s，%[2]s 经 %[5]s 向 %[4]s 发送 %[3]s，消息在途中丢失，没有到达。",
	"views.md.lookup":   "%[1]s，从 %[2]s 到 %[3]s 的查询（不是 SIP 消息）：%[4]s",
	"views.md.timer":    "%[1]s，%[2]s 上的定时器超时：%[3]s",
	"views.md.note":     "%[1]s，%[2]s 记录：%[3]s",
	"views.md.state":    "%[1]s，%[2]s 的状态改变：%[3]s",
	"views.md.nowhere":  "%[1]s，网络中：%[2]s",
	"views.md.self":     "%[1]s，%[2]s 向自己发送 %[3]s。",
	"views.md.retrans":  "这是一次重传：应答到来之前定时器已超时，于是再发一次同一条消息。 [RFC 3261 §17]",
	"views.md.why":      "原因",
	"views.md.notes":    "说明",
	"views.md.message":  "消息内容",
	"views.md.cause":    "由第 %d 步引起。",
	"views.md.diff":     "与所转发的消息（第 %d 步）相比",
	"views.md.unparsed": "无法解析这条消息：%s",

	"views.diff.uri":       "Request-URI 被改写：%s → %s",
	"views.diff.startline": "起始行改变：%s → %s",
	"views.diff.pushed":    "压入 %s：%s",
	"views.diff.popped":    "移除最上面的 %s：%s",
	"views.diff.added":     "增加 %s：%s",
	"views.diff.removed":   "删除 %s：%s",
	"views.diff.changed":   "%s 改变：%s → %s",
	"views.diff.params":    "%[1]s：在 %[3]s 后面加上 ;%[2]s",
	"views.diff.body":      "消息体改变",
	"views.diff.same":      "起始行、头部和消息体都没有变化",

	"views.html.help":         "点击箭头即可选中对应的步骤；用方向键在步骤之间移动。",
	"views.index.title":       "siplab 课程",
	"views.index.intro":       "由 siplab render 生成的梯形图和讲解，中文或英文。",
	"views.index.files":       "文件",
	"views.index.lesson":      "课程",
	"views.index.lessontitle": "标题",
	"views.index.page":        "网页",
	"views.index.ladder":      "梯形图（SVG）",
	"views.index.topology":    "网络拓扑（SVG）",
	"views.index.markdown":    "讲解（Markdown）",
	"views.index.dot":         "网络拓扑（DOT）",
	"views.index.mermaid":     "梯形图（Mermaid）",
	"views.index.generated":   "随机种子 %d。",
}
