package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	unicodenorm "golang.org/x/text/unicode/norm"
)

// snippetPage is one page of trafilatura's evaluation set: the page, and
// the snippets its main text must hold ("with") and must not ("without"),
// normalized by squash.
type snippetPage struct {
	file          string // as evaldata.json names it
	url           *url.URL
	source        []byte
	missing       error // the file could not be read
	with, without []string
}

// loadSnippetPages reads the set as scripts/fetch-trafilatura-eval.sh
// copies it: dir/evaldata.json, and the pages in dir/cache and dir/eval
// (looked for in that order, as trafilatura's tests/eval_common.py does).
// A page that cannot be read stays in the set and counts as a miss for
// every engine.
func loadSnippetPages(dir string) ([]snippetPage, error) {
	b, err := os.ReadFile(filepath.Join(dir, "evaldata.json"))
	if err != nil {
		return nil, fmt.Errorf("trafilatura set: %w (scripts/fetch-trafilatura-eval.sh copies it)", err)
	}
	var data map[string]struct {
		File    string   `json:"file"`
		With    []string `json:"with"`
		Without []string `json:"without"`
	}
	if err := json.Unmarshal(b, &data); err != nil {
		return nil, fmt.Errorf("trafilatura set: evaldata.json: %w", err)
	}
	var pages []snippetPage
	missing := 0
	for raw, item := range data {
		u, err := url.Parse(raw)
		if err != nil {
			u = pageURL
		}
		p := snippetPage{file: item.File, url: u}
		for _, s := range item.With {
			p.with = append(p.with, squash(s))
		}
		for _, s := range item.Without {
			p.without = append(p.without, squash(s))
		}
		p.source, p.missing = readPage(dir, item.File)
		if p.missing != nil {
			missing++
		}
		pages = append(pages, p)
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("trafilatura set: no page in %s", dir)
	}
	if missing > 0 {
		fmt.Fprintf(os.Stderr, "evalextract: %d of %d pages of the set cannot be read; they count as misses\n", missing, len(pages))
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].file < pages[j].file })
	return pages, nil
}

// readPage reads a page of the set, gunzipping it if it is compressed.
func readPage(dir, file string) ([]byte, error) {
	var b []byte
	var err error
	for _, sub := range []string{"cache", "eval"} {
		if b, err = os.ReadFile(filepath.Join(dir, sub, file)); err == nil {
			break
		}
	}
	if err != nil {
		return nil, err
	}
	if len(b) > 2 && b[0] == 0x1f && b[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		return io.ReadAll(zr)
	}
	return b, nil
}

// squash is the form both sides are compared in: Unicode NFC (a page in
// decomposed form matches a snippet in composed form), and every run of
// white space one space, with none at the ends.
func squash(s string) string {
	return strings.Join(strings.Fields(unicodenorm.NFC.String(s)), " ")
}

// snippetTally counts one engine's results on the set. In trafilatura's
// terms a "with" snippet found is a true positive, one missed a false
// negative, a "without" snippet present a false positive and one absent
// a true negative.
type snippetTally struct {
	with, withFound, without, withoutAbsent int
	pages, pagesRight, failed               int
	elapsed, slowest                        time.Duration
	slowestPage                             string
}

// pageResult is what one page's text got wrong.
type pageResult struct {
	missed, present []string
	err             error
}

func (r pageResult) right() bool { return r.err == nil && len(r.missed) == 0 && len(r.present) == 0 }

// check is the containment test on one page's extracted text.
func check(p snippetPage, text string, err error) pageResult {
	r := pageResult{err: err}
	t := squash(text)
	for _, s := range p.with {
		if !strings.Contains(t, s) {
			r.missed = append(r.missed, s)
		}
	}
	for _, s := range p.without {
		if strings.Contains(t, s) {
			r.present = append(r.present, s)
		}
	}
	return r
}

// scoreSnippets runs each engine over the pages, one page at a time on
// one core, and prints the table; verbose lists pressclip's wrong
// snippets page by page.
func scoreSnippets(w io.Writer, pages []snippetPage, names []string, verbose bool) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "engine\tpages\twith found\twithout absent\tsnippets right\tpages all right\tP\tR\tF1\tpages/s\tfailed\tslowest page\n")
	var detail []string
	for _, name := range names {
		eng := engines[name]
		texts := make([]string, len(pages))
		errs := make([]error, len(pages))
		var t snippetTally
		for i, p := range pages {
			if p.missing != nil {
				errs[i] = p.missing
				continue
			}
			start := time.Now()
			texts[i], errs[i] = run(eng, p.source, p.url)
			d := time.Since(start)
			t.elapsed += d
			if d > t.slowest {
				t.slowest, t.slowestPage = d, p.file
			}
		}
		var firstErr string
		for i, p := range pages {
			r := check(p, texts[i], errs[i])
			t.pages++
			t.with += len(p.with)
			t.withFound += len(p.with) - len(r.missed)
			t.without += len(p.without)
			t.withoutAbsent += len(p.without) - len(r.present)
			if r.err != nil {
				t.failed++
				if firstErr == "" {
					firstErr = fmt.Sprintf("%s: %v", p.file, r.err)
				}
			}
			if r.right() {
				t.pagesRight++
			}
			if verbose && name == "pressclip" && !r.right() {
				detail = append(detail, r.describe(p))
			}
		}
		tp, fp, fn := t.withFound, t.without-t.withoutAbsent, t.with-t.withFound
		P, R := ratio(tp, tp+fp), ratio(tp, tp+fn)
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%d (%s)\t%.3f\t%.3f\t%.3f\t%.0f\t%d\t%.2f s %s\n",
			name, t.pages, pct(t.withFound, t.with), pct(t.withoutAbsent, t.without),
			pct(t.withFound+t.withoutAbsent, t.with+t.without), t.pagesRight, pct(t.pagesRight, t.pages),
			P, R, f1(P, R), float64(t.pages-countMissing(pages))/t.elapsed.Seconds(), t.failed,
			t.slowest.Seconds(), t.slowestPage)
		if firstErr != "" {
			fmt.Fprintf(os.Stderr, "evalextract: %s failed on %d pages, the first %s\n", name, t.failed, firstErr)
		}
	}
	tw.Flush()
	if len(detail) > 0 {
		fmt.Fprintf(w, "\npressclip: %d pages with a snippet wrong\n", len(detail))
		for _, d := range detail {
			fmt.Fprint(w, d)
		}
	}
}

// describe lists what a page got wrong, for -v.
func (r pageResult) describe(p snippetPage) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "  %s  %s\n", p.file, p.url)
	if r.err != nil {
		fmt.Fprintf(&sb, "    failed: %v\n", r.err)
	}
	for _, s := range r.missed {
		fmt.Fprintf(&sb, "    missing: %q\n", clip(s, 100))
	}
	for _, s := range r.present {
		fmt.Fprintf(&sb, "    present: %q\n", clip(s, 100))
	}
	return sb.String()
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func pct(a, b int) string { return fmt.Sprintf("%.1f%%", 100*ratio(a, b)) }

func countMissing(pages []snippetPage) int {
	n := 0
	for _, p := range pages {
		if p.missing != nil {
			n++
		}
	}
	return n
}
