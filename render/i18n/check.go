package i18n

// The findings of siplab check on a trace or a capture (package
// sim/rfccheck): what a message does against RFC 3261. The section each
// finding cites travels beside it, so these sentences do not end with one.
// A key's comment in checkEN names the arguments T expects, in order.

var checkEN = map[string]string{
	"check.syntax":           "the message does not parse: %s",                                                                      // the parser's error
	"check.missing.request":  "%s is missing: every request must carry To, From, CSeq, Call-ID, Max-Forwards and Via",               // header
	"check.missing.response": "%s is missing: a response copies Via, From, To, Call-ID and CSeq from its request",                   // header
	"check.length.short":     "the body is shorter than its Content-Length: %s",                                                     // the parser's error
	"check.length.long":      "Content-Length is %s but %s bytes of body follow: a receiver discards the rest",                      // Content-Length, body bytes
	"check.length.stream":    "no Content-Length over %s: on a stream transport it is what marks where the message ends",            // transport
	"check.response.field":   "%s differs from the request's: %q, the request has %q",                                               // header, response's value, request's value
	"check.totag":            "%s without a To tag: a UAS tags the To of every response but 100, and the tag names the dialog",      // status code
	"check.ack.2xx":          "the ACK for a 2xx reuses the INVITE's branch %s: it is a new transaction, with a new branch",         // branch
	"check.ack.non2xx":       "the ACK for the %s has branch %s, not the INVITE's %s: it belongs to the INVITE's transaction",       // status code, ACK's branch, INVITE's branch
	"check.proxy.mf":         "%s forwards the request with Max-Forwards %[3]s after receiving %[2]s: a proxy decrements it by one", // proxy, received, forwarded
	"check.proxy.via":        "%s forwards the request without pushing its own Via: the response could not come back through it",    // proxy
	"check.cseq":             "CSeq %s after %s in the same dialog: each new request of one side needs a higher CSeq",               // this CSeq, the previous one
	"check.qop":              "the %s challenge to REGISTER offers no qop: the client answers the RFC 2069 way, without cnonce",     // status code
	"check.retransmit":       "resent %s after the previous copy (the interval before: %s): %s expected, doubling from T1",          // interval, previous interval, expected
	"check.retransmit.first": "resent %s after the first copy: %s expected, RFC 3261's default T1, as the copies after it show",     // interval, expected

	"cli.check.step":    "step %d",            // seq
	"cli.check.frame":   "frame %d (step %d)", // frame, seq
	"cli.check.error":   "error",
	"cli.check.clean":   "%s: no RFC findings",                                                                      // file name
	"cli.check.summary": "%s: %d errors, %d warnings",                                                               // file name, errors, warnings
	"cli.check.related": "compared with %s",                                                                         // "step 3" or "frame 7 (step 3)"
	"cli.check.unknown": "%s is neither a lesson file (.md), a trace (JSON) nor a capture (pcap, pcapng, SIP text)", // file name
}

var checkZH = map[string]string{
	"check.syntax":           "消息无法解析：%s",
	"check.missing.request":  "缺少 %s：每个请求都必须带有 To、From、CSeq、Call-ID、Max-Forwards 和 Via",
	"check.missing.response": "缺少 %s：响应从请求中复制 Via、From、To、Call-ID 和 CSeq",
	"check.length.short":     "消息体短于 Content-Length：%s",
	"check.length.long":      "Content-Length 为 %s，后面却有 %s 字节的消息体：接收方会丢弃多余部分",
	"check.length.stream":    "%s 上没有 Content-Length：在流式传输上要靠它确定消息在哪里结束",
	"check.response.field":   "%s 与请求中的不同：%q，请求中是 %q",
	"check.totag":            "%s 没有 To 标签：除 100 之外，UAS 在每个响应的 To 中加标签，对话由它标识",
	"check.ack.2xx":          "对 2xx 的 ACK 沿用了 INVITE 的 branch %s：它是新的事务，应使用新的 branch",
	"check.ack.non2xx":       "对 %s 的 ACK 的 branch 为 %s，而不是 INVITE 的 %s：它属于 INVITE 的事务",
	"check.proxy.mf":         "%s 收到 Max-Forwards %[2]s 后以 %[3]s 转发请求：代理应将其减一",
	"check.proxy.via":        "%s 转发请求时没有压入自己的 Via：响应将无法经它返回",
	"check.cseq":             "同一对话中 CSeq %s 出现在 %s 之后：同一方的每个新请求都需要更大的 CSeq",
	"check.qop":              "对 REGISTER 的 %s 质询没有提供 qop：客户端只能按 RFC 2069 方式应答，不带 cnonce",
	"check.retransmit":       "距上一次发送 %s 后重传（之前的间隔为 %s）：应为 %s，从 T1 起逐次加倍",
	"check.retransmit.first": "首次发送 %s 后重传：应为 %s，即 RFC 3261 默认的 T1，其后各次重传也表明如此",

	"cli.check.step":    "第 %d 步",
	"cli.check.frame":   "第 %d 帧（第 %d 步）",
	"cli.check.error":   "错误",
	"cli.check.clean":   "%s：没有发现违反 RFC 之处",
	"cli.check.summary": "%s：%d 个错误，%d 个警告",
	"cli.check.related": "对照 %s",
	"cli.check.unknown": "%s 既不是课程文件（.md）、轨迹文件（JSON），也不是抓包（pcap、pcapng、SIP 文本）",
}
