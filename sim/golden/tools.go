package golden

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// ToolsRequired reports whether a test must fail, not skip, when a tool it
// needs is missing: where $SIPLAB_REQUIRE_TOOLS is true (.ci/run sets it),
// or, when that is not set, where $CI is (CI services set CI=true).
func ToolsRequired() bool {
	if v, ok := os.LookupEnv("SIPLAB_REQUIRE_TOOLS"); ok {
		return isTrue(v)
	}
	return isTrue(os.Getenv("CI"))
}

func isTrue(v string) bool {
	b, err := strconv.ParseBool(strings.TrimSpace(v))
	return err == nil && b
}

// NeedTool returns the path of the first of names found on $PATH. When none
// is there, it skips the test, or fails it where tools are required.
func NeedTool(t testing.TB, names ...string) string {
	t.Helper()
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	Missing(t, strings.Join(names, " or ")+" is not installed")
	return ""
}

// Missing ends a test that cannot run because a tool is missing, saying
// why: a skip on a developer's machine, a failure where tools are required
// (ToolsRequired).
func Missing(t testing.TB, why string) {
	t.Helper()
	if ToolsRequired() {
		t.Fatalf("%s, and this run requires every tool (SIPLAB_REQUIRE_TOOLS or CI is set): install it", why)
		return
	}
	t.Skipf("%s: skipped (in CI, where SIPLAB_REQUIRE_TOOLS or CI is set, this fails)", why)
}
