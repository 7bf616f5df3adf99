// Command siplab is an educational SIP simulator and ladder-diagram
// visualizer. This package is thin wiring: each command is an Options
// struct, a constructor newXCmd and a run function that takes injected
// streams, so tests drive the commands without a terminal.
package main

import "os"

func main() {
	os.Exit(Main(os.Args[1:], &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, Getenv: os.Getenv}))
}
