package summarizer

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// worldWriter is houseWriter with the organization's names in other
// languages, as config.yaml lists them.
func worldWriter() *Summarizer {
	return New(Options{Org: "IOM", OrgNames: []string{"International Organization for Migration", "International Organisation for Migration",
		"UN migration agency", "Organisation internationale pour les migrations", "Organización Internacional para las Migraciones", "OIM"},
		HeadTitle: "IOM Director General", HeadName: "Mara Lindqvist"})
}

// frenchArticle is an article in French for an English newsletter.
var frenchArticle = Article{Outlet: "Le Journal de Niamey", Type: "news", Language: "fr",
	Title: "Niger : l’OIM a aidé 2 318 migrants à rentrer chez eux depuis janvier",
	Paragraphs: []string{
		"Niamey, 14 mai 2026 (AFP) - L’Organisation internationale pour les migrations (OIM) a aidé 2 318 migrants bloqués à Agadez à rentrer au Mali, en Guinée et en Côte d’Ivoire depuis le début de l’année, a indiqué mardi l’organisation.",
		"« Les départs ont repris depuis le mois de mars », a déclaré Awa Diallo, porte-parole de l’OIM à Niamey.",
	}}

// goodTranslation is what a good machine translation server answers.
var goodTranslation = map[string]string{
	frenchArticle.Title:         "Niger: IOM has helped 2,318 migrants return home since January",
	frenchArticle.Paragraphs[0]: "Niamey, May 14, 2026 (AFP) - The International Organization for Migration (IOM) has helped 2,318 migrants stranded in Agadez to return to Mali, Guinea and Côte d'Ivoire since the beginning of the year, the organization said on Tuesday.",
	frenchArticle.Paragraphs[1]: "\"Departures have resumed since March,\" said Awa Diallo, spokesperson for IOM in Niamey.",
}

const goodTranslatedLine = "Le Journal de Niamey reported that IOM has helped 2,318 migrants stranded in Agadez to return to Mali, Guinea and Côte d'Ivoire since the beginning of the year, according to IOM."

// libreServer is a loopback LibreTranslate server: POST /translate with
// {q: [...], source, target}, answering with answer's translations.
type libreServer struct {
	srv   *httptest.Server
	calls atomic.Int32
	last  atomic.Value // the last request's JSON
}

func newLibreServer(t *testing.T, answer func(w http.ResponseWriter, q []string)) *libreServer {
	t.Helper()
	l := &libreServer{}
	l.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.calls.Add(1)
		if r.Method != http.MethodPost || r.URL.Path != "/translate" {
			http.NotFound(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		l.last.Store(string(body))
		var req struct {
			Q              []string `json:"q"`
			Source, Target string
		}
		if err := json.Unmarshal(body, &req); err != nil || req.Target != "en" || req.Source != "fr" {
			w.WriteHeader(http.StatusBadRequest)
			json.NewEncoder(w).Encode(map[string]string{"error": "bad request"})
			return
		}
		answer(w, req.Q)
	}))
	t.Cleanup(l.srv.Close)
	return l
}

// translations answers with tr applied to each text.
func translations(tr func(string) string) func(http.ResponseWriter, []string) {
	return func(w http.ResponseWriter, q []string) {
		out := make([]string, len(q))
		for i, s := range q {
			out[i] = tr(s)
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"translatedText": out})
	}
}

func lookup(m map[string]string) func(string) string {
	return func(s string) string {
		if t, ok := m[s]; ok {
			return t
		}
		return s
	}
}

func newTranslating(t *testing.T, srv *libreServer, timeout time.Duration) (*Translating, *bytes.Buffer) {
	t.Helper()
	lt, err := NewLibreTranslate(LibreTranslateOptions{URL: srv.srv.URL, Timeout: timeout, Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	s := worldWriter()
	return NewTranslating(s, s, lt, TranslatingOptions{Logger: slog.New(slog.NewTextHandler(&logs, nil))}), &logs
}

// TestTranslatingWriter: an article in another language than the
// newsletter's gets its line from a machine translation server, checked
// as any line and against the article; whatever goes wrong leaves the
// marked line for staff (rule 26).
func TestTranslatingWriter(t *testing.T) {
	marked := worldWriter().Line(frenchArticle)
	if !strings.Contains(marked, "(in French)") {
		t.Fatalf("the marked line is %q", marked)
	}
	wrongNumber := map[string]string{}
	for k, v := range goodTranslation {
		wrongNumber[k] = strings.ReplaceAll(v, "2,318", "2,813")
	}
	tests := []struct {
		name    string
		answer  func(http.ResponseWriter, []string)
		timeout time.Duration
		want    string
		marked  bool
		logHas  string
	}{
		{name: "a good translation gives an English line", answer: translations(lookup(goodTranslation)), want: goodTranslatedLine},
		{name: "a wrong number is refused", answer: translations(lookup(wrongNumber)), marked: true, logHas: "2,813"},
		{name: "an answer in the wrong language is refused", answer: translations(func(s string) string { return s }), marked: true, logHas: "not in en"},
		{name: "a server too slow is given up", timeout: 100 * time.Millisecond, marked: true, logHas: "deadline",
			answer: func(w http.ResponseWriter, q []string) {
				time.Sleep(time.Second)
				translations(lookup(goodTranslation))(w, q)
			}},
		{name: "garbage is refused", marked: true, logHas: "not JSON",
			answer: func(w http.ResponseWriter, _ []string) { w.Write([]byte("<html>Service Unavailable</html>")) }},
		{name: "too few translations are refused", marked: true, logHas: "translations back",
			answer: func(w http.ResponseWriter, _ []string) {
				json.NewEncoder(w).Encode(map[string]any{"translatedText": []string{"Niger"}})
			}},
		{name: "markup in a translation is refused", marked: true, logHas: "markup",
			answer: translations(func(s string) string { return "<b>" + lookup(goodTranslation)(s) + "</b>" })},
		{name: "a server error is reported", marked: true, logHas: "HTTP 500",
			answer: func(w http.ResponseWriter, _ []string) {
				w.WriteHeader(http.StatusInternalServerError)
				json.NewEncoder(w).Encode(map[string]string{"error": "model not loaded"})
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newLibreServer(t, tt.answer)
			timeout := tt.timeout
			if timeout == 0 {
				timeout = 5 * time.Second
			}
			w, logs := newTranslating(t, srv, timeout)
			start := time.Now()
			d := w.Write(t.Context(), frenchArticle)
			if tt.marked {
				if d.Line != marked || !d.NeedsTranslation {
					t.Errorf("got %q (needs translation %v), want the marked line %q", d.Line, d.NeedsTranslation, marked)
				}
				if !strings.Contains(logs.String(), tt.logHas) {
					t.Errorf("log %q does not say %q", logs.String(), tt.logHas)
				}
			} else {
				if d.Line != tt.want || d.NeedsTranslation || d.Writer != "translator" {
					t.Errorf("got  %q (needs translation %v, writer %s)\nwant %q", d.Line, d.NeedsTranslation, d.Writer, tt.want)
				}
				if d.Source == "" || !strings.Contains(frenchArticle.Paragraphs[0], d.Source) {
					t.Errorf("the lead beside the line is %q", d.Source)
				}
				if len(d.Alternatives) == 0 || d.Alternatives[len(d.Alternatives)-1] != marked {
					t.Errorf("alternatives %q, want the marked line last", d.Alternatives)
				}
			}
			if ps := worldWriter().CheckTranslated(d.Line, frenchArticle); len(ps) > 0 && !tt.marked {
				t.Errorf("%q breaks rules: %v", d.Line, ps)
			}
			if took := time.Since(start); took > 3*time.Second {
				t.Errorf("took %s", took)
			}
		})
	}
	t.Run("an English article never reaches the server", func(t *testing.T) {
		srv := newLibreServer(t, translations(lookup(goodTranslation)))
		w, _ := newTranslating(t, srv, time.Second)
		if got, want := w.Write(t.Context(), llmArticle).Line, worldWriter().Line(llmArticle); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
		if srv.calls.Load() != 0 {
			t.Errorf("%d requests for an English article", srv.calls.Load())
		}
	})
}

// TestLibreTranslateLimits: the client's limits are explicit.
func TestLibreTranslateLimits(t *testing.T) {
	if _, err := NewLibreTranslate(LibreTranslateOptions{URL: "file:///etc/passwd"}); err == nil {
		t.Error("a file: URL was accepted")
	}
	srv := newLibreServer(t, func(w http.ResponseWriter, _ []string) {
		w.Write([]byte(`{"translatedText": ["` + strings.Repeat("x", maxTranslationBody) + `"]}`))
	})
	lt, _ := NewLibreTranslate(LibreTranslateOptions{URL: srv.srv.URL, Retries: -1})
	if _, err := lt.Translate(t.Context(), []string{"bonjour"}, "fr", "en"); err == nil || !strings.Contains(err.Error(), "over") {
		t.Errorf("an answer over the cap: %v", err)
	}
	lt, _ = NewLibreTranslate(LibreTranslateOptions{URL: srv.srv.URL, MaxChars: 10})
	if _, err := lt.Translate(t.Context(), []string{"un texte bien trop long"}, "fr", "en"); !errors.Is(err, ErrTooLong) {
		t.Errorf("a text over MaxChars: %v", err)
	}
	// 503 twice, then the answer: retried.
	var n atomic.Int32
	retry := newLibreServer(t, func(w http.ResponseWriter, q []string) {
		if n.Add(1) <= 2 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		translations(strings.ToUpper)(w, q)
	})
	lt, _ = NewLibreTranslate(LibreTranslateOptions{URL: retry.srv.URL, Retries: 2})
	got, err := lt.Translate(t.Context(), []string{"bonjour"}, "fr", "en")
	if err != nil || len(got) != 1 || got[0] != "BONJOUR" || retry.calls.Load() != 3 {
		t.Errorf("got %q, %v after %d requests; want BONJOUR after 3", got, err, retry.calls.Load())
	}
	if !strings.Contains(retry.last.Load().(string), `"format":"text"`) {
		t.Errorf("request %s does not ask for text", retry.last.Load())
	}
}

// TestLLMTranslates: with translate set the LLM writer writes the lines
// of articles in other languages in the newsletter's, checked against
// the article in its own language.
func TestLLMTranslates(t *testing.T) {
	marked := worldWriter().Line(frenchArticle)
	for _, tt := range []struct {
		name, answer string
		want         string
	}{
		{"a good English line is used", goodTranslatedLine, goodTranslatedLine},
		{"a wrong number is refused", strings.ReplaceAll(goodTranslatedLine, "2,318", "2,813"), marked},
		{"a line in French is refused", "Le Journal de Niamey a rapporté que l’OIM a aidé 2 318 migrants bloqués à Agadez à rentrer au Mali, en Guinée et en Côte d’Ivoire depuis le début de l’année.", marked},
		{"an invented name is refused", strings.ReplaceAll(goodTranslatedLine, "Agadez", "Timbuktu"), marked},
		{"garbage is refused", "Sure! Here is the line you asked for", marked},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := newChatServer(t, func(_ int, w http.ResponseWriter) { reply(w, tt.answer) })
			l, _ := newTestLLM(t, c, LLMOptions{Translate: true, Retries: -1})
			d := l.Write(t.Context(), frenchArticle)
			if d.Line != tt.want {
				t.Errorf("got  %q\nwant %q", d.Line, tt.want)
			}
			if (d.Line == marked) != d.NeedsTranslation {
				t.Errorf("needs translation %v for %q", d.NeedsTranslation, d.Line)
			}
		})
	}
	t.Run("a model too slow is given up", func(t *testing.T) {
		c := newChatServer(t, func(_ int, w http.ResponseWriter) { time.Sleep(time.Second); reply(w, goodTranslatedLine) })
		l, _ := newTestLLM(t, c, LLMOptions{Translate: true, Retries: -1, Timeout: 100 * time.Millisecond})
		if d := l.Write(t.Context(), frenchArticle); d.Line != marked {
			t.Errorf("got %q, want the marked line", d.Line)
		}
	})
	t.Run("without translate the model is not asked", func(t *testing.T) {
		c := newChatServer(t, func(_ int, w http.ResponseWriter) { reply(w, goodTranslatedLine) })
		l, _ := newTestLLM(t, c, LLMOptions{})
		if d := l.Write(t.Context(), frenchArticle); d.Line != marked || c.calls.Load() != 0 {
			t.Errorf("got %q after %d requests, want the marked line and none", d.Line, c.calls.Load())
		}
	})
}

// TestTranslatingSendsWhatFits: an article extracted as one long block is
// cut after its last sentence within the bounds, not refused whole.
func TestTranslatingSendsWhatFits(t *testing.T) {
	var sent []string
	srv := newLibreServer(t, func(w http.ResponseWriter, q []string) {
		sent = q
		translations(lookup(goodTranslation))(w, q)
	})
	lt, err := NewLibreTranslate(LibreTranslateOptions{URL: srv.srv.URL, Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	block := strings.Repeat(frenchArticle.Paragraphs[0]+" ", 40) // about 9,800 characters in one paragraph
	a := frenchArticle
	a.Paragraphs = []string{block}
	NewTranslating(worldWriter(), nil, lt, TranslatingOptions{MaxChars: 1000}).Write(t.Context(), a)
	if len(sent) != 2 {
		t.Fatalf("sent %d texts, want the headline and the part of the block that fits", len(sent))
	}
	if n := len([]rune(sent[0] + sent[1])); n > 1000 || !strings.HasSuffix(sent[1], "l’organisation.") {
		t.Errorf("sent %d characters ending %q, want at most 1,000 ending with a whole sentence", n, sent[1][max(0, len(sent[1])-30):])
	}
}

// TestTranslatingBreaker: a server that keeps failing is left alone for a
// while after three failures in a row; the lines are marked meanwhile,
// and it is asked again after the cooldown.
func TestTranslatingBreaker(t *testing.T) {
	srv := newLibreServer(t, func(w http.ResponseWriter, _ []string) { w.WriteHeader(http.StatusBadGateway) })
	lt, err := NewLibreTranslate(LibreTranslateOptions{URL: srv.srv.URL, Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)
	w := NewTranslating(worldWriter(), nil, lt, TranslatingOptions{Now: func() time.Time { return now }})
	for range 10 {
		if d := w.Write(t.Context(), frenchArticle); !d.NeedsTranslation {
			t.Fatalf("got %q, want the marked line", d.Line)
		}
	}
	if n := srv.calls.Load(); n != 3 {
		t.Errorf("the failing server was asked %d times for 10 articles, want 3", n)
	}
	now = now.Add(6 * time.Minute)
	w.Write(t.Context(), frenchArticle)
	if n := srv.calls.Load(); n != 4 {
		t.Errorf("after the cooldown the server was asked %d times in all, want 4", n)
	}
}
