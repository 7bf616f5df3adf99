package i18n

// The vocabulary of a trace, for the ladder views, their legends and the
// stepper:
//
//	role.<kind>     what a node is; <kind> is the "kind" of a node in the trace
//	                JSON (ua, proxy, redirect, registrar, location…)
//	event.<type>    the "type" of a trace event (message, lookup, timer…)
//	timer.<name>    what an RFC 3261 timer is for (T1, T2, T4, A … K), from the
//	                table in RFC 3261 Appendix A and the sections it points to
//	timer.fired     a timer going off

var traceEN = map[string]string{
	"role.ua":              "user agent (UA)",
	"role.uac":             "user agent client (UAC)",
	"role.uas":             "user agent server (UAS)",
	"role.proxy":           "proxy server",
	"role.stateful-proxy":  "stateful proxy",
	"role.stateless-proxy": "stateless proxy",
	"role.redirect":        "redirect server",
	"role.registrar":       "registrar",
	"role.location":        "location service",
	"role.nat":             "NAT (network address translator)",

	"event.message": "message",
	"event.lookup":  "lookup",
	"event.timer":   "timer",
	"event.state":   "state change",
	"event.note":    "note",

	"timer.fired": "Timer %s fired", // timer name: "A", "B"…

	"timer.T1": "T1 (500 ms): round-trip time estimate that most timers start from [RFC 3261 §17.1.1.1]",
	"timer.T2": "T2 (4 s): longest interval between retransmissions [RFC 3261 §17.1.2.2]",
	"timer.T4": "T4 (5 s): longest time a message can stay in the network [RFC 3261 §17.1.2.2]",
	"timer.A":  "Timer A: INVITE retransmission over UDP, from T1 doubling each time [RFC 3261 §17.1.1.2]",
	"timer.B":  "Timer B (64*T1 = 32 s): INVITE client transaction gives up, 408 [RFC 3261 §17.1.1.2]",
	"timer.C":  "Timer C (> 3 min): a proxy gives up on an INVITE branch [RFC 3261 §16.6, §16.8]",
	"timer.D":  "Timer D (> 32 s on UDP): absorbs retransmitted final responses [RFC 3261 §17.1.1.2]",
	"timer.E":  "Timer E: non-INVITE retransmission over UDP, from T1 doubling up to T2 [RFC 3261 §17.1.2.2]",
	"timer.F":  "Timer F (64*T1): non-INVITE client transaction gives up, 408 [RFC 3261 §17.1.2.2]",
	"timer.G":  "Timer G: INVITE final response retransmission, from T1 up to T2 [RFC 3261 §17.2.1]",
	"timer.H":  "Timer H (64*T1): how long to wait for the ACK [RFC 3261 §17.2.1]",
	"timer.I":  "Timer I (T4 on UDP): absorbs retransmitted ACKs [RFC 3261 §17.2.1]",
	"timer.J":  "Timer J (64*T1 on UDP): absorbs retransmitted non-INVITE requests [RFC 3261 §17.2.2]",
	"timer.K":  "Timer K (T4 on UDP): absorbs retransmitted responses [RFC 3261 §17.1.2.2]",
}

var traceZH = map[string]string{
	"role.ua":              "用户代理（UA）",
	"role.uac":             "用户代理客户端（UAC）",
	"role.uas":             "用户代理服务器（UAS）",
	"role.proxy":           "代理服务器",
	"role.stateful-proxy":  "有状态代理服务器",
	"role.stateless-proxy": "无状态代理服务器",
	"role.redirect":        "重定向服务器",
	"role.registrar":       "注册服务器",
	"role.location":        "定位服务",
	"role.nat":             "NAT（网络地址转换器）",

	"event.message": "消息",
	"event.lookup":  "查询",
	"event.timer":   "定时器",
	"event.state":   "状态变化",
	"event.note":    "说明",

	"timer.fired": "定时器 %s 超时",

	"timer.T1": "T1（500 毫秒）：往返时延估计值，多数定时器以它为基准 [RFC 3261 §17.1.1.1]",
	"timer.T2": "T2（4 秒）：重传间隔的上限 [RFC 3261 §17.1.2.2]",
	"timer.T4": "T4（5 秒）：消息在网络中存留的最长时间 [RFC 3261 §17.1.2.2]",
	"timer.A":  "定时器 A：UDP 上 INVITE 的重传间隔，从 T1 起每次加倍 [RFC 3261 §17.1.1.2]",
	"timer.B":  "定时器 B（64*T1 = 32 秒）：INVITE 客户端事务超时放弃，报 408 [RFC 3261 §17.1.1.2]",
	"timer.C":  "定时器 C（大于 3 分钟）：代理放弃某个 INVITE 分支 [RFC 3261 §16.6, §16.8]",
	"timer.D":  "定时器 D（UDP 上大于 32 秒）：吸收重传的最终响应 [RFC 3261 §17.1.1.2]",
	"timer.E":  "定时器 E：UDP 上非 INVITE 请求的重传间隔，从 T1 起加倍至 T2 [RFC 3261 §17.1.2.2]",
	"timer.F":  "定时器 F（64*T1）：非 INVITE 客户端事务超时放弃，报 408 [RFC 3261 §17.1.2.2]",
	"timer.G":  "定时器 G：INVITE 最终响应的重传间隔，从 T1 起直至 T2 [RFC 3261 §17.2.1]",
	"timer.H":  "定时器 H（64*T1）：等待 ACK 的时限 [RFC 3261 §17.2.1]",
	"timer.I":  "定时器 I（UDP 上为 T4）：吸收重传的 ACK [RFC 3261 §17.2.1]",
	"timer.J":  "定时器 J（UDP 上为 64*T1）：吸收重传的非 INVITE 请求 [RFC 3261 §17.2.2]",
	"timer.K":  "定时器 K（UDP 上为 T4）：吸收重传的响应 [RFC 3261 §17.1.2.2]",
}
