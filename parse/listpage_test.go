package parse

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// wantLink is one expected list-page item.
type wantLink struct {
	link, title string
	published   time.Time
}

func TestParseListPage(t *testing.T) {
	const riverside = "https://riverside-tribune.example/latest/"
	tests := []struct {
		name        string
		file        string
		contentType string
		pageURL     string
		sel         Selectors
		maxItems    int
		want        []wantLink
	}{
		{
			name: "links only: headline links in page order, each once, javascript: and mailto: dropped",
			file: "riverside-latest.html", contentType: "text/html; charset=utf-8", pageURL: riverside,
			sel: Selectors{Links: "ul.latest h3 a"},
			want: []wantLink{
				{"https://riverside-tribune.example/world/2026/11/25/iom-opens-border-centre", "IOM opens a reception centre at the northern border", time.Time{}},
				{"https://riverside-tribune.example/business/2026/11/24/remittances-record?utm_source=latest", "Remittances hit a record", time.Time{}},
				{"https://riverside-tribune.example/latest/local/2026/11/23/winter-shelter", "Winter shelter opens early", time.Time{}},
				{"https://riverside-tribune.example/opinion/2026/11/23/letters", "Letters: our readers on the new centre", time.Time{}},
			},
		},
		{
			name: "maxItems keeps the first items",
			file: "riverside-latest.html", contentType: "text/html", pageURL: riverside,
			sel: Selectors{Links: "ul.latest h3 a"}, maxItems: 2,
			want: []wantLink{
				{"https://riverside-tribune.example/world/2026/11/25/iom-opens-border-centre", "IOM opens a reception centre at the northern border", time.Time{}},
				{"https://riverside-tribune.example/business/2026/11/24/remittances-record?utm_source=latest", "Remittances hit a record", time.Time{}},
			},
		},
		{
			name: "item, links, title and date: dates from <time datetime> or its text",
			file: "riverside-latest.html", contentType: "text/html", pageURL: riverside,
			sel: Selectors{Item: "li.story", Links: "a.story__link", Title: "h3", Date: "time"},
			want: []wantLink{
				{"https://riverside-tribune.example/world/2026/11/25/iom-opens-border-centre", "IOM opens a reception centre at the northern border", time.Date(2026, 11, 25, 6, 45, 0, 0, time.UTC)},
				{"https://riverside-tribune.example/business/2026/11/24/remittances-record?utm_source=latest", "Remittances hit a record", time.Date(2026, 11, 24, 23, 30, 0, 0, time.UTC)},
				{"https://riverside-tribune.example/latest/local/2026/11/23/winter-shelter", "Winter shelter opens early", time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)},
				{"https://riverside-tribune.example/opinion/2026/11/23/letters", "Letters: our readers on the new centre", time.Time{}},
			},
		},
		{
			name: "the title selector names an image link's story",
			file: "riverside-latest.html", contentType: "text/html", pageURL: riverside,
			sel: Selectors{Item: "li.story", Links: "a", Title: "h3"}, maxItems: 1,
			want: []wantLink{
				{"https://riverside-tribune.example/world/2026/11/25/iom-opens-border-centre", "IOM opens a reception centre at the northern border", time.Time{}},
			},
		},
		{
			name: "relative links resolve against <base href>, dates from text",
			file: "canal-times-base.html", contentType: "text/html", pageURL: "https://www.canal-times.example/index.php?section=news",
			sel: Selectors{Item: "article.teaser", Links: ".teaser-title a", Title: ".teaser-title", Date: ".teaser-date"},
			want: []wantLink{
				{"https://www.canal-times.example/news/ghent-school-welcomes-pupils", "Ghent school welcomes pupils from Kyiv", time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)},
				{"https://www.canal-times.example/archive/2026/11/24/lock-keepers", "Lock keepers strike over pay", time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)},
				{"https://www.canal-times.example/news/?page=older#anchor", "Older stories", time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)},
			},
		},
		{
			name: "a windows-1252 page declared by <meta http-equiv>",
			file: "rheinblatt-windows-1252.html", contentType: "text/html", pageURL: "https://rheinblatt.example/fr/dernieres",
			sel: Selectors{Links: ".headline a"},
			want: []wantLink{
				{"https://rheinblatt.example/2026/11/25/koln-beratungsstelle.html", "Köln eröffnet eine Beratungsstelle für Geflüchtete", time.Time{}},
				{"https://rheinblatt.example/2026/11/25/cafe-solidaire.html", "Le « café solidaire » d’Illkirch fête ses 5 ans – entrée 2 €", time.Time{}},
				{"https://rheinblatt.example/2026/11/24/oim-rapport.html", "L’OIM publie son rapport : “des chiffres inédits”", time.Time{}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			body := testdataBytes(t, "listpage", tt.file)
			items, err := ParseListPage(bytes.NewReader(body), tt.contentType, tt.pageURL, tt.sel, tt.maxItems)
			if err != nil {
				t.Fatalf("got error %v, want items", err)
			}
			checkListItems(t, items, tt.want)
		})
	}
}

func TestParseListPageInline(t *testing.T) {
	tests := []struct {
		name    string
		html    string
		pageURL string
		want    []wantLink
	}{
		{
			name:    "a relative <base href> resolves against the page URL",
			html:    `<base href="/world/"><ul><li><a href="story-one">One</a></li><li><a href="../sport/two">Two</a></li></ul>`,
			pageURL: "https://fjord-post.example/latest?page=1",
			want: []wantLink{
				{"https://fjord-post.example/world/story-one", "One", time.Time{}},
				{"https://fjord-post.example/sport/two", "Two", time.Time{}},
			},
		},
		{
			name:    "only the first <base href> counts",
			html:    `<head><base target="_blank"><base href="https://a.example/x/"><base href="https://b.example/y/"></head><ul><li><a href="z">Z</a></li></ul>`,
			pageURL: "https://fjord-post.example/",
			want:    []wantLink{{"https://a.example/x/z", "Z", time.Time{}}},
		},
		{
			name:    "the same article as relative and absolute link is kept once",
			html:    `<ul><li><a href="/a">First</a></li><li><a href="https://fjord-post.example/a">Again</a></li><li><a href="//fjord-post.example/a">Once more</a></li></ul>`,
			pageURL: "https://fjord-post.example/latest",
			want:    []wantLink{{"https://fjord-post.example/a", "First", time.Time{}}},
		},
		{
			name:    "control characters in a headline are dropped",
			html:    "<ul><li><a href=\"/a\">Ferry\x08 service &#8; resumes\x1e today</a></li></ul>",
			pageURL: "https://coastal-herald.example/",
			want:    []wantLink{{"https://coastal-herald.example/a", "Ferry service resumes today", time.Time{}}},
		},
		{
			name:    "file:, data: and ftp: links are dropped",
			html:    `<ul><li><a href="file:///etc/passwd">F</a></li><li><a href="data:text/html,x">D</a></li><li><a href="ftp://x.example/f">T</a></li><li><a href=" /ok ">OK</a></li></ul>`,
			pageURL: "https://coastal-herald.example/",
			want:    []wantLink{{"https://coastal-herald.example/ok", "OK", time.Time{}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := ParseListPage(strings.NewReader(tt.html), "text/html", tt.pageURL, Selectors{Links: "li a"}, 0)
			if err != nil {
				t.Fatalf("got error %v, want items", err)
			}
			checkListItems(t, items, tt.want)
		})
	}
}

func TestParseListPageErrors(t *testing.T) {
	page := testdataBytes(t, "listpage", "riverside-latest.html")
	tests := []struct {
		name      string
		sel       Selectors
		wantEmpty bool
	}{
		{"a links selector that matches nothing is ErrSelectorEmpty", Selectors{Links: "div.does-not-exist a"}, true},
		{"an item selector that matches nothing is ErrSelectorEmpty", Selectors{Item: "article.card", Links: "a"}, true},
		{"links that are all javascript: or mailto: are ErrSelectorEmpty", Selectors{Item: "li.story--sponsored, li.story:nth-child(4)", Links: "a"}, true},
		{"an invalid links selector is an error", Selectors{Links: "ul.latest >> a["}, false},
		{"an invalid item selector is an error", Selectors{Item: "li:nth-child(", Links: "a"}, false},
		{"a missing links selector is an error", Selectors{Item: "li.story"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := ParseListPage(bytes.NewReader(page), "text/html", "https://riverside-tribune.example/latest/", tt.sel, 0)
			if err == nil {
				t.Fatalf("got %d items, want an error", len(items))
			}
			if got := errors.Is(err, ErrSelectorEmpty); got != tt.wantEmpty {
				t.Errorf("got %v, want ErrSelectorEmpty %v", err, tt.wantEmpty)
			}
			if tt.wantEmpty && kindOf(err) != kindSelectorEmpty {
				t.Errorf("kind: got %q, want %q", kindOf(err), kindSelectorEmpty)
			}
		})
	}
}

func TestCompileSelectors(t *testing.T) {
	tests := []struct {
		name    string
		sel     Selectors
		wantErr string // "" for none
	}{
		{"links alone are enough", Selectors{Links: "h3 a"}, ""},
		{"item, links, title and date together", Selectors{Item: "li.story", Links: "a", Title: "h3", Date: "time[datetime]"}, ""},
		{"a selector group is valid", Selectors{Links: "h2 a, h3 a"}, ""},
		{"links are required", Selectors{Item: "li"}, "needs a links selector"},
		{"nothing at all needs links", Selectors{}, "needs a links selector"},
		{"a title without an item is an error", Selectors{Links: "a", Title: "h3"}, "need an item selector"},
		{"a date without an item is an error", Selectors{Links: "a", Date: "time"}, "need an item selector"},
		{"an invalid links selector is named", Selectors{Links: "a[href"}, "links selector"},
		{"an invalid title selector is named", Selectors{Item: "li", Links: "a", Title: "h3:unknown-pseudo"}, "title selector"},
		{"an invalid date selector is named", Selectors{Item: "li", Links: "a", Date: ">>"}, "date selector"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := compileSelectors(tt.sel)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("got %v, want no error", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("got %v, want an error containing %q", err, tt.wantErr)
			}
		})
	}
}

func checkListItems(t *testing.T, items []Item, want []wantLink) {
	t.Helper()
	if len(items) != len(want) {
		var got []string
		for _, it := range items {
			got = append(got, it.Link)
		}
		t.Fatalf("got %d items %q, want %d", len(items), got, len(want))
	}
	for i, w := range want {
		it := items[i]
		if it.Link != w.link {
			t.Errorf("item %d link: got %q, want %q", i, it.Link, w.link)
		}
		if it.Title != w.title {
			t.Errorf("item %d title: got %q, want %q", i, it.Title, w.title)
		}
		if !it.Published.Equal(w.published) {
			t.Errorf("item %d published: got %v, want %v", i, it.Published, w.published)
		}
	}
}

// ExampleParseListPage reads a list page with an item container.
func ExampleParseListPage() {
	page := `<ul>
  <li class="story"><h3><a href="/2026/11/25/iom-centre">IOM opens a centre</a></h3><time datetime="2026-11-25T08:00:00Z">Today</time></li>
  <li class="story"><h3><a href="/2026/11/24/ferry">Ferry resumes</a></h3><time>24 November 2026</time></li>
</ul>`
	items, err := ParseListPage(strings.NewReader(page), "text/html", "https://harbour.example/latest",
		Selectors{Item: "li.story", Links: "h3 a", Date: "time"}, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, it := range items {
		fmt.Println(it.Published.Format("2006-01-02"), it.Link, it.Title)
	}
	// Output:
	// 2026-11-25 https://harbour.example/2026/11/25/iom-centre IOM opens a centre
	// 2026-11-24 https://harbour.example/2026/11/24/ferry Ferry resumes
}
