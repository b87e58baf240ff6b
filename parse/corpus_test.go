package parse

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// feedCorpusDir holds real-world and edge-case feeds copied from other
// feed parsers' test data (see its README.md), kept outside the
// repository; CI may not have it.
const feedCorpusDir = "../../shared/corpus/feeds"

// feedparserHeader is the Content-Type a feedparser test file says it is
// served with, in its leading comment ("Header: Content-type: text/xml").
var feedparserHeader = regexp.MustCompile(`(?im)^Header:\s*Content-type:\s*(\S[^\r\n]*?)\s*$`)

// corpusWant is what a corpus file must give. Zero fields are not checked;
// items -1 means "any number".
type corpusWant struct {
	errKind    kind
	items      int
	repaired   bool
	feedTitle  string
	firstTitle string
	// titles must each be the title of some item.
	titles []string
	// descContains must be in the first item's description.
	descContains []string
	firstPub     time.Time
}

// corpusWants are checked by reading each file (and, for the feedparser
// files, the Expect line of its comment).
var corpusWants = map[string]corpusWant{
	"rss2_ibash-org-ru_windows-1251.xml": {items: 50, feedTitle: "iBash.Org.Ru", firstTitle: "Цитата #17703",
		descContains: []string{"есть у кого жаба программер"}},
	"rss2_koi8-r.xml": {items: 2, feedTitle: "Пример RSS ленты", firstTitle: "Первая новость",
		titles: []string{"Вторая новость"}, descContains: []string{"Привет мир! Ёжик, чай, Москва, Санкт-Петербург."}},
	"rss2_golem-de_iso-8859-1.xml": {items: 40, feedTitle: "Golem.de",
		firstTitle: "Red Dead Redemption 2: Hinweise auf PC-Umsetzung in App von Rockstar Games",
		titles: []string{
			"Machine Learning: Von KI erstelltes Porträt für 432.500 US.Dollar versteigert",
			"Wochenrückblick: Wilder Westen, buntes Handy, nutzloses Siegel",
			"Linux und BSD: Sicherheitslücke in X.org ermöglicht Root-Rechte",
		},
		descContains: []string{"Viele Spieler wünschen sich eine PC-Version"}},
	"rss2_le-cercle-psy_latin1_no-xml-declaration.xml": {items: 10,
		feedTitle:    "Flux RSS du magazine de psychologie Le Cercle Psy",
		firstTitle:   "Perturbateurs endocriniens : quels effets sur le cerveau ?",
		titles:       []string{"Masters en Psycho\u00a0: une simplificationet#8230; très complexe"},
		descContains: []string{"nombre d'études montrent que les perturbateurs endocriniens pourraient être à l'origine de troubles neuro-développementaux chez l'enfant."},
		firstPub:     time.Date(2018, 10, 17, 10, 30, 0, 0, time.UTC)},
	"rss2_jornal-de-noticias-pt_iso-8859-1.xml": {items: 40, feedTitle: "Jornal de Notícias - Últimas Notícias",
		firstTitle: "Mãe de utente é a nova presidente da Raríssimas"},
	"rss2_uol-noticias-br_latin1-undeclared_portuguese-dates.xml": {items: 15, feedTitle: "UOL Noticias",
		firstTitle: "Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno"},
	"rss2_kc0011_gb2312.xml": {items: 20, feedTitle: "投资资讯网交易在线--流通纪念币最新20篇论坛主题-全文",
		firstTitle: "建国35周年纪念，华表，和平鸽"},
	"rss2_aktuality-sk_slovak.xml": {items: 30, feedTitle: "Aktuality.sk - aktuálne spravodajstvo",
		firstTitle: "Analytici Goldman Sachs zvýšili odhad rastu ekonomiky USA"},
	"rss2_bbc-urdu_rtl.xml": {items: 26,
		firstTitle: "امریکی عسکری امداد کی بندش کی وجوہات: انڈیا سے جنگ، جوہری پروگرام اور اب دہشت گردوں کی پشت پناہی"},
	"rss090-rdf_heise-online.xml": {items: 60, feedTitle: "heise online News",
		firstTitle: "OLED-TVs: Vorsichtsmaßnahmen gegen Einbrennen", titles: []string{"Mega-Deal: IBM übernimmt Red Hat"}},
	"rss_utf-16le-bom.xml":                      {items: 0},
	"rss_utf-16be_no-bom.xml":                   {items: 0},
	"rss_utf-32le-bom.xml":                      {items: 0},
	"rss_utf-8-bom.xml":                         {items: 0},
	"rss_big5_declared.xml":                     {items: 0},
	"rss_euc-kr_declared.xml":                   {items: 0, feedTitle: "년"},
	"rss2_declared-windows-1252_bytes-utf8.xml": {items: 0, feedTitle: "Euro €"},
	"rss2_windows-1252_euro-sign.xml":           {items: 0, feedTitle: "Euro €"},
	"atom_declared-iso-8859-1_bytes-utf8.xml":   {items: 1, feedTitle: "테스트 피드", firstTitle: "Café"},
	"atom_bogus-encoding-name.xml":              {items: 1, feedTitle: "테스트 피드", firstTitle: "Café"},
	"rss_cp1252-smart-quote-in-utf8.xml":        {items: 1, descContains: []string{"don’t"}},
	"atom_shift-jis_undeclared.xml": {items: 1, firstTitle: "DrecomRSSに記事投稿が反映されない…",
		descContains: []string{"色々調べてたら、MT3.2がRSS1.0をサポートしていないことが判明。"}},
	// Named atom_ but the document is a bare <rss>.
	"atom_euc-jp_undeclared.xml": {items: 1, firstTitle: "ゲーム三昧な正月",
		descContains: []string{"『SDガンダムGジェネレーションNEO』をずっとプレイしている。"}},
	"rss_windows-1255-hebrew_undeclared.xml": {items: 1,
		descContains: []string{"האם תדפיס נייר של אתר אינטרנט שמוצג על מסך משתמש הוא העתק נאמן למקור של אתר האינטרנט?"}},
	"rss_tis-620-thai_undeclared.xml": {items: 1,
		descContains: []string{"สำนักงานส่งเสริมอุตสาหกรรมซอฟต์แวร์แห่งชาติ หรือ SIPA ร่วมกับ MamboHub.com"}},
	// Cut off after </channel>: closed and parsed, with both items.
	"rss2_dc-date-unix-epoch.xml": {items: 2, repaired: true, feedTitle: "Invalid date format feed",
		firstTitle: "Item 0 with an invalid date", titles: []string{"Item 1 with all valid dates"},
		firstPub: time.Date(2017, 10, 16, 15, 10, 0, 0, time.UTC)},
	// Cut off inside "<![CD": not a clean cut, so a parse error.
	"rss2_truncated-cdata.xml":                  {errKind: kindParse},
	"rss2_iso-8859-7_greek-month-date.xml":      {items: 0},
	"rss2_leading-whitespace-before-prolog.xml": {items: 0, feedTitle: "Feed Title"},
	"rss2_utf-8-bom_gofeed.xml":                 {items: 0, feedTitle: "Feed Title"},
	"rss2_broken-prolog-phpxml.xml":             {items: 20, feedTitle: "www.fcutrecht.net voetbalnieuws"},
	"jsonfeed_example.json":                     {items: 2, feedTitle: "My Example Feed"},
	"jsonfeed_daring-fireball.json":             {items: 48, feedTitle: "Daring Fireball", firstTitle: "The Talk Show: ‘I Do Like Throwing a Baby’"},
	"atom_title-type-html-escaped.xml":          {items: 1, firstTitle: "Example <b>Atom</b>"},
	"atom_title-type-xhtml.xml":                 {items: 1, firstTitle: "Example <b>Atom</b>"},
	"rss2_dc-content-admin-modules.xml":         {items: 1, firstTitle: "Test Item - RSS2.0 w/ NS"},
	"rss2_guardian-us_media-dc.xml":             {items: 55, feedTitle: "The Guardian"},
}

// TestParseFeedCorpus parses every corpus feed: each gives a feed or an
// error of a known kind, never a panic, and every text is clean UTF-8.
func TestParseFeedCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(feedCorpusDir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	files = slices.DeleteFunc(files, func(f string) bool {
		ext := filepath.Ext(f)
		return ext != ".xml" && ext != ".json"
	})
	if len(files) == 0 {
		t.Skipf("no feed corpus in %s", feedCorpusDir)
	}
	seen := map[string]bool{}
	for _, path := range files {
		name := filepath.Base(path)
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			contentType := ""
			if m := feedparserHeader.FindSubmatch(data); m != nil {
				contentType = string(m[1])
			}
			feed, err := ParseFeed(bytes.NewReader(data), contentType, "https://corpus.example/feed", 0)
			want, ok := corpusWants[name]
			if err != nil {
				t.Logf("%s: error %s (%v)", name, kindOf(err), err)
				switch kindOf(err) {
				case kindParse, kindNotAFeed, kindEmpty:
				default:
					t.Fatalf("got error kind %q (%v), want parse, not_a_feed or empty", kindOf(err), err)
				}
				if ok && want.errKind != kindOf(err) {
					t.Errorf("got error %v, want %s", err, want.errKind)
				}
				return
			}
			t.Logf("%s: %s, %d items, repaired %v", name, feed.Format, len(feed.Items), feed.Repaired)
			checkCorpusFeedText(t, feed)
			if ok {
				checkCorpusWant(t, feed, want)
			}
		})
	}
	for name := range corpusWants {
		if !seen[name] {
			t.Errorf("corpus file %s: got nothing, want the file (renamed?)", name)
		}
	}
}

func checkCorpusFeedText(t *testing.T, feed *Feed) {
	t.Helper()
	checkCleanText(t, "feed title", feed.Title)
	for i, it := range feed.Items {
		checkCleanText(t, "title", it.Title)
		checkCleanText(t, "description", it.Description)
		checkCleanText(t, "content", it.Content)
		checkCleanText(t, "author", it.Author)
		// U+FFFD in a title is the mark of a wrong charset.
		if strings.ContainsRune(it.Title, '\ufffd') {
			t.Errorf("item %d title: got %q, want no U+FFFD", i, it.Title)
		}
	}
}

func checkCorpusWant(t *testing.T, feed *Feed, want corpusWant) {
	t.Helper()
	if want.errKind != "" {
		t.Fatalf("got a feed with %d items, want error %s", len(feed.Items), want.errKind)
	}
	if want.items >= 0 && len(feed.Items) != want.items {
		t.Errorf("items: got %d, want %d", len(feed.Items), want.items)
	}
	if feed.Repaired != want.repaired {
		t.Errorf("repaired: got %v, want %v", feed.Repaired, want.repaired)
	}
	if want.feedTitle != "" && feed.Title != want.feedTitle {
		t.Errorf("feed title: got %q, want %q", feed.Title, want.feedTitle)
	}
	if len(feed.Items) == 0 {
		return
	}
	first := feed.Items[0]
	if want.firstTitle != "" && first.Title != want.firstTitle {
		t.Errorf("first title: got %q, want %q", first.Title, want.firstTitle)
	}
	for _, s := range want.descContains {
		if !strings.Contains(first.Description, s) {
			t.Errorf("first description: got %q, want it to contain %q", first.Description, s)
		}
	}
	if !want.firstPub.IsZero() && !first.Published.Equal(want.firstPub) {
		t.Errorf("first published: got %v, want %v", first.Published, want.firstPub)
	}
	for _, title := range want.titles {
		if !slices.ContainsFunc(feed.Items, func(it Item) bool { return it.Title == title }) {
			t.Errorf("titles: got none equal to %q, want one", title)
		}
	}
}

// testdataBytes reads a file under testdata.
func testdataBytes(t testing.TB, elem ...string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(append([]string{"testdata"}, elem...)...))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
