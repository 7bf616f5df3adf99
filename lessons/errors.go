package lessons

import "time"

// The error lessons: ordinary lessons with faults injected on purpose, each
// showing what RFC 3261 says happens next and what the class of error means.

// callScript: bob registers, alice calls him a second later.
func callScript(o Action) []Action {
	call := Action{At: time.Second, Node: "alice", Do: "call", Target: "sip:bob@biloxi.example.com", HangupAfter: 3 * time.Second}
	if o.Target != "" {
		call.Target = o.Target
	}
	if o.CancelAfter != 0 {
		call.CancelAfter, call.HangupAfter = o.CancelAfter, 0
	}
	return []Action{bobRegisters, call}
}

// proxyNetwork is the cast of proxy-call.
func proxyNetwork() []Node {
	return []Node{alice(), biloxiProxy(), biloxiRegistrar(), location(), bob()}
}

func errorLessons() []*Lesson {
	return []*Lesson{
		lostInvite(), lostOK(), busy(), noAnswer(), unknownUser(), wrongPassword(), tooManyHops(),
		loopDetected(), timeout(), badRequest(), serverOverload(), decline(), methodNotAllowed(),
	}
}

func lostInvite() *Lesson {
	return &Lesson{
		ID:      "lost-invite",
		Title:   Text{"A lost INVITE and Timer A", "丢失的 INVITE 与定时器 A"},
		Summary: Text{"alice's first two INVITEs are lost on the way to the proxy; her INVITE client transaction retransmits at T1 and 2·T1 until the 100 Trying arrives.", "alice 发往代理的前两个 INVITE 在途中丢失；她的 INVITE 客户端事务在 T1、2·T1 后重传，直到收到 100 Trying。"},
		Intro: Text{
			"Over UDP nothing tells a sender that a datagram was lost, so SIP's transactions retransmit (RFC 3261 §17.1.1.2): Timer A fires after T1 = 500 ms and doubles each time (1 s, 2 s, 4 s…) until a response arrives or Timer B gives up after 64·T1 = 32 s. Here the first two INVITEs are lost: copies leave at 0.5 s and 1.5 s after the first, and the second copy gets through. The proxy's 100 Trying stops the retransmissions. In a real network this is what a lossy Wi-Fi or mobile link looks like in a capture: the same INVITE, same branch, several times.",
			"UDP 不会告诉发送方数据报丢了，所以 SIP 的事务自己重传（RFC 3261 §17.1.1.2）：定时器 A 在 T1 = 500 毫秒后触发，每次加倍（1 秒、2 秒、4 秒……），直到收到响应，或 64·T1 = 32 秒后定时器 B 放弃。本课中前两个 INVITE 丢失：副本在第一个之后 0.5 秒和 1.5 秒发出，第二个副本到达。代理的 100 Trying 使重传停止。在真实网络中，抓包里同一个 INVITE（branch 相同）出现多次，往往就是无线或移动链路丢包造成的。",
		},
		Nodes:  proxyNetwork(),
		Script: callScript(Action{}),
		Faults: []string{"drop:INVITE@alice>proxy#1", "drop:INVITE@alice>proxy#2"},
	}
}

func lostOK() *Lesson {
	return &Lesson{
		ID:      "lost-ok",
		Title:   Text{"A lost 200 OK: the callee retransmits it", "丢失的 200 OK：被叫重传"},
		Summary: Text{"bob's 200 OK is lost; his UAS core retransmits it at T1, 2·T1… until alice's ACK arrives.", "bob 的 200 OK 丢失；他的 UAS 核心在 T1、2·T1……后重传，直到收到 alice 的 ACK。"},
		Intro: Text{
			"The INVITE server transaction ends as soon as it sends a 2xx, so the transaction layer does not retransmit it: the UAS core does (RFC 3261 §13.3.1.4), starting at T1 and doubling up to T2, until the ACK arrives, and gives up after 64·T1 by sending BYE. Here the first 200 OK is lost; the copy sent 500 ms later reaches alice, who answers with the ACK, and the call goes on. A capture in which the 200 OK repeats is a sign that the ACK is not getting back, often because of a NAT or a wrong Contact.",
			"INVITE 服务器事务一发出 2xx 就结束，因此事务层不会重传它，而由 UAS 核心重传（RFC 3261 §13.3.1.4）：从 T1 开始，间隔加倍，最长 T2，直到收到 ACK；64·T1 后仍无 ACK 则发送 BYE 放弃。本课中第一个 200 OK 丢失；500 毫秒后的副本到达 alice，她回 ACK，呼叫继续。抓包中 200 OK 反复出现，通常说明 ACK 没能回来，常见原因是 NAT 或错误的 Contact。",
		},
		Nodes: []Node{alice(), bob()},
		Script: []Action{
			{At: 0, Node: "alice", Do: "call", Target: "sip:bob@client.biloxi.example.com", HangupAfter: 3 * time.Second},
		},
		Faults: []string{"drop:200@bob>alice#1"},
	}
}

func busy() *Lesson {
	return &Lesson{
		ID:      "busy",
		Title:   Text{"486 Busy Here", "486 Busy Here（此处忙）"},
		Summary: Text{"bob is busy and answers 486; the response travels back and each hop ACKs it on the INVITE's branch.", "bob 正忙，回 486；响应逐跳返回，每一跳都用与 INVITE 相同的 branch 发送 ACK。"},
		Intro: Text{
			"A 4xx is a client error (RFC 3261 §21.4): this request cannot succeed here as it is. 486 Busy Here says the callee's phone is busy, though he may be reachable elsewhere (600 Busy Everywhere would say he is not). A non-2xx final response is acknowledged inside the INVITE transaction, hop by hop: bob's ACK comes from the proxy and alice's ACK goes to the proxy, each with the branch of the INVITE it answers (§17.1.1.3). A phone plays the busy tone; a PBX may forward the call to voicemail.",
			"4xx 是客户端错误（RFC 3261 §21.4）：这个请求按原样在此处无法成功。486 Busy Here 表示被叫话机正忙，但他可能在别处可达（600 Busy Everywhere 则表示任何地方都不可达）。非 2xx 最终响应在 INVITE 事务内逐跳确认：bob 收到的 ACK 来自代理，alice 的 ACK 发给代理，各自使用所应答的 INVITE 的 branch（§17.1.1.3）。话机会播放忙音；PBX 可能把呼叫转到语音信箱。",
		},
		Nodes:  proxyNetwork(),
		Script: callScript(Action{}),
		Faults: []string{"respond:bob=486"},
	}
}

func noAnswer() *Lesson {
	return &Lesson{
		ID:      "no-answer",
		Title:   Text{"Nobody answers: CANCEL and 487", "无人接听：CANCEL 与 487"},
		Summary: Text{"bob's phone rings and rings; alice gives up with CANCEL, which is answered 200, and the INVITE ends with 487 Request Terminated, ACKed hop by hop.", "bob 的话机一直振铃；alice 发送 CANCEL 放弃，CANCEL 得到 200，INVITE 以 487 Request Terminated 结束，并逐跳确认。"},
		Intro: Text{
			"CANCEL asks to stop a request that has no final response yet (RFC 3261 §9). It has the INVITE's Request-URI, Call-ID, From, To, CSeq number and branch, so every hop can tell which INVITE it is about, and it is answered at once with 200 OK. The proxy cancels its own branch towards bob the same way (§16.10); bob stops ringing and answers the INVITE with 487 Request Terminated, which comes back to alice and is ACKed at each hop. A CANCEL may only be sent after a provisional response (§9.1). In a real network this is every call the caller hangs up before it is answered.",
			"CANCEL 请求中止尚未得到最终响应的请求（RFC 3261 §9）。它的 Request-URI、Call-ID、From、To、CSeq 序号和 branch 都与 INVITE 相同，每一跳都能据此认出它针对哪个 INVITE，并立即回 200 OK。代理以同样方式取消它发往 bob 的分支（§16.10）；bob 停止振铃，以 487 Request Terminated 应答 INVITE，该响应返回 alice 并在每一跳被确认。CANCEL 只能在收到临时响应之后发送（§9.1）。真实网络里，每个主叫在接通前挂机的呼叫都是这样。",
		},
		Nodes:  proxyNetwork(),
		Script: callScript(Action{CancelAfter: 20 * time.Second}),
		Faults: []string{"noanswer:bob"},
	}
}

func unknownUser() *Lesson {
	return &Lesson{
		ID:      "unknown-user",
		Title:   Text{"404 Not Found: nobody is registered", "404 Not Found：无人注册"},
		Summary: Text{"alice calls carol, who never registered; the location service knows nothing and the proxy answers 404.", "alice 呼叫从未注册的 carol；定位服务查不到，代理回 404。"},
		Intro: Text{
			"The proxy is responsible for biloxi.example.com, so it asks the location service where sip:carol@biloxi.example.com is (RFC 3261 §16.5). There is no binding: carol never registered. The proxy answers 404 Not Found (§21.4.5), a definitive \"this user does not exist in this domain\"; alice's INVITE transaction ACKs it. Compare 480 Temporarily Unavailable, which a server sends for a known user who cannot be reached now. A PBX plays \"the number you dialled does not exist\".",
			"代理负责 biloxi.example.com，因此向定位服务查询 sip:carol@biloxi.example.com 的位置（RFC 3261 §16.5）。没有绑定：carol 从未注册。代理回 404 Not Found（§21.4.5），明确表示\"本域没有这个用户\"；alice 的 INVITE 事务对它发送 ACK。对比 480 Temporarily Unavailable：用户存在但暂时无法联系时服务器发送它。PBX 会播放\"您拨打的号码不存在\"。",
		},
		Nodes:  proxyNetwork(),
		Script: callScript(Action{Target: "sip:carol@biloxi.example.com"}),
	}
}

func wrongPassword() *Lesson {
	l := digestRegister()
	l.ID = "wrong-password"
	l.Title = Text{"A wrong password: 401, and 401 again", "密码错误：401 之后还是 401"}
	l.Summary = Text{"alice answers the registrar's challenge with the wrong password; her response does not match, the registrar challenges again, and her UA stops after one retry.", "alice 用错误的密码应答注册服务器的质询；response 不匹配，注册服务器再次质询，她的 UA 重试一次后停止。"}
	l.Intro = Text{
		"Digest authentication never sends the password (RFC 3261 §22): the client proves it knows it by hashing it with the server's nonce. With a wrong password the response does not match what the registrar computes, so it answers 401 again with a fresh challenge. A UA that gets challenged again right after answering a challenge knows the credentials are wrong and stops, instead of looping: it reports an authentication failure to the user. Registrars that see many such failures from one address often block it for a while.",
		"摘要认证从不发送密码本身（RFC 3261 §22）：客户端用服务器的 nonce 与密码一起计算摘要，以此证明自己知道密码。密码错误时 response 与注册服务器算出的不一致，于是再次回 401 并附新的质询。UA 在应答质询后立刻又被质询，就知道凭据有误，于是停止而不是无限重试，并向用户报告认证失败。注册服务器如果看到同一地址多次失败，往往会暂时封禁它。",
	}
	l.Faults = []string{"password:alice=alicia"}
	return l
}

func tooManyHops() *Lesson {
	return &Lesson{
		ID:      "too-many-hops",
		Title:   Text{"483 Too Many Hops: Max-Forwards runs out", "483 Too Many Hops：Max-Forwards 用尽"},
		Summary: Text{"alice's INVITE leaves with Max-Forwards 0; the proxy may not forward it and answers 483.", "alice 的 INVITE 发出时 Max-Forwards 为 0；代理不能再转发，回 483。"},
		Intro: Text{
			"Max-Forwards limits how many hops a request may take (RFC 3261 §8.1.1.6, §16.3 step 3): a UA starts it at 70 and every proxy takes one off. A proxy that receives a request with Max-Forwards 0 must not forward it and answers 483 Too Many Hops. Here alice's UA is misconfigured and starts at 0. In real networks 483 usually means a routing loop between two servers that the loop detection did not catch, or a chain of proxies far too long.",
			"Max-Forwards 限制请求最多经过多少跳（RFC 3261 §8.1.1.6、§16.3 第 3 步）：UA 从 70 开始，每经过一个代理减一。代理收到 Max-Forwards 为 0 的请求时不得转发，回 483 Too Many Hops。本课中 alice 的 UA 配置错误，从 0 开始。真实网络中 483 通常意味着两台服务器之间存在环路检测未能发现的路由环路，或者代理链过长。",
		},
		Nodes:  proxyNetwork(),
		Script: callScript(Action{}),
		Faults: []string{"max-forwards:alice=0"},
	}
}

func loopDetected() *Lesson {
	loc := location()
	// A wrong binding, as an administrator might have set it up: bob's
	// contact is the proxy itself.
	loc.Bindings = map[string]string{"sip:bob@biloxi.example.com": "sip:bob@proxy.biloxi.example.com"}
	return &Lesson{
		ID:      "loop-detected",
		Title:   Text{"482 Loop Detected: a proxy routes to itself", "482 Loop Detected：代理把请求路由给自己"},
		Summary: Text{"A wrong binding sends bob's calls back to the proxy; the proxy sees its own Via with the same loop key and answers 482.", "一条错误的绑定把发给 bob 的呼叫送回代理自己；代理看到带相同环路标识的自身 Via，回 482。"},
		Intro: Text{
			"The location service maps bob to sip:bob@proxy.biloxi.example.com, the proxy itself. The proxy forwards the INVITE there, so it receives it again: that first return is a spiral, not a loop, because the Request-URI changed (RFC 3261 §16.3 step 4). It forwards it once more, unchanged, and when it comes back a third time one of the Vias is the proxy's own with a branch that carries the same loop key, computed from the fields that decide routing (§16.6 step 8): a loop. The proxy answers 482 Loop Detected, which travels back through its own hops to alice.",
			"定位服务把 bob 映射到 sip:bob@proxy.biloxi.example.com，也就是代理自己。代理把 INVITE 转发到那里，于是又收到它：这一次是\"螺旋\"而不是环路，因为 Request-URI 变了（RFC 3261 §16.3 第 4 步）。代理再次原样转发，请求第三次回来时，其中一个 Via 是代理自己的，其 branch 中的环路标识（由决定路由的字段计算，§16.6 第 8 步）与现在算出的相同：这是环路。代理回 482 Loop Detected，响应经过它自己的各跳返回 alice。",
		},
		Nodes: []Node{alice(), biloxiProxy(), loc, bob()},
		Script: []Action{
			{At: 0, Node: "alice", Do: "call", Target: "sip:bob@biloxi.example.com", HangupAfter: 3 * time.Second},
		},
	}
}

func timeout() *Lesson {
	loc := location()
	loc.Bindings = map[string]string{"sip:bob@biloxi.example.com": "sip:bob@client.biloxi.example.com"}
	return &Lesson{
		ID:      "timeout",
		Title:   Text{"408 Request Timeout: the callee is down", "408 Request Timeout：被叫离线"},
		Summary: Text{"bob's phone is off the network; the proxy's INVITE client transaction retransmits into silence and Timer B fires after 32 s; alice receives 408.", "bob 的话机已离网；代理的 INVITE 客户端事务不断重传却没有回应，32 秒后定时器 B 触发；alice 收到 408。"},
		Intro: Text{
			"bob registered earlier, so the location service still has his binding, but his phone is now off the network. The proxy answered alice 100 Trying, so her transaction waits quietly; the proxy's own INVITE to bob is retransmitted by Timer A (0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s) until Timer B fires at 64·T1 = 32 s (RFC 3261 §17.1.1.2). For the proxy that branch now counts as a 408 Request Timeout (§16.8), and with no better response it sends 408 to alice. Stale registrations of phones that lost power without unregistering produce exactly this.",
			"bob 早先注册过，定位服务仍保存着他的绑定，但他的话机现在已离网。代理已对 alice 回了 100 Trying，所以她的事务静静等待；代理发给 bob 的 INVITE 由定时器 A 重传（0.5、1.5、3.5、7.5、15.5、31.5 秒），直到 64·T1 = 32 秒时定时器 B 触发（RFC 3261 §17.1.1.2）。对代理来说这个分支此时相当于收到 408 Request Timeout（§16.8），没有更好的响应，于是向 alice 发送 408。断电而未注销的话机留下的过期注册，造成的正是这种情况。",
		},
		Nodes: []Node{alice(), biloxiProxy(), loc, bob()},
		Script: []Action{
			{At: 0, Node: "alice", Do: "call", Target: "sip:bob@biloxi.example.com", HangupAfter: 3 * time.Second},
		},
		Faults: []string{"down:bob"},
	}
}

func badRequest() *Lesson {
	return &Lesson{
		ID:      "bad-request",
		Title:   Text{"400 Bad Request: a damaged message", "400 Bad Request：损坏的消息"},
		Summary: Text{"alice's INVITE is damaged on the way (its Content-Length claims more bytes than arrive); the proxy cannot parse it and answers 400 with a Warning saying why.", "alice 的 INVITE 在途中损坏（Content-Length 声称的字节数多于实际到达的）；代理无法解析，回 400 并在 Warning 中说明原因。"},
		Intro: Text{
			"A server must reject a request it cannot parse (RFC 3261 §8.2, §21.4.1): here a Content-Length larger than the datagram means the body was cut off (§18.3). The proxy cannot build a transaction for a message it cannot read, but it can still find the Via, From, To, Call-ID and CSeq it needs to answer, so it sends 400 Bad Request with a Warning header explaining the error (§20.43). alice's transaction ACKs the 400 and the proxy absorbs that ACK. In the wild, 400s come from broken middleboxes, MTU problems that truncate UDP datagrams, and buggy phones.",
			"服务器必须拒绝无法解析的请求（RFC 3261 §8.2、§21.4.1）：这里 Content-Length 大于数据报长度，说明消息体被截断（§18.3）。代理无法为读不懂的消息建立事务，但仍能找到应答所需的 Via、From、To、Call-ID 和 CSeq，于是回 400 Bad Request，并用 Warning 头说明错误（§20.43）。alice 的事务对 400 发送 ACK，代理吸收这个 ACK。现实中的 400 常来自有缺陷的中间设备、截断 UDP 数据报的 MTU 问题和有 bug 的话机。",
		},
		Nodes:  proxyNetwork(),
		Script: callScript(Action{}),
		Faults: []string{"corrupt:INVITE@alice>proxy"},
	}
}

func serverOverload() *Lesson {
	return &Lesson{
		ID:      "server-overload",
		Title:   Text{"503 Service Unavailable with Retry-After", "503 Service Unavailable 与 Retry-After"},
		Summary: Text{"The proxy is overloaded and answers alice's INVITE 503 Service Unavailable, telling her with Retry-After when to come back.", "代理过载，以 503 Service Unavailable 应答 alice 的 INVITE，并用 Retry-After 告诉她多久后再试。"},
		Intro: Text{
			"A 5xx is a server error (RFC 3261 §21.5): the request may be fine but the server failed to fulfil it. 503 Service Unavailable says the server is temporarily overloaded or down for maintenance; Retry-After (§20.33) says when it expects to be back. A client that knows other servers for the domain (RFC 3263) should try the next one; otherwise it waits. Overload control matters in real deployments: a burst of retries after an outage can keep a server overloaded, which is why RFC 7339 added finer overload control.",
			"5xx 是服务器错误（RFC 3261 §21.5）：请求本身可能没问题，但服务器未能完成它。503 Service Unavailable 表示服务器暂时过载或在维护；Retry-After（§20.33）说明它预计何时恢复。如果客户端知道该域的其他服务器（RFC 3263），应改试下一台；否则等待。过载控制在实际部署中很重要：故障恢复后的一阵重试可能让服务器持续过载，因此 RFC 7339 增加了更细的过载控制。",
		},
		Nodes:  proxyNetwork(),
		Script: callScript(Action{}),
		Faults: []string{"respond:proxy=503"},
	}
}

func decline() *Lesson {
	return &Lesson{
		ID:      "decline",
		Title:   Text{"603 Decline: the callee refuses", "603 Decline：被叫拒接"},
		Summary: Text{"bob declines the call with 603; as a 6xx, it means he will not take it anywhere, and the proxy passes it back at once.", "bob 以 603 拒接；6xx 表示他在任何地方都不会接听，代理立即把它传回。"},
		Intro: Text{
			"A 6xx is a global failure (RFC 3261 §21.6): the callee has definitive information about this call, valid wherever else it might be tried. 603 Decline is a user pressing \"reject\"; unlike 486 Busy Here, a proxy that forked the call cancels its other branches on a 6xx and forwards it at once (§16.7 step 5). The response is ACKed hop by hop inside the INVITE transactions.",
			"6xx 是全局性失败（RFC 3261 §21.6）：被叫对这次呼叫给出了确定的答复，在任何其他地方尝试也同样有效。603 Decline 就是用户按下\"拒接\"；与 486 Busy Here 不同，分叉了呼叫的代理收到 6xx 时会取消其他分支并立即转发它（§16.7 第 5 步）。该响应在 INVITE 事务内逐跳确认。",
		},
		Nodes:  proxyNetwork(),
		Script: callScript(Action{}),
		Faults: []string{"respond:bob=603"},
	}
}

func methodNotAllowed() *Lesson {
	return &Lesson{
		ID:      "method-not-allowed",
		Title:   Text{"405 Method Not Allowed", "405 Method Not Allowed（方法不允许）"},
		Summary: Text{"alice sends a MESSAGE to the registrar, which only handles REGISTER and OPTIONS: 405, with Allow listing what it does accept.", "alice 向只处理 REGISTER 和 OPTIONS 的注册服务器发送 MESSAGE：回 405，并用 Allow 列出它接受的方法。"},
		Intro: Text{
			"A server that understands a method but does not allow it for this Request-URI answers 405 Method Not Allowed and must list the methods it does allow in an Allow header (RFC 3261 §8.2.1, §21.4.6); an unknown method would get 501 Not Implemented instead. A registrar is not a message relay: alice's MESSAGE (RFC 3428) belongs at a proxy or at bob's phone. Capabilities can be asked for in advance with OPTIONS (§11).",
			"服务器理解某个方法但不允许对该 Request-URI 使用时，回 405 Method Not Allowed，并必须在 Allow 头中列出它允许的方法（RFC 3261 §8.2.1、§21.4.6）；完全不认识的方法则回 501 Not Implemented。注册服务器不是消息中继：alice 的 MESSAGE（RFC 3428）应发给代理或 bob 的话机。可以事先用 OPTIONS 询问对方的能力（§11）。",
		},
		Nodes: []Node{alice(), biloxiRegistrar(), location(), bob()},
		Script: []Action{
			{At: 0, Node: "alice", Do: "message", Target: "sip:registrar.biloxi.example.com", Body: "Hello, is bob there?"},
		},
	}
}
