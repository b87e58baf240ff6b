package parse

import (
	"io"

	"golang.org/x/net/html/charset"
)

// charsetReader lets encoding/xml read documents declared in any charset
// the WHATWG table knows.
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	return charset.NewReaderLabel(label, input)
}
