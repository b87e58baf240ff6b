package web

import (
	"cmp"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/pressclip/pressclip/export"
	"github.com/pressclip/pressclip/store"
)

// coverageView is what communications staff put in a monthly report:
// mentions per day by watch (with the spikes and the stories behind
// them), the top outlets, the languages, the organization's roles, and
// wire copy against the outlets' own reporting.
type coverageView struct {
	Days    int
	From    time.Time
	To      time.Time
	Total   int
	Chart   chart
	Spikes  []spike
	Outlets []tally
	Langs   []tally
	Roles   []tally
	Sources []tally
	// PerDay is each day's stories by watch, the days with any.
	PerDay []dayCount
}

// dayCount is one day's stories of one watch.
type dayCount struct {
	Date, Watch string
	Count       int
}

// tally is a name and how many stories it has.
type tally struct {
	Name  string
	Count int
	// Width is the bar's share of the largest, in percent.
	Width int
}

// spike is a day with far more stories than usual, and the stories.
type spike struct {
	Day     string
	Count   int
	Stories []string
}

// chart is the mentions-per-day bar chart, drawn as SVG by the template.
type chart struct {
	Width, Height, Top int
	Bars               []bar
	Ticks              []tick
	Legend             []legendItem
}

type bar struct {
	X, Y, W, H int
	Color      string
	Title      string
	Spike      bool
}

type tick struct {
	X     int
	Label string
}

type legendItem struct {
	X           int
	Color, Name string
}

// palette colours the watches, in order (readable on white, colour-blind
// safe: Okabe–Ito).
var palette = []string{"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000"}

// coverageDays are the periods the page offers.
var coverageDays = []int{30, 90}

// coverageOf counts rows (the stories of days whole days ending with the
// day of now) into the page's figures. Low-relevance mentions are left
// out, as Today leaves them out.
func coverageOf(rows []store.CoverageRow, days int, now time.Time, loc *time.Location) coverageView {
	end := time.Date(now.In(loc).Year(), now.In(loc).Month(), now.In(loc).Day(), 0, 0, 0, 0, loc).AddDate(0, 0, 1)
	cv := coverageView{Days: days, From: end.AddDate(0, 0, -days), To: end.AddDate(0, 0, -1)}
	perDay := make([]map[string]int, days)
	for i := range perDay {
		perDay[i] = map[string]int{}
	}
	storyDay := map[int64]int{}
	titles := make([][]string, days)
	var watches []string
	outlets, langs, roles, sources := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	counted := map[int64]bool{}
	for _, r := range rows {
		if r.LowRelevance {
			continue
		}
		d := int(r.Found.In(loc).Sub(cv.From).Hours() / 24)
		if r.Found.Before(cv.From) || d < 0 || d >= days {
			continue
		}
		if !slices.Contains(watches, r.Watch) {
			watches = append(watches, r.Watch)
		}
		perDay[d][r.Watch]++
		storyDay[r.StoryID] = d
		if counted[r.StoryID] {
			continue
		}
		counted[r.StoryID] = true
		titles[d] = append(titles[d], r.Title)
		outlets[r.Credit]++
		langs[orUnknown(r.Language)]++
		roles[orUnknown(r.Role)]++
		if r.Wire != "" && r.Credit == r.Wire {
			sources["wire agency copy"]++
		} else {
			sources["the outlet's own"]++
		}
	}
	cv.Total = len(counted)
	slices.Sort(watches)
	// Stories per day (a story of two watches counts once).
	totals := make([]int, days)
	for _, d := range storyDay {
		totals[d]++
	}
	mean, sd := meanSD(totals)
	spikeDay := make([]bool, days)
	for d, n := range totals {
		if n >= 3 && float64(n) > mean+2*sd {
			spikeDay[d] = true
			s := spike{Day: cv.From.AddDate(0, 0, d).Format("Mon 2 Jan"), Count: n}
			s.Stories = titles[d][:min(len(titles[d]), 5)]
			cv.Spikes = append(cv.Spikes, s)
		}
	}
	cv.Chart = drawChart(perDay, watches, spikeDay, cv.From)
	for d, day := range perDay {
		for _, w := range watches {
			if n := day[w]; n > 0 {
				cv.PerDay = append(cv.PerDay, dayCount{Date: cv.From.AddDate(0, 0, d).Format(time.DateOnly), Watch: w, Count: n})
			}
		}
	}
	cv.Outlets = top(outlets, 10)
	cv.Langs, cv.Roles, cv.Sources = top(langs, 0), top(roles, 0), top(sources, 0)
	return cv
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// drawChart lays out stacked bars, one per day, a segment per watch.
func drawChart(perDay []map[string]int, watches []string, spikeDay []bool, from time.Time) chart {
	const width, height, left, bottom, top = 720, 220, 36, 40, 16
	c := chart{Width: width, Height: height}
	most := 1
	for _, day := range perDay {
		n := 0
		for _, v := range day {
			n += v
		}
		most = max(most, n)
	}
	c.Top = most
	step := (width - left) / len(perDay)
	barW := max(1, step-2)
	plot := height - bottom - top
	for d, day := range perDay {
		x := left + d*step
		y := height - bottom
		for i, w := range watches {
			n := day[w]
			if n == 0 {
				continue
			}
			h := n * plot / most
			y -= h
			c.Bars = append(c.Bars, bar{X: x, Y: y, W: barW, H: h, Color: palette[i%len(palette)],
				Title: fmt.Sprintf("%s: %d %s, %s", from.AddDate(0, 0, d).Format("2 Jan"), n, plural(n, "story", "stories"), w), Spike: spikeDay[d]})
		}
		if d%7 == 0 {
			c.Ticks = append(c.Ticks, tick{X: x, Label: from.AddDate(0, 0, d).Format("2 Jan")})
		}
	}
	for i, w := range watches {
		c.Legend = append(c.Legend, legendItem{X: left + i*180, Color: palette[i%len(palette)], Name: w})
	}
	return c
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func meanSD(xs []int) (float64, float64) {
	if len(xs) == 0 {
		return 0, 0
	}
	var sum float64
	for _, x := range xs {
		sum += float64(x)
	}
	mean := sum / float64(len(xs))
	var ss float64
	for _, x := range xs {
		ss += (float64(x) - mean) * (float64(x) - mean)
	}
	return mean, math.Sqrt(ss / float64(len(xs)))
}

// top is the counts, largest first (ties by name), the first n (all
// when n is 0), with bar widths.
func top(counts map[string]int, n int) []tally {
	var out []tally
	most := 0
	for k, v := range counts {
		out = append(out, tally{Name: k, Count: v})
		most = max(most, v)
	}
	slices.SortFunc(out, func(a, b tally) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return cmp.Compare(a.Name, b.Name)
	})
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	for i := range out {
		out[i].Width = out[i].Count * 100 / max(1, most)
	}
	return out
}

// coverage is the Coverage page (?days=30 or 90).
func (h *Handler) coverage(w http.ResponseWriter, r *http.Request) {
	cv, ok := h.coverageFor(w, r)
	if !ok {
		return
	}
	h.render(w, r, "coverage", &page{Title: "Coverage", Nav: "coverage", Coverage: &cv})
}

// coverageCSV is the Coverage page's figures as CSV, for a spreadsheet.
func (h *Handler) coverageCSV(w http.ResponseWriter, r *http.Request) {
	cv, ok := h.coverageFor(w, r)
	if !ok {
		return
	}
	attachment(w, fmt.Sprintf("coverage-%s-%dd.csv", cv.To.Format("2006-01-02"), cv.Days), contentTypes["csv"])
	cw, err := export.NewCSV(w, true)
	if err != nil {
		h.log.Error("coverage CSV", "error", err)
		return
	}
	rows := [][]string{{"kind", "name", "date", "stories"}}
	for _, d := range cv.PerDay {
		rows = append(rows, []string{"day", d.Watch, d.Date, strconv.Itoa(d.Count)})
	}
	for _, t := range []struct {
		kind string
		list []tally
	}{{"outlet", cv.Outlets}, {"language", cv.Langs}, {"role", cv.Roles}, {"source", cv.Sources}} {
		for _, x := range t.list {
			rows = append(rows, []string{t.kind, x.Name, "", strconv.Itoa(x.Count)})
		}
	}
	for _, row := range rows {
		if err := cw.Row(row...); err != nil {
			h.log.Error("coverage CSV", "error", err)
			return
		}
	}
	if err := cw.Flush(); err != nil {
		h.log.Error("coverage CSV", "error", err)
	}
}

// coverageFor reads the period asked for and counts it.
func (h *Handler) coverageFor(w http.ResponseWriter, r *http.Request) (coverageView, bool) {
	days := 30
	if v := r.URL.Query().Get("days"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || !slices.Contains(coverageDays, n) {
			h.fail(w, r, http.StatusBadRequest, "days: want 30 or 90")
			return coverageView{}, false
		}
		days = n
	}
	now := h.o.Now()
	loc := time.Local
	end := time.Date(now.In(loc).Year(), now.In(loc).Month(), now.In(loc).Day(), 0, 0, 0, 0, loc).AddDate(0, 0, 1)
	rows, err := h.o.Store.Coverage(r.Context(), end.AddDate(0, 0, -days), end)
	if err != nil {
		h.internal(w, r, "the stories could not be read", err)
		return coverageView{}, false
	}
	return coverageOf(rows, days, now, loc), true
}
