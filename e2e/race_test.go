//go:build race

package e2e

// raceEnabled is set when the tests run under the race detector, which
// slows the server several times over: timings are then only logged.
const raceEnabled = true
