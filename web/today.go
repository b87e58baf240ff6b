package web

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pressclip/pressclip/internal/view"
	"github.com/pressclip/pressclip/store"
)

// maxCards bounds the stories one list shows (Today may add as many
// approved ones carried over); maxMark the stories one export marks.
const (
	maxCards = 1000
	// readTimeout bounds a page's database work.
	readTimeout = 10 * time.Second
	maxMark     = 2 * maxCards
)

// filterFrom reads the filter form.
func filterFrom(r *http.Request) (filterView, store.Filter, error) {
	q := r.URL.Query()
	fv := filterView{Status: q.Get("status"), Watch: q.Get("watch"), Outlet: q.Get("outlet"), Language: q.Get("language"),
		From: q.Get("from"), To: q.Get("to"), Sort: q.Get("sort"), Q: strings.TrimSpace(q.Get("q")), Low: q.Get("low") == "1"}
	f := store.Filter{Watch: fv.Watch, Outlet: fv.Outlet, Language: fv.Language, Query: fv.Q, IncludeLow: fv.Low,
		ByPriority: fv.Sort == "priority", Limit: maxCards, NoSnippets: true}
	switch fv.Status {
	case "":
		// To review: the stories not decided yet.
		f.Status = store.StatusNew
	case "all", store.StatusNew, store.StatusApproved, store.StatusRejected:
		f.Status = fv.Status
	default:
		return fv, f, errors.New("unknown status")
	}
	var err error
	f.From, f.To, err = period(fv.From, fv.To)
	return fv, f, err
}

// today is the review page: the stories since the last export (or in
// the chosen period), and the exported ones carried again, folded.
func (h *Handler) today(w http.ResponseWriter, r *http.Request) {
	fv, f, err := filterFrom(r)
	tv := &todayView{Filter: fv, Counts: map[string]int{}, Query: fv.Q, Filtered: fv != (filterView{}) && fv != (filterView{Sort: "importance"})}
	if err != nil {
		h.badFilter(w, r, tv, err)
		return
	}
	// The database work ends with the request (a client that hangs up
	// stops it) and within readTimeout, a search's included.
	ctx, cancel := context.WithTimeout(r.Context(), readTimeout)
	defer cancel()
	var stories, again []store.Story
	if fv.From != "" || fv.To != "" || fv.Q != "" {
		stories, err = h.o.Store.Stories(ctx, f)
		last, ok, lerr := h.o.Store.LastExport(ctx)
		switch {
		case lerr != nil:
			h.log.Error("the last export could not be read", "error", lerr)
		case ok:
			tv.LastExport = last.At
		}
		tv.Since = f.From
	} else {
		var t store.Today
		t, err = h.o.Store.Today(ctx, f)
		stories, again, tv.Since, tv.LastExport = t.Stories, t.Again, t.Since, t.Last.At
	}
	if errors.Is(err, store.ErrInvalidInput) {
		h.badFilter(w, r, tv, err)
		return
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		h.fail(w, r, http.StatusServiceUnavailable, "the search took too long: use fewer or longer words")
		return
	}
	if err != nil {
		h.internal(w, r, "the stories could not be read", err)
		return
	}
	tv.Truncated = len(stories) >= maxCards
	// By importance unless staff chose another order (the store's), and
	// lines waiting for a translation first in every order: they take
	// staff longest.
	rank, why := h.ranking().Rank(stories)
	if fv.Sort == "" || fv.Sort == "importance" {
		view.SortRanked(stories, "importance", rank)
	}
	view.TranslationsFirst(stories)
	if err := h.snippets(ctx, stories, fv.Q); err != nil {
		h.internal(w, r, "the search's snippets could not be read", err)
		return
	}
	for i, st := range stories {
		var c card
		if i < fullCards {
			c = h.fullCard(ctx, st, why[st.ID])
		} else {
			c = cardFor(st, nil)
		}
		tv.Cards = append(tv.Cards, c)
		tv.Counts[st.Status]++
	}
	for _, st := range again {
		tv.Again = append(tv.Again, cardFor(st, nil))
	}
	tv.Watches, tv.Outlets, tv.Languages = h.choices(stories)
	if h.o.QuietAlarm > 0 {
		since, quiet, err := h.o.Store.Quiet(ctx, h.o.Now(), h.o.QuietAlarm)
		if err != nil {
			h.log.Error("the quiet alarm could not be read", "error", err)
		} else if quiet {
			tv.QuietSince = since
		}
	}
	h.render(w, r, "today", &page{Title: "Today", Nav: "today", Today: tv})
}

// snippets adds the search q's snippets to the stories drawn whole (the
// first fullCards) only.
func (h *Handler) snippets(ctx context.Context, stories []store.Story, q string) error {
	if q == "" || len(stories) == 0 {
		return nil
	}
	ids := make([]int64, 0, fullCards)
	for _, st := range stories[:min(len(stories), fullCards)] {
		ids = append(ids, st.ID)
	}
	found, err := h.o.Store.Snippets(ctx, q, ids)
	if err != nil {
		return err
	}
	for i := range stories[:len(ids)] {
		stories[i].Found = found[stories[i].ID]
	}
	return nil
}

// fullCards is how many stories Today draws whole (a first screen at
// 1366×900 shows about 17 rows); the others are drawn
// as their rows, the rest fetched when one is opened: 500 whole cards
// were 1.4 MB of HTML, and the rule checker ran on every edited line.
const fullCards = 16

// fullCard is a story's whole card: the house rules its edited line
// breaks, and why it ranks where it does.
func (h *Handler) fullCard(ctx context.Context, st store.Story, importance string) card {
	c := cardFor(st, h.problems(ctx, st))
	c.Importance, c.Body = importance, true
	return c
}

// story is one story's own page (the whole card: the link a row shows
// without the script), or with ?part=body the card's body alone, which
// the script puts under a row when it is opened.
func (h *Handler) story(w http.ResponseWriter, r *http.Request) {
	id, ok := storyID(r)
	if !ok {
		h.fail(w, r, http.StatusNotFound, "no such story")
		return
	}
	sts, err := h.o.Store.StoriesByID(r.Context(), []int64{id})
	if err != nil {
		h.internal(w, r, "the story could not be read", err)
		return
	}
	if len(sts) == 0 {
		h.fail(w, r, http.StatusNotFound, "no such story")
		return
	}
	_, why := h.ranking().Importance(sts[0])
	c := h.fullCard(r.Context(), sts[0], why)
	p := &page{Title: sts[0].Title, Nav: "today", Story: &c}
	if r.URL.Query().Get("part") == "body" {
		// The body goes into the page that fetched it: its forms go back
		// there (the page says which), not to this fragment.
		p.Back = safeBack(r.URL.Query().Get("back"))
		h.render(w, r, "storybody", p)
		return
	}
	h.render(w, r, "story", p)
}

// ranking ranks stories now, with the sources' tiers.
func (h *Handler) ranking() view.Ranking {
	return view.Ranking{Now: h.o.Now(), Tiers: view.Tiers(h.o.Sources)}
}

// badFilter answers a filter the page cannot use: the page again, its
// form filled in, with what to change (400); scripts get JSON.
func (h *Handler) badFilter(w http.ResponseWriter, r *http.Request, tv *todayView, err error) {
	if wantsJSON(r) {
		h.fail(w, r, http.StatusBadRequest, err.Error())
		return
	}
	tv.Watches, tv.Outlets, tv.Languages = h.choices(nil)
	h.renderStatus(w, r, http.StatusBadRequest, "today", &page{Title: "Today", Nav: "today", Today: tv, Error: err.Error()})
}

// choices are the filter menus: the config's watches and outlets, and
// the languages and outlets of the stories shown.
func (h *Handler) choices(stories []store.Story) (watches, outlets, languages []string) {
	watches = append(watches, h.o.Watches...)
	add := func(list *[]string, v string) {
		if v != "" && !slices.Contains(*list, v) {
			*list = append(*list, v)
		}
	}
	for _, s := range h.o.Sources {
		add(&outlets, s.Outlet)
	}
	for _, st := range stories {
		add(&outlets, st.Credit)
		add(&languages, st.Language)
	}
	sort.Strings(outlets)
	sort.Strings(languages)
	return watches, outlets, languages
}

// problems checks an edited line against the house rules and its
// article (drafted lines were checked when drafted).
func (h *Handler) problems(ctx context.Context, st store.Story) []string {
	if !st.LineEdited || h.o.CheckLine == nil {
		return nil
	}
	t, err := h.o.Store.StoryText(ctx, st.ID)
	if err != nil {
		h.log.Error("the story's text could not be read", "story", st.ID, "error", err)
		return nil
	}
	return h.o.CheckLine(st.Line, t)
}

// formIDs reads the posted story IDs (the guard parsed the form): "id"
// fields, or one "ids" field of comma-separated IDs (a long list, as
// "reject the rest" posts it without the script); ok is false when one
// is not a positive number.
func formIDs(r *http.Request) (ids []int64, ok bool) {
	values := r.PostForm["id"]
	for _, list := range r.PostForm["ids"] {
		for v := range strings.SplitSeq(list, ",") {
			if v = strings.TrimSpace(v); v != "" {
				values = append(values, v)
			}
		}
	}
	for _, v := range values {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return nil, false
		}
		ids = append(ids, id)
	}
	return ids, true
}

func storyID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

// review applies a decision and answers the script (JSON) or the browser
// (back to the page it came from).
func (h *Handler) review(w http.ResponseWriter, r *http.Request, ids []int64, rv store.Review) {
	err := h.o.Store.Review(r.Context(), ids, rv)
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.fail(w, r, http.StatusNotFound, err.Error())
		return
	case errors.Is(err, store.ErrInvalidInput):
		h.fail(w, r, http.StatusBadRequest, err.Error())
		return
	case err != nil:
		h.internal(w, r, "the decision could not be saved", err)
		return
	}
	if !wantsJSON(r) {
		http.Redirect(w, r, back(r), http.StatusSeeOther)
		return
	}
	stories, err := h.o.Store.StoriesByID(r.Context(), ids)
	if err != nil {
		h.internal(w, r, "the story could not be read", err)
		return
	}
	type result struct {
		ID       int64    `json:"id"`
		Status   string   `json:"status"`
		Credit   string   `json:"credit"`
		Line     string   `json:"line"`
		Edited   bool     `json:"edited"`
		Problems []string `json:"problems"`
	}
	out := []result{}
	for _, st := range stories {
		res := result{ID: st.ID, Status: st.Status, Credit: st.Credit, Line: st.Line, Edited: st.LineEdited, Problems: []string{}}
		res.Problems = append(res.Problems, h.problems(r.Context(), st)...)
		out = append(out, res)
	}
	writeJSON(w, http.StatusOK, map[string]any{"stories": out})
}

// back is where a form returns: a path on this site, never elsewhere.
func back(r *http.Request) string { return safeBack(r.PostFormValue("back")) }

// safeBack is b when it is a path of this site, else "/".
func safeBack(b string) string {
	if !strings.HasPrefix(b, "/") || strings.HasPrefix(b, "//") || strings.ContainsFunc(b, func(c rune) bool {
		return c < 0x20 || c == 0x7f || c == '\\'
	}) {
		return "/"
	}
	return b
}

func statusValue(s string) (string, bool) {
	switch s {
	case store.StatusApproved, store.StatusRejected, store.StatusNew:
		return s, true
	}
	return "", false
}

func (h *Handler) setStatus(w http.ResponseWriter, r *http.Request) {
	id, ok := storyID(r)
	if !ok {
		h.fail(w, r, http.StatusNotFound, "no such story")
		return
	}
	status, ok := statusValue(r.PostFormValue("status"))
	if !ok {
		h.fail(w, r, http.StatusBadRequest, "status: want approved, rejected or new")
		return
	}
	h.review(w, r, []int64{id}, store.Review{Status: status})
}

// maxLine bounds an edited line.
const maxLine = 2000

func (h *Handler) setLine(w http.ResponseWriter, r *http.Request) {
	id, ok := storyID(r)
	if !ok {
		h.fail(w, r, http.StatusNotFound, "no such story")
		return
	}
	if r.PostFormValue("reset") == "1" {
		h.review(w, r, []int64{id}, store.Review{ResetLine: true})
		return
	}
	line := strings.Join(strings.Fields(r.PostFormValue("line")), " ")
	if line == "" || len(line) > maxLine {
		h.fail(w, r, http.StatusBadRequest, "the line must be between 1 and 2000 characters")
		return
	}
	h.review(w, r, []int64{id}, store.Review{Line: &line})
}

// setCredit chooses whom the story's line credits: the outlet, the wire
// agency, or (empty) as the config says.
func (h *Handler) setCredit(w http.ResponseWriter, r *http.Request) {
	id, ok := storyID(r)
	if !ok {
		h.fail(w, r, http.StatusNotFound, "no such story")
		return
	}
	to := r.PostFormValue("credit")
	if to != "" && to != store.CreditOutlet && to != store.CreditAgency {
		h.fail(w, r, http.StatusBadRequest, "credit: want outlet, agency or nothing")
		return
	}
	h.review(w, r, []int64{id}, store.Review{CreditTo: &to})
}

// maxBulk bounds the stories one bulk action changes.
const maxBulk = 1000

func (h *Handler) bulkStatus(w http.ResponseWriter, r *http.Request) {
	status, ok := statusValue(r.PostFormValue("status"))
	if !ok {
		h.fail(w, r, http.StatusBadRequest, "status: want approved, rejected or new")
		return
	}
	ids, ok := formIDs(r)
	if !ok {
		h.fail(w, r, http.StatusBadRequest, "a bad story ID")
		return
	}
	if len(ids) == 0 || len(ids) > maxBulk {
		h.fail(w, r, http.StatusBadRequest, "select between 1 and 1000 stories")
		return
	}
	h.review(w, r, ids, store.Review{Status: status})
}

// merge makes one story of the selected stories, as staff decide when
// the same-story decision missed a copy.
func (h *Handler) merge(w http.ResponseWriter, r *http.Request) {
	ids, ok := formIDs(r)
	if !ok {
		h.fail(w, r, http.StatusBadRequest, "a bad story ID")
		return
	}
	if len(ids) < 2 || len(ids) > maxBulk {
		h.fail(w, r, http.StatusBadRequest, "select between 2 and 1000 stories to merge")
		return
	}
	into, err := h.o.Store.MergeStories(r.Context(), ids)
	h.restructured(w, r, into, err)
}

// split takes a copy out of its story into a story of its own.
func (h *Handler) split(w http.ResponseWriter, r *http.Request) {
	id, ok := storyID(r)
	if !ok {
		h.fail(w, r, http.StatusNotFound, "no such article")
		return
	}
	story, err := h.o.Store.SplitArticle(r.Context(), id)
	h.restructured(w, r, story, err)
}

// restructured answers a merge or a split: the story it made, or why
// not.
func (h *Handler) restructured(w http.ResponseWriter, r *http.Request, story int64, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.fail(w, r, http.StatusNotFound, err.Error())
	case errors.Is(err, store.ErrInvalidInput):
		h.fail(w, r, http.StatusBadRequest, err.Error())
	case err != nil:
		h.internal(w, r, "the stories could not be changed", err)
	case wantsJSON(r):
		writeJSON(w, http.StatusOK, map[string]any{"story": story})
	default:
		http.Redirect(w, r, back(r), http.StatusSeeOther)
	}
}
