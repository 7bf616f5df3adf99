package i18n

// The words of captures read back (package sim/capture, ReadTrace, and the
// call list of siplab show --calls): the trace's title, the notes on its
// messages, and the states of a call. A key's comment in importEN names
// the arguments T expects, in order.

var importEN = map[string]string{
	"capture.title":             "capture %s: %s SIP messages in %s frames, %s without SIP",                             // file, messages, frames, frames skipped
	"capture.unparsed":          "not a valid SIP message, so it is shown but not explained: %s",                        // the parser's error
	"capture.forwards.request":  "forwards the request of step %s (frame %s) [RFC 3261 §16.6]",                          // step, frame
	"capture.forwards.response": "forwards the response of step %s (frame %s) [RFC 3261 §16.7]",                         // step, frame
	"capture.answers":           "answers the %s of step %s (frame %s): same branch and CSeq method [RFC 3261 §17.1.3]", // method, step, frame

	"capture.dialog.new": "starts dialog %s: Call-ID %s with the From and To tags [RFC 3261 §12.1]", // dialog number, Call-ID
	"capture.dialog.in":  "within dialog %s: its Call-ID and tags [RFC 3261 §12.2]",                 // dialog number

	"capture.ack.2xx":    "ACK for a 2xx: a transaction of its own, with a new branch [RFC 3261 §13.2.2.4, §17.1.1.3]",
	"capture.ack.non2xx": "ACK for a non-2xx final response: the INVITE transaction's, same branch [RFC 3261 §17.1.1.3]",

	"capture.retrans":     "retransmission %s of step %s (frame %s), %s after the last",                                       // count, step, frame, interval
	"capture.retrans.ok":  "retransmission %s of step %s (frame %s), %s after the last, as T1 doubling expects [RFC 3261 %s]", // count, step, frame, interval, section
	"capture.retrans.off": "retransmission %s of step %s (frame %s), %s after the last; T1 doubling expects %s [RFC 3261 %s]", // count, step, frame, interval, expected, section

	"capture.digest.ok":    "%s: %s's digest response is right for the password given [RFC 3261 §22.4]",                    // header, user
	"capture.digest.bad":   "%s: %s's digest response %s is wrong for the password given, which gives %s [RFC 3261 §22.4]", // header, user, response, expected
	"capture.digest.error": "%s: the digest response cannot be recomputed: %s",                                             // header, error

	"capture.calls.callid":  "Call-ID",
	"capture.calls.from":    "From",
	"capture.calls.to":      "To",
	"capture.calls.first":   "First",
	"capture.calls.last":    "Last",
	"capture.calls.state":   "State",
	"capture.calls.msgs":    "Msgs",
	"capture.calls.none":    "no calls in %s",                                      // file
	"capture.calls.summary": "%d calls, %d SIP messages in %d frames (%d skipped)", // calls, messages, frames, skipped

	"capture.state.setup":     "CALL SETUP",
	"capture.state.incall":    "IN CALL",
	"capture.state.completed": "COMPLETED",
	"capture.state.cancelled": "CANCELLED",
	"capture.state.rejected":  "REJECTED",
	"capture.state.busy":      "BUSY",
	"capture.state.diverted":  "DIVERTED",

	"cli.capture.problem": "%s: %s", // file, the problem (frame N: …)
}

var importZH = map[string]string{
	"capture.title":             "抓包 %[1]s：%[3]s 帧中的 %[2]s 条 SIP 消息，%[4]s 帧不含 SIP",
	"capture.unparsed":          "不是有效的 SIP 消息，只显示不解释：%s",
	"capture.forwards.request":  "转发第 %s 步（第 %s 帧）的请求 [RFC 3261 §16.6]",
	"capture.forwards.response": "转发第 %s 步（第 %s 帧）的响应 [RFC 3261 §16.7]",
	"capture.answers":           "应答第 %[2]s 步（第 %[3]s 帧）的 %[1]s：branch 与 CSeq 方法相同 [RFC 3261 §17.1.3]",

	"capture.dialog.new": "建立对话 %s：Call-ID %s 加上 From 与 To 的 tag [RFC 3261 §12.1]",
	"capture.dialog.in":  "属于对话 %s：Call-ID 与 tag 相同 [RFC 3261 §12.2]",

	"capture.ack.2xx":    "针对 2xx 的 ACK：自成一个事务，使用新的 branch [RFC 3261 §13.2.2.4, §17.1.1.3]",
	"capture.ack.non2xx": "针对非 2xx 最终响应的 ACK：属于 INVITE 事务，沿用其 branch [RFC 3261 §17.1.1.3]",

	"capture.retrans":     "第 %[2]s 步（第 %[3]s 帧）的第 %[1]s 次重传，距上一份 %[4]s",
	"capture.retrans.ok":  "第 %[2]s 步（第 %[3]s 帧）的第 %[1]s 次重传，距上一份 %[4]s，符合 T1 加倍的规律 [RFC 3261 %[5]s]",
	"capture.retrans.off": "第 %[2]s 步（第 %[3]s 帧）的第 %[1]s 次重传，距上一份 %[4]s，而按 T1 加倍应为 %[5]s [RFC 3261 %[6]s]",

	"capture.digest.ok":    "%s：按给定的密码，%s 的摘要响应正确 [RFC 3261 §22.4]",
	"capture.digest.bad":   "%s：按给定的密码，%s 的摘要响应 %s 是错的，应为 %s [RFC 3261 §22.4]",
	"capture.digest.error": "%s：无法重新计算摘要响应：%s",

	"capture.calls.callid":  "呼叫 ID（Call-ID）",
	"capture.calls.from":    "主叫",
	"capture.calls.to":      "被叫",
	"capture.calls.first":   "首个",
	"capture.calls.last":    "最后",
	"capture.calls.state":   "状态",
	"capture.calls.msgs":    "消息数",
	"capture.calls.none":    "%s 中没有呼叫",
	"capture.calls.summary": "%d 个呼叫，%d 帧中的 %d 条 SIP 消息（跳过 %d 帧）",

	"capture.state.setup":     "呼叫建立中",
	"capture.state.incall":    "通话中",
	"capture.state.completed": "已结束",
	"capture.state.cancelled": "已取消",
	"capture.state.rejected":  "被拒绝",
	"capture.state.busy":      "忙",
	"capture.state.diverted":  "已转移",

	"cli.capture.problem": "%s：问题：%s",
}
