package i18n

// The CLI's own words: labels, summaries and errors that cmd/siplab prints
// around the explanations of headers.go. A key's comment in cliEN names the
// arguments T expects, in order; a key without arguments is a plain label.
// Protocol names (HA1, qop, nonce, Authorization…) stay untranslated in both
// languages, as in Chinese course material.

var cliEN = map[string]string{
	// siplab parse: explaining one raw message.
	"cli.parse.request":  "request: %s %s",       // method, Request-URI
	"cli.parse.response": "response: %d %s",      // status code, reason phrase as received
	"cli.parse.headers":  "headers (%d):",        // number of header fields; a list follows
	"cli.parse.body":     "body: %d bytes of %s", // body length in bytes, Content-Type
	"cli.parse.nobody":   "no body",              // the message has an empty body
	"cli.parse.class":    "class",                // label before the status.class.N explanation
	"cli.parse.meaning":  "meaning",              // label before the status.<code> explanation
	"cli.parse.reason":   "standard reason: %s",  // the standard reason phrase, when the message used another

	// siplab digest: each step of the digest computation. The hash name is
	// "MD5" or "SHA-256"; the quoted string is exactly what was hashed.
	"cli.digest.ha1":      `HA1 = %s("%s") = %s`,                         // hash name, "user:realm:password", hex digest
	"cli.digest.sess":     `%[1]s-sess: HA1 = %[1]s("%[2]s") = %[3]s`,    // hash name, "HA1:nonce:cnonce", hex digest
	"cli.digest.ha2":      `HA2 = %s("%s") = %s`,                         // hash name, "method:uri" (auth-int: ":H(body)" added), hex
	"cli.digest.bodyhash": `H(body) = %[1]s(body) = %[3]s (%[2]d bytes)`, // hash name, body length, hex digest (qop=auth-int)
	"cli.digest.response": `response = %s("%s") = %s`,                    // hash name, the string hashed, hex digest
	"cli.digest.ha1.why":  "HA1 hashes username:realm:password [RFC 2617 §3.2.2.2; RFC 7616 §3.4.2]",
	"cli.digest.sess.why": "-sess algorithms hash HA1 again with nonce and cnonce [RFC 2617 §3.2.2.2; RFC 7616 §3.4.2]",
	"cli.digest.ha2.why":  "HA2 hashes method:uri; qop=auth-int appends H(body) [RFC 2617 §3.2.2.3; RFC 7616 §3.4.3]",
	"cli.digest.qop":      "qop=%s: response = H(HA1:nonce:nc:cnonce:qop:HA2) [RFC 2617 §3.2.2.1; RFC 7616 §3.4.1]", // the qop value
	"cli.digest.noqop":    "no qop: response = H(HA1:nonce:HA2), as in RFC 2069 [RFC 2617 §3.2.2.1]",
	"cli.digest.header":   "header to send:", // label before the ready Authorization or Proxy-Authorization line
	"cli.digest.missing":  "digest needs %s", // every missing flag: "--realm --password"

	// siplab lessons: column titles of the list.
	"cli.lessons.id":    "ID",
	"cli.lessons.title": "TITLE",

	// siplab run: the lines around a text ladder.
	"cli.run.lesson":         "lesson %s: %s",                            // lesson id, title
	"cli.run.seed":           "seed %d",                                  // the run's RNG seed
	"cli.run.fault":          "fault injected: %s",                       // the fault spec, e.g. drop:180
	"cli.run.summary":        "%d messages, %d lost, %s of virtual time", // messages sent, messages lost, duration
	"cli.run.lost":           "lost",                                     // marks a message dropped on its link
	"cli.run.retransmission": "retransmission",                           // marks a message sent again by a timer

	// siplab render.
	"cli.render.wrote": "wrote %d files to %s",                                              // file count, directory
	"cli.render.twice": "lesson %s is given twice: nothing was written",                     // the lesson as given
	"cli.render.clash": "lessons %s and %s would both write %s: nothing was written",        // lesson, lesson, file name
	"cli.render.index": "lesson %s would write %s over the index page: nothing was written", // lesson, file name

	// siplab step: the interactive stepper.
	"cli.step.position": "step %d of %d", // current step, number of steps
	"cli.step.end":      "end of the trace",
	"cli.step.badkey":   "unknown key %q", // what the user typed

	// siplab check.
	"cli.check.ok":       "%s: the lesson is valid", // file name
	"cli.check.problems": "%s: problems found: %d",  // file name, number of problems

	// siplab lab: the start-up banner, what to type into a softphone, and
	// the live ladder's words.
	"cli.lab.serving":    "siplab lab: registrar and proxy of domain %s, listening on %s", // domain, addresses ("UDP+TCP 127.0.0.1:5060")
	"cli.lab.softphone":  "In a softphone (X-Lite, MicroSIP, Linphone…), set up an account:",
	"cli.lab.user":       "user name:        one of %s", // the user names
	"cli.lab.anyuser":    "user name:        any (no --user: no password asked)",
	"cli.lab.domain":     "domain (realm):   %s", // domain
	"cli.lab.password":   "password:         the one after the name in --user NAME:PASSWORD",
	"cli.lab.proxy":      "proxy / outbound: %s, transport UDP (or TCP)",      // address
	"cli.lab.call":       "then call another user: sip:NAME@%s",               // domain
	"cli.lab.stop":       "Ctrl-C stops the lab; the session then goes to %s", // the files
	"cli.lab.nostore":    "Ctrl-C stops the lab (--record lab.json keeps the session for siplab step)",
	"cli.lab.stopped":    "siplab lab stopped after %d messages", // messages traced
	"cli.lab.dropped":    "dropped",
	"cli.lab.http.title": "siplab lab %s: the live ladder",
	"cli.lab.http":       "the live ladder in a browser: http://%s/",
	"cli.lab.full":       "the trace is full (%s MiB, %s events): the record stops here, the lab goes on serving", // MiB, events
	"cli.lab.panic":      "internal error (a bug of siplab; the lab goes on serving): %s",                         // what the element panicked with
	"cli.lab.saved":      "wrote %s",                                                                              // file name

	// Column titles and labels shared by the text views.
	"cli.label.time":  "time",  // virtual time of an event
	"cli.label.why":   "why",   // the reason an element gave for acting
	"cli.label.notes": "notes", // explanations attached to an event

	// Errors. The CLI prints "<cli.error.prefix>: <message>".
	"cli.error.prefix":  "error",
	"cli.warning":       "warning",
	"cli.error.usage":   "usage error: %s",                                             // what was wrong with the command line
	"cli.error.lesson":  "unknown lesson %q (built-in: %s; a lesson file ends in .md)", // the name given, the built-in ids
	"cli.error.message": "invalid SIP message: %s",                                     // the parser's error, with its line
	"cli.error.read":    "cannot read %s: %s",                                          // file name, the system's error
	"cli.error.help":    "Run 'siplab --help' for usage.",

	// An unknown lesson id close to a built-in one: the name given, the
	// closest built-in id.
	"cli.error.suggest": "unknown lesson %q: did you mean %s? ('siplab lessons' lists them all; a lesson file ends in .md)",

	// Output files (run -o, render -o).
	"cli.error.write":   "cannot write %s: %s",                                                                  // file name, the system's error
	"cli.error.symlink": "cannot write %s: it is a symbolic link, which siplab never follows (remove it first)", // file name
}

var cliZH = map[string]string{
	"cli.parse.request":  "请求：%s %s",
	"cli.parse.response": "响应：%d %s",
	"cli.parse.headers":  "头域（共 %d 个）：",
	"cli.parse.body":     "消息体：%d 字节，类型为 %s",
	"cli.parse.nobody":   "无消息体",
	"cli.parse.class":    "类别",
	"cli.parse.meaning":  "含义",
	"cli.parse.reason":   "标准原因短语：%s",

	"cli.digest.ha1":      `HA1 = %s("%s") = %s`,
	"cli.digest.sess":     `%[1]s-sess 算法：HA1 = %[1]s("%[2]s") = %[3]s`,
	"cli.digest.ha2":      `HA2 = %s("%s") = %s`,
	"cli.digest.bodyhash": `H(body) = %[1]s(body) = %[3]s（共 %[2]d 字节）`,
	"cli.digest.response": `response = %s("%s") = %s`,
	"cli.digest.ha1.why":  "HA1 是对 username:realm:password 的摘要 [RFC 2617 §3.2.2.2; RFC 7616 §3.4.2]",
	"cli.digest.sess.why": "-sess 算法再用 nonce 和 cnonce 对 HA1 做一次摘要 [RFC 2617 §3.2.2.2; RFC 7616 §3.4.2]",
	"cli.digest.ha2.why":  "HA2 是对 method:uri 的摘要，qop=auth-int 时再附上 H(body) [RFC 2617 §3.2.2.3; RFC 7616 §3.4.3]",
	"cli.digest.qop":      "qop=%s 时：response = H(HA1:nonce:nc:cnonce:qop:HA2) [RFC 2617 §3.2.2.1; RFC 7616 §3.4.1]",
	"cli.digest.noqop":    "无 qop：response = H(HA1:nonce:HA2)，与 RFC 2069 相同 [RFC 2617 §3.2.2.1]",
	"cli.digest.header":   "应发送的头域：",
	"cli.digest.missing":  "digest 缺少参数 %s",

	"cli.lessons.id":    "编号",
	"cli.lessons.title": "标题",

	"cli.lab.serving":        "siplab lab：域 %s 的注册服务器和代理，监听 %s",
	"cli.lab.softphone":      "在软电话（X-Lite、MicroSIP、Linphone…）里添加账号：",
	"cli.lab.user":           "用户名：          %s 之一",
	"cli.lab.anyuser":        "用户名：          任意（没有 --user：不要密码）",
	"cli.lab.domain":         "域（realm）：     %s",
	"cli.lab.password":       "密码：            --user NAME:PASSWORD 中的 PASSWORD",
	"cli.lab.proxy":          "代理 / 出站代理： %s，传输 UDP（或 TCP）",
	"cli.lab.call":           "然后呼叫另一个用户：sip:NAME@%s（NAME 换成对方的用户名）",
	"cli.lab.stop":           "按 Ctrl-C 停止实验；会话写入 %s",
	"cli.lab.nostore":        "按 Ctrl-C 停止实验（加 --record lab.json 可保存会话供 siplab step 回放）",
	"cli.lab.stopped":        "siplab lab 已停止，共 %d 条消息",
	"cli.lab.dropped":        "已丢弃",
	"cli.lab.http.title":     "siplab lab %s：实时梯形图",
	"cli.lab.http":           "在浏览器中查看实时梯形图：http://%s/",
	"cli.lab.full":           "记录已满（%s MiB，%s 个事件）：记录到此为止，实验服务器继续服务",
	"cli.lab.panic":          "内部错误（siplab 的缺陷；实验服务器继续服务）：%s",
	"cli.lab.saved":          "已写入 %s",
	"cli.run.lesson":         "课程 %s：%s",
	"cli.run.seed":           "随机种子 %d",
	"cli.run.fault":          "注入故障：%s",
	"cli.run.summary":        "共 %d 条消息，丢失 %d 条，虚拟时间 %s",
	"cli.run.lost":           "丢失",
	"cli.run.retransmission": "重传",

	"cli.render.wrote": "已将 %d 个文件写入 %s",
	"cli.render.twice": "课程 %s 给出了两次：未写入任何文件",
	"cli.render.clash": "课程 %s 和 %s 都会写入 %s：未写入任何文件",
	"cli.render.index": "课程 %s 会写入 %s，覆盖索引页：未写入任何文件",

	"cli.step.position": "第 %d 步，共 %d 步",
	"cli.step.end":      "已到记录末尾",
	"cli.step.badkey":   "未知按键 %q",

	"cli.check.ok":       "%s：课程文件有效",
	"cli.check.problems": "%s：发现 %d 个问题",

	"cli.label.time":  "时间",
	"cli.label.why":   "原因",
	"cli.label.notes": "说明",

	"cli.error.prefix":  "错误",
	"cli.warning":       "警告",
	"cli.error.usage":   "用法错误：%s",
	"cli.error.lesson":  "未知课程 %q（内置课程：%s；课程文件以 .md 结尾）",
	"cli.error.message": "无效的 SIP 消息：%s",
	"cli.error.read":    "无法读取 %s：%s",
	"cli.error.write":   "无法写入 %s：%s",
	"cli.error.symlink": "无法写入 %s：它是符号链接，siplab 从不跟随符号链接写入（请先删除它）",
	"cli.error.help":    "运行 siplab --help 查看用法。",

	"cli.error.suggest": "未知课程 %q：您是想输入 %s 吗？（siplab lessons 列出全部课程；课程文件以 .md 结尾）",
}
