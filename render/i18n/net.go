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
//	net.nat.*    a NAT's bindings (RFC 4787) and the packets it translates or drops
//	net.tls.*    the TLS handshake before a link's first message (RFC 8446)

var netEN = map[string]string{
	"net.host.down":           "host %s is down",
	"net.host.none":           "no host at %s",
	"net.host.noreceiver":     "host %s has no receiver",
	"net.lost":                "lost",
	"net.dupof":               "duplicate of #%s",
	"net.link.loss":           "lost on link %s (loss %s)",
	"net.link.dup":            "duplicated on link %s (dup %s)",
	"net.fault.drop":          "fault %s: message lost in flight",
	"net.fault.dup":           "fault %s: delivered twice",
	"net.fault.delay":         "fault %s: held %s longer",
	"net.fault.corrupt":       "fault %s: Content-Length damaged, it now claims more bytes than arrive",
	"net.tcp.dupdiscarded":    "duplicate discarded by TCP",
	"net.tcp.gaveup":          "TCP gave up after %s retransmissions",
	"net.tcp.retransmitted":   "TCP retransmitted it after %s",
	"net.dns.found":           "DNS %s → %s",
	"net.dns.notfound":        "DNS %s: not found",
	"net.dns.numeric":         "numeric IP address and port: used as is",
	"net.dns.numericnoport":   "numeric IP address without a port: default port 5060",
	"net.dns.empty":           "empty name",
	"net.dns.badport":         "port %s is not a number",
	"net.dns.a.port":          "name with a port: A/AAAA lookup, at that port",
	"net.dns.a.port.none":     "name with a port: no A/AAAA record for %s",
	"net.dns.srv":             "name without a port: the domain's SIP server (SRV lookup)",
	"net.dns.a":               "name without a port and no SRV record: A/AAAA lookup, default port 5060",
	"net.dns.none":            "no SRV or A/AAAA record for %s",
	"net.nat.bind":            "NAT binding %s ↔ %s",
	"net.nat.bind.why":        "first packet out: a new outside port (RFC 4787 §4.1), kept %s after the last packet out (§4.3)",
	"net.nat.out":             "NAT %s: source %s rewritten to %s",
	"net.nat.in":              "NAT %s: %s forwarded to %s",
	"net.nat.expired":         "NAT binding %s ↔ %s expired",
	"net.nat.expired.why":     "no packet went out through it for %s; packets coming in do not refresh it (RFC 4787 §4.3)",
	"net.nat.nobinding":       "NAT %s: no binding for %s, packet dropped",
	"net.nat.dropped":         "no binding for %s: packet dropped",
	"net.nat.dropped.why":     "a NAT lets a packet in only through a binding an inside host made by sending (RFC 4787 §5)",
	"net.nat.private":         "%s is a private address behind NAT %s: not reachable from outside",
	"net.tls.clienthello":     "TLS ClientHello (server name %s)",
	"net.tls.clienthello.why": "a SIPS hop runs over TLS: the client opens with its versions, ciphers and key share",
	"net.tls.serverhello":     "TLS ServerHello, Certificate (%s), Finished",
	"net.tls.serverhello.why": "the server picks the keys and proves it is %s with its certificate",
	"net.tls.finished":        "TLS Finished: the hop is encrypted",
	"net.tls.finished.why":    "the client checked the certificate; what follows is encrypted, shown here decrypted",
	"net.tls.wait":            "waited %s for the TLS handshake",
}

var netZH = map[string]string{
	"net.host.down":           "主机 %s 已关闭",
	"net.host.none":           "%s 处没有主机",
	"net.host.noreceiver":     "主机 %s 没有接收者",
	"net.lost":                "丢失",
	"net.dupof":               "#%s 的副本",
	"net.link.loss":           "在链路 %s 上丢失（丢包率 %s）",
	"net.link.dup":            "在链路 %s 上被复制（复制率 %s）",
	"net.fault.drop":          "故障 %s：消息在传输中丢失",
	"net.fault.dup":           "故障 %s：投递了两次",
	"net.fault.delay":         "故障 %s：多延迟了 %s",
	"net.fault.corrupt":       "故障 %s：Content-Length 被破坏，声称的字节数多于实际到达的",
	"net.tcp.dupdiscarded":    "重复的数据被 TCP 丢弃",
	"net.tcp.gaveup":          "TCP 重传 %s 次后放弃",
	"net.tcp.retransmitted":   "TCP 在 %s 后重传了它",
	"net.dns.found":           "DNS 查询 %s → %s",
	"net.dns.notfound":        "DNS 查询 %s：未找到",
	"net.dns.numeric":         "数字 IP 地址加端口：直接使用",
	"net.dns.numericnoport":   "没有端口的数字 IP 地址：使用默认端口 5060",
	"net.dns.empty":           "名字为空",
	"net.dns.badport":         "端口 %s 不是数字",
	"net.dns.a.port":          "带端口的名字：查询 A/AAAA 记录，使用该端口",
	"net.dns.a.port.none":     "带端口的名字：%s 没有 A/AAAA 记录",
	"net.dns.srv":             "没有端口的名字：该域的 SIP 服务器（SRV 查询）",
	"net.dns.a":               "没有端口的名字且没有 SRV 记录：查询 A/AAAA 记录，使用默认端口 5060",
	"net.dns.none":            "%s 没有 SRV 或 A/AAAA 记录",
	"net.nat.bind":            "NAT 绑定 %s ↔ %s",
	"net.nat.bind.why":        "第一个向外的分组：映射到新的外部端口（RFC 4787 §4.1），在最后一个向外的分组之后保持 %s（§4.3）",
	"net.nat.out":             "NAT %s：源地址 %s 被改写为 %s",
	"net.nat.in":              "NAT %s：%s 被转发到 %s",
	"net.nat.expired":         "NAT 绑定 %s ↔ %s 已过期",
	"net.nat.expired.why":     "%s 内没有分组经它向外发送；进来的分组不刷新它（RFC 4787 §4.3）",
	"net.nat.nobinding":       "NAT %s：%s 没有绑定，分组被丢弃",
	"net.nat.dropped":         "%s 没有绑定：分组被丢弃",
	"net.nat.dropped.why":     "NAT 只让分组经由内网主机发送时建立的绑定进来（RFC 4787 §5）",
	"net.nat.private":         "%s 是 NAT %s 后面的私有地址：从外部无法到达",
	"net.tls.clienthello":     "TLS ClientHello（服务器名 %s）",
	"net.tls.clienthello.why": "SIPS 的一跳运行在 TLS 上：客户端先发送它的版本、密码套件和密钥共享",
	"net.tls.serverhello":     "TLS ServerHello、证书 Certificate（%s）、Finished",
	"net.tls.serverhello.why": "服务器选定密钥，并用证书证明自己是 %s",
	"net.tls.finished":        "TLS Finished：这一跳已加密",
	"net.tls.finished.why":    "客户端已检查证书；此后的内容是加密的，这里显示解密后的样子",
	"net.tls.wait":            "为 TLS 握手等待了 %s",
}
