// Command evallines measures the line writer. It lives in the evaluation
// module (eval/); run it from the repository root with go run -C eval
// (relative paths are then relative to eval/).
//
// On golden sets (summarizer/testdata/golden: pages, each with the line a
// press officer signs unchanged) it prints, per set and in total, the
// lines equal to the golden line, the lines kept (equal, an alternative
// the set accepts, or a difference the house accepts — which is said),
// the lines that break a house rule, those with numbers or names the
// article does not hold, how often the clause is the golden line's
// sentence and the article's lead, the long leads kept by compression,
// and for articles in other languages the line drafted from a perfect
// translation against the set's English line:
//
//	go run -C eval ./evallines                                          # the development sets
//	go run -C eval ./evallines -golden '../summarizer/testdata/golden/heldout'
//	go run -C eval ./evallines -v -shapes                               # every line that is not kept, and the shapes
//
// On pages without golden lines (a directory of .html files or of
// directories holding source.html, such as ../../shared/corpus/readability-pages)
// it drafts each line as `pressclip extract --config` does and counts rule
// breaks, ungrounded facts and where the clause comes from:
//
//	go run -C eval ./evallines -pages ../../shared/corpus/readability-pages
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/pressclip/pressclip/extractor"
	"github.com/pressclip/pressclip/internal/linesets"
	"github.com/pressclip/pressclip/summarizer"
)

func main() {
	golden := flag.String("golden", "../summarizer/testdata/golden/dev-*", "golden sets: directories with lines.json (a glob; comma-separated)")
	pages := flag.String("pages", "", "pages without golden lines: .html files, or directories with source.html")
	flag.StringVar(pages, "dir", "", "the same as -pages (its older name)")
	verbose := flag.Bool("v", false, "print every line that is not kept (golden) or every line (pages)")
	shapes := flag.Bool("shapes", false, "print the kept share by shape")
	flag.Parse()
	var err error
	if *pages != "" {
		err = runPages(*pages, *verbose)
	} else {
		err = runGolden(strings.Split(*golden, ","), *verbose, *shapes)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "evallines:", err)
		os.Exit(1)
	}
}

func runGolden(patterns []string, verbose, shapes bool) error {
	dirs, err := linesets.Dirs(patterns...)
	if err != nil {
		return err
	}
	if len(dirs) == 0 {
		return fmt.Errorf("no golden set matches %q", patterns)
	}
	s := linesets.Writer(summarizer.Options{})
	var all []linesets.Result
	var took time.Duration
	for _, dir := range dirs {
		cases, err := linesets.Load(dir)
		if err != nil {
			return err
		}
		start := time.Now()
		rs := linesets.Run(s, cases)
		took += time.Since(start)
		all = append(all, rs...)
		fmt.Printf("%s: %s", dir, linesets.Summarize(rs))
		if verbose {
			for _, r := range rs {
				if r.Verdict.Kept && len(r.Problems) == 0 {
					continue
				}
				fmt.Printf("  %s [%s]\n    got  %s\n    want %s\n", r.Case.File, strings.Join(r.Case.Shapes, " "), r.Draft.Line, r.Case.Line)
				for _, p := range r.Problems {
					fmt.Printf("    ! %s\n", p)
				}
			}
		}
	}
	sum := linesets.Summarize(all)
	if len(dirs) > 1 {
		fmt.Printf("all %d sets: %s", len(dirs), sum)
	}
	if shapes {
		fmt.Print(sum.ShapeTable())
	}
	fmt.Printf("(%.0f µs a case, extraction excluded)\n", float64(took.Microseconds())/float64(max(sum.N, 1)))
	return nil
}

type page struct {
	name string
	html []byte
}

func loadPages(dir string) ([]page, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []page
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		switch {
		case e.IsDir():
			if b, err := os.ReadFile(filepath.Join(p, "source.html")); err == nil {
				out = append(out, page{e.Name(), b})
			}
		case strings.HasSuffix(e.Name(), ".html"):
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			out = append(out, page{e.Name(), b})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

func runPages(dir string, verbose bool) error {
	s := linesets.Writer(summarizer.Options{})
	pages, err := loadPages(dir)
	if err != nil {
		return err
	}
	var n, breaks, ungrounded, lead, org, topic, followUps, compressed, marked int
	for _, p := range pages {
		art, err := extractor.Extract(bytes.NewReader(p.html), "http://fakehost/test/page.html", "text/html")
		if err != nil || len(art.Paragraphs) == 0 {
			fmt.Printf("%-28s no text (%v)\n", p.name, err)
			continue
		}
		outlet := summarizer.OutletName(art.SiteName)
		if outlet == "" {
			outlet = "The Outlet"
		}
		a := summarizer.Article{Outlet: outlet, Title: art.Title, Paragraphs: art.Paragraphs, Type: art.Type, Language: art.Language, Standfirst: art.Standfirst}
		d := s.Draft(a)
		ps := s.CheckLine(d.Line, a)
		n++
		if len(ps) > 0 {
			breaks++
		}
		if len(linesets.Ungrounded(ps)) > 0 {
			ungrounded++
		}
		switch {
		case d.NeedsTranslation:
			marked++
		case d.Lead:
			lead++
		case d.Org:
			org++
		case d.Sentence == "":
			topic++
		}
		if d.Compressed {
			compressed++
		}
		if d.FollowUp != "" {
			followUps++
		}
		if verbose || len(ps) > 0 {
			fmt.Printf("%-28s %s\n", p.name, d.Line)
			for _, pr := range ps {
				fmt.Printf("%-28s   ! %s\n", "", pr)
			}
		}
	}
	pct := func(k int) float64 { return 100 * float64(k) / float64(max(n, 1)) }
	fmt.Printf("\n%d pages: %d lines break a rule (%.1f%%), %d with ungrounded numbers or names; the clause is the lead on %d (%.1f%%, %d compressed), another sentence naming the organization on %d, the headline on %d, marked for translation %d; follow-ups %d\n",
		n, breaks, pct(breaks), ungrounded, lead, pct(lead), compressed, org, topic, marked, followUps)
	return nil
}
