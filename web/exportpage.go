package web

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pressclip/pressclip/export"
	"github.com/pressclip/pressclip/internal/view"
	"github.com/pressclip/pressclip/store"
)

// exportView is the export page.
type exportView struct {
	From, To, Format, Group string
	// Order is how the section is sorted (view.Orders).
	Order  string
	Orders []string
	// Unreviewed adds new stories to the approved ones; Exported adds
	// stories already exported.
	Unreviewed, Exported bool
	IDs                  []int64
	Count                int
	Text                 string
	Preview              string
	// Query is the selection as a query string, for the preview frame
	// and the download link.
	Query              template.URL
	Formats, Groupings []string
	Last               time.Time
	// Since and Until are the period drawn up (Until zero: up to At);
	// At is when: the mark form sends all three back.
	Since, Until, At time.Time
	Marked           int
	// Truncated: the period holds more stories than a page shows.
	Truncated bool
	// Waiting is how many stories await review, said when the section
	// is empty.
	Waiting int
	// Lines are the section's lines in its order, to move by hand (the
	// "hand" order).
	Lines []handLine
	// OrderIDs is the section's order as a comma-separated list.
	OrderIDs string
}

// handLine is one line of the section, moved by hand.
type handLine struct {
	ID   int64
	Line string
}

// downloadFormats are the section's formats.
var downloadFormats = export.SectionFormats

var contentTypes = map[string]string{
	"text": "text/plain; charset=utf-8", "md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
	"csv": "text/csv; charset=utf-8", "json": "application/json", "atom": "application/atom+xml",
}

var fileExtensions = map[string]string{"text": "txt", "md": "md", "html": "html", "csv": "csv", "json": "json", "atom": "atom"}

// selection reads the export form and returns its stories: the approved
// ones (and the new ones, with unreviewed) not exported yet, found in the
// period; the period is since the last export unless given.
// Long: the form's fields, their checks, the period and the query string
// the page links with, which must stay in step.
func (h *Handler) selection(r *http.Request) (*exportView, []export.Item, error) {
	q := r.URL.Query()
	if r.Method == http.MethodPost {
		q = r.PostForm
	}
	ev := &exportView{From: q.Get("from"), To: q.Get("to"), Format: q.Get("format"), Group: q.Get("group"), Order: q.Get("order"),
		Unreviewed: q.Get("unreviewed") == "1", Exported: q.Get("exported") == "1",
		Formats: downloadFormats, Groupings: export.Groupings, Orders: view.Orders}
	if ev.Order == "" {
		ev.Order = "found"
	}
	if !slices.Contains(view.Orders, ev.Order) {
		return ev, nil, badInput("order %q: want one of %s", ev.Order, strings.Join(view.Orders, ", "))
	}
	if ev.Format == "" {
		ev.Format = "text"
	}
	if !slices.Contains(downloadFormats, ev.Format) {
		return ev, nil, badInput("format %q: want one of %s", ev.Format, strings.Join(downloadFormats, ", "))
	}
	if ev.Group == "" {
		ev.Group = h.o.Group
		if ev.Group == "" {
			ev.Group = "none"
		}
	}
	if !slices.Contains(export.Groupings, ev.Group) {
		return ev, nil, badInput("group %q: want one of %s", ev.Group, strings.Join(export.Groupings, ", "))
	}
	ctx := r.Context()
	last, ok, err := h.o.Store.LastExport(ctx)
	if err != nil {
		return ev, nil, err
	}
	if ok {
		ev.Last = last.At
	}
	f := store.Filter{ExcludeRejected: true, Pending: !ev.Exported, Limit: maxCards}
	if !ev.Unreviewed {
		f.Status = store.StatusApproved
	}
	ev.At = h.o.Now()
	var stories []store.Story
	if ev.Exported && ev.From == "" && ev.To == "" {
		return ev, nil, badInput("already exported too: choose a period (from, to)")
	}
	if ev.From == "" && ev.To == "" {
		t, err := h.o.Store.Today(ctx, f)
		if err != nil {
			return ev, nil, err
		}
		// The period stays "since the last export" (not its day) in the
		// preview and download links, so that they show the same stories.
		stories, ev.Since = t.Stories, t.Since
	} else {
		if f.From, f.To, err = period(ev.From, ev.To); err != nil {
			return ev, nil, err
		}
		ev.Since, ev.Until = f.From, f.To
		if stories, err = h.o.Store.Stories(ctx, f); err != nil {
			return ev, nil, err
		}
	}
	h.ranking().Sort(stories, ev.Order)
	items := view.Items(stories, view.Tags(h.o.Sources))
	var order []string
	for _, it := range items {
		ev.IDs = append(ev.IDs, it.ID)
		if ev.Order == "hand" {
			ev.Lines = append(ev.Lines, handLine{ID: it.ID, Line: it.Line})
			order = append(order, strconv.FormatInt(it.ID, 10))
		}
	}
	ev.OrderIDs = strings.Join(order, ",")
	ev.Count = len(items)
	ev.Truncated = len(stories) >= maxCards
	sel := url.Values{"from": {ev.From}, "to": {ev.To}, "group": {ev.Group}, "order": {ev.Order}}
	if ev.Unreviewed {
		sel.Set("unreviewed", "1")
	}
	if ev.Exported {
		sel.Set("exported", "1")
	}
	ev.Query = template.URL(sel.Encode()) // built by url.Values: safe in a query
	return ev, items, nil
}

// moveLines keeps the section's order as staff move it: the posted ids
// are the order shown; "up" or "down" names the line to move one place
// (the forms, without the script), else ids are the new order (a line
// dragged). It answers the script with JSON, the browser by going back
// to the export page at the moved line.
func (h *Handler) moveLines(w http.ResponseWriter, r *http.Request) {
	ids, ok := formIDs(r)
	if !ok || len(ids) == 0 || len(ids) > maxMark {
		h.fail(w, r, http.StatusBadRequest, "a bad list of stories")
		return
	}
	var moved int64
	if r.PostFormValue("up") != "" && r.PostFormValue("down") != "" {
		h.fail(w, r, http.StatusBadRequest, "move a line up or down, not both")
		return
	}
	for _, d := range []struct {
		dir  string
		step int
	}{{"up", -1}, {"down", 1}} {
		dir, step := d.dir, d.step
		v := r.PostFormValue(dir)
		if v == "" {
			continue
		}
		id, err := strconv.ParseInt(v, 10, 64)
		i := slices.Index(ids, id)
		if err != nil || i < 0 {
			h.fail(w, r, http.StatusBadRequest, "the line to move is not in the section")
			return
		}
		if j := i + step; j >= 0 && j < len(ids) {
			ids[i], ids[j] = ids[j], ids[i]
		}
		moved = id
	}
	if err := h.o.Store.SetSectionOrder(r.Context(), ids); err != nil {
		switch {
		case errors.Is(err, store.ErrNotFound):
			h.fail(w, r, http.StatusNotFound, err.Error())
		case errors.Is(err, store.ErrInvalidInput):
			h.fail(w, r, http.StatusBadRequest, err.Error())
		default:
			h.internal(w, r, "the order could not be saved", err)
		}
		return
	}
	if wantsJSON(r) {
		writeJSON(w, http.StatusOK, map[string]any{"order": ids})
		return
	}
	to := back(r)
	if moved != 0 {
		to += "#o" + strconv.FormatInt(moved, 10)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// errInput marks a selection the form got wrong (400), as against the
// database failing (500).
var errInput = errors.New("bad input")

type inputError struct{ msg string }

func (e inputError) Error() string        { return e.msg }
func (e inputError) Is(target error) bool { return target == errInput }

func badInput(format string, args ...any) error { return inputError{fmt.Sprintf(format, args...)} }

// period reads a form's from and to days (either may be empty): from
// the start of from to the end of to, in local time.
func period(from, to string) (start, end time.Time, err error) {
	if from != "" {
		if start, err = time.ParseInLocation("2006-01-02", from, time.Local); err != nil {
			return start, end, badInput("from: want a date such as 2026-11-25")
		}
	}
	if to != "" {
		if end, err = time.ParseInLocation("2006-01-02", to, time.Local); err != nil {
			return start, end, badInput("to: want a date such as 2026-11-25")
		}
		end = end.AddDate(0, 0, 1)
	}
	if !start.IsZero() && !end.IsZero() && !start.Before(end) {
		return start, end, badInput("from is after to")
	}
	return start, end, nil
}

// failSelection answers a selection's error: the form's mistake as it
// is, anything else logged and answered 500.
func (h *Handler) failSelection(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, errInput) {
		h.fail(w, r, http.StatusBadRequest, err.Error())
		return
	}
	h.internal(w, r, "the stories could not be read", err)
}

// renderFormat writes the selection in a format, in the newsletter's
// language.
func (h *Handler) renderFormat(format, group string, items []export.Item) ([]byte, error) {
	var b bytes.Buffer
	err := export.Section(&b, format, items, export.SectionOptions{Group: group, Lang: h.o.Language, Authority: export.HostAuthority()})
	return b.Bytes(), err
}

// exportPage previews the section exactly as the newsletter prints it
// (the text, and the HTML that is copied as rich text), with the copy,
// download and mark-as-exported buttons.
func (h *Handler) exportPage(w http.ResponseWriter, r *http.Request) {
	ev, items, err := h.selection(r)
	if errors.Is(err, errInput) && !wantsJSON(r) {
		// The form again, with what to change.
		h.renderStatus(w, r, http.StatusBadRequest, "export", &page{Title: "Export", Nav: "export", Export: ev, Error: err.Error()})
		return
	}
	if err != nil {
		h.failSelection(w, r, err)
		return
	}
	text, err := h.renderFormat("text", ev.Group, items)
	if err != nil {
		h.internal(w, r, "the section could not be written", err)
		return
	}
	ev.Text = string(text)
	if ev.Format != "text" && ev.Format != "html" {
		if b, err := h.renderFormat(ev.Format, ev.Group, items); err == nil {
			ev.Preview = string(b)
		}
	}
	ev.Marked, _ = strconv.Atoi(r.URL.Query().Get("marked"))
	if ev.Count == 0 {
		// The empty section says what to do: review first.
		waiting, err := h.o.Store.Stories(r.Context(), store.Filter{Status: store.StatusNew, Pending: true, Limit: maxCards})
		if err != nil {
			h.internal(w, r, "the stories could not be read", err)
			return
		}
		ev.Waiting = len(waiting)
	}
	h.render(w, r, "export", &page{Title: "Export", Nav: "export", Export: ev})
}

// previewCSP lets the exported HTML keep its inline styles (e-mail
// clients need them) in the export page's frame, and nothing else: no
// script, no request, no form.
const previewCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"

// preview is the selection's HTML exactly as the newsletter prints it,
// shown in a frame of the export page.
func (h *Handler) preview(w http.ResponseWriter, r *http.Request) {
	ev, items, err := h.selection(r)
	if err != nil {
		h.failSelection(w, r, err)
		return
	}
	b, err := h.renderFormat("html", ev.Group, items)
	if err != nil {
		h.internal(w, r, "the section could not be written", err)
		return
	}
	w.Header().Set("Content-Security-Policy", previewCSP)
	w.Header().Set("X-Frame-Options", "SAMEORIGIN")
	w.Header().Set("Content-Type", contentTypes["html"])
	w.Header().Set("Cache-Control", "no-store")
	w.Write(b)
}

// download sends the selection as a file.
func (h *Handler) download(w http.ResponseWriter, r *http.Request) {
	ev, items, err := h.selection(r)
	if err != nil {
		h.failSelection(w, r, err)
		return
	}
	b, err := h.renderFormat(ev.Format, ev.Group, items)
	if err != nil {
		h.internal(w, r, "the section could not be written", err)
		return
	}
	attachment(w, fmt.Sprintf("press-%s.%s", h.o.Now().Format("2006-01-02"), fileExtensions[ev.Format]), contentTypes[ev.Format])
	w.Write(b)
}

// attachment starts a download answer: its type, its file name, and no
// caching (the section changes with every decision).
func attachment(w http.ResponseWriter, name, contentType string) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Cache-Control", "no-store")
}

// markExported records the previewed stories as exported: the next
// Today starts after them, and later copies are not offered again.
func (h *Handler) markExported(w http.ResponseWriter, r *http.Request) {
	ids, ok := formIDs(r)
	if !ok {
		h.fail(w, r, http.StatusBadRequest, "a bad story ID")
		return
	}
	if len(ids) == 0 {
		h.fail(w, r, http.StatusBadRequest, "nothing to mark: the section is empty")
		return
	}
	if len(ids) > maxMark {
		h.fail(w, r, http.StatusBadRequest, fmt.Sprintf("at most %d stories can be marked at once: choose a shorter period", maxMark))
		return
	}
	// The page's own period and time: a story found after the page was
	// drawn up is not in the section, so the next Today must show it.
	var e store.Export
	for _, f := range []struct {
		name string
		to   *time.Time
	}{{"from", &e.From}, {"to", &e.To}, {"at", &e.At}} {
		if v := r.PostFormValue(f.name); v != "" {
			t, err := time.Parse(time.RFC3339Nano, v)
			if err != nil {
				h.fail(w, r, http.StatusBadRequest, f.name+": want an RFC 3339 time")
				return
			}
			*f.to = t
		}
	}
	e.Format = r.PostFormValue("format")
	if !slices.Contains(downloadFormats, e.Format) {
		e.Format = "text"
	}
	e, err := h.o.Store.MarkExported(r.Context(), ids, e)
	if err != nil {
		h.internal(w, r, "the export could not be recorded", err)
		return
	}
	if r.PostFormValue("download") == "1" {
		// Download and mark, one step: the file of exactly the stories
		// marked, its name saying how many.
		h.downloadMarked(w, r, ids, e.Format)
		return
	}
	if wantsJSON(r) {
		writeJSON(w, http.StatusOK, map[string]any{"export": e.ID, "stories": len(ids)})
		return
	}
	http.Redirect(w, r, "/export?marked="+strconv.Itoa(len(ids)), http.StatusSeeOther)
}

// downloadMarked answers a "Download and mark" with the marked stories
// in format.
func (h *Handler) downloadMarked(w http.ResponseWriter, r *http.Request, ids []int64, format string) {
	stories, err := h.o.Store.StoriesByID(r.Context(), ids)
	if err != nil {
		h.internal(w, r, "the stories could not be read", err)
		return
	}
	group := r.PostFormValue("group")
	if !slices.Contains(export.Groupings, group) {
		group = "none"
	}
	if order := r.PostFormValue("order"); slices.Contains(view.Orders, order) {
		h.ranking().Sort(stories, order)
	}
	b, err := h.renderFormat(format, group, view.Items(stories, view.Tags(h.o.Sources)))
	if err != nil {
		h.internal(w, r, "the section could not be written", err)
		return
	}
	attachment(w, fmt.Sprintf("press-%s-%d-marked.%s", h.o.Now().Format("2006-01-02"), len(ids), fileExtensions[format]), contentTypes[format])
	w.Write(b)
}

// feedWindow is how far back the Atom feed of approved lines goes.
const feedWindow = 30 * 24 * time.Hour

// feed is an Atom feed of the approved lines of the last 30 days.
func (h *Handler) feed(w http.ResponseWriter, r *http.Request) {
	stories, err := h.o.Store.Stories(r.Context(), store.Filter{Status: store.StatusApproved, From: h.o.Now().Add(-feedWindow), Limit: maxCards})
	if err != nil {
		h.internal(w, r, "the stories could not be read", err)
		return
	}
	var buf bytes.Buffer
	// The feed names itself (rel="self") by the address it was asked
	// for: the Host header passed HostGuard.
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	self := scheme + "://" + r.Host + "/feed.atom"
	if err := export.Section(&buf, "atom", view.Items(stories, nil), export.SectionOptions{FeedURL: self}); err != nil {
		h.internal(w, r, "the section could not be written", err)
		return
	}
	b := buf.Bytes()
	w.Header().Set("Content-Type", contentTypes["atom"])
	if h.who(r).authOn {
		w.Header().Set("Cache-Control", "private, no-store")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	w.Write(b)
}

// sources is the health table, failing sources first.
func (h *Handler) sources(w http.ResponseWriter, r *http.Request) {
	hs, err := h.o.Store.Sources(r.Context(), nil)
	if err != nil {
		h.internal(w, r, "the sources could not be read", err)
		return
	}
	var rows []sourceRow
	when := func(t time.Time) string {
		if t.IsZero() {
			return "never"
		}
		return pageTime(t, "2 Jan 15:04")
	}
	for _, s := range hs {
		row := sourceRow{Name: s.Name, Status: s.Status(), LastSuccess: when(s.LastSuccess), LastAttempt: when(s.LastAttempt),
			LastError: s.LastError, Kind: s.ErrorKind, Failures: s.ConsecutiveFailures, Items: s.ItemsSeen, Mentions: s.MentionsTotal}
		if !s.NextAttempt.IsZero() {
			row.NextAttempt = when(s.NextAttempt)
		}
		rows = append(rows, row)
	}
	h.render(w, r, "sources", &page{Title: "Sources", Nav: "sources", Sources: rows})
}
