package i18n_test

import (
	"fmt"

	"github.com/siplab/siplab/render/i18n"
)

func ExampleLang_T() {
	for _, lang := range i18n.Langs() {
		fmt.Println(lang.T("status.486.reason"))
		fmt.Println(lang.T("cli.parse.body", 142, "application/sdp"))
	}
	fmt.Println(i18n.ZH.T("no.such.key"))
	// Output:
	// Busy Here
	// body: 142 bytes of application/sdp
	// 此处忙
	// 消息体：142 字节，类型为 application/sdp
	// !{no.such.key}
}

func ExampleParseLang() {
	for _, s := range []string{"zh_CN.UTF-8", "en-GB", "fr"} {
		lang, err := i18n.ParseLang(s)
		fmt.Printf("%q %v\n", lang, err)
	}
	// Output:
	// "zh" <nil>
	// "en" <nil>
	// "" unsupported language "fr" (accepted: en, zh, or a locale such as en_US, zh-CN, zh_CN.UTF-8)
}

// The explainer behind "siplab parse": map what the parser found to keys.
func ExampleHeaderKey() {
	lang := i18n.ZH
	for _, name := range []string{"v", "Max-Forwards", "X-Custom"} {
		fmt.Println(lang.T(i18n.HeaderKey(name)))
	}
	fmt.Println(lang.T(i18n.StatusKey(486)+".reason"), "—", lang.T(i18n.ClassKey(486)))
	// Output:
	// 请求经过的路径；响应沿原路逐跳返回 [RFC 3261 §8.1.1.7, §20.42]
	// 剩余跳数：每经过一个代理减一，减到 0 时以 483 拒绝 [RFC 3261 §8.1.1.6, §20.22]
	// 本解释器不认识的扩展头域，按原样保留 [RFC 3261 §7.3]
	// 此处忙 — 4xx 客户端错误：请求有误，或无法在本服务器完成 [RFC 3261 §7.2, §21.4]
}
