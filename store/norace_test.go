//go:build !race

package store

// raceEnabled: the tests run under the race detector, which makes them
// several times slower: the long measurements run fewer rounds.
const raceEnabled = false
