package i18n

// The words of the classroom: the player of the HTML walkthrough
// (views.player.*) and the quiz that `siplab quiz` and the page ask. A
// key's comment in classroomEN names the arguments T expects, in order.
// The explanations given after an answer are views.quiz.why.*; the RFC
// section they rest on goes beside them, not in them.
//
//	views.player.*        the player's buttons and labels
//	views.quiz.q.*        the questions
//	views.quiz.choice.*   a choice that names one aspect of a message
//	views.quiz.why.*      why the right answer is right
//	cli.quiz.*            the command's own words

var classroomEN = map[string]string{
	"views.player.label":     "step through the walkthrough",
	"views.player.toolong":   "over %d steps: the page keeps no element state for so long a run; siplab step shows it",
	"views.player.first":     "first step (Home)",
	"views.player.prev":      "previous step (←, k, p)",
	"views.player.next":      "next step (→, j, n)",
	"views.player.last":      "last step (End)",
	"views.player.play":      "play",
	"views.player.pause":     "pause",
	"views.player.speed":     "speed",
	"views.player.messages":  "messages only (m)",
	"views.player.explained": "explained",
	"views.player.full":      "in full (f)",
	"views.player.state":     "State of every element",
	"views.player.quiz":      "Quiz",
	"views.player.score":     "Score: %d right of %d answered, %d questions.", // right, answered, questions
	"views.player.right":     "Right.",
	"views.player.wrong":     "Wrong.",
	"views.player.see":       "See step %d.", // the step the question is about
	"views.player.keys":      "← → step · Home End · space play · m messages only · f full message",

	"views.quiz.q.next":  "After step %d (%s), what does %s send next?", // step, its summary, the sender
	"views.quiz.q.first": "At %s, what does %s send?",                   // virtual time, the sender
	"views.quiz.q.hop":   "Step %d: %s forwards the %s it received at step %d. What did it change?",
	// step, the element, the message's label, the step it was received at
	"views.quiz.q.timer": "After step %d (%s), which timer fires next on %s, and when?", // step, its summary, the node

	"views.quiz.choice.maxfwd":     "%s with Max-Forwards: %d",     // start line, value
	"views.quiz.choice.samebranch": "%s on the INVITE's branch %s", // start line, branch
	"views.quiz.choice.newbranch":  "%s on a new branch",           // start line
	"views.quiz.choice.totag":      "%s, its To with a tag",        // start line
	"views.quiz.choice.nototag":    "%s, its To without a tag",     // start line
	"views.quiz.choice.timer":      "Timer %s at %s",               // timer letter, virtual time
	"views.quiz.choice.nochange":   "nothing",

	"views.quiz.why.maxfwd":     "A proxy that forwards a request takes one off Max-Forwards: %d becomes %d.", // received, sent
	"views.quiz.why.maxfwd.uac": "A user agent starts its requests with Max-Forwards: %d; each proxy on the way takes one off.",
	"views.quiz.why.samebranch": "The ACK for a non-2xx final response is part of the INVITE's transaction: same branch.",
	"views.quiz.why.newbranch":  "The ACK for a 2xx is a new request of the UA core, outside the INVITE's transaction: new branch.",
	"views.quiz.why.totag":      "The UAS puts its tag in the To of its responses: that tag is its half of the dialog's identity.",
	"views.quiz.why.nototag":    "A 100 Trying comes from the next hop, not from a dialog: its To may have no tag.",
	"views.quiz.why.hop":        "%s changed: %s.",                // element, the changes
	"views.quiz.why.timer":      "Timer %s fires on %s at %s. %s", // letter, node, virtual time, what the timer is
	"views.quiz.why.said":       "%s says: %s",                    // element, its reasons

	"cli.quiz.title":    "Quiz: %s, %d questions (seed %d). Answer each with the letter of a choice.", // lesson, number, seed
	"cli.quiz.question": "Question %d of %d",                                                          // number, total
	"cli.quiz.answer":   "Your answer",
	"cli.quiz.right":    "Right.",
	"cli.quiz.wrong":    "Wrong: the answer is %s.", // the letter of the right choice
	"cli.quiz.none":     "No answer: the answer is %s.",
	"cli.quiz.rfc":      "See %s.", // the RFC section
	"cli.quiz.score":    "Score: %d of %d.",
	"cli.quiz.bad":      "answer %d: %q is not one of the choices a to %s", // question, what was typed, the last letter
	"cli.quiz.empty":    "%s gives no question: it has no message to ask about",
	"cli.quiz.count":    "answers that were not one of the choices: %d",
}

var classroomZH = map[string]string{
	"views.player.label":     "逐步浏览讲解",
	"views.player.toolong":   "这次运行超过 %d 步，页面里放不下每一步之后所有网元的状态：请用 siplab step 查看",
	"views.player.first":     "第一步（Home）",
	"views.player.prev":      "上一步（←、k、p）",
	"views.player.next":      "下一步（→、j、n）",
	"views.player.last":      "最后一步（End）",
	"views.player.play":      "播放",
	"views.player.pause":     "暂停",
	"views.player.speed":     "速度",
	"views.player.messages":  "只看消息（m）",
	"views.player.explained": "逐项讲解",
	"views.player.full":      "完整消息（f）",
	"views.player.state":     "各网元的状态",
	"views.player.quiz":      "测验",
	"views.player.score":     "得分：已答 %[2]d 题，答对 %[1]d 题，共 %[3]d 题。",
	"views.player.right":     "正确。",
	"views.player.wrong":     "错误。",
	"views.player.see":       "参见第 %d 步。",
	"views.player.keys":      "← → 逐步 · Home End · 空格 播放 · m 只看消息 · f 完整消息",

	"views.quiz.q.next":  "第 %d 步（%s）之后，%s 接下来发送什么？",
	"views.quiz.q.first": "在 %s，%s 发送什么？",
	"views.quiz.q.hop":   "第 %d 步：%s 转发它在第 %[4]d 步收到的 %[3]s。它改动了什么？",
	"views.quiz.q.timer": "第 %d 步（%s）之后，%s 上下一个触发的是哪个定时器，在什么时刻？",

	"views.quiz.choice.maxfwd":     "%s，其 Max-Forwards 为 %d",
	"views.quiz.choice.samebranch": "%s，沿用 INVITE 的分支 %s",
	"views.quiz.choice.newbranch":  "%s，使用新的分支",
	"views.quiz.choice.totag":      "%s，To 带标签",
	"views.quiz.choice.nototag":    "%s，To 不带标签",
	"views.quiz.choice.timer":      "定时器 %s，在 %s",
	"views.quiz.choice.nochange":   "没有改动",

	"views.quiz.why.maxfwd":     "代理转发请求时把 Max-Forwards 减一：%d 变为 %d。",
	"views.quiz.why.maxfwd.uac": "用户代理发起请求时 Max-Forwards 为 %d；沿途每个代理减一。",
	"views.quiz.why.samebranch": "对非 2xx 最终响应的 ACK 属于 INVITE 的客户端事务：沿用 INVITE 的分支。",
	"views.quiz.why.newbranch":  "对 2xx 的 ACK 不属于 INVITE 的事务：由 UA 核心作为新请求发送，使用新的分支。",
	"views.quiz.why.totag":      "UAS 在响应的 To 中加上自己的标签：这个标签是对话标识中属于它的一半。",
	"views.quiz.why.nototag":    "100 Trying 来自下一跳，而不是来自对话：它的 To 可以不带标签。",
	"views.quiz.why.hop":        "%s 改动了：%s。",
	"views.quiz.why.timer":      "定时器 %s 在 %s 上于 %s 触发。%s",
	"views.quiz.why.said":       "%s 的理由：%s",

	"cli.quiz.title":    "测验：%s，共 %d 题（随机种子 %d）。每题用选项的字母作答。",
	"cli.quiz.question": "第 %d 题，共 %d 题",
	"cli.quiz.answer":   "你的答案",
	"cli.quiz.right":    "正确。",
	"cli.quiz.wrong":    "错误：答案是 %s。",
	"cli.quiz.none":     "未作答：答案是 %s。",
	"cli.quiz.rfc":      "参见 %s。",
	"cli.quiz.score":    "得分：%d / %d。",
	"cli.quiz.bad":      "第 %d 题的答案 %q 不是 a 到 %s 中的选项",
	"cli.quiz.empty":    "%s 出不了题：其中没有可问的消息",
	"cli.quiz.count":    "不是选项之一的答案：%d 个",
}
