package i18n

// What the SIP elements say about what they do: the summaries of notes,
// timers and state changes, and the reasons attached to the messages they
// send (the RFC section travels separately, in the trace's reasons).
//
//	node.tx.*         the transaction layer (RFC 3261 §17)
//	node.timer.*      timer events ("Timer A fired: retransmit INVITE")
//	node.transport.*  the transport layer (§18)
//	node.ua.*         user agents (§8, §13, §15, §22)
//	node.proxy.*      proxies (§16), node.redirect.*, node.registrar.*,
//	node.auth.*       node.location.*: the servers

var nodesEN = map[string]string{
	"node.tx.ict":            "INVITE client",
	"node.tx.nict":           "non-INVITE client",
	"node.tx.ist":            "INVITE server",
	"node.tx.nist":           "non-INVITE server",
	"node.tx.ict.state":      "INVITE client transaction for %s: %s → %s",                // method, old state, new state
	"node.tx.nict.state":     "non-INVITE client transaction for %s: %s → %s",            // method, old state, new state
	"node.tx.ist.state":      "INVITE server transaction for %s: %s → %s",                // method, old state, new state
	"node.tx.nist.state":     "non-INVITE server transaction for %s: %s → %s",            // method, old state, new state
	"node.tx.retransmit":     "retransmission on Timer %s",                               // timer letter
	"node.tx.resend":         "the last response, %s, sent again",                        // status code
	"node.tx.absorbed":       "retransmitted %s absorbed by the server transaction (%s)", // method, state
	"node.tx.absorbed.why":   "the transaction answers the copy with its last response; the element above never sees it",
	"node.tx.ack.non2xx":     "ACK for a non-2xx final response, inside the INVITE transaction: same branch",
	"node.tx.ack.again":      "the final response came again: ACK it again",
	"node.tx.auto100":        "no provisional response from the element within 200 ms: the transaction sends 100 Trying",
	"node.timer.retransmit":  "Timer %s fired: retransmit %s",                                                           // timer letter, method
	"node.timer.resend":      "Timer %s fired: retransmit the %s",                                                       // timer letter, status code
	"node.timer.next":        "next retransmission in %s",                                                               // interval
	"node.timer.timeout":     "Timer %s fired: %s timed out",                                                            // timer letter, method
	"node.timer.timeout.why": "%s = %s passed without a final response",                                                 // formula, duration
	"node.timer.c.why":       "Timer C (%s, more than 3 minutes) passed without a final response on this INVITE branch", // duration
	"node.timer.noack":       "Timer %s fired: the ACK never came",                                                      // timer letter
	"node.timer.end":         "Timer %s fired: the %s transaction ends",                                                 // timer letter, method

	"node.transport.large":           "%s bytes is more than %s: the request goes over TCP, not UDP", // size, limit
	"node.transport.notmine":         "a response whose top Via is not this element's is discarded",
	"node.transport.notmine.why":     "responses retrace the Vias; a wrong one means a misrouted message",
	"node.transport.badrequest":      "the request does not parse (%s): answer 400", // parser error
	"node.transport.badrequest.drop": "a request that does not parse and names no Via is discarded",
	"node.transport.badresponse":     "a response that does not parse is discarded",
	"node.transport.noroute":         "no address to send the response to",

	"node.ua.invite":               "call %s: INVITE with an SDP offer (%s)", // target, codecs
	"node.ua.outbound":             "preloaded Route %s: to the outbound proxy first, whatever the Request-URI says",
	"node.ua.invite.msrp":          "a session for the message to %s: INVITE with an MSRP offer (%s)",
	"node.ua.msrp.answer":          "the MSRP session is accepted; its messages come to %s",
	"node.ua.msrp.session":         "MSRP session set up with %s",
	"node.ua.msrp.send":            "%s bytes of %s go in MSRP SEND requests on that TCP connection, not in SIP",
	"node.ua.message.large":        "the MESSAGE would be %s bytes, over pager mode's %s: it is not sent",
	"node.ua.message.large.why":    "RFC 3428 §8: only if no hop lacks congestion control; else a session (MSRP)",
	"node.ua.hide":                 "asks the next proxy to hide its Via (Hide: hop)",
	"node.ua.progress":             "the call progresses: %s %s",                                                                       // code, reason
	"node.ua.established":          "dialog %s established",                                                                            // dialog id
	"node.ua.established.why":      "remote target %s, %s route(s) in the route set",                                                   // URI, count
	"node.ua.target":               "remote target refreshed: %s",                                                                      // URI
	"node.ua.target.why":           "a target refresh's Contact replaces the remote target %s (RFC 3261 §12.2)",                        // old URI
	"node.ua.move.reinvite":        "new address %s: a re-INVITE whose Contact and SDP c= carry it, for the peer's requests and media", // IP
	"node.ua.move.failed":          "the phone could not move",
	"node.ua.sdpanswer":            "SDP answer: %s", // codecs
	"node.ua.ack2xx":               "ACK for the 2xx: a transaction of its own, end to end along the route set",
	"node.ua.ack2xx.again":         "the 2xx came again: send the same ACK",
	"node.ua.redirected":           "%s: try the new address %s with the same Call-ID and a higher CSeq", // code, URI
	"node.ua.failover":             "no answer from %s: the same INVITE, with a new branch only, to the next server %s",
	"node.ua.failover503":          "%s answered 503 Service Unavailable: the same INVITE, with a new branch only, to the next server %s",
	"node.ua.bye":                  "hang up: BYE within the dialog",
	"node.ua.bye.callee":           "the callee hangs up: BYE with From and To swapped",
	"node.ua.bye.cancelled":        "the call was answered while the caller was cancelling it: the caller still gives up, with BYE",
	"node.ua.ended":                "dialog %s ended", // dialog id
	"node.ua.cancel":               "give up the unanswered call: CANCEL, on the INVITE's branch",
	"node.ua.giveup":               "nobody answered within %s: the caller gives up",                                  // ring timeout
	"node.fault.respond":           "injected fault (respond): this element answers the request %s %s",                // code, reason phrase
	"node.fault.retryafter":        "Retry-After: %s tells the client how many seconds to wait before it tries again", // seconds
	"node.ua.info":                 "INFO within the dialog",
	"node.ua.reinvite":             "re-INVITE within the dialog with a new offer (%s)", // codecs
	"node.ua.supported100rel":      "Supported: 100rel: the caller can acknowledge reliable provisional responses",
	"node.ua.reliable":             "183 Session Progress sent reliably: Require: 100rel, RSeq %s; retransmitted until a PRACK", // RSeq
	"node.ua.earlymedia":           "the early answer (%s): media may flow before the call is answered",                         // codecs
	"node.ua.resendreliable":       "the reliable provisional response (RSeq %s) is not PRACKed yet: retransmit it",             // RSeq
	"node.ua.resendreliable.why":   "retransmission of the reliable provisional response, the interval doubling from T1",
	"node.ua.noprack":              "no PRACK for 64·T1",
	"node.ua.noprack.why":          "the UAS rejects the INVITE with a 5xx",
	"node.ua.prack.ok":             "PRACK for RAck %s: the reliable provisional response is acknowledged; its retransmissions stop", // RAck
	"node.ua.prack.nomatch":        "the PRACK's RAck %q names no unacknowledged reliable provisional response",                      // RAck
	"node.ua.prack":                "PRACK within the early dialog: RAck names RSeq %s and the INVITE's CSeq %s",                     // RSeq, CSeq
	"node.ua.badrseq":              "a reliable provisional response with a bad RSeq %q: not acknowledged",                           // RSeq
	"node.ua.reliable.again":       "RSeq %s again: a retransmission of a response already PRACKed, discarded",                       // RSeq
	"node.ua.early":                "early dialog %s created by the reliable provisional response",                                   // dialog id
	"node.ua.earlymedia.received":  "early media: the SDP answer in the provisional response (%s)",                                   // codecs
	"node.ua.answer.early":         "the SDP answer already went in the reliable 183: the 200 carries none",
	"node.ua.update":               "UPDATE within the dialog with a new offer (%s)",                               // codecs
	"node.ua.update.early":         "UPDATE within the early dialog: a new offer (%s) before the call is answered", // codecs
	"node.ua.updated":              "the UPDATE's offer is answered in its 200",
	"node.ua.answer.waitprack":     "the callee answers, but the 200 waits for the PRACK of the reliable 183, which carried SDP",
	"node.ua.hold":                 "hold: a re-INVITE whose offer (%s) is sendonly, so that the peer stops sending media", // codecs
	"node.ua.resume":               "resume: a re-INVITE whose offer (%s) is sendrecv again",                               // codecs
	"node.ua.sdpanswer.direction":  "SDP answer: %s, %s",                                                                   // codecs, direction
	"node.ua.register":             "register %s with this contact address",                                                // AOR
	"node.ua.register.remove":      "remove the binding of %s (Expires: 0)",                                                // AOR
	"node.ua.register.removeall":   "remove every binding of %s (Contact: *)",                                              // AOR
	"node.ua.register.query":       "ask for the bindings of %s (no Contact)",                                              // AOR
	"node.ua.register.longer":      "423: register again, asking for the %s s of Min-Expires",                              // seconds
	"node.ua.message":              "MESSAGE to %s carrying %s bytes",                                                      // URI, body size
	"node.ua.options":              "ask %s for its capabilities",                                                          // URI
	"node.ua.noroute":              "no route to %s",                                                                       // URI
	"node.ua.done":                 "%s done: %s %s",                                                                       // method, code, reason
	"node.ua.failed":               "%s failed: %s %s",                                                                     // method, code, reason
	"node.ua.authfailed":           "%s refused again with %s: the password is wrong",                                      // method, code
	"node.ua.authfailed.why":       "a UA answers a challenge once; a second challenge means the credentials are wrong, so it stops",
	"node.ua.timeout":              "%s timed out: treated as 408 Request Timeout", // method
	"node.ua.timeout.why":          "no response before Timer B or F (64·T1 = 32 s)",
	"node.ua.badchallenge":         "cannot answer the %s challenge",                   // header name
	"node.ua.digest":               "digest response computed with %s",                 // algorithm
	"node.ua.retryauth":            "send the request again with %s, answering the %s", // header name, code
	"node.ua.baddialog":            "the dialog cannot be built from this message",
	"node.ua.ringing":              "the phone rings: 180 Ringing",
	"node.ua.queued":               "the call waits in a queue (callers ahead: %s): 182 Queued says so",
	"node.ua.answer":               "the callee answers: 200 OK",
	"node.ua.reject":               "the callee refuses: %s %s",      // code, reason
	"node.ua.rejectacked":          "the caller acknowledged the %s", // code
	"node.ua.resendok":             "2xx timer fired: retransmit the 200 OK",
	"node.ua.resendok.why":         "the UAS retransmits its 2xx, T1 doubling up to T2, until the ACK arrives",
	"node.ua.noack":                "no ACK within 64·T1: the callee ends the call",
	"node.ua.noack.why":            "a 2xx never acknowledged means the caller is gone; the UAS sends BYE",
	"node.ua.confirmed":            "dialog %s confirmed by the ACK", // dialog id
	"node.ua.confirmed.why":        "the callee stops retransmitting its 200 OK",
	"node.ua.ackreceived":          "ACK received for dialog %s", // dialog id
	"node.ua.nocodec":              "no codec in common with the offer: 488 Not Acceptable Here",
	"node.ua.nodialog":             "no dialog matches the request: 481",
	"node.ua.byereceived":          "the other side hung up: 200 OK, dialog %s ends", // dialog id
	"node.ua.terminated":           "the INVITE ends with 487 Request Terminated",
	"node.ua.cancel.ok":            "the CANCEL matches the ringing INVITE: 200 OK for the CANCEL",
	"node.ua.cancel.nomatch":       "no INVITE matches the CANCEL: 481",
	"node.gb.keepalive":            "GB28181 keepalive %s: a MESSAGE with a MANSCDP Notify, CmdType Keepalive, sent every %s s",    // SN, period
	"node.gb.keepalive.ok":         "keepalive from %s: 200 OK; offline if none comes in the next %s s",                            // device, wait
	"node.gb.catalog":              "Catalog response to the query SN %s: a MESSAGE with a MANSCDP Response listing %s channel(s)", // SN, count
	"node.gb.offline":              "device %s offline: %s keepalives missed",                                                      // device, count
	"node.gb.offline.why":          "a keepalive is due every %s s; after three periods without one the platform marks the device offline",
	"node.gb.play":                 "live video of channel %s: INVITE with Subject and a Play offer, recvonly, PS/H.264/MPEG-4, SSRC y=%s", // channel, SSRC
	"node.gb.play.answer":          "Play answer: the device sends %s from port %s, sendonly, with the offer's SSRC y=%s",                  // format, port, SSRC
	"node.gb.play.stream":          "Play answered: the device sends its RTP video, SSRC %s, from its port %s to the port of the offer",    // SSRC, port
	"node.gb.nochannel":            "%s is not a channel of this device: 404",                                                              // channel
	"node.ua.message.received":     "MESSAGE received (%s, %s bytes): 200 OK",                                                              // content type, size
	"node.ua.info.received":        "INFO received (%s bytes): 200 OK",                                                                     // size
	"node.ua.strayack":             "an ACK for no known call is ignored",
	"node.ua.strayresponse":        "a response matching no transaction is ignored: %s", // start line
	"node.options":                 "OPTIONS answered with the capabilities: Allow, Accept, Accept-Encoding, Accept-Language, Supported",
	"node.options.sdp":             "application/sdp is accepted: the body describes the media capabilities, port 0 (no stream)",
	"node.method.refused":          "%s is not allowed here: 405 with the Allow header", // method
	"node.cancel.late":             "nothing is pending: 200 for the CANCEL only",
	"node.ua.subscribe":            "SUBSCRIBE to the %s state of %s: the Event names the package, Accept its body type", // package, target
	"node.ua.subscribed":           "subscription accepted for %s s: its dialog is created; the state comes in NOTIFYs",  // seconds
	"node.ua.badevent":             "489 Bad Event: the event package %q is not one the UA knows",                        // package
	"node.ua.badsubscribe":         "the SUBSCRIBE lacks what a dialog needs (From, To, CSeq)",
	"node.ua.subscription":         "subscription granted for %s s: a dialog with this To tag, and Expires says how long", // seconds
	"node.ua.notify.initial":       "the NOTIFY sent at once with the current state (%s), in the subscription's dialog",   // status
	"node.ua.presence":             "presence changes to %s",                                                              // status
	"node.ua.notify.change":        "the presence changed (%s): a NOTIFY with the new document to the subscriber",         // status
	"node.ua.subscription.expired": "subscription %s expired without a refresh",                                           // dialog id
	"node.ua.notify.timeout":       "a last NOTIFY: Subscription-State terminated;reason=timeout, the subscription and its dialog end",
	"node.ua.nosubscription":       "481: the NOTIFY belongs to no subscription of the UA",
	"node.ua.notified":             "NOTIFY received (%s): 200", // Subscription-State
	"node.ua.notify.early":         "the NOTIFY came before the 200 of the SUBSCRIBE: it creates the subscription's dialog",
	"node.ua.notified.terminated":  "NOTIFY received (%s): 200, and the subscription is over", // Subscription-State

	"node.proxy.trying":             "100 Trying at once, so that the caller stops retransmitting the INVITE",
	"node.proxy.toomanyhops":        "Max-Forwards is 0: the request may not be forwarded, 483 Too Many Hops",
	"node.proxy.loop":               "the request already carries this proxy's Via with the same loop key: a loop, 482",
	"node.proxy.notmine":            "%s is not this proxy's domain: forward the request as addressed",                               // host
	"node.proxy.otherport":          "%s:%s is another server at the domain's host, not a user of the domain: forward as addressed",  // host, port
	"node.lab.foreign":              "%s is not this server's domain %s: refused with 403, never relayed (the lab is no open relay)", // host, domain
	"node.lab.foreign.ack":          "an ACK for %s, outside the lab's dialogs: discarded, never relayed",                            // host
	"node.lab.toolarge":             "dropped a message of %s bytes from %s: the lab reads messages of at most %s bytes",             // size, address, limit
	"node.proxy.route":              "the top Route %s names this proxy, a loose router: it removes it and routes the request on",
	"node.proxy.located":            "the location service maps %s to %s", // AOR, contact
	"node.proxy.flow":               "%s registered from behind a NAT: sent to %s, where its REGISTER came from (the flow)",
	"node.proxy.ruri":               "Request-URI rewritten to %s",                                                   // URI
	"node.proxy.maxforwards":        "Max-Forwards %s → %s",                                                          // before, after
	"node.proxy.recordroute":        "Record-Route %s added to stay on the dialog's path",                            // header value
	"node.proxy.via":                "own Via pushed, branch %s",                                                     // branch
	"node.proxy.hide":               "Hide: hop: the previous hop's Via (%s) kept in the table, its index forwarded", // Via
	"node.proxy.unhide":             "the hidden Via put back: %s",
	"node.proxy.hidden":             "Via table: entry %s holds the hidden Via",                                                   // index
	"node.alg.sdp":                  "ALG: SDP %s stream at %s rewritten to the relay %s (c= and m=): media goes through the ALG", // media type, address, relay
	"node.alg.bind":                 "media relay %s ↔ %s",                                                                        // address, relay
	"node.alg.bind.why":             "the ALG ends the stream at a relay port of its own and bridges it to the other side (RFC 3665 §3.5)",
	"node.alg.release":              "the call ends: the ALG closes its %s media relay(s)", // count
	"node.alg.closed":               "media relay %s ↔ %s closed",                          // address, relay
	"node.proxy.hide.freed":         "Via table: entry %s freed, its transaction has its final response",
	"node.proxy.hide.later":         "Via table: entry %s kept %s more, for the 2xx's retransmissions, then freed",
	"node.proxy.hide.expired":       "Via table: entry %s freed, no retransmission of its 2xx can come now",
	"node.proxy.hide.ack":           "Hide: hop: the previous hop's Via (%s) hidden as index %s, kept nowhere: no response answers an ACK",
	"node.proxy.restored":           "Via table: entry %s restored on the response",  // index                                                   // Via
	"node.proxy.popvia":             "own Via removed (branch %s)",                   // branch
	"node.proxy.provisional":        "the provisional response %s forwarded at once", // code
	"node.proxy.2xx":                "a 2xx is forwarded at once",
	"node.proxy.best":               "every branch has failed: the best response, %s, goes upstream", // code
	"node.proxy.timeout":            "a branch's %s timed out: it counts as a 408",                   // method
	"node.proxy.cancel":             "the pending branch is cancelled",
	"node.proxy.cancel.ok":          "the CANCEL matches a pending INVITE: 200, and its branches are cancelled",
	"node.proxy.cancel.nomatch":     "no transaction matches the CANCEL: 481",
	"node.proxy.ownack":             "the ACK of the proxy's own final response: absorbed, not forwarded",
	"node.proxy.stray":              "no client transaction matches this %s: it is forwarded statelessly, own Via (branch %s) removed", // status code, branch
	"node.proxy.consumed":           "Proxy-Authorization for realm %s removed: credentials for this proxy, which consumes them",       // realm
	"node.proxy.cancel.6xx":         "another branch answered %s: this one is cancelled; the 6xx goes up once every branch has ended",  // status code
	"node.proxy.6xx.wait":           "%s received: a 6xx is not forwarded at once; the pending branches are cancelled first",           // status code
	"node.proxy.6xx.wait.why":       "RFC 2543 forwarded it at once; RFC 3261 waits for the branches to end, so no 2xx can follow a 6xx",
	"node.proxy.timerc.cancel":      "Timer C fired on a branch that has had a provisional response: the branch is cancelled",
	"node.proxy.sequential":         "sequential search: %s, the highest q (%s), is tried alone; %s other target(s) wait", // contact, q, count
	"node.proxy.next":               "the branch failed (%s): the next target in q order, %s (q=%s), is tried",            // status code, contact, q
	"node.proxy.noanswer":           "no answer within %s from %s",                                                        // duration, contact
	"node.proxy.noanswer.why":       "the proxy's no-answer time for a branch of a sequential search (local policy, shorter than Timer C)",
	"node.proxy.noanswer.cancel":    "the branch rang too long without an answer: it is cancelled, and the next target will be tried",
	"node.proxy.stateless":          "the %s is forwarded statelessly",                                // method
	"node.proxy.stateless.response": "own Via removed (branch %s); the response goes to the next Via", // branch

	"node.redirect.moved":    "%s has %s contact(s): 302 lists them in Contact", // AOR, count
	"node.registrar.domain":  "%s is not this registrar's domain %s: 404",       // host, domain
	"node.registrar.bad":     "bad REGISTER: %s",                                // error
	"node.registrar.star":    "Contact: * needs Expires: 0 and no other Contact: 400",
	"node.registrar.brief":   "an expiry of %s s is shorter than the %s s this registrar accepts: 423 with Min-Expires",             // asked, minimum
	"node.registrar.stale":   "CSeq %s is not newer than %s, the binding's, with the same Call-ID %s: the update is aborted, 500",   // new, stored, Call-ID
	"node.registrar.shorter": "%s asked for %s s; the registrar grants %s s, less than asked, and says so in the Contact's expires", // contact, asked, granted
	"node.registrar.ok":      "bindings of %s updated: 200 lists all %s",                                                            // AOR, count
	"node.registrar.flow":    "%s registered from %s, not from where it leads, with rport: a NAT is between; requests go there",
	"node.registrar.query":   "no Contact, so a query: 200 lists the bindings of %s (%s)", // AOR, count
	"node.auth.challenge":    "no %s header: challenge with a fresh nonce",                // header name
	"node.auth.malformed":    "the credentials do not parse (%s): challenge again",        // error
	"node.auth.stale":        "the nonce is stale (%s): challenge again with stale=true",  // reason
	"node.auth.failed":       "the credentials of %s are refused (%s): challenge again",   // user, reason
	"node.auth.ok":           "the credentials of %s are verified",                        // user
	"node.auth.ok.why":       "the response matches the one computed from the stored password",

	// siplab lab: replays, overload, messages too large
	"node.lab.overload":      "overloaded: %s requests answered 503 Service Unavailable at once, %s messages already waiting",      // count, bound
	"node.lab.overload.why":  "with Retry-After: %s, the client retries later or elsewhere rather than wait in an endless queue",   // seconds
	"node.lab.hostcap":       "%s requests from new addresses answered 503: %s endpoints already, none idle enough to free",        // count, MaxHosts
	"node.lab.toolarge.read": "a %s of %s bytes from %s, over the limit of %s: only its start line and Via are read",               // method, size, address, limit
	"node.lab.toolarge.513":  "513 Message Too Large: the lab reads requests of at most %s bytes, and says so rather than drop it", // limit
	"node.auth.replay":       "nonce count %s of %s is not above the highest accepted for this nonce: a replay, refused",           // nc, user
	"node.auth.replay.fresh": "a fresh nonce with stale=true: the real client answers it at once, a copied request cannot",

	"node.location.query":       "where is %s?",                                                                    // AOR
	"node.location.found":       "→ %s",                                                                            // contacts
	"node.location.none":        "no binding for %s",                                                               // AOR
	"node.location.unavailable": "%s is a user of this domain but has no binding now: 480 Temporarily Unavailable", // AOR
	"node.location.unknown":     "%s is not a user of this domain: 404 Not Found",                                  // AOR
	"node.location.why":         "the location service answers from the bindings the registrar stored",
	"node.location.bind":        "bind %s → %s for %s s",      // AOR, contact, seconds
	"node.location.refresh":     "refresh %s → %s for %s s",   // AOR, contact, seconds
	"node.location.remove":      "remove %s → %s",             // AOR, contact
	"node.location.clear":       "remove every binding of %s", // AOR

	// A CANCEL that waits on its INVITE client transaction (§9.1).
	"node.tx.cancel.wait":     "no provisional response to the %s yet: its CANCEL waits for one", // method
	"node.tx.cancel.wait.why": "a CANCEL may only follow a provisional response; if a final response comes first, none is sent",
	"node.tx.cancel.go":       "the %s is the provisional response the CANCEL waited for",                              // status code
	"node.tx.cancel.moot":     "the %s to the %s came before any provisional response: the waiting CANCEL is not sent", // status code, method
	"node.tx.cancel.moot.why": "a CANCEL has no effect on a request that already has its final response",
	"node.timer.cancelled":    "64·T1 after its CANCEL, the %s has no final response: its transaction is given up", // method

	"node.fault.down": "injected fault %s: the node goes down; from now on it neither sends nor receives", // spec
	// Call transfer (RFC 3515 REFER, RFC 3892 Referred-By, RFC 3891 Replaces).
	"node.ua.refer":               "REFER: asks the peer to call %s (Refer-To), naming this user as the referrer (Referred-By)", // target
	"node.ua.refer.replaces":      "attended transfer: Refer-To %s carries, escaped, a Replaces naming the consultation %s",     // target, Call-ID
	"node.ua.refer.count":         "a REFER needs exactly one Refer-To; this one has %s: 400",                                   // count
	"node.ua.refer.bad":           "the Refer-To %s is not a SIP URI this UA can call: 400",                                     // value
	"node.ua.refer.outside":       "a REFER outside any call: this UA follows REFERs only within a call, 403",
	"node.ua.refer.accepted":      "REFER accepted with 202: an implicit subscription to the refer event, and a call to %s", // target
	"node.ua.notify.refer.trying": "the refer subscription's first NOTIFY, at once: its message/sipfrag says SIP/2.0 100 Trying",
	"node.ua.notify.refer.final":  "the call to the target ended with %s: the last NOTIFY carries it, terminated;reason=noresource", // status line
	"node.ua.transfer.none":       "no established call to transfer to %s: no REFER",                                                // target
	"node.ua.transfer.progress":   "the transfer's progress, from the sipfrag: %s",                                                  // status line
	"node.ua.bye.transferred":     "unattended transfer: the transferee accepted the REFER, so the transferor hangs up",
	"node.ua.bye.attended":        "attended transfer: the sipfrag reports the target's 2xx, so the transferor hangs up the held call",
	"node.ua.invite.referred":     "the call the REFER asked for carries the referrer: Referred-By %s",             // header value
	"node.ua.invite.replaces":     "Replaces %s, from the Refer-To URI, unescaped: this call replaces that dialog", // header value
	"node.ua.replaces.nomatch":    "Replaces %s matches no established call of this UA: 481",                       // header value
	"node.ua.replaces":            "the INVITE replaces call %s: it is answered at once, without ringing",          // dialog id
	"node.ua.bye.replaced":        "the new call is confirmed: call %s, which it replaces, is ended with BYE",      // dialog id
	// Third-party call control (RFC 3725) and session timers (RFC 4028).
	"node.ua.invite.nooffer":      "call %s: INVITE without SDP; the 200 will carry the callee's offer",                   // target
	"node.ua.invite.theiroffer":   "call %s: INVITE carrying another party's SDP offer (%s)",                              // target, codecs
	"node.ua.sdpoffer.in2xx":      "the 200 carries an SDP offer (%s): the answer goes in the ACK",                        // codecs
	"node.ua.ack.waits":           "no ACK yet: the answer must come from the other party",                                //
	"node.ua.ack.waits.why":       "until it comes, the callee retransmits its 200 and, after 64·T1, gives up with a BYE", //
	"node.ua.ack.stillwaits":      "the 200 came again, but the ACK still waits for the other party's answer",             //
	"node.ua.ack.answer":          "the ACK carries the SDP answer to the 200's offer (%s)",                               // codecs
	"node.ua.answer.offer":        "the INVITE had no offer: the 200 carries the SDP offer (%s)",                          // codecs
	"node.ua.ack.gotanswer":       "the ACK carries the SDP answer (%s): the session is set up",                           // codecs
	"node.ua.ack.refused":         "the ACK's SDP answer refuses the stream (port 0): no media flow",
	"node.ua.ack.noanswer":        "the ACK carries no SDP answer to the 200's offer",                                     //
	"node.ua.updated.nooffer":     "the UPDATE carries no offer, so its 200 carries no answer",                            //
	"node.ua.3pcc":                "click-to-dial: connect %s with %s as a third-party controller",                        // party A, party B
	"node.ua.3pcc.ack":            "the ACK to the first party carries %s's SDP answer from its 200",                      // party B
	"node.ua.3pcc.bye":            "the controller ends its dialog with %s",                                               // party
	"node.ua.3pcc.refuse":         "%s did not answer: the ACK refuses the offered stream (port 0)",                       // party B
	"node.ua.timer.ask":           "Supported: timer and Session-Expires: %s: the caller asks for a session timer",        // seconds
	"node.ua.timer.longer":        "422 named Min-SE %s: the INVITE again, asking for that in Session-Expires and Min-SE", // seconds
	"node.ua.timer.toosmall":      "Session-Expires %s is below this UA's Min-SE %s: 422 Session Interval Too Small",      // seconds, seconds
	"node.ua.timer.grant":         "session interval %s s; refresher=%s; Require: timer",                                  // seconds, uac|uas
	"node.ua.timer.refresher":     "session timer %s s: this UA refreshes the session in %s s",                            // interval, half
	"node.ua.timer.watch":         "session timer %s s: without a refresh, this UA sends BYE in %s s",                     // interval, seconds
	"node.ua.timer.refresh.fire":  "session timer: %s s, half the interval, passed: time to refresh",                      // seconds
	"node.ua.timer.refresh":       "session refresh %s: an UPDATE without SDP, Session-Expires with refresher=uac",        // count
	"node.ua.timer.refreshfailed": "the refresh got %s: the session is over; BYE",                                         // status
	"node.ua.timer.expiring":      "session timer: the session was not refreshed within its %s s interval",                // seconds
	"node.ua.timer.expiring.why":  "the UA sends BYE min(32 s, interval/3) before the session would expire",               //
	"node.ua.timer.bye":           "the session was not refreshed: BYE before it expires",                                 //
}

var nodesZH = map[string]string{
	"node.tx.ict":            "INVITE 客户端",
	"node.tx.nict":           "非 INVITE 客户端",
	"node.tx.ist":            "INVITE 服务器端",
	"node.tx.nist":           "非 INVITE 服务器端",
	"node.tx.ict.state":      "INVITE 客户端事务（%s）：%s → %s",
	"node.tx.nict.state":     "非 INVITE 客户端事务（%s）：%s → %s",
	"node.tx.ist.state":      "INVITE 服务器端事务（%s）：%s → %s",
	"node.tx.nist.state":     "非 INVITE 服务器端事务（%s）：%s → %s",
	"node.tx.retransmit":     "定时器 %s 触发的重传",
	"node.tx.resend":         "再次发送最近的响应 %s",
	"node.tx.absorbed":       "重传的 %s 被服务器事务吸收（%s）",
	"node.tx.absorbed.why":   "事务用最近的响应回答这个副本，上层元素不会看到它",
	"node.tx.ack.non2xx":     "对非 2xx 最终响应的 ACK 属于 INVITE 事务：branch 相同",
	"node.tx.ack.again":      "最终响应再次到达：再发一次 ACK",
	"node.tx.auto100":        "上层 200 毫秒内未发临时响应：事务自动发送 100 Trying",
	"node.timer.retransmit":  "定时器 %s 触发：重传 %s",
	"node.timer.resend":      "定时器 %s 触发：重传 %s 响应",
	"node.timer.next":        "下次重传间隔 %s",
	"node.timer.timeout":     "定时器 %s 触发：%s 超时",
	"node.timer.timeout.why": "%s = %s 内没有收到最终响应",
	"node.timer.c.why":       "定时器 C（%s，大于 3 分钟）内这个 INVITE 分支没有收到最终响应",
	"node.timer.noack":       "定时器 %s 触发：始终没有收到 ACK",
	"node.timer.end":         "定时器 %s 触发：%s 事务结束",

	"node.transport.large":           "%s 字节超过 %s：请求改用 TCP 而不是 UDP 发送",
	"node.transport.notmine":         "顶端 Via 不属于本元素的响应被丢弃",
	"node.transport.notmine.why":     "响应沿 Via 原路返回；Via 不对说明消息被错误路由",
	"node.transport.badrequest":      "请求无法解析（%s）：回 400",
	"node.transport.badrequest.drop": "无法解析且没有 Via 的请求被丢弃",
	"node.transport.badresponse":     "无法解析的响应被丢弃",
	"node.transport.noroute":         "找不到响应的发送地址",

	"node.ua.invite":               "呼叫 %s：发送带 SDP 提议的 INVITE（%s）",
	"node.ua.outbound":             "带预置的 Route %s，不论 Request-URI 是什么，先发给外拨代理",
	"node.ua.invite.msrp":          "为发给 %s 的消息建立会话：发送带 MSRP 提议（%s）的 INVITE",
	"node.ua.msrp.answer":          "接受 MSRP 会话；消息发到 %s",
	"node.ua.msrp.session":         "与 %s 建立了 MSRP 会话",
	"node.ua.msrp.send":            "%s 字节的 %s 内容在该 TCP 连接上用 MSRP SEND 请求传送，不经过 SIP",
	"node.ua.message.large":        "MESSAGE 将有 %s 字节，超过寻呼模式的 %s 字节：不发送",
	"node.ua.message.large.why":    "RFC 3428 §8：除非每一跳都有拥塞控制，否则改用会话（MSRP）",
	"node.ua.hide":                 "请求下一跳代理隐藏自己的 Via（Hide: hop）",
	"node.ua.progress":             "呼叫进展：%s %s",
	"node.ua.established":          "对话 %s 已建立",
	"node.ua.established.why":      "远端目标 %s，路由集中有 %s 条路由",
	"node.ua.target":               "远端目标已刷新：%s",
	"node.ua.target.why":           "目标刷新请求或其 2xx 的 Contact 取代原远端目标 %s（RFC 3261 §12.2）",
	"node.ua.move.reinvite":        "话机的新地址是 %s：re-INVITE 的 Contact 和 SDP c= 行都带上它，让对方把请求和媒体发到那里",
	"node.ua.move.failed":          "话机无法移动",
	"node.ua.sdpanswer":            "SDP 应答：%s",
	"node.ua.ack2xx":               "对 2xx 的 ACK 自成一个事务，沿路由集端到端发送",
	"node.ua.ack2xx.again":         "2xx 再次到达：重发同一个 ACK",
	"node.ua.redirected":           "%s：用相同的 Call-ID 和更大的 CSeq 尝试新地址 %s",
	"node.ua.failover":             "%s 没有应答：把同一个 INVITE（只换新的 branch）发给下一个服务器 %s",
	"node.ua.failover503":          "%s 回了 503 Service Unavailable：把同一个 INVITE（只换新的 branch）发给下一个服务器 %s",
	"node.ua.bye":                  "挂断：在对话内发送 BYE",
	"node.ua.bye.callee":           "被叫挂断：BYE 中的 From 与 To 互换",
	"node.ua.bye.cancelled":        "主叫正在取消呼叫时对方接听了：主叫仍然放弃，发送 BYE 挂断",
	"node.ua.ended":                "对话 %s 结束",
	"node.ua.cancel":               "放弃无人接听的呼叫：发送 CANCEL，branch 与 INVITE 相同",
	"node.ua.giveup":               "%s 内无人接听：主叫放弃",
	"node.fault.respond":           "注入的故障（respond）：本元素以 %s %s 应答该请求",
	"node.fault.retryafter":        "Retry-After: %s 告诉客户端要等多少秒再重试",
	"node.ua.info":                 "在对话内发送 INFO",
	"node.ua.reinvite":             "在对话内发送带新提议的 re-INVITE（%s）",
	"node.ua.supported100rel":      "Supported: 100rel：主叫能确认可靠的临时响应",
	"node.ua.reliable":             "可靠地发送 183 Session Progress：Require: 100rel，RSeq %s；在收到 PRACK 之前重传",
	"node.ua.earlymedia":           "早期应答（%s）：呼叫被应答之前媒体即可流动",
	"node.ua.resendreliable":       "可靠临时响应（RSeq %s）尚未收到 PRACK：重传",
	"node.ua.resendreliable.why":   "重传可靠临时响应，间隔从 T1 起逐次加倍",
	"node.ua.noprack":              "64·T1 内未收到 PRACK",
	"node.ua.noprack.why":          "UAS 以 5xx 拒绝该 INVITE",
	"node.ua.prack.ok":             "RAck 为 %s 的 PRACK：可靠临时响应得到确认，停止重传",
	"node.ua.prack.nomatch":        "PRACK 的 RAck %q 不对应任何未确认的可靠临时响应",
	"node.ua.prack":                "在早期对话内发送 PRACK：RAck 给出 RSeq %s 和 INVITE 的 CSeq %s",
	"node.ua.badrseq":              "可靠临时响应的 RSeq %q 有误：不予确认",
	"node.ua.reliable.again":       "再次收到 RSeq %s：已 PRACK 的响应的重传，丢弃",
	"node.ua.early":                "可靠临时响应建立了早期对话 %s",
	"node.ua.earlymedia.received":  "早期媒体：临时响应中的 SDP 应答（%s）",
	"node.ua.answer.early":         "SDP 应答已在可靠的 183 中发出：200 不再携带",
	"node.ua.update":               "在对话内发送带新提议的 UPDATE（%s）",
	"node.ua.update.early":         "在早期对话内发送 UPDATE：在呼叫被应答之前给出新提议（%s）",
	"node.ua.updated":              "UPDATE 的提议在其 200 中得到应答",
	"node.ua.answer.waitprack":     "被叫接听，但 200 要等到携带 SDP 的可靠 183 得到 PRACK 之后才发送",
	"node.ua.hold":                 "保持：发送 re-INVITE，其提议（%s）为 sendonly，对方因此停止发送媒体",
	"node.ua.resume":               "恢复：发送 re-INVITE，其提议（%s）重新为 sendrecv",
	"node.ua.sdpanswer.direction":  "SDP 应答：%s，%s",
	"node.ua.register":             "用本机联系地址注册 %s",
	"node.ua.register.remove":      "删除 %s 的绑定（Expires: 0）",
	"node.ua.register.removeall":   "删除 %s 的全部绑定（Contact: *）",
	"node.ua.register.query":       "查询 %s 的绑定（不带 Contact）",
	"node.ua.register.longer":      "收到 423：按 Min-Expires 的 %s 秒重新注册",
	"node.ua.message":              "向 %s 发送 MESSAGE，消息体 %s 字节",
	"node.ua.options":              "询问 %s 的能力",
	"node.ua.noroute":              "没有到 %s 的路由",
	"node.ua.done":                 "%s 完成：%s %s",
	"node.ua.failed":               "%s 失败：%s %s",
	"node.ua.authfailed":           "%s 再次被 %s 拒绝：密码错误",
	"node.ua.authfailed.why":       "UA 只应答一次质询；再次被质询说明凭据有误，于是停止重试",
	"node.ua.timeout":              "%s 超时：按 408 Request Timeout 处理",
	"node.ua.timeout.why":          "在定时器 B 或 F（64·T1 = 32 秒）到期前没有收到响应",
	"node.ua.badchallenge":         "无法应答 %s 质询",
	"node.ua.digest":               "用 %s 计算摘要响应",
	"node.ua.retryauth":            "带上 %s 重新发送请求，应答 %s 质询",
	"node.ua.baddialog":            "无法根据这条消息建立对话",
	"node.ua.ringing":              "话机振铃：180 Ringing",
	"node.ua.queued":               "呼叫正在排队，前面还有 %s 个：用 182 Queued 告知主叫",
	"node.ua.answer":               "被叫接听：200 OK",
	"node.ua.reject":               "被叫拒绝：%s %s",
	"node.ua.rejectacked":          "主叫已确认 %s 响应",
	"node.ua.resendok":             "2xx 重传定时器触发：重发 200 OK",
	"node.ua.resendok.why":         "UAS 重传 2xx 直到收到 ACK，间隔从 T1 起加倍，最长 T2",
	"node.ua.noack":                "64·T1 内没有收到 ACK：被叫结束呼叫",
	"node.ua.noack.why":            "2xx 始终未被确认说明主叫已不在；UAS 发送 BYE",
	"node.ua.confirmed":            "对话 %s 已由 ACK 确认",
	"node.ua.confirmed.why":        "被叫停止重传 200 OK",
	"node.ua.ackreceived":          "收到对话 %s 的 ACK",
	"node.ua.nocodec":              "与提议没有共同的编解码器：488 Not Acceptable Here",
	"node.ua.nodialog":             "没有与请求匹配的对话：481",
	"node.ua.byereceived":          "对方挂断：回 200 OK，对话 %s 结束",
	"node.ua.terminated":           "INVITE 以 487 Request Terminated 结束",
	"node.ua.cancel.ok":            "CANCEL 与正在振铃的 INVITE 匹配：对 CANCEL 回 200 OK",
	"node.ua.cancel.nomatch":       "没有与 CANCEL 匹配的 INVITE：481",
	"node.gb.keepalive":            "GB28181 心跳 %s：携带 MANSCDP Notify（CmdType 为 Keepalive）的 MESSAGE，每 %s 秒一次",
	"node.gb.keepalive.ok":         "收到 %s 的心跳：回 200 OK；若之后 %s 秒内没有心跳则判为离线",
	"node.gb.catalog":              "对序号 SN %s 查询的目录应答：携带 MANSCDP Response 的 MESSAGE，列出 %s 个通道",
	"node.gb.offline":              "设备 %s 离线：连续 %s 次心跳未到",
	"node.gb.offline.why":          "平台期望每 %s 秒收到一次心跳；连续三个周期没有收到就把设备标为离线",
	"node.gb.play":                 "点播通道 %s 的实时视频：发送带 Subject 和 Play 提议的 INVITE，recvonly，PS/H.264/MPEG-4，SSRC y=%s",
	"node.gb.play.answer":          "Play 应答：设备从端口 %[2]s 发送 %[1]s，sendonly，SSRC 沿用提议中的 y=%[3]s",
	"node.gb.play.stream":          "Play 已应答：设备将从其端口 %[2]s 向提议中的端口发送 RTP 视频，SSRC 为 %[1]s",
	"node.gb.nochannel":            "%s 不是本设备的通道：404",
	"node.ua.message.received":     "收到 MESSAGE（%s，%s 字节）：回 200 OK",
	"node.ua.info.received":        "收到 INFO（%s 字节）：回 200 OK",
	"node.ua.strayack":             "忽略不属于任何呼叫的 ACK",
	"node.ua.strayresponse":        "忽略不匹配任何事务的响应：%s",
	"node.options":                 "以能力信息应答 OPTIONS：Allow、Accept、Accept-Encoding、Accept-Language、Supported",
	"node.options.sdp":             "对方接受 application/sdp：消息体描述媒体能力，端口为 0（不建立媒体流）",
	"node.method.refused":          "此处不允许 %s：回 405 并附 Allow 头",
	"node.cancel.late":             "没有待处理的请求：只对 CANCEL 回 200",
	"node.ua.subscribe":            "SUBSCRIBE 订阅 %s 状态，对象为 %s：Event 指明事件包，Accept 指明其消息体类型",
	"node.ua.subscribed":           "订阅被接受，有效期 %s 秒：订阅的对话建立，状态由 NOTIFY 送达",
	"node.ua.badevent":             "489 Bad Event：本用户代理不认识事件包 %q",
	"node.ua.badsubscribe":         "SUBSCRIBE 缺少建立对话所需的内容（From、To、CSeq）",
	"node.ua.subscription":         "订阅被准许，有效期 %s 秒：用此 To tag 建立对话，Expires 说明有效期",
	"node.ua.notify.initial":       "立即在订阅的对话内发送携带当前状态（%s）的 NOTIFY",
	"node.ua.presence":             "呈现状态变为 %s",
	"node.ua.notify.change":        "呈现状态改变（%s）：向订阅者发送携带新文档的 NOTIFY",
	"node.ua.subscription.expired": "订阅 %s 未被刷新而到期",
	"node.ua.notify.timeout":       "最后一个 NOTIFY：Subscription-State 为 terminated;reason=timeout，订阅及其对话结束",
	"node.ua.nosubscription":       "481：该 NOTIFY 不属于本用户代理的任何订阅",
	"node.ua.notified":             "收到 NOTIFY（%s）：回 200",
	"node.ua.notify.early":         "NOTIFY 先于 SUBSCRIBE 的 200 到达：由它建立订阅的对话",
	"node.ua.notified.terminated":  "收到 NOTIFY（%s）：回 200，订阅结束",

	"node.proxy.trying":             "立即回 100 Trying，让主叫停止重传 INVITE",
	"node.proxy.toomanyhops":        "Max-Forwards 为 0：请求不能再转发，回 483 Too Many Hops",
	"node.proxy.loop":               "请求中已有本代理的 Via 且环路标识相同：出现环路，回 482",
	"node.proxy.notmine":            "%s 不是本代理负责的域：按原地址转发",
	"node.proxy.otherport":          "%s:%s 是本域主机上的另一个服务器，不是本域的用户：按原地址转发",
	"node.lab.foreign":              "%s 不是本服务器的域 %s：回 403 拒绝，绝不转发（实验服务器不做开放中继）",
	"node.lab.foreign.ack":          "发往 %s 的 ACK 不属于本服务器的对话：丢弃，绝不转发",
	"node.lab.toolarge":             "丢弃了来自 %[2]s 的 %[1]s 字节的消息：实验服务器只读取不超过 %[3]s 字节的消息",
	"node.proxy.route":              "最上面的 Route %s 指向本代理：去掉它，由下一个 Route 或 Request-URI 继续路由（松散路由）",
	"node.proxy.located":            "定位服务把 %s 映射到 %s",
	"node.proxy.flow":               "%s 是在 NAT 后面注册的：发往它的 REGISTER 的来源 %s（流）",
	"node.proxy.ruri":               "Request-URI 改写为 %s",
	"node.proxy.maxforwards":        "Max-Forwards 从 %s 减为 %s",
	"node.proxy.recordroute":        "加入 Record-Route %s，留在对话的路径上",
	"node.proxy.via":                "压入自己的 Via，branch 为 %s",
	"node.proxy.hide":               "Hide: hop：上一跳的 Via（%s）存入表中，只转发其编号",
	"node.proxy.unhide":             "恢复被隐藏的 Via：%s",
	"node.proxy.hidden":             "Via 表：第 %s 项保存被隐藏的 Via",
	"node.alg.sdp":                  "ALG：SDP 中位于 %[2]s 的 %[1]s 流改写为中继 %[3]s（c= 和 m=）：媒体经过 ALG",
	"node.alg.bind":                 "媒体中继 %s ↔ %s",
	"node.alg.bind.why":             "ALG 在自己的一个中继端口上终结这个流，并把它与另一方的流桥接起来（RFC 3665 §3.5）",
	"node.alg.release":              "呼叫结束：ALG 关闭它的 %s 个媒体中继",
	"node.alg.closed":               "媒体中继 %s ↔ %s 已关闭",
	"node.proxy.hide.freed":         "Via 表：第 %s 项已释放，它的事务已收到最终响应",
	"node.proxy.hide.later":         "Via 表：第 %s 项再保留 %s，供 2xx 重传使用，然后释放",
	"node.proxy.hide.expired":       "Via 表：第 %s 项已释放，其 2xx 不会再重传",
	"node.proxy.hide.ack":           "Hide: hop：上一跳的 Via（%s）换成编号 %s，但不存入表中：ACK 没有响应",
	"node.proxy.restored":           "Via 表：第 %s 项已恢复到响应中",
	"node.proxy.popvia":             "去掉自己的 Via（branch 为 %s）",
	"node.proxy.provisional":        "立即转发临时响应 %s",
	"node.proxy.2xx":                "2xx 响应立即转发",
	"node.proxy.best":               "所有分支都失败：把最好的响应 %s 发往上游",
	"node.proxy.timeout":            "某分支的 %s 超时：视为 408",
	"node.proxy.cancel":             "取消尚未结束的分支",
	"node.proxy.cancel.ok":          "CANCEL 与待处理的 INVITE 匹配：回 200，并取消其各分支",
	"node.proxy.cancel.nomatch":     "没有与 CANCEL 匹配的事务：481",
	"node.proxy.ownack":             "对本代理自己发出的最终响应的 ACK：吸收，不转发",
	"node.proxy.stray":              "没有与此 %s 匹配的客户端事务：以无状态方式转发，去掉自己的 Via（branch 为 %s）",
	"node.proxy.consumed":           "去掉 realm 为 %s 的 Proxy-Authorization：这些凭据是给本代理的，由本代理使用掉",
	"node.proxy.cancel.6xx":         "另一分支已回 %s，取消这个尚未结束的分支；所有分支结束后才把 6xx 发往上游",
	"node.proxy.6xx.wait":           "收到 %s：6xx 不立即转发，先取消尚未结束的分支",
	"node.proxy.6xx.wait.why":       "RFC 2543 要求立即转发；RFC 3261 改为等各分支结束，这样主叫不会在 6xx 之后又收到 2xx",
	"node.proxy.sequential":         "顺序查找：只先试 q 值最高（%[2]s）的 %[1]s；其余 %[3]s 个目标等待",
	"node.proxy.next":               "该分支失败（%s）：按 q 值顺序试下一个目标 %s（q=%s）",
	"node.proxy.noanswer":           "%[2]s 在 %[1]s 内无人接听",
	"node.proxy.noanswer.why":       "代理为顺序查找的每个分支设定的无应答时间（本地策略，比定时器 C 短）",
	"node.proxy.noanswer.cancel":    "该分支振铃过久无人接听：取消它，然后试下一个目标",
	"node.proxy.timerc.cancel":      "已收到临时响应的分支上定时器 C 触发：取消该分支",
	"node.proxy.stateless":          "以无状态方式转发 %s",
	"node.proxy.stateless.response": "去掉自己的 Via（branch 为 %s）；响应发往下一个 Via",

	"node.redirect.moved":    "%s 有 %s 个联系地址：302 把它们列在 Contact 中",
	"node.registrar.domain":  "%s 不是本注册服务器的域 %s：回 404",
	"node.registrar.bad":     "REGISTER 有误：%s",
	"node.registrar.star":    "Contact: * 要求 Expires: 0 且不能有其他 Contact：回 400",
	"node.registrar.brief":   "有效期 %s 秒短于本注册服务器接受的 %s 秒：回 423 并附 Min-Expires",
	"node.registrar.stale":   "Call-ID 同为 %[3]s，CSeq %[1]s 却不比绑定的 %[2]s 新：放弃更新，回 500",
	"node.registrar.shorter": "%s 请求 %s 秒；注册服务器只给 %s 秒，少于所请求的，并在 Contact 的 expires 中说明",
	"node.registrar.ok":      "已更新 %s 的绑定：200 列出全部 %s 个",
	"node.registrar.flow":    "%s 从 %s 注册，而不是从它所指之处，并带 rport：中间有 NAT；请求将发往那里",
	"node.registrar.query":   "没有 Contact，即查询：200 列出 %s 的绑定（%s 个）",
	"node.auth.challenge":    "没有 %s 头：用新的 nonce 发起质询",
	"node.auth.malformed":    "凭据无法解析（%s）：重新质询",
	"node.auth.stale":        "nonce 已过期（%s）：带 stale=true 重新质询",
	"node.auth.failed":       "%s 的凭据被拒绝（%s）：重新质询",
	"node.auth.ok":           "%s 的凭据验证通过",
	"node.auth.ok.why":       "response 与用存储的密码算出的结果一致",

	"node.lab.overload":      "过载：已有 %[2]s 条消息等待处理，%[1]s 个请求被立即回以 503 Service Unavailable",
	"node.lab.overload.why":  "带 Retry-After: %s，客户端稍后重试或改投别处，而不是在无尽的队列里等待",
	"node.lab.hostcap":       "%[1]s 个来自新地址的请求被回以 503：已有 %[2]s 个端点，没有一个空闲到可以释放",
	"node.lab.toolarge.read": "来自 %[3]s 的 %[1]s 请求有 %[2]s 字节，超过上限 %[4]s：只读取其起始行和 Via",
	"node.lab.toolarge.513":  "513 Message Too Large：实验服务器只读取不超过 %s 字节的请求，并如实告知，而不是默默丢弃",
	"node.auth.replay":       "%[2]s 的 nonce 计数 %[1]s 不大于该 nonce 已接受的最大值：这是重放的请求，拒绝",
	"node.auth.replay.fresh": "给出新的 nonce 并带 stale=true：真正的客户端会立即重新应答，复制来的请求则无法应答",

	"node.location.query":       "%s 在哪里？",
	"node.location.found":       "位于 %s",
	"node.location.none":        "没有 %s 的绑定",
	"node.location.unavailable": "%s 是本域的用户，但现在没有绑定：回 480 Temporarily Unavailable",
	"node.location.unknown":     "%s 不是本域的用户：回 404 Not Found",
	"node.location.why":         "定位服务根据注册服务器保存的绑定作答",
	"node.location.bind":        "绑定 %s → %s，有效期 %s 秒",
	"node.location.refresh":     "刷新 %s → %s，有效期 %s 秒",
	"node.location.remove":      "删除 %s → %s",
	"node.location.clear":       "删除 %s 的全部绑定",

	"node.tx.cancel.wait":     "%s 尚未收到临时响应：它的 CANCEL 须等待临时响应",
	"node.tx.cancel.wait.why": "CANCEL 只能在收到临时响应之后发送；若最终响应先到，就不再发送",
	"node.tx.cancel.go":       "%s 就是 CANCEL 一直在等的临时响应",
	"node.tx.cancel.moot":     "对 %[2]s 的 %[1]s 先于任何临时响应到达：等待中的 CANCEL 不再发送",
	"node.tx.cancel.moot.why": "请求已有最终响应，CANCEL 对它不再起作用",
	"node.timer.cancelled":    "发出 CANCEL 后已过 64·T1，%s 仍无最终响应：放弃该事务",

	"node.fault.down": "注入的故障 %s：节点宕机，此后既不发送也不接收",

	// 呼叫转移（RFC 3515 REFER、RFC 3892 Referred-By、RFC 3891 Replaces）。
	"node.ua.refer":               "REFER：请对方呼叫 %s（Refer-To），并注明本用户为转介者（Referred-By）",
	"node.ua.refer.replaces":      "协商转移的 REFER：Refer-To %s 中以转义形式携带 Replaces 头域，指明咨询通话 %s",
	"node.ua.refer.count":         "REFER 必须恰好有一个 Refer-To，这个有 %s 个：400",
	"node.ua.refer.bad":           "Refer-To %s 不是本 UA 能呼叫的 SIP URI：400",
	"node.ua.refer.outside":       "通话之外的 REFER：本 UA 只在通话内执行 REFER，403",
	"node.ua.refer.accepted":      "以 202 接受 REFER：建立对 refer 事件的隐式订阅，并呼叫 %s",
	"node.ua.notify.refer.trying": "refer 订阅的第一个 NOTIFY，立即发送：其 message/sipfrag 消息体为 SIP/2.0 100 Trying",
	"node.ua.notify.refer.final":  "对目标的呼叫以 %s 结束：最后一个 NOTIFY 携带它，terminated;reason=noresource",
	"node.ua.transfer.none":       "没有可转给 %s 的已建立通话：不发送 REFER",
	"node.ua.transfer.progress":   "从 sipfrag 得知转移进展：%s",
	"node.ua.bye.transferred":     "盲转：被转移方已接受 REFER，转移方挂断与它的通话",
	"node.ua.bye.attended":        "协商转移：sipfrag 报告目标已回 2xx，转移方挂断与被转移方的保持中的通话",
	"node.ua.invite.referred":     "REFER 请求的这次呼叫携带转介者：Referred-By %s",
	"node.ua.invite.replaces":     "Replaces %s，取自 Refer-To URI 并已反转义：这次呼叫要在目标处替换该对话",
	"node.ua.replaces.nomatch":    "Replaces %s 与本 UA 的任何已建立通话都不匹配：481",
	"node.ua.replaces":            "该 INVITE 替换通话 %s：立即应答，不振铃",
	"node.ua.bye.replaced":        "新通话已确认：用 BYE 结束被它替换的通话 %s",
	// 第三方呼叫控制（RFC 3725）与会话定时器（RFC 4028）。
	"node.ua.invite.nooffer":      "呼叫 %s：不带 SDP 的 INVITE；200 将携带被叫的提议",
	"node.ua.invite.theiroffer":   "呼叫 %s：INVITE 携带另一方的 SDP 提议（%s）",
	"node.ua.sdpoffer.in2xx":      "200 携带 SDP 提议（%s）：应答放在 ACK 中",
	"node.ua.ack.waits":           "暂不发送 ACK：应答必须来自另一方",
	"node.ua.ack.waits.why":       "在应答到来之前，被叫会重传 200，64·T1 之后以 BYE 放弃",
	"node.ua.ack.stillwaits":      "200 又到了，但 ACK 仍在等待另一方的应答",
	"node.ua.ack.answer":          "ACK 携带对 200 中提议的 SDP 应答（%s）",
	"node.ua.answer.offer":        "INVITE 不带提议：200 携带 SDP 提议（%s）",
	"node.ua.ack.gotanswer":       "ACK 携带 SDP 应答（%s）：会话建立",
	"node.ua.ack.refused":         "ACK 中的 SDP 应答拒绝了该媒体流（端口 0）：没有媒体",
	"node.ua.ack.noanswer":        "ACK 没有携带对 200 中提议的 SDP 应答",
	"node.ua.updated.nooffer":     "UPDATE 不带提议，所以其 200 也不带应答",
	"node.ua.3pcc":                "点击拨号：作为第三方控制器连接 %s 与 %s",
	"node.ua.3pcc.ack":            "发给第一方的 ACK 携带 %s 在其 200 中给出的 SDP 应答",
	"node.ua.3pcc.bye":            "控制器结束与 %s 的对话",
	"node.ua.3pcc.refuse":         "%s 没有接听：ACK 拒绝所提议的媒体流（端口 0）",
	"node.ua.timer.ask":           "Supported: timer 与 Session-Expires: %s：主叫请求会话定时器",
	"node.ua.timer.longer":        "422 给出 Min-SE %s：重发 INVITE，在 Session-Expires 与 Min-SE 中请求该值",
	"node.ua.timer.toosmall":      "Session-Expires %s 小于本 UA 的 Min-SE %s：422 会话间隔太小",
	"node.ua.timer.grant":         "会话间隔 %s 秒；refresher=%s；Require: timer",
	"node.ua.timer.refresher":     "会话定时器 %s 秒：本 UA 在 %s 秒后刷新会话",
	"node.ua.timer.watch":         "会话定时器 %s 秒：若无刷新，本 UA 在 %s 秒后发送 BYE",
	"node.ua.timer.refresh.fire":  "会话定时器：已过 %s 秒，即间隔的一半：该刷新了",
	"node.ua.timer.refresh":       "第 %s 次会话刷新：不带 SDP 的 UPDATE，Session-Expires 带 refresher=uac",
	"node.ua.timer.refreshfailed": "刷新得到 %s：会话已结束；发送 BYE",
	"node.ua.timer.expiring":      "会话定时器：会话在 %s 秒的间隔内没有得到刷新",
	"node.ua.timer.expiring.why":  "UA 在会话到期前 min(32 秒，间隔/3) 发送 BYE",
	"node.ua.timer.bye":           "会话没有得到刷新：在到期前发送 BYE",
}
