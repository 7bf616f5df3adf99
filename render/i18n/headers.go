package i18n

import (
	"strconv"
	"strings"
)

// Explanations of the parts of a SIP message, for "siplab parse" and the
// step-through views: every header field, every request method, the six
// response classes and the status codes a course meets.
//
// Keys:
//
//	header.<Canonical-Name>   what the header field is for, e.g. header.Call-ID
//	header.unknown            an extension header this catalog does not know
//	method.<METHOD>           what the request method does, e.g. method.INVITE
//	method.unknown            a method this catalog does not know
//	status.class.<1-6>        what a response class means
//	status.<code>             what one status code means, e.g. status.486
//	status.<code>.reason      its standard reason phrase ("Busy Here" / "此处忙")
//	status.unknown(.reason)   a code this catalog does not know
//
// Every value except a reason phrase is one line of at most 100 terminal
// columns that ends with its RFC sections in brackets: "… [RFC 3261 §20.42]".

var headersEN = map[string]string{
	// Header fields of RFC 3261 §20, in its order.
	"header.Accept":              "body types the sender accepts in the response, e.g. application/sdp [RFC 3261 §20.1]",
	"header.Accept-Encoding":     "content codings (e.g. gzip) the sender accepts in a response body [RFC 3261 §20.2]",
	"header.Accept-Language":     "languages preferred for reason phrases, bodies and warnings [RFC 3261 §20.3]",
	"header.Alert-Info":          "in INVITE a ring tone for the callee; in 180 a ringback tone for the caller [RFC 3261 §20.4]",
	"header.Allow":               "the methods supported by the user agent that sent the message [RFC 3261 §20.5]",
	"header.Authentication-Info": "sent after a successful digest login: rspauth, next nonce [RFC 3261 §20.6]",
	"header.Authorization":       "a UA's credentials for a UAS or registrar, answering a 401 challenge [RFC 3261 §20.7]",
	"header.Call-ID":             "uniquely identifies one invitation, or all registrations of a client [RFC 3261 §8.1.1.4, §20.8]",
	"header.Call-Info":           "more about the caller or callee, e.g. an icon or a web page [RFC 3261 §20.9]",
	"header.Contact":             "a URI that reaches the sender directly; in REGISTER, the address to bind [RFC 3261 §8.1.1.8, §20.10]",
	"header.Content-Disposition": "how to treat the body: session (SDP), render, icon or alert [RFC 3261 §20.11]",
	"header.Content-Encoding":    "codings applied to the body, e.g. gzip [RFC 3261 §20.12]",
	"header.Content-Language":    "the language of the body [RFC 3261 §20.13]",
	"header.Content-Length":      "body size in bytes; on TCP it marks where the message ends [RFC 3261 §18.3, §20.14]",
	"header.Content-Type":        "the media type of the body, e.g. application/sdp [RFC 3261 §20.15]",
	"header.CSeq":                "sequence number and method: orders requests, matches responses [RFC 3261 §8.1.1.5, §20.16]",
	"header.Date":                "when it was sent: RFC 1123, GMT (GB/T 28181: local time, 2026-01-01T00:00:05.000) [RFC 3261 §20.17]",
	"header.Error-Info":          "a URI with more about an error response, e.g. a recorded announcement [RFC 3261 §20.18]",
	"header.Expires":             "lifetime in seconds, e.g. of a registration or of an unanswered INVITE [RFC 3261 §20.19]",
	"header.From":                "the logical initiator of the request; its tag names one side [RFC 3261 §8.1.1.3, §20.20]",
	"header.In-Reply-To":         "the Call-IDs this call answers, e.g. when returning a missed call [RFC 3261 §20.21]",
	"header.Max-Forwards":        "hops left: each proxy takes one off; at 0 the request gets 483 [RFC 3261 §8.1.1.6, §20.22]",
	"header.Min-Expires":         "the shortest expiry the registrar accepts; sent with 423 [RFC 3261 §20.23]",
	"header.MIME-Version":        "the version of MIME the message follows [RFC 3261 §20.24]",
	"header.Organization":        "the organization the sender belongs to [RFC 3261 §20.25]",
	"header.Priority":            "urgency as the caller sees it: non-urgent, normal, urgent, emergency [RFC 3261 §20.26]",
	"header.Proxy-Authenticate":  "a proxy's digest challenge (realm, nonce…) carried in a 407 [RFC 3261 §20.27]",
	"header.Proxy-Authorization": "a UA's credentials for a proxy, answering a 407 challenge [RFC 3261 §20.28]",
	"header.Proxy-Require":       "extensions (option tags) that proxies on the path must support [RFC 3261 §20.29]",
	"header.Record-Route":        "proxies that stay on the path of later requests in the dialog [RFC 3261 §16.6, §20.30]",
	"header.Reply-To":            "a logical return address for replies, which may differ from From [RFC 3261 §20.31]",
	"header.Require":             "extensions the recipient must support, or it answers 420 [RFC 3261 §8.2.2.3, §20.32]",
	"header.Retry-After":         "when to try again (seconds), e.g. in 503, 486, 480 or 600 [RFC 3261 §20.33]",
	"header.Route":               "the proxies the request must visit next, from the route set [RFC 3261 §16.4, §20.34]",
	"header.Server":              "the software the UAS used to handle the request [RFC 3261 §20.35]",
	"header.Subject":             "a summary or the nature of the call [RFC 3261 §20.36]",
	"header.Supported":           "extensions (option tags) the sender supports, e.g. 100rel, timer [RFC 3261 §8.1.1.9, §20.37]",
	"header.Timestamp":           "when the UAC sent the request; echoed back to measure round-trip time [RFC 3261 §20.38]",
	"header.To":                  "the logical recipient of the request; the callee adds a tag [RFC 3261 §8.1.1.2, §20.39]",
	"header.Unsupported":         "the extensions the recipient does not support, listed in a 420 [RFC 3261 §20.40]",
	"header.User-Agent":          "the software of the UAC that sent the request [RFC 3261 §20.41]",
	"header.Via":                 "the path the request took; responses retrace it hop by hop [RFC 3261 §8.1.1.7, §20.42]",
	"header.Warning":             "extra detail about a response: 3-digit warn-code, agent, text [RFC 3261 §20.43]",
	"header.WWW-Authenticate":    "a UAS's or registrar's digest challenge (realm, nonce, qop) in a 401 [RFC 3261 §20.44]",

	// Header fields of other RFCs.
	"header.Hide":                 "asks the next proxy to hide the Via; RFC 3261 dropped it, its proxies pass it on [RFC 2543 §6.22]",
	"header.Event":                "the event package a SUBSCRIBE or NOTIFY is about, e.g. presence [RFC 6665 §8.2.1]",
	"header.Allow-Events":         "the event packages the sender supports [RFC 6665 §8.2.2]",
	"header.Subscription-State":   "the state of the subscription in a NOTIFY: active, pending, terminated [RFC 6665 §8.2.3]",
	"header.RSeq":                 "sequence number of a reliable provisional response (100rel) [RFC 3262 §7.1]",
	"header.RAck":                 "in PRACK: the RSeq and CSeq of the provisional response it confirms [RFC 3262 §7.2]",
	"header.Refer-To":             "in REFER: the URI the recipient should contact, e.g. to transfer a call [RFC 3515 §2.1]",
	"header.Session-Expires":      "refresh the session within this interval or it ends; names the refresher [RFC 4028 §4]",
	"header.Min-SE":               "the shortest session interval an element accepts, at least 90 s [RFC 4028 §5]",
	"header.P-Asserted-Identity":  "the sender's identity, verified and vouched for by a trusted proxy [RFC 3325 §9.1]",
	"header.P-Preferred-Identity": "the identity a UA would like a trusted proxy to assert for it [RFC 3325 §9.2]",
	"header.Path":                 "in REGISTER: proxies that requests to this user must pass through [RFC 3327 §4]",
	"header.Privacy":              "the privacy the user asks for: header, session, user, none, critical [RFC 3323 §4.2]",
	"header.Reason":               "why a request such as BYE or CANCEL was sent: a SIP or Q.850 cause [RFC 3326 §2]",
	"header.Identity":             "a signed token (PASSporT) vouching for the caller's number or URI [RFC 8224 §4]",
	"header.Max-Breadth":          "limits how many parallel branches forking may create for a request [RFC 5393 §5]",
	"header.unknown":              "an extension header this explainer does not know; kept as it is [RFC 3261 §7.3]",

	// Request methods.
	"method.INVITE":    "invites a user to a session (places a call); usually carries the SDP offer [RFC 3261 §13]",
	"method.ACK":       "confirms a final response to INVITE; it gets no response itself [RFC 3261 §13.2.2.4, §17.1.1.3]",
	"method.BYE":       "ends a session (hangs up); either side of the dialog may send it [RFC 3261 §15.1]",
	"method.CANCEL":    "cancels an INVITE not yet answered; the INVITE then gets 487 [RFC 3261 §9]",
	"method.OPTIONS":   "asks for capabilities (methods, extensions, body types) without ringing [RFC 3261 §11]",
	"method.REGISTER":  "binds an address-of-record to contact addresses at a registrar [RFC 3261 §10]",
	"method.INFO":      "carries application data inside an existing dialog, e.g. DTMF [RFC 6086 §4]",
	"method.MESSAGE":   "sends an instant message in pager mode, outside any dialog [RFC 3428]",
	"method.PRACK":     "confirms a reliable provisional response (100rel) [RFC 3262 §6]",
	"method.SUBSCRIBE": "asks to be notified of an event's state (e.g. presence) for a while [RFC 6665 §3.1]",
	"method.NOTIFY":    "reports the state of a subscribed event to the subscriber [RFC 6665 §3.2]",
	"method.REFER":     "asks the recipient to contact a third party (Refer-To), e.g. a transfer [RFC 3515 §2]",
	"method.UPDATE":    "changes session parameters (SDP) without a re-INVITE, even before answer [RFC 3311 §5]",
	"method.PUBLISH":   "uploads event state (e.g. presence) to a server that distributes it [RFC 3903 §4]",
	"method.unknown":   "unknown method: proxies forward it; a UAS without it sends 405 or 501 [RFC 3261 §8.2.1, §21.5.2]",

	// Response classes.
	"status.class.1": "1xx provisional: the request was received and is being processed [RFC 3261 §7.2, §21.1]",
	"status.class.2": "2xx success: the request was received, understood and accepted [RFC 3261 §7.2, §21.2]",
	"status.class.3": "3xx redirection: more is needed, e.g. retry at the Contact addresses [RFC 3261 §7.2, §21.3]",
	"status.class.4": "4xx client error: the request is wrong or cannot be done at this server [RFC 3261 §7.2, §21.4]",
	"status.class.5": "5xx server error: a valid request that the server failed to carry out [RFC 3261 §7.2, §21.5]",
	"status.class.6": "6xx global failure: no server can fulfil the request; stop trying [RFC 3261 §7.2, §21.6]",

	// Status codes: the reason phrase, then the meaning.
	"status.100.reason":     "Trying",
	"status.100":            "the next hop got the request and is working on it; INVITE retransmits stop [RFC 3261 §21.1.1]",
	"status.180.reason":     "Ringing",
	"status.180":            "the callee's user agent was reached and is alerting the user [RFC 3261 §21.1.2]",
	"status.181.reason":     "Call Is Being Forwarded",
	"status.181":            "the call is being forwarded to a different set of destinations [RFC 3261 §21.1.3]",
	"status.182.reason":     "Queued",
	"status.182":            "the callee cannot answer now; the call is queued, not rejected [RFC 3261 §21.1.4]",
	"status.183.reason":     "Session Progress",
	"status.183":            "progress information about the call, often with early media (SDP) [RFC 3261 §21.1.5]",
	"status.200.reason":     "OK",
	"status.200":            "the request succeeded; for INVITE the call is answered and must be ACKed [RFC 3261 §21.2.1]",
	"status.202.reason":     "Accepted",
	"status.202":            "accepted, result reported later (REFER); obsolete for SUBSCRIBE [RFC 3515 §2.4.2; RFC 6665 §8.3.1]",
	"status.300.reason":     "Multiple Choices",
	"status.300":            "several addresses could be tried; they are listed in Contact [RFC 3261 §21.3.1]",
	"status.301.reason":     "Moved Permanently",
	"status.301":            "the user has left this address for good; use the Contact address from now on [RFC 3261 §21.3.2]",
	"status.302.reason":     "Moved Temporarily",
	"status.302":            "retry at the Contact address, this time only; a redirect server's answer [RFC 3261 §21.3.3]",
	"status.305.reason":     "Use Proxy",
	"status.305":            "the request must be sent through the proxy named in Contact [RFC 3261 §21.3.4]",
	"status.380.reason":     "Alternative Service",
	"status.380":            "the call failed, but alternative services are described in the body [RFC 3261 §21.3.5]",
	"status.400.reason":     "Bad Request",
	"status.400":            "malformed request; the reason phrase should say what is wrong [RFC 3261 §21.4.1]",
	"status.401.reason":     "Unauthorized",
	"status.401":            "user authentication needed: answer the WWW-Authenticate challenge [RFC 3261 §21.4.2]",
	"status.402.reason":     "Payment Required",
	"status.402":            "reserved for future use [RFC 3261 §21.4.3]",
	"status.403.reason":     "Forbidden",
	"status.403":            "understood but refused; authenticating again will not help [RFC 3261 §21.4.4]",
	"status.404.reason":     "Not Found",
	"status.404":            "the user does not exist in the domain of the Request-URI [RFC 3261 §21.4.5]",
	"status.405.reason":     "Method Not Allowed",
	"status.405":            "the method is known but not allowed for this address; see Allow [RFC 3261 §21.4.6]",
	"status.406.reason":     "Not Acceptable",
	"status.406":            "the only content available is not acceptable per the Accept headers [RFC 3261 §21.4.7]",
	"status.407.reason":     "Proxy Authentication Required",
	"status.407":            "like 401, but a proxy asks: answer its Proxy-Authenticate challenge [RFC 3261 §21.4.8]",
	"status.408.reason":     "Request Timeout",
	"status.408":            "no final response in time (a UAC also reports it on Timer B/F) [RFC 3261 §8.1.3.1, §21.4.9]",
	"status.410.reason":     "Gone",
	"status.410":            "the user was here once but is gone for good, with no forwarding address [RFC 3261 §21.4.10]",
	"status.413.reason":     "Request Entity Too Large",
	"status.413":            "the body is larger than the server is willing to process [RFC 3261 §21.4.11]",
	"status.414.reason":     "Request-URI Too Long",
	"status.414":            "the Request-URI is longer than the server is willing to interpret [RFC 3261 §21.4.12]",
	"status.415.reason":     "Unsupported Media Type",
	"status.415":            "the body's type or encoding is not supported; see Accept [RFC 3261 §21.4.13]",
	"status.416.reason":     "Unsupported URI Scheme",
	"status.416":            "the scheme of the Request-URI is unknown to the server [RFC 3261 §21.4.14]",
	"status.420.reason":     "Bad Extension",
	"status.420":            "an extension in Require or Proxy-Require is not supported; see Unsupported [RFC 3261 §21.4.15]",
	"status.421.reason":     "Extension Required",
	"status.421":            "the UAS needs an extension, named in Require, that the request lacks [RFC 3261 §21.4.16]",
	"status.422.reason":     "Session Interval Too Small",
	"status.422":            "Session-Expires is below the minimum allowed; see Min-SE [RFC 4028 §6]",
	"status.423.reason":     "Interval Too Brief",
	"status.423":            "the requested expiry is too short; see Min-Expires [RFC 3261 §21.4.17]",
	"status.440.reason":     "Max-Breadth Exceeded",
	"status.440":            "too little Max-Breadth left for the parallel fork the proxy wanted [RFC 5393 §5]",
	"status.480.reason":     "Temporarily Unavailable",
	"status.480":            "the callee was found but cannot be reached now, e.g. not logged in [RFC 3261 §21.4.18]",
	"status.481.reason":     "Call/Transaction Does Not Exist",
	"status.481":            "no dialog or transaction matches, e.g. a BYE for a call that ended [RFC 3261 §21.4.19]",
	"status.482.reason":     "Loop Detected",
	"status.482":            "the server got this same request again: a routing loop [RFC 3261 §21.4.20]",
	"status.483.reason":     "Too Many Hops",
	"status.483":            "Max-Forwards reached 0 before the request arrived [RFC 3261 §21.4.21]",
	"status.484.reason":     "Address Incomplete",
	"status.484":            "the Request-URI is incomplete, e.g. too few digits dialled [RFC 3261 §21.4.22]",
	"status.485.reason":     "Ambiguous",
	"status.485":            "the Request-URI matches several users; Contact may list them [RFC 3261 §21.4.23]",
	"status.486.reason":     "Busy Here",
	"status.486":            "the callee's end system is busy; the user may be reachable elsewhere [RFC 3261 §21.4.24]",
	"status.487.reason":     "Request Terminated",
	"status.487":            "ended by a CANCEL or BYE; the answer a cancelled INVITE gets [RFC 3261 §21.4.25]",
	"status.488.reason":     "Not Acceptable Here",
	"status.488":            "the session description (SDP) is not acceptable at this end point [RFC 3261 §21.4.26]",
	"status.489.reason":     "Bad Event",
	"status.489":            "the event package named in Event is not understood [RFC 6665 §8.3.2]",
	"status.491.reason":     "Request Pending",
	"status.491":            "another request is pending in this dialog (re-INVITE glare) [RFC 3261 §21.4.27]",
	"status.493.reason":     "Undecipherable",
	"status.493":            "an encrypted S/MIME body could not be decrypted [RFC 3261 §21.4.28]",
	"status.500.reason":     "Server Internal Error",
	"status.500":            "an unexpected condition kept the server from completing the request [RFC 3261 §21.5.1]",
	"status.501.reason":     "Not Implemented",
	"status.501":            "the server does not support the method at all [RFC 3261 §21.5.2]",
	"status.502.reason":     "Bad Gateway",
	"status.502":            "a gateway or proxy got an invalid response from the next server [RFC 3261 §21.5.3]",
	"status.503.reason":     "Service Unavailable",
	"status.503":            "overloaded or under maintenance for now; Retry-After may say when [RFC 3261 §21.5.4]",
	"status.504.reason":     "Server Time-out",
	"status.504":            "no timely response from a server the request was passed on to [RFC 3261 §21.5.5]",
	"status.505.reason":     "Version Not Supported",
	"status.505":            "the SIP version of the request is not supported [RFC 3261 §21.5.6]",
	"status.513.reason":     "Message Too Large",
	"status.513":            "the message is longer than the server can process [RFC 3261 §21.5.7]",
	"status.600.reason":     "Busy Everywhere",
	"status.600":            "the callee is busy at every end system and will not take the call [RFC 3261 §21.6.1]",
	"status.603.reason":     "Decline",
	"status.603":            "the callee explicitly declined the call, on every end system [RFC 3261 §21.6.2]",
	"status.604.reason":     "Does Not Exist Anywhere",
	"status.604":            "the user in the Request-URI does not exist anywhere [RFC 3261 §21.6.3]",
	"status.606.reason":     "Not Acceptable",
	"status.606":            "the session description is not acceptable to the user anywhere [RFC 3261 §21.6.4]",
	"status.unknown.reason": "unrecognized status",
	"status.unknown":        "a code this explainer does not know; a UAC treats it as x00 of its class [RFC 3261 §8.1.3.2]",
}

var headersZH = map[string]string{
	// 头域，按 RFC 3261 §20 的顺序。
	"header.Accept":              "发送方在响应中可接受的消息体类型，如 application/sdp [RFC 3261 §20.1]",
	"header.Accept-Encoding":     "发送方可接受的消息体内容编码，如 gzip [RFC 3261 §20.2]",
	"header.Accept-Language":     "原因短语、消息体和告警文字的首选语言 [RFC 3261 §20.3]",
	"header.Alert-Info":          "在 INVITE 中为被叫指定振铃音，在 180 中为主叫指定回铃音 [RFC 3261 §20.4]",
	"header.Allow":               "发送该消息的用户代理所支持的方法 [RFC 3261 §20.5]",
	"header.Authentication-Info": "摘要认证成功后返回的信息：rspauth、下一个 nonce [RFC 3261 §20.6]",
	"header.Authorization":       "用户代理为应答 401 质询而向 UAS 或注册服务器出示的凭证 [RFC 3261 §20.7]",
	"header.Call-ID":             "唯一标识一次邀请，或某个客户端的全部注册 [RFC 3261 §8.1.1.4, §20.8]",
	"header.Call-Info":           "主叫或被叫的附加信息，如头像图标或网页 [RFC 3261 §20.9]",
	"header.Contact":             "可直接联系到发送方的 URI；在 REGISTER 中是要绑定的地址 [RFC 3261 §8.1.1.8, §20.10]",
	"header.Content-Disposition": "消息体的处理方式：session（SDP）、render、icon 或 alert [RFC 3261 §20.11]",
	"header.Content-Encoding":    "对消息体施加的内容编码，如 gzip [RFC 3261 §20.12]",
	"header.Content-Language":    "消息体所用的语言 [RFC 3261 §20.13]",
	"header.Content-Length":      "消息体的字节数；在 TCP 上靠它确定消息的结束位置 [RFC 3261 §18.3, §20.14]",
	"header.Content-Type":        "消息体的媒体类型，如 application/sdp [RFC 3261 §20.15]",
	"header.CSeq":                "序号加方法名：给请求排序，并把响应与请求对应起来 [RFC 3261 §8.1.1.5, §20.16]",
	"header.Date":                "发送时间：RFC 1123 格式，GMT（GB/T 28181：本地时间，如 2026-01-01T00:00:05.000） [RFC 3261 §20.17]",
	"header.Error-Info":          "指向错误响应补充信息的 URI，如一段录音提示 [RFC 3261 §20.18]",
	"header.Expires":             "有效期（秒），如注册的有效期或 INVITE 等待应答的时限 [RFC 3261 §20.19]",
	"header.From":                "请求的逻辑发起者；其 tag 标识对话中的这一方 [RFC 3261 §8.1.1.3, §20.20]",
	"header.In-Reply-To":         "本次呼叫所回应的 Call-ID，如回拨未接来电 [RFC 3261 §20.21]",
	"header.Max-Forwards":        "剩余跳数：每经过一个代理减一，减到 0 时以 483 拒绝 [RFC 3261 §8.1.1.6, §20.22]",
	"header.Min-Expires":         "注册服务器可接受的最短有效期，随 423 响应返回 [RFC 3261 §20.23]",
	"header.MIME-Version":        "消息所遵循的 MIME 版本 [RFC 3261 §20.24]",
	"header.Organization":        "发送方所属的组织 [RFC 3261 §20.25]",
	"header.Priority":            "主叫认定的紧急程度：non-urgent、normal、urgent、emergency [RFC 3261 §20.26]",
	"header.Proxy-Authenticate":  "代理服务器在 407 响应中发出的摘要认证质询（realm、nonce 等） [RFC 3261 §20.27]",
	"header.Proxy-Authorization": "用户代理为应答 407 质询而向代理服务器出示的凭证 [RFC 3261 §20.28]",
	"header.Proxy-Require":       "路径上的代理服务器必须支持的扩展（选项标签） [RFC 3261 §20.29]",
	"header.Record-Route":        "希望留在本对话后续请求路径上的代理服务器 [RFC 3261 §16.6, §20.30]",
	"header.Reply-To":            "回复时使用的逻辑地址，可以不同于 From [RFC 3261 §20.31]",
	"header.Require":             "接收方必须支持的扩展，不支持则回 420 [RFC 3261 §8.2.2.3, §20.32]",
	"header.Retry-After":         "多久之后可以重试（秒），见于 503、486、480、600 等响应 [RFC 3261 §20.33]",
	"header.Route":               "请求接下来必须经过的代理服务器，取自路由集 [RFC 3261 §16.4, §20.34]",
	"header.Server":              "UAS 处理该请求所用的软件 [RFC 3261 §20.35]",
	"header.Subject":             "呼叫的主题或摘要 [RFC 3261 §20.36]",
	"header.Supported":           "发送方支持的扩展（选项标签），如 100rel、timer [RFC 3261 §8.1.1.9, §20.37]",
	"header.Timestamp":           "UAC 发送请求的时间；对端原样带回，用于估算往返时延 [RFC 3261 §20.38]",
	"header.To":                  "请求的逻辑接收者；被叫会为其加上 tag [RFC 3261 §8.1.1.2, §20.39]",
	"header.Unsupported":         "接收方不支持的扩展，列在 420 响应中 [RFC 3261 §20.40]",
	"header.User-Agent":          "发出请求的 UAC 所用的软件 [RFC 3261 §20.41]",
	"header.Via":                 "请求经过的路径；响应沿原路逐跳返回 [RFC 3261 §8.1.1.7, §20.42]",
	"header.Warning":             "对响应的补充说明：三位告警码、发出者和说明文字 [RFC 3261 §20.43]",
	"header.WWW-Authenticate":    "UAS 或注册服务器在 401 响应中发出的摘要认证质询（realm、nonce、qop） [RFC 3261 §20.44]",

	// 其他 RFC 定义的头域。
	"header.Hide":                 "要求下一跳代理隐藏 Via（RFC 2543）；RFC 3261 已取消它，其代理原样转发此头 [RFC 2543 §6.22]",
	"header.Event":                "SUBSCRIBE 或 NOTIFY 所针对的事件包，如 presence [RFC 6665 §8.2.1]",
	"header.Allow-Events":         "发送方支持的事件包 [RFC 6665 §8.2.2]",
	"header.Subscription-State":   "NOTIFY 中订阅的状态：active、pending、terminated [RFC 6665 §8.2.3]",
	"header.RSeq":                 "可靠临时响应（100rel）的序号 [RFC 3262 §7.1]",
	"header.RAck":                 "PRACK 中所确认的临时响应的 RSeq 和 CSeq [RFC 3262 §7.2]",
	"header.Refer-To":             "REFER 中要求接收方去联系的 URI，如用于呼叫转移 [RFC 3515 §2.1]",
	"header.Session-Expires":      "会话须在此间隔内刷新，否则结束；并指明由哪一方刷新 [RFC 4028 §4]",
	"header.Min-SE":               "网元可接受的最短会话间隔，不少于 90 秒 [RFC 4028 §5]",
	"header.P-Asserted-Identity":  "经可信代理验证并担保的发送者身份 [RFC 3325 §9.1]",
	"header.P-Preferred-Identity": "用户代理希望可信代理为其断言的身份 [RFC 3325 §9.2]",
	"header.Path":                 "REGISTER 中记录的代理，发往该用户的请求须经过它们 [RFC 3327 §4]",
	"header.Privacy":              "用户要求的隐私保护：header、session、user、none、critical [RFC 3323 §4.2]",
	"header.Reason":               "发送 BYE、CANCEL 等请求的原因：SIP 或 Q.850 原因值 [RFC 3326 §2]",
	"header.Identity":             "为主叫号码或 URI 作担保的签名令牌（PASSporT） [RFC 8224 §4]",
	"header.Max-Breadth":          "限制一个请求经分叉可并行产生的分支数 [RFC 5393 §5]",
	"header.unknown":              "本解释器不认识的扩展头域，按原样保留 [RFC 3261 §7.3]",

	// 请求方法。
	"method.INVITE":    "邀请用户加入会话（发起呼叫），通常携带 SDP 提议 [RFC 3261 §13]",
	"method.ACK":       "确认 INVITE 的最终响应；ACK 本身没有响应 [RFC 3261 §13.2.2.4, §17.1.1.3]",
	"method.BYE":       "结束会话（挂断），对话的任何一方都可以发送 [RFC 3261 §15.1]",
	"method.CANCEL":    "取消尚未应答的 INVITE，该 INVITE 随后得到 487 [RFC 3261 §9]",
	"method.OPTIONS":   "查询对方能力（方法、扩展、消息体类型），不会振铃 [RFC 3261 §11]",
	"method.REGISTER":  "在注册服务器上把记录地址（AOR）绑定到联系地址 [RFC 3261 §10]",
	"method.INFO":      "在已建立的对话中传送应用层信息，如 DTMF [RFC 6086 §4]",
	"method.MESSAGE":   "以寻呼模式发送即时消息，不建立对话 [RFC 3428]",
	"method.PRACK":     "确认可靠的临时响应（100rel） [RFC 3262 §6]",
	"method.SUBSCRIBE": "订阅某一事件的状态（如 presence），在有效期内接收通知 [RFC 6665 §3.1]",
	"method.NOTIFY":    "向订阅者报告所订阅事件的状态 [RFC 6665 §3.2]",
	"method.REFER":     "要求接收方去联系第三方（Refer-To 所指），如呼叫转移 [RFC 3515 §2]",
	"method.UPDATE":    "不用 re-INVITE 即可修改会话参数（SDP），接通前也可使用 [RFC 3311 §5]",
	"method.PUBLISH":   "向服务器发布事件状态（如 presence），由服务器分发 [RFC 3903 §4]",
	"method.unknown":   "不认识的方法：代理照常转发，不支持它的 UAS 回 405 或 501 [RFC 3261 §8.2.1, §21.5.2]",

	// 响应类别。
	"status.class.1": "1xx 临时响应：请求已收到，正在处理 [RFC 3261 §7.2, §21.1]",
	"status.class.2": "2xx 成功：请求已被成功接收、理解并接受 [RFC 3261 §7.2, §21.2]",
	"status.class.3": "3xx 重定向：还需进一步操作，如改向 Contact 中的地址重试 [RFC 3261 §7.2, §21.3]",
	"status.class.4": "4xx 客户端错误：请求有误，或无法在本服务器完成 [RFC 3261 §7.2, §21.4]",
	"status.class.5": "5xx 服务器错误：请求有效，但服务器未能完成 [RFC 3261 §7.2, §21.5]",
	"status.class.6": "6xx 全局失败：任何服务器都无法完成该请求，不必再试 [RFC 3261 §7.2, §21.6]",

	// 状态码：原因短语及含义。
	"status.100.reason":     "正在尝试",
	"status.100":            "下一跳已收到请求并在处理；INVITE 的重传随之停止 [RFC 3261 §21.1.1]",
	"status.180.reason":     "振铃",
	"status.180":            "已到达被叫的用户代理，正在振铃提醒用户 [RFC 3261 §21.1.2]",
	"status.181.reason":     "呼叫正在转发",
	"status.181":            "呼叫正被转发到另一组目的地 [RFC 3261 §21.1.3]",
	"status.182.reason":     "排队",
	"status.182":            "被叫暂时无法接听，呼叫已排队等候而非被拒绝 [RFC 3261 §21.1.4]",
	"status.183.reason":     "会话进展",
	"status.183":            "呼叫的进展信息，常携带早期媒体（SDP） [RFC 3261 §21.1.5]",
	"status.200.reason":     "成功",
	"status.200":            "请求成功；对 INVITE 而言表示呼叫已接通，须回 ACK [RFC 3261 §21.2.1]",
	"status.202.reason":     "已接受",
	"status.202":            "已接受，结果稍后报告（REFER）；SUBSCRIBE 已不再使用 [RFC 3515 §2.4.2; RFC 6665 §8.3.1]",
	"status.300.reason":     "多种选择",
	"status.300":            "有多个地址可供尝试，列在 Contact 中 [RFC 3261 §21.3.1]",
	"status.301.reason":     "永久迁移",
	"status.301":            "用户已永久离开该地址，今后应使用 Contact 中的地址 [RFC 3261 §21.3.2]",
	"status.302.reason":     "临时迁移",
	"status.302":            "本次改向 Contact 中的地址重试；重定向服务器的典型应答 [RFC 3261 §21.3.3]",
	"status.305.reason":     "使用代理",
	"status.305":            "请求必须经由 Contact 中指定的代理发送 [RFC 3261 §21.3.4]",
	"status.380.reason":     "替代服务",
	"status.380":            "呼叫未成功，但可改用消息体中描述的替代服务 [RFC 3261 §21.3.5]",
	"status.400.reason":     "错误请求",
	"status.400":            "请求格式错误，原因短语应指明错在哪里 [RFC 3261 §21.4.1]",
	"status.401.reason":     "未授权",
	"status.401":            "需要用户鉴权：应答 WWW-Authenticate 质询后重发 [RFC 3261 §21.4.2]",
	"status.402.reason":     "需要付费",
	"status.402":            "保留，供将来使用 [RFC 3261 §21.4.3]",
	"status.403.reason":     "禁止",
	"status.403":            "服务器理解请求但拒绝执行，重新鉴权也无济于事 [RFC 3261 §21.4.4]",
	"status.404.reason":     "未找到",
	"status.404":            "请求 URI 所在的域中不存在该用户 [RFC 3261 §21.4.5]",
	"status.405.reason":     "方法不允许",
	"status.405":            "方法可以识别，但不允许用于该地址；见 Allow [RFC 3261 §21.4.6]",
	"status.406.reason":     "不可接受",
	"status.406":            "能提供的内容都不符合请求中 Accept 等头域的要求 [RFC 3261 §21.4.7]",
	"status.407.reason":     "需要代理鉴权",
	"status.407":            "与 401 类似，但由代理服务器质询：应答 Proxy-Authenticate 后重发 [RFC 3261 §21.4.8]",
	"status.408.reason":     "请求超时",
	"status.408":            "未能及时得到最终响应（定时器 B/F 超时时 UAC 也会自行报告） [RFC 3261 §8.1.3.1, §21.4.9]",
	"status.410.reason":     "已不存在",
	"status.410":            "该用户曾在此存在，但已永久离开，且无转发地址 [RFC 3261 §21.4.10]",
	"status.413.reason":     "请求实体过大",
	"status.413":            "消息体超出服务器愿意处理的大小 [RFC 3261 §21.4.11]",
	"status.414.reason":     "请求 URI 过长",
	"status.414":            "请求 URI 超出服务器愿意解析的长度 [RFC 3261 §21.4.12]",
	"status.415.reason":     "不支持的媒体类型",
	"status.415":            "不支持消息体的类型或编码；见 Accept [RFC 3261 §21.4.13]",
	"status.416.reason":     "不支持的 URI 方案",
	"status.416":            "服务器不认识请求 URI 的方案（scheme） [RFC 3261 §21.4.14]",
	"status.420.reason":     "错误的扩展",
	"status.420":            "不支持 Require 或 Proxy-Require 中的扩展；见 Unsupported [RFC 3261 §21.4.15]",
	"status.421.reason":     "需要扩展",
	"status.421":            "UAS 需要请求中未提供的扩展，列在 Require 中 [RFC 3261 §21.4.16]",
	"status.422.reason":     "会话间隔太小",
	"status.422":            "Session-Expires 低于允许的最小值；见 Min-SE [RFC 4028 §6]",
	"status.423.reason":     "间隔太短",
	"status.423":            "请求的有效期太短；见 Min-Expires [RFC 3261 §21.4.17]",
	"status.440.reason":     "超出最大分叉宽度",
	"status.440":            "剩余的 Max-Breadth 不够代理进行所需的并行分叉 [RFC 5393 §5]",
	"status.480.reason":     "暂时不可用",
	"status.480":            "已找到被叫，但暂时无法接通，如未登录 [RFC 3261 §21.4.18]",
	"status.481.reason":     "呼叫/事务不存在",
	"status.481":            "没有与之匹配的对话或事务，如对已结束的呼叫发 BYE [RFC 3261 §21.4.19]",
	"status.482.reason":     "检测到环路",
	"status.482":            "服务器再次收到同一请求，说明存在路由环路 [RFC 3261 §21.4.20]",
	"status.483.reason":     "跳数过多",
	"status.483":            "请求到达之前 Max-Forwards 已减为 0 [RFC 3261 §21.4.21]",
	"status.484.reason":     "地址不完整",
	"status.484":            "请求 URI 不完整，如拨号位数不足 [RFC 3261 §21.4.22]",
	"status.485.reason":     "地址不明确",
	"status.485":            "请求 URI 匹配多个用户，Contact 中可列出候选 [RFC 3261 §21.4.23]",
	"status.486.reason":     "此处忙",
	"status.486":            "被叫的终端正忙，但用户也许能在别处接通 [RFC 3261 §21.4.24]",
	"status.487.reason":     "请求已终止",
	"status.487":            "请求被 CANCEL 或 BYE 终止；被取消的 INVITE 得到此响应 [RFC 3261 §21.4.25]",
	"status.488.reason":     "此处不可接受",
	"status.488":            "此终端不接受该会话描述（SDP） [RFC 3261 §21.4.26]",
	"status.489.reason":     "错误的事件",
	"status.489":            "不认识 Event 中的事件包 [RFC 6665 §8.3.2]",
	"status.491.reason":     "请求待处理",
	"status.491":            "本对话中另一请求尚未完成（re-INVITE 冲突） [RFC 3261 §21.4.27]",
	"status.493.reason":     "无法解密",
	"status.493":            "无法解密 S/MIME 加密的消息体 [RFC 3261 §21.4.28]",
	"status.500.reason":     "服务器内部错误",
	"status.500":            "服务器遇到意外情况，无法完成请求 [RFC 3261 §21.5.1]",
	"status.501.reason":     "未实现",
	"status.501":            "服务器根本不支持该请求方法 [RFC 3261 §21.5.2]",
	"status.502.reason":     "网关错误",
	"status.502":            "网关或代理从下一个服务器收到了无效响应 [RFC 3261 §21.5.3]",
	"status.503.reason":     "服务不可用",
	"status.503":            "服务器暂时过载或在维护；Retry-After 可指明何时重试 [RFC 3261 §21.5.4]",
	"status.504.reason":     "服务器超时",
	"status.504":            "请求转给的下一个服务器未能及时响应 [RFC 3261 §21.5.5]",
	"status.505.reason":     "版本不支持",
	"status.505":            "不支持请求所用的 SIP 版本 [RFC 3261 §21.5.6]",
	"status.513.reason":     "消息过大",
	"status.513":            "消息长度超出服务器的处理能力 [RFC 3261 §21.5.7]",
	"status.600.reason":     "全忙",
	"status.600":            "被叫在所有终端上都忙，不会接听该呼叫 [RFC 3261 §21.6.1]",
	"status.603.reason":     "拒绝",
	"status.603":            "被叫明确拒绝了这次呼叫（在所有终端上） [RFC 3261 §21.6.2]",
	"status.604.reason":     "任何地方都不存在",
	"status.604":            "请求 URI 中的用户在任何地方都不存在 [RFC 3261 §21.6.3]",
	"status.606.reason":     "不可接受",
	"status.606":            "用户在任何地方都不接受该会话描述 [RFC 3261 §21.6.4]",
	"status.unknown.reason": "未知状态",
	"status.unknown":        "本解释器不认识的状态码；UAC 将其视同本类的 x00 [RFC 3261 §8.1.3.2]",
}

// compactForms maps the one-letter compact header names (RFC 3261 §7.3.3 and
// the extensions' own sections) of the headers above to their full names.
var compactForms = map[string]string{
	"i": "Call-ID", "m": "Contact", "e": "Content-Encoding", "l": "Content-Length",
	"c": "Content-Type", "f": "From", "s": "Subject", "k": "Supported", "t": "To",
	"v": "Via", "o": "Event", "u": "Allow-Events", "r": "Refer-To",
	"x": "Session-Expires", "y": "Identity",
}

// headerKeys maps a lower-case header name to its catalog key.
var headerKeys = func() map[string]string {
	m := map[string]string{}
	for key := range headersEN {
		if name, ok := strings.CutPrefix(key, "header."); ok && key != "header.unknown" {
			m[strings.ToLower(name)] = key
		}
	}
	for short, long := range compactForms {
		m[short] = "header." + long
	}
	return m
}()

// HeaderKey returns the catalog key that explains the header field name, in
// any case or in compact form ("via", "v" and "Via" all give "header.Via"), or
// "header.unknown" for a header the catalog does not know.
func HeaderKey(name string) string {
	if key, ok := headerKeys[strings.ToLower(strings.TrimSpace(name))]; ok {
		return key
	}
	return "header.unknown"
}

// MethodKey returns the catalog key that explains a request method, or
// "method.unknown". Methods are case-sensitive (RFC 3261 §7.1): "invite" is
// not INVITE.
func MethodKey(method string) string {
	key := "method." + method
	if _, ok := headersEN[key]; ok && method != "unknown" {
		return key
	}
	return "method.unknown"
}

// StatusKey returns the catalog key that explains a status code, such as
// "status.486", or "status.unknown" for a code the catalog does not know. The
// reason phrase is always at StatusKey(code) + ".reason".
func StatusKey(code int) string {
	key := "status." + strconv.Itoa(code)
	if _, ok := headersEN[key]; ok {
		return key
	}
	return "status.unknown"
}

// ClassKey returns the catalog key that explains the class of a status code
// ("status.class.4" for 486), or "status.unknown" outside 100–699.
func ClassKey(code int) string {
	if code < 100 || code > 699 {
		return "status.unknown"
	}
	return "status.class." + strconv.Itoa(code/100)
}
