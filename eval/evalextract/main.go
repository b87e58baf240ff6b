// Command evalextract scores article extraction on a corpus of pages with
// expected text, the way public extraction benchmarks do, and compares
// extraction engines side by side (BENCHMARKS.md, issues 4 and 13). It
// lives in the evaluation module (eval/), so the product's go.mod needs
// neither go-trafilatura nor go-readability; run it from the repository
// root with go run -C eval (relative paths are then relative to eval/):
//
//	go run -C eval ./evalextract                                  # ../../shared/corpus/readability-pages
//	go run -C eval ./evalextract -corpus DIR -engines pressclip,readeck -v
//	go run -C eval ./evalextract -feeds ../../shared/corpus/feeds
//	scripts/fetch-trafilatura-eval.sh
//	go run -C eval ./evalextract -trafilatura ../.cache/trafilatura-eval
//
// The corpus is one directory per page holding source.html, expected.html
// (the reference article) and optionally expected-metadata.json.
//
// Metric: tokens are \w+ runs (letters, digits, underscore; case kept),
// shingles are 4 consecutive tokens; per page precision = tp/(tp+fp) and
// recall = tp/(tp+fn) over shingle multisets (1 when fp and fn are both
// 0); corpus precision and recall are the means over pages, F1 their
// harmonic mean. Speed is pages per second on one core (GOMAXPROCS=1,
// pages in sequence, after reading them into memory).
//
// With -trafilatura the set is trafilatura's evaluation set (its
// tests/evaldata.json and pages, copied by scripts/fetch-trafilatura-eval.sh):
// for each page, snippets of text its main text must contain ("with") and
// must not ("without"). Each engine gets the page's raw bytes and its URL
// and decodes the charset itself (no Content-Type is known). The extracted
// text and every snippet are put in Unicode NFC and their white space runs
// made one space; a snippet counts as contained when it is a substring
// (case kept). The table gives the "with" snippets found and the "without"
// snippets absent, each over all snippets of the set; the snippets right
// (both together: trafilatura's accuracy); the pages with every snippet
// right; and precision, recall and F1 as trafilatura's evaluation computes
// them (a "with" found is a true positive, one missed a false negative, a
// "without" present a false positive). A page an engine fails on (an
// error or a panic) or that cannot be read scores as an empty text: its
// "with" snippets missed, its "without" snippets absent, as trafilatura's
// evaluation counts a crash; the failures are counted. Speed is as above,
// and the slowest page is named. -v lists pressclip's wrong snippets page
// by page.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
)

type page struct {
	name     string
	source   []byte
	expected string
	meta     expectedMeta
}

type expectedMeta struct {
	Title         string `json:"title"`
	Byline        string `json:"byline"`
	SiteName      string `json:"siteName"`
	PublishedTime string `json:"publishedTime"`
	Lang          string `json:"lang"`
}

func main() {
	corpus := flag.String("corpus", "../../shared/corpus/readability-pages", "corpus directory (one directory per page)")
	feeds := flag.String("feeds", "", "build pages from the whole-article items of the feeds in this directory instead")
	trafilaturaDir := flag.String("trafilatura", "", "score on trafilatura's evaluation set in this directory instead (scripts/fetch-trafilatura-eval.sh writes it to ../.cache/trafilatura-eval)")
	engineList := flag.String("engines", "", "comma-separated engines (default: all): "+strings.Join(engineNames(), ","))
	verbose := flag.Bool("v", false, "per-page scores (with -trafilatura: pressclip's wrong snippets, page by page)")
	show := flag.String("show", "", "print what the first engine extracts from this page, and the expected text it missed")
	meta := flag.Bool("meta", true, "score metadata of the pressclip engine")
	flag.Parse()
	runtime.GOMAXPROCS(1)

	names := engineNames()
	if *engineList != "" {
		names = strings.Split(*engineList, ",")
	}
	for _, name := range names {
		if _, ok := engines[name]; !ok {
			fmt.Fprintln(os.Stderr, "evalextract: unknown engine", name)
			os.Exit(2)
		}
	}
	if *trafilaturaDir != "" {
		pages, err := loadSnippetPages(*trafilaturaDir)
		if err != nil {
			fmt.Fprintln(os.Stderr, "evalextract:", err)
			os.Exit(2)
		}
		scoreSnippets(os.Stdout, pages, names, *verbose)
		return
	}

	var pages []page
	var err error
	if *feeds != "" {
		pages, err = feedPages(*feeds, 120)
		*meta = false
	} else {
		pages, err = load(*corpus)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "evalextract:", err)
		os.Exit(2)
	}
	if *show != "" {
		showPage(pages, *show, engines[names[0]])
		return
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "engine\tpages\tprecision\trecall\tF1\tpages/s\tempty\n")
	for _, name := range names {
		eng := engines[name]
		var sumP, sumR float64
		empty := 0
		var per []string
		start := time.Now()
		outs := make([]string, len(pages))
		for i, p := range pages {
			outs[i], _ = run(eng, p.source, pageURL)
		}
		elapsed := time.Since(start)
		for i, p := range pages {
			pr, rc := score(outs[i], p.expected)
			sumP += pr
			sumR += rc
			if strings.TrimSpace(outs[i]) == "" {
				empty++
			}
			per = append(per, fmt.Sprintf("  %-28s P=%.3f R=%.3f", p.name, pr, rc))
		}
		n := float64(len(pages))
		P, R := sumP/n, sumR/n
		fmt.Fprintf(tw, "%s\t%d\t%.3f\t%.3f\t%.3f\t%.0f\t%d\n", name, len(pages), P, R, f1(P, R), n/elapsed.Seconds(), empty)
		if *verbose {
			tw.Flush()
			fmt.Println(strings.Join(per, "\n"))
		}
	}
	tw.Flush()
	if *meta {
		scoreMetadata(pages)
	}
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func load(dir string) ([]page, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var pages []page
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, e.Name(), "source.html"))
		if err != nil {
			continue
		}
		exp, err := os.ReadFile(filepath.Join(dir, e.Name(), "expected.html"))
		if err != nil {
			continue
		}
		p := page{name: e.Name(), source: src, expected: htmlText(exp)}
		if b, err := os.ReadFile(filepath.Join(dir, e.Name(), "expected-metadata.json")); err == nil {
			json.Unmarshal(b, &p.meta)
		}
		pages = append(pages, p)
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].name < pages[j].name })
	if len(pages) == 0 {
		return nil, fmt.Errorf("no pages in %s", dir)
	}
	return pages, nil
}

// score is the shingle precision and recall of got against want.
func score(got, want string) (precision, recall float64) {
	g, w := shingles(got), shingles(want)
	tp, ng, nw := 0, 0, 0
	for s, c := range g {
		ng += c
		tp += min(c, w[s])
	}
	for _, c := range w {
		nw += c
	}
	fp, fn := ng-tp, nw-tp
	if fp == 0 && fn == 0 {
		return 1, 1
	}
	if ng > 0 {
		precision = float64(tp) / float64(ng)
	}
	if nw > 0 {
		recall = float64(tp) / float64(nw)
	}
	return precision, recall
}

func shingles(text string) map[string]int {
	toks := tokens(text)
	out := map[string]int{}
	if len(toks) < 4 {
		if len(toks) > 0 {
			out[strings.Join(toks, " ")]++
		}
		return out
	}
	for i := 0; i+4 <= len(toks); i++ {
		out[strings.Join(toks[i:i+4], " ")]++
	}
	return out
}

// tokens splits text into \w+ runs as Python's re does: letters, digits
// and underscore.
func tokens(s string) []string {
	var out []string
	var cur bytes.Buffer
	for _, r := range s {
		if isWord(r) {
			cur.WriteRune(r)
			continue
		}
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// showPage prints an engine's text for one page, then the runs of
// expected tokens it missed and the runs it added.
func showPage(pages []page, name string, eng engine) {
	for _, p := range pages {
		if p.name != name {
			continue
		}
		got, _ := run(eng, p.source, pageURL)
		fmt.Println("=== extracted:")
		fmt.Println(got)
		fmt.Println("\n=== expected but missing:")
		printDiff(shinglesOrdered(p.expected), shingles(got))
		fmt.Println("\n=== extracted but not expected:")
		printDiff(shinglesOrdered(got), shingles(p.expected))
		return
	}
	fmt.Println("no page", name)
}

func shinglesOrdered(text string) [][]string {
	toks := tokens(text)
	var out [][]string
	for i := 0; i+4 <= len(toks); i++ {
		out = append(out, toks[i:i+4])
	}
	return out
}

// printDiff prints the runs of shingles in a that are not in b.
func printDiff(a [][]string, b map[string]int) {
	var run []string
	flush := func() {
		if len(run) > 0 {
			fmt.Println("  -", strings.Join(run, " "))
			run = nil
		}
	}
	for _, sh := range a {
		if b[strings.Join(sh, " ")] > 0 {
			flush()
			continue
		}
		if len(run) == 0 {
			run = append(run, sh...)
		} else {
			run = append(run, sh[3])
		}
	}
	flush()
}
