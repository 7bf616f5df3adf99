package lessons

// The helpers of the package's own tests, for its external tests.
var (
	Messages = messages
	Label    = label
)
