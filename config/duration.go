package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dustin/go-humanize"
	"github.com/goccy/go-yaml/ast"
)

// Duration is a time.Duration written in YAML as "20s", "1m30s", "2h",
// "90d" or "2w"; "0s" turns a delay off (it is stored as -1 so that it
// differs from an unset value, which takes the default).
type Duration time.Duration

// ParseDuration reads a Go duration, also in days ("90d") and weeks
// ("2w").
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	for suffix, unit := range map[string]time.Duration{"d": 24 * time.Hour, "w": 7 * 24 * time.Hour} {
		if n, ok := strings.CutSuffix(s, suffix); ok {
			v, err := strconv.ParseFloat(n, 64)
			if err != nil || v < 0 {
				return 0, fmt.Errorf("bad duration %q", s)
			}
			return time.Duration(v * float64(unit)), nil
		}
	}
	return time.ParseDuration(s)
}

// UnmarshalYAML implements yaml.NodeUnmarshaler; the node gives the line
// for the error.
func (d *Duration) UnmarshalYAML(n ast.Node) error {
	s := scalar(n)
	v, err := ParseDuration(s)
	if err != nil || v < 0 {
		return nodeErrorf(n, "want a duration such as 20s, 1m30s or 90d, got %q", s)
	}
	if v == 0 {
		*d = -1
		return nil
	}
	*d = Duration(v)
	return nil
}

// Value is the duration, with an explicit zero ("0s") as 0.
func (d Duration) Value() time.Duration {
	if d < 0 {
		return 0
	}
	return time.Duration(d)
}

// ByteSize is a size in bytes written in YAML as a number or with a unit
// ("15MiB", "512 KB").
type ByteSize int64

// UnmarshalYAML implements yaml.NodeUnmarshaler.
func (b *ByteSize) UnmarshalYAML(n ast.Node) error {
	s := scalar(n)
	if v, err := strconv.ParseInt(s, 10, 64); err == nil && v > 0 {
		*b = ByteSize(v)
		return nil
	}
	v, err := humanize.ParseBytes(s)
	if err != nil || v == 0 || v > 1<<40 {
		return nodeErrorf(n, "want a size such as 15MiB, got %q", s)
	}
	*b = ByteSize(v)
	return nil
}

func scalar(n ast.Node) string {
	if t := n.GetToken(); t != nil {
		return strings.TrimSpace(t.Value)
	}
	return strings.TrimSpace(n.String())
}

// nodeError is a value error at a YAML node's line.
type nodeError struct {
	line int
	msg  string
}

func (e *nodeError) Error() string { return e.msg }

func nodeErrorf(n ast.Node, format string, args ...any) error {
	line := 0
	if t := n.GetToken(); t != nil {
		line = t.Position.Line
	}
	return &nodeError{line: line, msg: fmt.Sprintf(format, args...)}
}
