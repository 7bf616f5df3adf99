package i18n

// What the simulated network says about a packet's fate, and what the
// resolver says about a lookup (RFC 3263): the notes of message events and
// the summaries and reasons of DNS lookups. Arguments are literals from the
// engine: node names, addresses, a fault spec, a duration, a percentage.
//
//	net.host.*   a host that is down, absent or deaf
//	net.link.*   a link's own impairments (loss, duplication)
//	net.fault.*  an injected fault acting on the message
//	net.tcp.*    what TCP made of a loss or a duplicate
//	net.dns.*    the lookup and the rule of RFC 3263 it followed

var netEN = map[string]string{
	"net.host.down":         "host %s is down",
	"net.host.none":         "no host at %s",
	"net.host.noreceiver":   "host %s has no receiver",
	"net.lost":              "lost",
	"net.dupof":             "duplicate of #%s",
	"net.link.loss":         "lost on link %s (loss %s)",
	"net.link.dup":          "duplicated on link %s (dup %s)",
	"net.fault.drop":        "fault %s: message lost in flight",
	"net.fault.dup":         "fault %s: delivered twice",
	"net.fault.delay":       "fault %s: held %s longer",
	"net.fault.corrupt":     "fault %s: Content-Length damaged, it now claims more bytes than arrive",
	"net.tcp.dupdiscarded":  "duplicate discarded by TCP",
	"net.tcp.gaveup":        "TCP gave up after %s retransmissions",
	"net.tcp.retransmitted": "TCP retransmitted it after %s",
	"net.dns.found":         "DNS %s → %s",
	"net.dns.notfound":      "DNS %s: not found",
	"net.dns.naptr":         "NAPTR %s → %s %s",
	"net.dns.naptr.none":    "NAPTR %s: none",
	"net.dns.naptr.why":     "the record of lowest order, then preference, whose service the client supports: UDP or TCP",
	"net.dns.naptr.srvonly": "no NAPTR records: an SRV lookup per supported transport, _sip._udp then _sip._tcp",
	"net.dns.srv.found":     "SRV %s → %s",
	"net.dns.srv.none":      "SRV %s: none",
	"net.dns.srv.fallback":  "no SRV records: the client looks the domain up as an A/AAAA record, at port 5060",
	"net.dns.srv.order":     "lowest priority first; equal priorities drawn at random in proportion to their weights",
	"net.dns.srv.draw":      "priority %s: drew %s of 0–%s by running sum of the weights → %s",
	"net.dns.a.found":       "A %s → %s",
	"net.dns.target":        "the address of the SRV record's target (its A record), at the record's port %s",
	"net.dns.target.none":   "the SRV record's target has no A/AAAA record: the client moves on to the next target",
	"net.dns.numeric":       "numeric IP address and port: used as is",
	"net.dns.numericnoport": "numeric IP address without a port: default port 5060",
	"net.dns.empty":         "empty name",
	"net.dns.badport":       "port %s is not a number",
	"net.dns.a.port":        "name with a port: A/AAAA lookup, at that port",
	"net.dns.a.port.none":   "name with a port: no A/AAAA record for %s",
	"net.dns.srv":           "name without a port: the domain's SIP server (SRV lookup)",
	"net.dns.a":             "name without a port and no SRV record: A/AAAA lookup, default port 5060",
	"net.dns.none":          "no SRV or A/AAAA record for %s",
}

var netZH = map[string]string{
	"net.host.down":         "主机 %s 已关闭",
	"net.host.none":         "%s 处没有主机",
	"net.host.noreceiver":   "主机 %s 没有接收者",
	"net.lost":              "丢失",
	"net.dupof":             "#%s 的副本",
	"net.link.loss":         "在链路 %s 上丢失（丢包率 %s）",
	"net.link.dup":          "在链路 %s 上被复制（复制率 %s）",
	"net.fault.drop":        "故障 %s：消息在传输中丢失",
	"net.fault.dup":         "故障 %s：投递了两次",
	"net.fault.delay":       "故障 %s：多延迟了 %s",
	"net.fault.corrupt":     "故障 %s：Content-Length 被破坏，声称的字节数多于实际到达的",
	"net.tcp.dupdiscarded":  "重复的数据被 TCP 丢弃",
	"net.tcp.gaveup":        "TCP 重传 %s 次后放弃",
	"net.tcp.retransmitted": "TCP 在 %s 后重传了它",
	"net.dns.found":         "DNS 查询 %s → %s",
	"net.dns.notfound":      "DNS 查询 %s：未找到",
	"net.dns.naptr":         "NAPTR 记录 %s → %s %s",
	"net.dns.naptr.none":    "NAPTR %s：没有记录",
	"net.dns.naptr.why":     "取客户端支持的服务（UDP 或 TCP）中 order 最小、其次 preference 最小的记录",
	"net.dns.naptr.srvonly": "没有 NAPTR 记录：按支持的传输协议逐个查询 SRV，先 _sip._udp，再 _sip._tcp",
	"net.dns.srv.found":     "SRV 记录 %s → %s",
	"net.dns.srv.none":      "SRV %s：没有记录",
	"net.dns.srv.fallback":  "没有 SRV 记录：客户端把该域名当作 A/AAAA 记录查询，使用端口 5060",
	"net.dns.srv.order":     "优先级数值小的先试；优先级相同的按权重比例随机抽取",
	"net.dns.srv.draw":      "优先级 %s：抽到 %s（0–%s，按权重累加和）→ %s",
	"net.dns.a.found":       "A 记录 %s → %s",
	"net.dns.target":        "SRV 记录目标的地址（它的 A 记录），使用该记录的端口 %s",
	"net.dns.target.none":   "SRV 记录的目标没有 A/AAAA 记录：客户端改试下一个目标",
	"net.dns.numeric":       "数字 IP 地址加端口：直接使用",
	"net.dns.numericnoport": "没有端口的数字 IP 地址：使用默认端口 5060",
	"net.dns.empty":         "名字为空",
	"net.dns.badport":       "端口 %s 不是数字",
	"net.dns.a.port":        "带端口的名字：查询 A/AAAA 记录，使用该端口",
	"net.dns.a.port.none":   "带端口的名字：%s 没有 A/AAAA 记录",
	"net.dns.srv":           "没有端口的名字：该域的 SIP 服务器（SRV 查询）",
	"net.dns.a":             "没有端口的名字且没有 SRV 记录：查询 A/AAAA 记录，使用默认端口 5060",
	"net.dns.none":          "%s 没有 SRV 或 A/AAAA 记录",
}
