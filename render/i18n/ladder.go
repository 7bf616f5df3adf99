package i18n

// The words of the text ladder (package render) that the CLI's part (cli.go)
// does not already have. The ladder also uses "cli.label.time",
// "cli.label.why", "cli.label.notes", "cli.run.lesson", "cli.run.seed",
// "cli.run.lost" and "cli.run.summary".

var ladderEN = map[string]string{
	"ladder.retrans": "retrans",       // marks a retransmission on its arrow; short, since it sits between two lanes
	"ladder.cause":   "caused by #%d", // the seq of the event that caused this one
}

var ladderZH = map[string]string{
	"ladder.retrans": "重传",
	"ladder.cause":   "由 #%d 引起",
}
