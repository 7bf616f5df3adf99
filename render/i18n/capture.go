package i18n

// The words of packet captures (package render, Capture): the comment of
// every packet of a pcapng file, which Wireshark shows as frame.comment,
// how the index page of siplab render names the files, and the CLI's
// refusal to write a capture to a terminal. A key's comment in captureEN
// names the arguments T expects, in order.

var captureEN = map[string]string{
	"capture.section":    "siplab lesson %s, seed %d: %s",                                                                   // lesson id, seed, title
	"capture.step":       "step %d: %s",                                                                                     // seq, the message's start line
	"capture.lost":       "lost in flight (%s)",                                                                             // what lost it: the event's notes
	"capture.lost.plain": "lost in flight",                                                                                  // when the event does not say what lost it
	"capture.segment":    "TCP segment %d of %d: the message is larger than the maximum segment size [RFC 9293 §3.7]",       // which, how many
	"capture.syn":        "step %d: %s opens a TCP connection to %s before sending: SYN [RFC 9293 §3.5]",                    // seq, client, server
	"capture.synack":     "step %d: %s accepts the TCP connection from %s: SYN-ACK [RFC 9293 §3.5]",                         // seq, server, client
	"capture.ack":        "step %d: %s acknowledges; the TCP connection to %s is open, the message follows [RFC 9293 §3.5]", // seq, client, server

	"capture.index.pcap":   "capture (pcap)", // on the index page of siplab render
	"capture.index.pcapng": "capture, commented (pcapng)",

	"cli.capture.terminal": "--format %s is a binary capture, not text for a terminal: write it with -o FILE.%s or pipe it", // format, format
}

var captureZH = map[string]string{
	"capture.section":    "siplab 课程 %s，随机种子 %d：%s",
	"capture.step":       "第 %d 步：%s",
	"capture.lost":       "在途中丢失（%s）",
	"capture.lost.plain": "在途中丢失",
	"capture.segment":    "TCP 报文段 %d/%d：消息大于最大报文段长度，分段发送 [RFC 9293 §3.7]",
	"capture.syn":        "第 %d 步：%s 在发送之前向 %s 建立 TCP 连接：SYN [RFC 9293 §3.5]",
	"capture.synack":     "第 %d 步：%s 接受来自 %s 的 TCP 连接：SYN-ACK [RFC 9293 §3.5]",
	"capture.ack":        "第 %d 步：%s 确认；到 %s 的 TCP 连接已建立，随后发送消息 [RFC 9293 §3.5]",

	"capture.index.pcap":   "抓包文件（pcap）",
	"capture.index.pcapng": "带注释的抓包文件（pcapng）",

	"cli.capture.terminal": "--format %s 是二进制抓包文件，不是终端文本：请用 -o FILE.%s 写入文件或通过管道输出",
}
