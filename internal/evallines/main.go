// Command evallines drafts the line of every page of a corpus, as
// `pressclip extract --config F` does, and reports how many lines break a
// house rule (summarizer.CheckLine) and how often the clause is the
// article's lead or its sentence naming the organization.
//
//	go run ./internal/evallines                                   # ../shared/corpus/readability-pages
//	go run ./internal/evallines -dir path/to/pages -v             # every line and its problems
//
// A page is a directory holding source.html (the readability corpus) or
// an .html file.
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

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/extractor"
	"github.com/pressclip/pressclip/summarizer"
)

func main() {
	dir := flag.String("dir", "../shared/corpus/readability-pages", "pages: directories with source.html, or .html files")
	cfgPath := flag.String("config", "config.yaml", "config for the organization's names")
	verbose := flag.Bool("v", false, "print every line")
	flag.Parse()
	if err := run(*dir, *cfgPath, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "evallines:", err)
		os.Exit(1)
	}
}

type page struct {
	name string
	html []byte
}

func load(dir string) ([]page, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var pages []page
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		switch {
		case e.IsDir():
			b, err := os.ReadFile(filepath.Join(p, "source.html"))
			if err == nil {
				pages = append(pages, page{e.Name(), b})
			}
		case strings.HasSuffix(e.Name(), ".html"):
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			pages = append(pages, page{e.Name(), b})
		}
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].name < pages[j].name })
	return pages, nil
}

func run(dir, cfgPath string, verbose bool) error {
	f, err := os.Open(cfgPath)
	if err != nil {
		return err
	}
	cfg, err := config.Load(f, cfgPath)
	f.Close()
	if err != nil {
		return err
	}
	o := cfg.Organization
	s := summarizer.New(summarizer.Options{Org: o.ShortName(), OrgNames: append([]string{o.Name}, o.Aliases...),
		HeadTitle: o.Head.Title, HeadName: o.Head.Name})
	pages, err := load(dir)
	if err != nil {
		return err
	}
	var n, breaks, lead, org, leadOrOrg, topic, followUps, first int
	var took time.Duration
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
		a := summarizer.Article{Outlet: outlet, Title: art.Title, Paragraphs: art.Paragraphs, Type: art.Type, Language: art.Language}
		start := time.Now()
		d := s.Draft(a)
		took += time.Since(start)
		ps := s.CheckLine(d.Line, a)
		n++
		if len(ps) > 0 {
			breaks++
		}
		if d.Lead {
			lead++
		}
		if d.Org {
			org++
		}
		if d.Lead || d.Org {
			leadOrOrg++
		}
		if d.First {
			first++
		}
		if d.Sentence == "" {
			topic++
		}
		if d.FollowUp != "" {
			followUps++
		}
		if verbose || len(ps) > 0 {
			mark := " "
			switch {
			case d.Lead:
				mark = "L"
			case d.Org:
				mark = "O"
			case d.Sentence == "":
				mark = "T"
			}
			fmt.Printf("%-28s %s %s\n", p.name, mark, d.Line)
			for _, pr := range ps {
				fmt.Printf("%-28s   ! %s\n", "", pr)
			}
		}
	}
	pct := func(k int) float64 { return 100 * float64(k) / float64(max(n, 1)) }
	fmt.Printf("\n%d pages: %d lines break a rule (%.1f%%); the clause is the lead on %d (%.1f%%), names the organization on %d, lead or organization %d (%.1f%%), the first sentence that can be a line (the lead or the closest to it) %d (%.1f%%); headline topic %d; follow-ups %d; %.0f µs a line\n",
		n, breaks, pct(breaks), lead, pct(lead), org, leadOrOrg, pct(leadOrOrg), first, pct(first), topic, followUps, float64(took.Microseconds())/float64(max(n, 1)))
	return nil
}
