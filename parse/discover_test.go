package parse

import (
	"fmt"
	"testing"
)

func TestDiscoverFeeds(t *testing.T) {
	tests := []struct {
		name    string
		page    string
		pageURL string
		want    []string
	}{
		{
			name:    "RSS and Atom come before JSON Feed, whatever the page order",
			pageURL: "https://portside.example/",
			page: `<!DOCTYPE html><html><head>
<title>Portside Daily</title>
<link rel="alternate" type="application/feed+json" href="/feed.json" title="Portside Daily (JSON Feed)">
<link rel="alternate" type="application/atom+xml" href="/atom.xml" title="Portside Daily (Atom)">
<link rel="alternate" type="application/rss+xml" href="/rss.xml" title="Portside Daily (RSS)">
<link rel="stylesheet" href="/site.css">
</head><body><h1>Portside Daily</h1></body></html>`,
			want: []string{"https://portside.example/rss.xml", "https://portside.example/atom.xml", "https://portside.example/feed.json"},
		},
		{
			name:    "several feeds of one type keep the page order",
			pageURL: "https://riverside-tribune.example/world/",
			page: `<html><head>
<link rel="alternate" type="application/rss+xml" href="rss/world.xml" title="World">
<link rel="alternate" type="application/rss+xml" href="/rss/latest.xml" title="Latest">
<link rel="alternate" type="application/rss+xml" href="https://feeds.riverside-tribune.example/europe" title="Europe">
<link rel="alternate" type="application/atom+xml" href="/atom/world" title="World (Atom)">
</head><body></body></html>`,
			want: []string{
				"https://riverside-tribune.example/world/rss/world.xml",
				"https://riverside-tribune.example/rss/latest.xml",
				"https://feeds.riverside-tribune.example/europe",
				"https://riverside-tribune.example/atom/world",
			},
		},
		{
			name:    "a feed named twice, relative and absolute, is listed once",
			pageURL: "https://canal-times.example/news/",
			page: `<head>
<link rel="alternate" type="application/rss+xml" href="/feed/">
<link rel="alternate" type="application/rss+xml" href="https://canal-times.example/feed/">
<link rel="alternate" type="application/rss+xml" href="../feed/">
<link rel="alternate" type="application/atom+xml" href="/feed/">
</head>`,
			want: []string{"https://canal-times.example/feed/"},
		},
		{
			name:    "JSON alternates that are not feeds (REST API, oEmbed) are ignored",
			pageURL: "https://harbour-ledger.example/2026/11/25/piraeus/",
			page: `<head>
<link rel="alternate" type="application/rss+xml" title="Harbour Ledger » Feed" href="https://harbour-ledger.example/feed/">
<link rel="alternate" type="application/json" href="https://harbour-ledger.example/wp-json/wp/v2/posts/4812">
<link rel="alternate" type="application/json+oembed" href="https://harbour-ledger.example/wp-json/oembed/1.0/embed?url=https%3A%2F%2Fharbour-ledger.example%2F2026%2F11%2F25%2Fpiraeus%2F">
<link rel="alternate" type="text/xml+oembed" href="https://harbour-ledger.example/wp-json/oembed/1.0/embed?format=xml">
<link rel="alternate" type="application/json" title="JSON Feed" href="/feed/json/">
</head>`,
			want: []string{"https://harbour-ledger.example/feed/", "https://harbour-ledger.example/feed/json/"},
		},
		{
			name:    "alternate stylesheets, translations and prints are not feeds",
			pageURL: "https://gazette-littoral.example/",
			page: `<head>
<link rel="alternate stylesheet" type="text/css" href="/contrast.css" title="High contrast">
<link rel="alternate" hreflang="en" href="https://gazette-littoral.example/en/">
<link rel="alternate" media="print" href="/print/">
<link rel="alternate" type="text/html" href="/amp/">
<link rel="canonical" href="https://gazette-littoral.example/">
<link rel="alternate" type="application/rss+xml" href="/rss">
</head>`,
			want: []string{"https://gazette-littoral.example/rss"},
		},
		{
			name:    "rel=feed, upper-case attributes and type parameters",
			pageURL: "https://steppe-bulletin.example/",
			page: `<HEAD>
<LINK REL="Alternate" TYPE="Application/RSS+XML" HREF="/news.rss">
<link rel="feed" type="application/atom+xml; charset=utf-8" href="/news.atom">
<link rel="alternate" type="application/rdf+xml" href="/news.rdf">
<link rel="alternate" type="text/xml" href="/news.xml">
</HEAD>`,
			want: []string{
				"https://steppe-bulletin.example/news.rss",
				"https://steppe-bulletin.example/news.atom",
				"https://steppe-bulletin.example/news.rdf",
				"https://steppe-bulletin.example/news.xml",
			},
		},
		{
			name:    "relative hrefs resolve against <base href>",
			pageURL: "https://lagoon-gazette.example/index.php?lang=it",
			page: `<head><base href="https://lagoon-gazette.example/it/">
<link rel="alternate" type="application/rss+xml" href="feed.xml">
</head>`,
			want: []string{"https://lagoon-gazette.example/it/feed.xml"},
		},
		{
			name:    "javascript:, mailto: and empty hrefs are dropped",
			pageURL: "https://valley-voice.example/",
			page: `<head>
<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
<link rel="alternate" type="application/rss+xml" href="mailto:desk@valley-voice.example">
<link rel="alternate" type="application/rss+xml" href="">
<link rel="alternate" type="application/rss+xml">
</head>`,
			want: nil,
		},
		{
			name:    "a page without feed links gives none",
			pageURL: "https://valley-voice.example/",
			page:    `<html><head><title>Valley Voice</title></head><body><a href="/rss.xml">RSS</a></body></html>`,
			want:    nil,
		},
		{
			name:    "bytes that are not HTML give none",
			pageURL: "https://valley-voice.example/",
			page:    "\x00\x01\x02\xff\xfe",
			want:    nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DiscoverFeeds([]byte(tt.page), tt.pageURL)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
