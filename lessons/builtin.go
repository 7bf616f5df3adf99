package lessons

import "time"

// The cast of every lesson (DESIGN.md): the caller alice
// (sip:alice@atlanta.example.com), the callee bob (sip:bob@biloxi.example.com),
// and servers named by their role. Addresses come from the documentation
// range 192.0.2.0/24 (RFC 5737).

func alice() Node {
	return Node{Name: "alice", Kind: "ua", Host: "client.atlanta.example.com", Address: "192.0.2.101:5060",
		Domain: "atlanta.example.com", User: "alice", Display: "Alice", Password: "wonderland",
		Codecs: []string{"0", "3", "4"}}
}

func bob() Node {
	return Node{Name: "bob", Kind: "ua", Host: "client.biloxi.example.com", Address: "192.0.2.201:5060",
		Domain: "biloxi.example.com", User: "bob", Display: "Bob", Password: "builder",
		RingFor: 2 * time.Second, Codecs: []string{"0"}}
}

func biloxiProxy() Node {
	return Node{Name: "proxy", Kind: "proxy", Host: "proxy.biloxi.example.com", Address: "192.0.2.20:5060",
		Domain: "biloxi.example.com", Serves: true, RecordRoute: true, Location: "location"}
}

func biloxiRegistrar() Node {
	return Node{Name: "registrar", Kind: "registrar", Host: "registrar.biloxi.example.com", Address: "192.0.2.30:5060",
		Domain: "biloxi.example.com", Location: "location"}
}

func location() Node {
	return Node{Name: "location", Kind: "location", Address: "192.0.2.40", Domain: "biloxi.example.com"}
}

// bobRegisters is the first step of the lessons where a server must find bob.
var bobRegisters = Action{At: 0, Node: "bob", Do: "register", Target: "sip:registrar.biloxi.example.com", Expires: 3600}

// All returns the built-in lessons in teaching order.
func All() []*Lesson {
	core := []*Lesson{directCall(), proxyCall(), redirectCall(), digestRegister(), hideHop()}
	return append(core, errorLessons()...)
}

func directCall() *Lesson {
	return &Lesson{
		ID:      "direct-call",
		Title:   Text{"A direct call between two user agents", "两个用户代理之间的直接呼叫"},
		Summary: Text{"alice calls bob without any server: INVITE, 180, 200 with the SDP answer, ACK, BYE, 200.", "alice 不经任何服务器直接呼叫 bob：INVITE、180、带 SDP 应答的 200、ACK、BYE、200。"},
		Intro: Text{
			"The simplest SIP call (RFC 3261 §13, RFC 3665 §3.1 without proxies): alice's UAC sends an INVITE with an SDP offer straight to bob's host. bob's UAS rings (180), then answers 200 OK with the SDP answer; the 2xx creates the dialog and alice acknowledges it with an ACK that is its own transaction. Three seconds later alice hangs up with BYE, which bob answers 200.",
			"最简单的 SIP 呼叫（RFC 3261 §13，RFC 3665 §3.1 去掉代理）：alice 的 UAC 直接向 bob 的主机发送带 SDP 提议的 INVITE。bob 的 UAS 振铃（180），然后以带 SDP 应答的 200 OK 接听；2xx 建立对话，alice 用单独成为一个事务的 ACK 确认。三秒后 alice 发送 BYE 挂断，bob 回 200。",
		},
		Nodes: []Node{alice(), bob()},
		Script: []Action{
			{At: 0, Node: "alice", Do: "call", Target: "sip:bob@client.biloxi.example.com", HangupAfter: 3 * time.Second},
		},
	}
}

func proxyCall() *Lesson {
	return &Lesson{
		ID:      "proxy-call",
		Title:   Text{"A call through a proxy with a location-service lookup", "经代理服务器并查询定位服务的呼叫"},
		Summary: Text{"bob registers; alice calls him through the proxy, which asks the location service where he is and stays on the path with Record-Route.", "bob 先注册；alice 经代理服务器呼叫他，代理向定位服务查询 bob 的位置，并用 Record-Route 留在后续请求的路径上。"},
		Intro: Text{
			"bob's REGISTER puts a binding into the location service (RFC 3261 §10). alice's INVITE for sip:bob@biloxi.example.com reaches biloxi's proxy (RFC 3263), which answers 100 Trying, looks bob up, rewrites the Request-URI to his contact, takes one off Max-Forwards (70→69), adds Record-Route and pushes its own Via (§16.6). The responses come back along the Vias, each hop removing its own (§16.7). Because of Record-Route, the ACK and the BYE pass the proxy too (RFC 3665 §3.1).",
			"bob 的 REGISTER 在定位服务中写入绑定（RFC 3261 §10）。alice 发往 sip:bob@biloxi.example.com 的 INVITE 按 RFC 3263 到达 biloxi 的代理服务器；代理回 100 Trying，查询 bob 的位置，把 Request-URI 改写为他的联系地址，Max-Forwards 减一（70→69），加入 Record-Route 并压入自己的 Via（§16.6）。响应沿 Via 原路返回，每一跳去掉自己的 Via（§16.7）。因为有 Record-Route，ACK 和 BYE 也经过代理（RFC 3665 §3.1）。",
		},
		Nodes: []Node{alice(), biloxiProxy(), biloxiRegistrar(), location(), bob()},
		Script: []Action{
			bobRegisters,
			{At: time.Second, Node: "alice", Do: "call", Target: "sip:bob@biloxi.example.com", HangupAfter: 3 * time.Second},
		},
	}
}

func redirectCall() *Lesson {
	redirect := Node{Name: "redirect", Kind: "redirect", Host: "redirect.biloxi.example.com", Address: "192.0.2.50:5060",
		Domain: "biloxi.example.com", Serves: true, Location: "location"}
	return &Lesson{
		ID:      "redirect-call",
		Title:   Text{"A call through a redirect server", "经重定向服务器的呼叫"},
		Summary: Text{"The redirect server answers 302 with bob's contact; alice ACKs it and sends a new INVITE there, with the same Call-ID and a higher CSeq.", "重定向服务器以 302 返回 bob 的联系地址；alice 确认（ACK）后向该地址发送新的 INVITE，Call-ID 不变，CSeq 加一。"},
		Intro: Text{
			"A redirect server does not forward requests (RFC 3261 §8.3, §21.3.3): it asks the location service where bob is and answers 302 Moved Temporarily with his Contact. The 302 is a final response, so alice's INVITE client transaction acknowledges it with an ACK on the same branch (§17.1.1.3). alice then tries the new address herself: same Call-ID, From and To, CSeq 2 (§8.1.3.4).",
			"重定向服务器不转发请求（RFC 3261 §8.3、§21.3.3）：它向定位服务查询 bob 的位置，以 302 Moved Temporarily 返回他的 Contact。302 是最终响应，alice 的 INVITE 客户端事务用同一 branch 的 ACK 确认它（§17.1.1.3）。然后 alice 自己向新地址呼叫：Call-ID、From、To 不变，CSeq 变为 2（§8.1.3.4）。",
		},
		Nodes: []Node{alice(), redirect, biloxiRegistrar(), location(), bob()},
		Script: []Action{
			bobRegisters,
			{At: time.Second, Node: "alice", Do: "call", Target: "sip:bob@biloxi.example.com", HangupAfter: 3 * time.Second},
		},
	}
}

func digestRegister() *Lesson {
	registrar := Node{Name: "registrar", Kind: "registrar", Host: "registrar.atlanta.example.com", Address: "192.0.2.30:5060",
		Domain: "atlanta.example.com", Serves: true, Location: "location", Users: map[string]string{"alice": "wonderland"}}
	loc := location()
	loc.Domain = "atlanta.example.com"
	return &Lesson{
		ID:      "digest-register",
		Title:   Text{"Registration with digest authentication", "带摘要认证的注册"},
		Summary: Text{"alice registers; the registrar challenges her with 401 (realm atlanta.example.com, qop=auth, MD5); she registers again with Authorization and gets 200.", "alice 注册；注册服务器以 401 发起质询（realm 为 atlanta.example.com，qop=auth，MD5）；她带 Authorization 重新注册，得到 200。"},
		Intro: Text{
			"The registrar will not bind an address without knowing who asks (RFC 3261 §22). Her first REGISTER gets 401 Unauthorized with a WWW-Authenticate challenge: a realm, a nonce, qop=auth and MD5. alice computes HA1 = MD5(alice:atlanta.example.com:wonderland), HA2 = MD5(REGISTER:sip:registrar.atlanta.example.com) and the response = MD5(HA1:nonce:nc:cnonce:auth:HA2), and sends the REGISTER again with CSeq 2 and an Authorization header. The registrar does the same arithmetic with the password it knows; the results match, so it stores the binding and answers 200 OK.",
			"注册服务器不会为身份不明的请求绑定地址（RFC 3261 §22）。第一个 REGISTER 得到 401 Unauthorized 和 WWW-Authenticate 质询：realm、nonce、qop=auth 和 MD5。alice 计算 HA1 = MD5(alice:atlanta.example.com:wonderland)，HA2 = MD5(REGISTER:sip:registrar.atlanta.example.com)，response = MD5(HA1:nonce:nc:cnonce:auth:HA2)，然后以 CSeq 2 带上 Authorization 头再次注册。注册服务器用它知道的密码做同样的计算，结果一致，于是保存绑定并回 200 OK。",
		},
		Nodes: []Node{alice(), registrar, loc},
		Script: []Action{
			{At: 0, Node: "alice", Do: "register", Target: "sip:registrar.atlanta.example.com", Expires: 3600},
		},
	}
}

func hideHop() *Lesson {
	a := alice()
	a.HideVia = true
	return &Lesson{
		ID:      "hide-hop",
		Title:   Text{"Hop-by-hop Via hiding (Hide: hop, RFC 2543)", "逐跳隐藏 Via（Hide: hop，RFC 2543）"},
		Summary: Text{"alice's INVITE carries Hide: hop; the proxy keeps her Via in a table under an index, forwards the index instead, and restores the Via on the way back.", "alice 的 INVITE 带有 Hide: hop；代理把她的 Via 存入表中并编号，转发时只带编号，响应返回时再恢复原来的 Via。"},
		Intro: Text{
			"RFC 2543, the first SIP standard, let a UA ask the next proxy to hide its Via (Hide: hop): the proxy keeps the Via in a table and forwards, in its place, a placeholder that holds only the table index, so bob's side never learns alice's address from the Vias. When the responses come back, the proxy finds the index under its own Via and puts alice's Via back, so they still reach her. RFC 3261 removed Hide: it protected little (Contact, From and the SDP still show who is calling) and it forced every proxy to keep state. Today topology hiding is the job of B2BUAs and session border controllers, and a caller's privacy is asked for with the Privacy header (RFC 3323).",
			"第一版 SIP 标准 RFC 2543 允许 UA 请求下一跳代理隐藏它的 Via（Hide: hop）：代理把这个 Via 存入表中，转发时换成只含表项编号的占位 Via，于是 bob 一侧无法从 Via 得知 alice 的地址。响应返回时，代理在自己的 Via 下找到编号，把 alice 的 Via 恢复，响应仍能送达她。RFC 3261 删除了 Hide：它保护的东西很少（Contact、From 和 SDP 仍暴露主叫），还迫使每个代理保存状态。如今拓扑隐藏由 B2BUA 和会话边界控制器（SBC）完成，主叫隐私则用 Privacy 头（RFC 3323）请求。",
		},
		Nodes: []Node{a, biloxiProxy(), biloxiRegistrar(), location(), bob()},
		Script: []Action{
			bobRegisters,
			{At: time.Second, Node: "alice", Do: "call", Target: "sip:bob@biloxi.example.com", HangupAfter: 3 * time.Second},
		},
	}
}
