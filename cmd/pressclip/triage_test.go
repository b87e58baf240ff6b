package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"golang.org/x/crypto/bcrypt"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/internal/synthtext"
	"github.com/pressclip/pressclip/store"
)

const triageConfig = `database: %s
organization:
  name: International Organization for Migration
  short: IOM
  aliases: [International Organization for Migration, IOM]
sources:
  - name: Harbour Ledger
    url: https://harbour.example/rss.xml
  - name: The Meridian Post
    url: https://meridian.example/rss.xml
  - name: Northern Dispatch
    url: https://north.example/rss.xml
`

// triageDesk serves the review pages over a database of n unrelated
// stories, ranked in the order they were made (story i's mention scores
// less than story i-1's), each with two other lines, and an account
// "Amal" whose password it returns.
func triageDesk(t *testing.T, n int) (base, password string, st *store.Store) {
	t.Helper()
	dir := t.TempDir()
	cfgPath := writeFile(t, dir, "config.yaml", fmt.Sprintf(triageConfig, filepath.Join(dir, "triage.db")))
	cfg, err := config.Load(strings.NewReader(readFile(t, cfgPath)), cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	st, err = store.Open(context.Background(), cfg.Database, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	outlets := []string{"Harbour Ledger", "The Meridian Post", "Northern Dispatch"}
	gen := synthtext.New(17)
	published := time.Now().Add(-3 * time.Hour).Truncate(time.Minute)
	for i := range n {
		outlet := outlets[i%len(outlets)]
		paras := gen.Article()
		paras[0] = fmt.Sprintf("Story %d: the International Organization for Migration (IOM) said that %d people had arrived.", i, 1000+i)
		u := fmt.Sprintf("https://%s.example/news/%d", strings.ToLower(strings.Fields(outlet)[0]), i)
		_, err := st.SaveArticle(context.Background(), store.Article{
			Source: outlet, Outlet: outlet, URL: u, CanonicalURL: u, SeenURLs: []string{u},
			Title: fmt.Sprintf("Story %02d: %d migrants arrive, IOM says", i, 1000+i), Text: synthtext.Join(paras),
			PublishedAt: published, Language: "en", Type: "news",
			Line: fmt.Sprintf("%s reported that %d migrants arrived this week, according to IOM.", outlet, 1000+i),
			Alternatives: []string{
				fmt.Sprintf("%s reported that IOM counted %d arrivals this week.", outlet, 1000+i),
				fmt.Sprintf("%s reported that %d people arrived, IOM said.", outlet, 1000+i),
			},
			Mentions: []store.Mention{{Watch: "International Organization for Migration", Where: "lead", Count: 2,
				Score: 100 - float64(i), Role: "source", Terms: []string{"IOM"},
				Snippet: fmt.Sprintf("…the International Organization for Migration said %d people…", 1000+i)}},
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	password = "amal's own password"
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SetUser(context.Background(), "Amal", string(hash)); err != nil {
		t.Fatal(err)
	}
	pages, err := newWeb(cfg, st, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(pages)
	t.Cleanup(srv.Close)
	return srv.URL, password, st
}

// TestBrowserTriagesFiftyStories is issue 17's acceptance: a reviewer
// signs in and triages 50 stories from the keyboard alone — approves,
// rejects, takes another line with 1 and 2, edits one, rejects the rest
// with R — then copies the section and marks it exported in one step.
// It checks the rows on a 1366×900 screen, that the focus moves on to
// the next story to decide after each decision, the audit lines, and the
// exported text against a golden file; it logs the keypresses.
func TestBrowserTriagesFiftyStories(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	const n = 50
	base, password, st := triageDesk(t, n)
	ctx := startBrowser(t)
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	// presses counts the keys that decide and move; typed, the letters
	// of the edited words.
	presses, typed := 0, 0
	press := func(keys string) chromedp.Action[chromedp.Void] {
		presses += len([]rune(keys))
		return chromedp.KeyEvent(keys)
	}
	write := func(text string) chromedp.Action[chromedp.Void] {
		typed += len([]rune(text))
		return chromedp.KeyEvent(text)
	}
	d := driver{t, tctx}
	step, value := d.step, d.value
	shot := func(name string) {
		t.Helper()
		b, err := chromedp.Run(tctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(artifactDir(t), name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// Sign in from the keyboard: the name has the focus.
	step("the login", chromedp.EmulateViewport(1366, 900), chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("#name")))
	signIn := len([]rune("Amal")) + 1 + len([]rune(password)) + 1
	step("sign in", chromedp.KeyEvent("Amal"+kb.Tab), chromedp.KeyEvent(password+kb.Enter), chromedp.WaitVisible(chromedp.CSS(".card")))

	var ids []string
	for _, id := range value("card IDs", `[...document.querySelectorAll(".card")].map(c => c.dataset.id)`).([]any) {
		ids = append(ids, id.(string))
	}
	if len(ids) != n {
		t.Fatalf("Today lists %d stories, want %d", len(ids), n)
	}
	onScreen := value("rows on the first screen", `[...document.querySelectorAll(".card")].filter(c => c.getBoundingClientRect().bottom <= window.innerHeight).length`).(float64)
	if onScreen < 15 {
		t.Errorf("at 1366×900 the first screen shows %v rows, want at least 15", onScreen)
	}
	shot("triage-today-1366.png")

	focused := func() string {
		return fmt.Sprint(value("focus", `document.activeElement.dataset.id || document.activeElement.id`))
	}
	statusIs := func(i int, s string) chromedp.Action[chromedp.Void] {
		return chromedp.WaitReady(chromedp.CSS(fmt.Sprintf(`#s%s[data-status="%s"]`, ids[i], s)))
	}
	lineIs := func(i int, want string) chromedp.Action[chromedp.Void] {
		return chromedp.Poll[chromedp.Void](fmt.Sprintf(`document.querySelector('#s%s [data-role="line"]').textContent === %q`, ids[i], want),
			chromedp.WithPollingTimeout(5*time.Second))
	}
	line := func(i int) string {
		return fmt.Sprint(value("line", fmt.Sprintf(`document.querySelector('#s%s [data-role="line"]').textContent`, ids[i])))
	}
	// alt is story i's k-th other line, as triageDesk wrote it (Today
	// lists story i i-th: its score is the i-th highest).
	alt := func(i, k int) string {
		outlet := []string{"Harbour Ledger", "The Meridian Post", "Northern Dispatch"}[i%3]
		return []string{
			fmt.Sprintf("%s reported that IOM counted %d arrivals this week.", outlet, 1000+i),
			fmt.Sprintf("%s reported that %d people arrived, IOM said.", outlet, 1000+i),
		}[k]
	}
	// Stories past the first ones are rows: their body comes when asked.
	for _, i := range []int{31, 32} {
		if got := value("a row's body", fmt.Sprintf(`document.querySelectorAll('#s%s [data-role="body"]').length`, ids[i])); got != float64(0) {
			t.Fatalf("story %d is drawn whole; the test wants a row", i)
		}
	}

	// backspace deletes the character before the cursor, as the key does
	// (a key sent by the DevTools protocol edits only with its command).
	backspace := func() chromedp.Action[chromedp.Void] {
		presses++
		return chromedp.KeyEvent(kb.Backspace, func(p *input.DispatchKeyEventParams) {
			if p.Type == input.DispatchKeyEventTypeKeyDown {
				p.Type, p.Commands = input.DispatchKeyEventTypeRawKeyDown, []string{"deleteBackward"}
			}
		})
	}
	step("j focuses the first story", press("j"))
	if got := focused(); got != ids[0] {
		t.Fatalf("after j the focus is on %q, want story %s", got, ids[0])
	}
	const edited = ", its chief of mission said."
	var editedLine string
	// Stories 31 and 32 are past the stories drawn whole: their other
	// lines and editor are fetched when the key asks for them.
	for i := range 33 {
		switch {
		case i == 3 || i == 5 || i == 31:
			k := map[int]int{3: 1, 5: 2, 31: 1}[i] // which of the other lines
			want := alt(i, k-1)
			step(fmt.Sprintf("story %d: %d takes another line", i, k), press(fmt.Sprint(k)), lineIs(i, want))
		case i == 32:
			want := strings.TrimSuffix(line(i), ".") + edited
			step("story 32: e edits the line", press("e"), chromedp.WaitVisible(chromedp.CSS("#s"+ids[i]+" textarea")),
				backspace(), write(edited), press(kb.Enter), lineIs(i, want))
		case i == 7:
			// Cursor at the end of the line: drop the full stop, add words.
			editedLine = strings.TrimSuffix(line(i), ".") + edited
			step("story 7: e edits the line", press("e"), chromedp.WaitVisible(chromedp.CSS("#s"+ids[i]+" textarea")),
				backspace(), write(edited), press(kb.Enter))
			if err := chromedp.Do(tctx, lineIs(i, editedLine)); err != nil {
				t.Fatalf("story 7: the line is %q, want %q; the box holds %q", line(i), editedLine,
					value("box", fmt.Sprintf(`document.querySelector('#s%s textarea').value`, ids[i])))
			}
		}
		key, want := "a", store.StatusApproved
		if i >= 20 {
			key, want = "r", store.StatusRejected
		}
		step(fmt.Sprintf("story %d: %s", i, key), press(key), statusIs(i, want))
		if i+1 < n {
			if got := focused(); got != ids[i+1] {
				t.Errorf("after deciding story %d the focus is on %q, want the next story to decide, %s", i, got, ids[i+1])
			}
		}
	}
	step("R rejects the rest", press("R"), statusIs(n-1, store.StatusRejected), statusIs(33, store.StatusRejected))
	if got := value("undecided", `document.querySelectorAll('.card[data-status="new"]').length`); got != float64(0) {
		t.Errorf("%v stories left undecided", got)
	}
	t.Logf("triaged %d stories with %d keypresses, and %d letters typed in two edits (%d keys to sign in)", n, presses, typed, signIn)

	// The decisions are on the server, each with its audit line in Why.
	step("reload all", chromedp.Navigate(base+"/?status=all"), chromedp.WaitVisible(chromedp.CSS(".card")))
	audit := func(i int) string {
		// A story past the first ones is a row until opened: its body,
		// the audit lines' home, comes then.
		step(fmt.Sprintf("open story %d", i), chromedp.Click(chromedp.CSS("#s"+ids[i]+` [data-role="line"]`)),
			chromedp.WaitReady(chromedp.CSS("#s"+ids[i]+" .audit li")))
		return fmt.Sprint(value("audit", fmt.Sprintf(`[...document.querySelectorAll('#s%s .audit li')].map(l => l.textContent).join(" | ")`, ids[i])))
	}
	for _, c := range []struct {
		i    int
		want []string
	}{
		{0, []string{"approved by Amal at "}},
		{3, []string{"line edited by Amal at ", "approved by Amal at "}},
		{7, []string{"line edited by Amal at ", edited, "approved by Amal at "}},
		{25, []string{"rejected by Amal at "}},
		{40, []string{"rejected by Amal at "}},
	} {
		got := audit(c.i)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("story %d's audit %q lacks %q", c.i, got, w)
			}
		}
	}
	// A click on the row opens it (the line is no link).
	step("open Why", chromedp.Click(chromedp.CSS("#s"+ids[7]+` [data-role="line"]`)),
		chromedp.WaitVisible(chromedp.CSS("#s"+ids[7]+" details.why > summary")),
		chromedp.Click(chromedp.CSS("#s"+ids[7]+" details.why > summary")),
		chromedp.WaitVisible(chromedp.CSS("#s"+ids[7]+" .audit")), chromedp.ScrollIntoView(chromedp.CSS("#s"+ids[7]+" details.why")))
	shot("triage-why.png")

	step("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Navigate(base+"/?status=all"), chromedp.WaitVisible(chromedp.CSS(".card")))
	// The phone's width, not window.innerWidth: a mobile browser widens its
	// layout viewport to what overflows (and zooms out).
	if value("overflow", `document.documentElement.scrollWidth > 391`) == true {
		t.Errorf("on a 390 px screen the page scrolls sideways")
	}
	// Every button of the bulk bar is on the screen (a bar that did not
	// wrap pushed the last one off).
	if off := value("bulk bar", `[...document.querySelectorAll("#bulk button")].filter(b => b.getBoundingClientRect().right > 391).map(b => b.textContent)`).([]any); len(off) > 0 {
		t.Errorf("on a 390 px screen these bulk buttons are off the screen: %v", off)
	}
	shot("triage-phone.png")
	step("back to the laptop", chromedp.EmulateViewport(1366, 900))

	// Copy and mark exported, one step; the page says how many went out.
	step("export", chromedp.Navigate(base+"/export?format=text"), chromedp.WaitVisible(chromedp.CSS("#preview-text")))
	preview := fmt.Sprint(value("preview", `document.querySelector("#preview-text").textContent`))
	golden(t, "triage-export.txt", preview)
	if !strings.Contains(preview, editedLine) || strings.Count(preview, "•") != 20 {
		t.Errorf("the section does not hold the 20 approved lines with the edited one:\n%s", preview)
	}
	shot("triage-export.png")
	step("copy and mark exported", chromedp.Click(chromedp.CSS("#copy-mark")),
		chromedp.WaitVisible(chromedp.CSS(`p.ok[role="status"]`)))
	if got := fmt.Sprint(value("confirmation", `document.querySelector('p.ok[role="status"]').textContent`)); !strings.HasPrefix(got, "20 stories marked as exported") {
		t.Errorf("the confirmation says %q", got)
	}
	today, err := st.Today(context.Background(), store.Filter{Status: "all"})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range today.Stories {
		if s.Status == store.StatusApproved {
			t.Errorf("approved story %d is still offered after the export", s.ID)
		}
	}
	exported, err := st.StoriesByID(context.Background(), []int64{mustInt(t, ids[0])})
	if err != nil || len(exported) != 1 || exported[0].ExportID == 0 ||
		!strings.Contains(fmt.Sprint(exported[0].Audit), "exported") || exported[0].Audit[len(exported[0].Audit)-1].Actor != "Amal" {
		t.Errorf("story %s after the export: %+v, %v", ids[0], exported, err)
	}

	step("sources", chromedp.Navigate(base+"/sources"), chromedp.WaitVisible(chromedp.CSS("table")))
	shot("triage-sources.png")
}

func mustInt(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}
