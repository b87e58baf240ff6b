package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// browserPath finds Chromium. In CI it must be there (.ci/run installs
// Debian's chromium); elsewhere the browser tests are skipped without it.
func browserPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("PRESSCLIP_BROWSER"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no Chromium on PATH: .ci/run installs it (apt-get install -y chromium)")
	}
	t.Skip("no Chromium on PATH (apt-get install chromium, or set PRESSCLIP_BROWSER)")
	return ""
}

// artifactDir is where the browser tests leave their screenshots:
// $PRESSCLIP_ARTIFACTS, else a folder in the system's temporary directory.
func artifactDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("PRESSCLIP_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "pressclip-artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// serveDemo runs `pressclip demo --serve` in process on a free loopback
// port and returns the review pages' address.
func serveDemo(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "demo.db")
	return serveInProcess(t, "The review pages: ", "demo", "--db", db, "--serve", "--listen", "127.0.0.1:0")
}

// serveInProcess runs a pressclip command that serves until stopped, and
// returns the address it prints after marker; the command is stopped
// (as by a signal) when the test ends, and must exit 0.
func serveInProcess(t *testing.T, marker string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	var errb strings.Builder
	go func() {
		done <- run(ctx, args, strings.NewReader(""), pw, &errb)
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("%s exited %d: %s", strings.Join(args, " "), code, errb.String())
		}
	})
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			if _, u, ok := strings.Cut(sc.Text(), marker); ok {
				addr <- strings.Fields(u)[0]
			}
		}
		close(addr)
	}()
	select {
	case u, ok := <-addr:
		if !ok {
			t.Fatalf("%s stopped: %s", strings.Join(args, " "), errb.String())
		}
		return u
	case <-time.After(30 * time.Second):
		t.Fatalf("%s did not start in 30 s", strings.Join(args, " "))
	}
	return ""
}

// startBrowser starts headless Chromium for the test.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	exe := browserPath(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.WindowSize(1280, 1000))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil { // starts the browser, without a timeout (see chromedp.Run)
		t.Fatalf("start %s: %v", exe, err)
	}
	return ctx
}

// driver runs a browser test's steps: each fails the test with its name.
type driver struct {
	t   *testing.T
	ctx context.Context
}

// step runs actions.
func (d driver) step(name string, actions ...chromedp.Action[chromedp.Void]) {
	d.t.Helper()
	if err := chromedp.Do(d.ctx, actions...); err != nil {
		d.t.Fatalf("%s: %v", name, err)
	}
}

// value evaluates a script expression in the page.
func (d driver) value(name, expr string) any {
	d.t.Helper()
	v, err := chromedp.Run(d.ctx, chromedp.Evaluate[any](expr))
	if err != nil {
		d.t.Fatalf("%s: %v", name, err)
	}
	return v
}

// TestBrowserMorningReview drives the review page in Chromium as staff
// do each morning: approve with the keyboard, edit a line (a bad edit
// shows the house rules' warnings and is undone), reject one, approve and
// undo, select two and approve them at once and undo that, then export
// as text; the section is compared with the expected
// one and screenshots are left as artifacts.
func TestBrowserMorningReview(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	base := serveDemo(t)
	ctx := startBrowser(t)

	// Any script error, failed request or CSP violation fails the test.
	cctx, stopConsole := context.WithCancel(ctx)
	messages := chromedp.Console(cctx)
	var problems []string
	consoleDone := make(chan struct{})
	go func() {
		defer close(consoleDone)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				problems = append(problems, m.String())
			}
		}
	}()

	tctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	defer cancelTimeout()
	d := driver{t, tctx}
	step, value := d.step, d.value
	text := func(name, sel string) string {
		t.Helper()
		v, err := chromedp.Run(tctx, chromedp.TextContent(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return v
	}
	shot := func(name string) []byte {
		t.Helper()
		b, err := chromedp.Run(tctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		return b
	}
	// labelled checks that every control of the page has a label (a
	// <label>, aria-label or its own text), as screen readers need.
	labelled := func(page string) {
		t.Helper()
		unlabelled := value("unlabelled controls", `[...document.querySelectorAll("input:not([type=hidden]), select, textarea, button")]
			.filter(e => !(e.labels && e.labels.length) && !e.getAttribute("aria-label") && !e.textContent.trim())
			.map(e => e.outerHTML.slice(0, 80))`).([]any)
		if len(unlabelled) > 0 {
			t.Errorf("%s: controls without a label: %v", page, unlabelled)
		}
	}
	var ids []string
	card := func(i int) string { return "#s" + ids[i] }
	status := func(i int, s string) chromedp.Action[chromedp.Void] {
		// Present, not visible: a decided story folds away from the list
		// to review.
		return chromedp.WaitReady(chromedp.CSS(fmt.Sprintf(`%s[data-status="%s"]`, card(i), s)))
	}
	lineIs := func(sel, want string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := chromedp.Poll[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).textContent === %q`, sel, want),
				chromedp.WithPollingTimeout(5*time.Second))(ctx, t)
			return err
		})
	}

	step("load Today", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS(".card")))
	for _, id := range value("card IDs", `[...document.querySelectorAll(".card")].map(c => c.dataset.id)`).([]any) {
		ids = append(ids, id.(string))
	}
	if len(ids) < 6 {
		t.Fatalf("Today shows %d stories, want the demo's 10", len(ids))
	}
	labelled("Today")
	line := card(1) + ` [data-role="line"]`
	textarea := chromedp.CSS(card(1) + " textarea")
	warnings := card(1) + ` [data-role="problems"] li`
	// clear empties the text box as select-all and delete would.
	clear := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%q).value = ""`, card(1)+" textarea"))(ctx, t)
		return err
	})
	drafted := text("read the second line", line)

	step("approve the first story with j, a", chromedp.KeyEvent("j"), chromedp.KeyEvent("a"), status(0, "approved"))

	const bad = "the meridian post said that migrants flew home"
	// A line staff would write for the second story: the French ones come
	// first (their lines wait for a translation), so it is a translation.
	goodLines := map[string]string{
		"Charter flight": "The Meridian Post reported that a charter flight took 164 stranded migrants home from Benghazi to Bamako on Wednesday, under a voluntary return programme run by IOM.",
		"l’OIM réunit":   "Le Courrier du Léman reported that IOM opened the annual session of its Council in Geneva, where its 175 member states are to adopt a 2027 budget nearly 20% lower than in 2025.",
		"Grand-Saconnex": "Le Courrier du Léman reported that asking rents in Grand-Saconnex have fallen by 4% in a year as international civil servants leave, according to a large Geneva property agency.",
	}
	var good string
	title := text("the second headline", card(1)+" h2")
	for k, l := range goodLines {
		if strings.Contains(title, k) {
			good = l
		}
	}
	if good == "" {
		t.Fatalf("no line written for the second story, %q", title)
	}
	// The decided story folded away; "show decided" brings it back.
	shown := func() any {
		return value("shown", fmt.Sprintf(`document.querySelector("%s").getClientRects().length > 0`, card(0)))
	}
	if shown() != false {
		t.Error("the approved story did not fold away from the list to review")
	}
	step("show decided", chromedp.Click(chromedp.CSS("#toggle-decided")), chromedp.WaitVisible(chromedp.CSS(card(0))))
	step("hide decided", chromedp.Click(chromedp.CSS("#toggle-decided")), chromedp.WaitNotVisible(chromedp.CSS(card(0))),
		chromedp.Focus(chromedp.CSS(card(1))))
	// a moved on to the second story by itself.
	if got := value("focus", `document.activeElement.id`); got != "s"+ids[1] {
		t.Errorf("after a, the focus is on %v, want the next story to decide, s%s", got, ids[1])
	}
	step("a bad edit shows the rules it breaks", chromedp.KeyEvent("e"), chromedp.WaitVisible(textarea),
		clear, chromedp.SendKeys(textarea, bad+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(warnings)), chromedp.WaitNotVisible(textarea), lineIs(line, bad))
	step("u undoes the edit", chromedp.KeyEvent("u"), chromedp.WaitNotPresent(chromedp.CSS(warnings)), lineIs(line, drafted))
	step("an empty line is refused and the editor stays open", chromedp.KeyEvent("e"), chromedp.WaitVisible(textarea),
		clear, chromedp.SendKeys(textarea, kb.Enter), chromedp.WaitVisible(chromedp.CSS(`#status.bad.show[role="alert"]`)),
		chromedp.WaitVisible(textarea), lineIs(line, drafted), chromedp.KeyEvent(kb.Escape), chromedp.WaitNotVisible(textarea))
	if got := value("the box after Escape", fmt.Sprintf(`document.querySelector(%q).value`, card(1)+" textarea")); got != drafted {
		t.Errorf("after Escape the edit box holds %q, want the saved line back", got)
	}
	step("edit the line again and approve it", chromedp.KeyEvent("e"), chromedp.WaitVisible(textarea),
		clear, chromedp.SendKeys(textarea, good+kb.Enter), lineIs(line, good),
		chromedp.WaitNotVisible(textarea), chromedp.KeyEvent("a"), status(1, "approved"))
	if n := value("warnings", fmt.Sprintf(`document.querySelectorAll(%q).length`, warnings)); n != float64(0) {
		t.Errorf("the good line shows %v warnings", n)
	}
	step("reject the third story with r (a moved on to it)", chromedp.KeyEvent("r"), status(2, "rejected"))
	if got, want := text("counts", "#counts"), fmt.Sprintf("%d stories · %d new · 2 approved · 1 rejected", len(ids), len(ids)-3); got != want {
		t.Errorf("the counts say %q, want %q", got, want)
	}
	step("approve the fourth and undo", chromedp.KeyEvent("a"), status(3, "approved"), chromedp.KeyEvent("u"), status(3, "new"))
	if got := value("focus", `document.activeElement.id`); got != "s"+ids[3] {
		t.Errorf("after u, the focus is on %v, want the story undone, s%s", got, ids[3])
	}
	step("select two with x and approve them together", chromedp.KeyEvent("j"), chromedp.KeyEvent("x"), chromedp.KeyEvent("j"), chromedp.KeyEvent("x"),
		chromedp.Click(chromedp.CSS(`#bulk button[value="approved"]`)), status(4, "approved"), status(5, "approved"))
	if n := value("selected", `document.querySelectorAll(".sel:checked").length`); n != float64(0) {
		t.Errorf("%v stories still selected after the bulk action", n)
	}
	step("u undoes the bulk action", chromedp.KeyEvent("u"), status(4, "new"), status(5, "new"))
	step("* selects all", chromedp.KeyEvent("*"), chromedp.WaitVisible(chromedp.CSS("#select-all:checked")))
	if n := value("selected", `document.querySelectorAll(".sel:checked").length`); n != float64(len(ids)) {
		t.Errorf("* selected %v of %d stories", n, len(ids))
	}
	step("* again selects none", chromedp.KeyEvent("*"), chromedp.WaitNotPresent(chromedp.CSS(".sel:checked")))
	step("? lists the shortcuts", chromedp.KeyEvent("?"), chromedp.WaitVisible(chromedp.CSS("#help")))
	step("keys do nothing while the list is open", chromedp.KeyEvent("a"), chromedp.Sleep(300*time.Millisecond), status(5, "new"))
	step("Escape closes it", chromedp.KeyEvent(kb.Escape), chromedp.WaitNotVisible(chromedp.CSS("#help")))
	step("reject the rest, then undo", chromedp.Click(chromedp.CSS("#reject-rest button")), status(3, "rejected"), status(5, "rejected"),
		chromedp.KeyEvent("u"), status(3, "new"), status(5, "new"))
	if got := value("approved kept", fmt.Sprintf(`document.querySelector("#s%s").dataset.status`, ids[0])); got != "approved" {
		t.Errorf("reject the rest touched an approved story: %v", got)
	}
	desktop := shot("today")

	// The decisions are saved: all stories show them, and the decided
	// ones have left the list to review.
	statuses := func() map[string]any {
		return value("statuses", `Object.fromEntries([...document.querySelectorAll(".card")].map(c => [c.dataset.id, c.dataset.status]))`).(map[string]any)
	}
	step("all stories", chromedp.Navigate(base+"/?status=all"), chromedp.WaitVisible(chromedp.CSS(`.card[data-status="approved"]`)))
	all := statuses()
	step("reload", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS(`.card[data-status="new"]`)))
	toReview := statuses()
	for i, w := range []string{"approved", "approved", "rejected", "new", "new", "new"} {
		if got := all[ids[i]]; got != w {
			t.Errorf("after a reload, story %d is %v, want %v", i, got, w)
		}
		if _, listed := toReview[ids[i]]; listed != (w == "new") {
			t.Errorf("story %d (%s) listed to review: %v", i, w, listed)
		}
	}

	// Key 1 takes the writer's first other line for the focused story.
	if alt, ok := value("a story with other lines", `(() => { const f = document.querySelector(".card form.pick"); if (!f) return ""; f.closest(".card").focus(); return f.querySelector("[name=line]").value; })()`).(string); ok && alt != "" {
		step("1 takes the first other line", chromedp.KeyEvent("1"),
			chromedp.Poll[chromedp.Void](fmt.Sprintf(`document.activeElement.querySelector('[data-role="line"]').textContent === %q`, alt)))
		if got := value("edited", `document.activeElement.dataset.edited`); got != "true" {
			t.Errorf("the line taken is not marked edited: %v", got)
		}
	} else {
		t.Error("no demo story offers other lines")
	}

	// Staff merge two stories from the bulk bar (the browser posts the
	// form) and split the copy out again from Why.
	keep, gone := ids[4], ids[5]
	if a, _ := strconv.Atoi(keep); a > func() int { b, _ := strconv.Atoi(gone); return b }() {
		keep, gone = gone, keep
	}
	cardsBefore := value("cards", `document.querySelectorAll(".card").length`)
	step("select two stories and merge them", chromedp.Click(chromedp.CSS("#s"+ids[4]+" .sel")), chromedp.Click(chromedp.CSS("#s"+ids[5]+" .sel")),
		chromedp.Click(chromedp.CSS(`#bulk button[formaction="/stories/merge"]`)), chromedp.WaitNotPresent(chromedp.CSS("#s"+gone)),
		chromedp.WaitVisible(chromedp.CSS("#s"+keep)))
	if n := value("cards", `document.querySelectorAll(".card").length`); n != cardsBefore.(float64)-1 {
		t.Errorf("after the merge %v cards, want %v", n, cardsBefore.(float64)-1)
	}
	step("split the copy out from Why", chromedp.Focus(chromedp.CSS("#s"+keep)), chromedp.Click(chromedp.CSS("#s"+keep+" details.why > summary")),
		chromedp.Click(chromedp.CSS("#s"+keep+" form.split button")), chromedp.Sleep(500*time.Millisecond), chromedp.WaitVisible(chromedp.CSS("#s"+keep)),
		chromedp.Poll[chromedp.Void](fmt.Sprintf(`document.querySelectorAll(".card").length == %v`, cardsBefore)))
	if n := value("cards", `document.querySelectorAll(".card").length`); n != cardsBefore {
		t.Errorf("after the split %v cards, want %v", n, cardsBefore)
	}

	// Coverage: drawn on the server, no script needed.
	step("coverage", chromedp.Navigate(base+"/coverage"), chromedp.WaitVisible(chromedp.CSS("svg.chart rect")))
	labelled("Coverage")
	coverageShot := shot("coverage")

	// Export as text: the preview is the section the newsletter prints.
	step("export", chromedp.Navigate(base+"/export?format=text"), chromedp.WaitVisible(chromedp.CSS("#preview-text")))
	preview := text("the preview", "#preview-text")
	labelled("Export")
	exportShot := shot("export")
	golden(t, "browser-export.txt", preview)
	res, err := http.Get(base + "/export/download?format=text")
	if err != nil {
		t.Fatal(err)
	}
	download, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if string(download) != preview {
		t.Errorf("the download differs from the preview:\n%s\n---\n%s", download, preview)
	}
	if !strings.Contains(preview, good) || strings.Contains(preview, drafted) {
		t.Errorf("the export does not carry the edited line")
	}

	// The triage list at 1366×900: at least 15 rows on the first screen
	// (all the demo's, when it has fewer).
	step("a laptop screen", chromedp.EmulateViewport(1366, 900), chromedp.Navigate(base+"/?status=all"), chromedp.WaitVisible(chromedp.CSS(".card")))
	total := value("cards", `document.querySelectorAll(".card").length`).(float64)
	onScreen := value("rows on the first screen", `[...document.querySelectorAll(".card")].filter(c => c.getBoundingClientRect().bottom <= window.innerHeight).length`).(float64)
	if want := min(total, 15); onScreen < want {
		t.Errorf("at 1366×900 the first screen shows %v of %v stories, want at least %v", onScreen, total, want)
	}
	if h := value("row height", `document.querySelector(".card").getBoundingClientRect().height`).(float64); h > 900.0/20 {
		t.Errorf("a row is %v px high: 15 rows and the page's top do not fit in 900 px", h)
	}
	laptop := shot("today-1366")

	// On a phone: nothing wider than the screen.
	step("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS(`.card[data-status="new"]`)))
	// The phone's width, not window.innerWidth: a mobile browser widens its
	// layout viewport to what overflows (and zooms out).
	if value("overflow", `document.documentElement.scrollWidth > 391`) == true {
		t.Errorf("on a 390 px screen the page scrolls sideways")
	}
	phone, err := chromedp.Run(tctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	stopConsole()
	<-consoleDone
	expected400 := 1 // the empty line refused
	for _, p := range problems {
		if expected400 > 0 && strings.Contains(p, "status of 400") {
			expected400--
			continue
		}
		t.Errorf("in the browser: %s", p)
	}
	if expected400 > 0 {
		t.Errorf("the browser did not see the refused empty line")
	}

	dir := artifactDir(t)
	for name, b := range map[string][]byte{"review-today.png": desktop, "review-export.png": exportShot, "review-coverage.png": coverageShot, "review-today-1366.png": laptop, "review-phone.png": phone} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("screenshots in %s", dir)
}
