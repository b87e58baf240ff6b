// Package layout holds no code: its test keeps the package layout of
// DESIGN.md true — which packages may import which (the config only at
// the wiring, no HTTP in the store or the parsers, no SQL in the
// fetcher, the stages apart from the wiring and the pages, nothing from
// the evaluation module), and that a function over 80 lines says why.
package layout
