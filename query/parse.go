package query

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Field is where in an article a term may match.
type Field uint8

// Fields of an article; Any is all of them.
const (
	Title Field = 1 << iota
	Lead
	Body
	Any = Title | Lead | Body
)

func (f Field) String() string {
	switch f {
	case Title:
		return "title"
	case Lead:
		return "lead"
	case Body:
		return "body"
	}
	return "any"
}

// Node is a query expression: *Or, *And, *Not, *Near or *Term.
type Node interface{ node() }

// Or is true when any item is.
type Or struct{ Items []Node }

// And is true when every item is.
type And struct{ Items []Node }

// Not is true when its item is not.
type Not struct{ Item Node }

// Near is true when a term of Left and a term of Right occur within Dist
// words of each other. Each side is one term or a group of terms joined
// by OR: "remittance* NEAR/8 (migrant* OR diaspora)".
type Near struct {
	Left, Right []*Term
	Dist        int
}

// Term is a word or a phrase, with its field and case rule.
type Term struct {
	Words []Word
	Field Field
	// Exact: match the case as written (capitals rule, or =).
	Exact bool
	// Unspaced: a term in a script without spaces, found inside the text.
	Unspaced bool
	// Text is the term as the query wrote it, for reports.
	Text string
	// Pos is the term's position in the query (1-based, in characters).
	Pos int
}

// Word is one word of a term: its forms, and whether it is a prefix
// (written with a trailing *).
type Word struct {
	forms
	Prefix bool
}

func (*Or) node()   {}
func (*And) node()  {}
func (*Not) node()  {}
func (*Near) node() {}
func (*Term) node() {}

// Query is a parsed query.
type Query struct {
	Root Node
	src  string
}

func (q *Query) String() string { return q.src }

// SyntaxError is a query that does not parse: what was wrong, and where
// (1-based, in characters).
type SyntaxError struct {
	Pos int
	Msg string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("%s at %d", e.Msg, e.Pos) }

// Limits keep a query from costing more than it says.
const (
	maxQueryLen = 10000
	maxDepth    = 50
	maxNear     = 200
)

type tokKind int

const (
	tEOF tokKind = iota
	tLParen
	tRParen
	tAnd
	tOr
	tNot
	tNear
	tMinus
	tWord
	tPhrase
)

type token struct {
	kind  tokKind
	text  string
	pos   int // 1-based character position
	near  int
	field Field
	mark  byte // '=' exact, '~' any case, 0
}

// lex splits a query into tokens.
// Long: a hand-written lexer's one loop over the input, a case per
// token kind; split, each case would need the loop's state passed in.
func lex(src string) ([]token, error) {
	var toks []token
	i := 0
	pos := func(byteOff int) int { return utf8.RuneCountInString(src[:byteOff]) + 1 }
	for i < len(src) {
		r, size := utf8.DecodeRuneInString(src[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		start := i
		switch r {
		case '(':
			toks = append(toks, token{kind: tLParen, text: "(", pos: pos(i)})
			i++
			continue
		case ')':
			toks = append(toks, token{kind: tRParen, text: ")", pos: pos(i)})
			i++
			continue
		}
		// Prefixes: a field, a case mark, a minus — then a word, a
		// phrase or a group.
		var t token
		t.pos = pos(start)
		if r == '-' && i+1 < len(src) && !isSpaceByte(src[i+1]) {
			toks = append(toks, token{kind: tMinus, text: "-", pos: pos(i)})
			i++
			continue
		}
		for _, f := range []struct {
			name  string
			field Field
		}{{"title:", Title}, {"lead:", Lead}, {"body:", Body}} {
			if strings.HasPrefix(strings.ToLower(src[i:]), f.name) {
				t.field = f.field
				i += len(f.name)
				break
			}
		}
		if i < len(src) && (src[i] == '=' || src[i] == '~') {
			t.mark = src[i]
			i++
		}
		if i >= len(src) || isSpaceByte(src[i]) {
			return nil, &SyntaxError{Pos: t.pos, Msg: fmt.Sprintf("%q needs a term after it", src[start:i])}
		}
		switch r, size := utf8.DecodeRuneInString(src[i:]); {
		case r == '"' || r == '“' || r == '”':
			i += size
			end := strings.IndexAny(src[i:], "\"”“")
			if end < 0 {
				return nil, &SyntaxError{Pos: t.pos, Msg: "unclosed quote"}
			}
			t.kind, t.text = tPhrase, src[i:i+end]
			i += end
			_, size := utf8.DecodeRuneInString(src[i:])
			i += size
			if strings.TrimSpace(t.text) == "" {
				return nil, &SyntaxError{Pos: t.pos, Msg: "empty phrase"}
			}
		case r == '(':
			if t.mark != 0 {
				return nil, &SyntaxError{Pos: t.pos, Msg: fmt.Sprintf("%q applies to a term or a phrase, not a group", string(t.mark))}
			}
			if t.field == 0 {
				return nil, &SyntaxError{Pos: t.pos, Msg: "unexpected \"(\""}
			}
			// A field on a group: the group's terms take the field.
			toks = append(toks, token{kind: tLParen, text: "(", pos: pos(i), field: t.field})
			i++
			continue
		default:
			j := i
			for j < len(src) {
				r, size := utf8.DecodeRuneInString(src[j:])
				if unicode.IsSpace(r) || r == '(' || r == ')' || r == '"' || r == '“' || r == '”' {
					break
				}
				j += size
			}
			t.text = src[i:j]
			i = j
			t.kind = tWord
			if t.field == 0 && t.mark == 0 {
				switch {
				case t.text == "AND":
					t.kind = tAnd
				case t.text == "OR":
					t.kind = tOr
				case t.text == "NOT":
					t.kind = tNot
				case t.text == "NEAR" || strings.HasPrefix(t.text, "NEAR/"):
					t.kind, t.near = tNear, 10
					if n, ok := strings.CutPrefix(t.text, "NEAR/"); ok {
						k, err := strconv.Atoi(n)
						if err != nil || k < 1 || k > maxNear {
							return nil, &SyntaxError{Pos: t.pos, Msg: fmt.Sprintf("NEAR wants a distance from 1 to %d, as in NEAR/10", maxNear)}
						}
						t.near = k
					}
				}
			}
		}
		toks = append(toks, t)
	}
	return append(toks, token{kind: tEOF, pos: utf8.RuneCountInString(src) + 1}), nil
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// Parse reads a query.
func Parse(src string) (*Query, error) {
	if len(src) > maxQueryLen {
		return nil, &SyntaxError{Pos: 1, Msg: fmt.Sprintf("query longer than %d bytes", maxQueryLen)}
	}
	if strings.TrimSpace(src) == "" {
		return nil, &SyntaxError{Pos: 1, Msg: "empty query"}
	}
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	root, err := p.or(Any, 0)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, &SyntaxError{Pos: t.pos, Msg: fmt.Sprintf("unexpected %q", t.text)}
	}
	if !positive(root) {
		return nil, &SyntaxError{Pos: 1, Msg: "the query only excludes: it needs a term to find"}
	}
	return &Query{Root: root, src: src}, nil
}

type parser struct {
	toks []token
	i    int
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *parser) or(field Field, depth int) (Node, error) {
	if depth > maxDepth {
		return nil, &SyntaxError{Pos: p.peek().pos, Msg: "query nested too deep"}
	}
	first, err := p.and(field, depth)
	if err != nil {
		return nil, err
	}
	items := []Node{first}
	for p.peek().kind == tOr {
		p.next()
		n, err := p.and(field, depth)
		if err != nil {
			return nil, err
		}
		items = append(items, n)
	}
	if len(items) == 1 {
		return first, nil
	}
	return &Or{Items: items}, nil
}

// startsUnary reports whether t can start an operand (for implicit AND).
func startsUnary(t token) bool {
	switch t.kind {
	case tLParen, tNot, tMinus, tWord, tPhrase:
		return true
	}
	return false
}

func (p *parser) and(field Field, depth int) (Node, error) {
	first, err := p.unary(field, depth)
	if err != nil {
		return nil, err
	}
	items := []Node{first}
	for {
		t := p.peek()
		if t.kind == tAnd {
			p.next()
		} else if !startsUnary(t) {
			break
		}
		n, err := p.unary(field, depth)
		if err != nil {
			return nil, err
		}
		items = append(items, n)
	}
	if len(items) == 1 {
		return first, nil
	}
	return &And{Items: items}, nil
}

func (p *parser) unary(field Field, depth int) (Node, error) {
	switch t := p.peek(); t.kind {
	case tNot, tMinus:
		p.next()
		n, err := p.unary(field, depth+1)
		if err != nil {
			return nil, err
		}
		return &Not{Item: n}, nil
	}
	return p.near(field, depth)
}

func (p *parser) near(field Field, depth int) (Node, error) {
	left, err := p.primary(field, depth)
	if err != nil {
		return nil, err
	}
	for p.peek().kind == tNear {
		op := p.next()
		right, err := p.primary(field, depth)
		if err != nil {
			return nil, err
		}
		lt, ok1 := nearSide(left)
		rt, ok2 := nearSide(right)
		if !ok1 || !ok2 {
			return nil, &SyntaxError{Pos: op.pos, Msg: "NEAR needs a word, a phrase or words joined by OR on each side"}
		}
		for _, t := range append(append([]*Term{}, lt...), rt...) {
			if t.Unspaced {
				return nil, &SyntaxError{Pos: op.pos, Msg: "NEAR cannot count words in a script written without spaces"}
			}
		}
		left = &Near{Left: lt, Right: rt, Dist: op.near}
	}
	return left, nil
}

// nearSide reads one side of NEAR: a term, or terms joined by OR.
func nearSide(n Node) ([]*Term, bool) {
	switch n := n.(type) {
	case *Term:
		return []*Term{n}, true
	case *Or:
		var out []*Term
		for _, it := range n.Items {
			t, ok := it.(*Term)
			if !ok {
				return nil, false
			}
			out = append(out, t)
		}
		return out, true
	}
	return nil, false
}

func (p *parser) primary(field Field, depth int) (Node, error) {
	t := p.next()
	switch t.kind {
	case tLParen:
		f := field
		if t.field != 0 {
			f = t.field
		}
		n, err := p.or(f, depth+1)
		if err != nil {
			return nil, err
		}
		if c := p.next(); c.kind != tRParen {
			if c.kind == tEOF {
				return nil, &SyntaxError{Pos: t.pos, Msg: "unclosed \"(\""}
			}
			return nil, &SyntaxError{Pos: c.pos, Msg: fmt.Sprintf("unexpected %q", c.text)}
		}
		return n, nil
	case tWord, tPhrase:
		f := field
		if t.field != 0 {
			f = t.field
		}
		return newTerm(t, f)
	case tEOF:
		return nil, &SyntaxError{Pos: t.pos, Msg: "unexpected end of query"}
	}
	return nil, &SyntaxError{Pos: t.pos, Msg: fmt.Sprintf("unexpected %q", t.text)}
}

// newTerm builds a term from a word or phrase token and applies the case
// rule: exact when marked =, any case when marked ~, else exact for a
// single word in capitals of 2 to 5 letters.
func newTerm(t token, field Field) (*Term, error) {
	term := &Term{Field: field, Text: t.text, Pos: t.pos, Unspaced: hasUnspaced(t.text)}
	if term.Unspaced {
		term.Words = []Word{{forms: wordForms(strings.TrimSpace(t.text))}}
		term.Exact = t.mark == '='
		return term, nil
	}
	for _, w := range splitWords(t.text) {
		prefix := strings.HasSuffix(w, "*")
		w = strings.TrimSuffix(w, "*")
		if w == "" || strings.Contains(w, "*") {
			return nil, &SyntaxError{Pos: t.pos, Msg: fmt.Sprintf("%q: a wildcard goes at the end of a word, as in migra*", t.text)}
		}
		if prefix && utf8.RuneCountInString(w) < 3 {
			return nil, &SyntaxError{Pos: t.pos, Msg: fmt.Sprintf("%q: a wildcard needs at least 3 letters before it", t.text)}
		}
		term.Words = append(term.Words, Word{forms: wordForms(w), Prefix: prefix})
	}
	if len(term.Words) == 0 {
		return nil, &SyntaxError{Pos: t.pos, Msg: fmt.Sprintf("%q has no word in it", t.text)}
	}
	switch t.mark {
	case '=':
		term.Exact = true
	case '~':
		term.Exact = false
	default:
		term.Exact = len(term.Words) == 1 && IsAcronym(term.Words[0].orig)
	}
	return term, nil
}

// splitWords splits a term into its words as the index does: at anything
// that is not a letter, digit or mark (a * stays with its word).
func splitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) && r != '*' })
}

// IsAcronym reports whether w is written in capitals: 2 to 5 letters or
// digits, at least two of them capitals.
func IsAcronym(w string) bool {
	n, upper := 0, 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsDigit(r):
		default:
			return false
		}
		n++
	}
	return n >= 2 && n <= 5 && upper >= 2
}

// positive reports whether n can match something (a query made only of
// NOTs finds nothing).
func positive(n Node) bool {
	switch n := n.(type) {
	case *Term, *Near:
		return true
	case *Not:
		return false
	case *And:
		for _, it := range n.Items {
			if positive(it) {
				return true
			}
		}
	case *Or:
		for _, it := range n.Items {
			if !positive(it) {
				return false
			}
		}
		return true
	}
	return false
}
