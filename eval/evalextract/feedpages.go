package main

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pressclip/pressclip/parse"
)

// feedPages builds article pages from the items of a feed corpus that
// carry a whole article (content:encoded, content_html): the item's HTML
// is the expected text, set inside one of several news-site templates
// full of the furniture an extractor must drop (navigation, a captioned
// photo, share buttons, a "read more" box inside the body, an author bio,
// related and most-read lists, reader comments, a newsletter form, a
// footer). The templates are written for the project.
func feedPages(dir string, minWords int) ([]page, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var pages []page
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil || (!strings.HasSuffix(f, ".xml") && !strings.HasSuffix(f, ".json")) {
			continue
		}
		feed, err := parse.ParseFeed(bytes.NewReader(b), "", "https://feeds.example/", 0)
		if err != nil {
			continue
		}
		for i, it := range feed.Items {
			body := it.Content
			if len(body) < len(it.Description) {
				body = it.Description
			}
			want := htmlText([]byte("<div>" + body + "</div>"))
			if len(tokens(want)) < minWords || !strings.Contains(body, "<p") {
				continue
			}
			name := fmt.Sprintf("%s#%d", strings.TrimSuffix(filepath.Base(f), filepath.Ext(f)), i)
			tmpl := templates[len(pages)%len(templates)]
			src := fmt.Sprintf(tmpl, html.EscapeString(it.Title), html.EscapeString(it.Title), body)
			pages = append(pages, page{name: name, source: []byte(src), expected: want})
		}
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("no feed item in %s has a whole article", dir)
	}
	return pages, nil
}

// templates take the title twice and the article body's HTML.
var templates = []string{
	`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s | The Daily Ledger</title>
<meta property="og:site_name" content="The Daily Ledger"></head><body>
<div class="cookie-banner"><p>We use cookies to improve your experience on our site. By continuing you accept our use of cookies and our privacy policy.</p><button>Accept</button></div>
<header class="site-header"><a class="logo" href="/">The Daily Ledger</a><nav class="main-nav"><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li><li><a href="/tech">Tech</a></li><li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li></ul></nav></header>
<div class="trending"><span>Trending:</span> <a href="/a">Election results live</a> <a href="/b">Storm warning for the coast</a> <a href="/c">Cup final tickets</a></div>
<main id="main"><article class="article">
<h1 class="headline">%s</h1>
<div class="byline">By <a href="/staff/jo">Jo Bright</a>, Senior Correspondent · 5 min read</div>
<figure class="lead-image"><img src="/img/lead.jpg" alt=""><figcaption>Crowds gathered outside the building on Tuesday evening as the news broke. Photograph: Lee Stone/The Daily Ledger</figcaption></figure>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
<div class="article-body">%s</div>
<div class="author-bio"><p>Jo Bright covers politics and business for The Daily Ledger. She has reported from four continents and previously worked for regional newspapers in the north.</p></div>
</article>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/r1">Ministers face questions over budget shortfall in the regions</a></li><li><a href="/r2">What the new rules mean for small businesses this winter</a></li><li><a href="/r3">Analysis: five things we learned from the summit</a></li></ul></aside>
<section class="comments"><h2>Comments (3)</h2>
<div class="comment"><p class="comment-body">I have been saying this for years and nobody in charge ever listens to the people who actually live here, it is a disgrace frankly.</p></div>
<div class="comment"><p class="comment-body">Great reporting as always. Would love a follow-up on what happens to the families affected by this, the article only scratches the surface.</p></div>
<div class="comment"><p class="comment-body">Does anyone know whether the consultation is still open? I tried the council website and the form was broken again this morning.</p></div></section>
</main>
<footer class="site-footer"><p>The Daily Ledger is published by Ledger Media Group. All content is copyright of its owners and may not be reproduced without permission, as set out in our terms and conditions.</p><ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy</a></li></ul></footer>
</body></html>`,

	`<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s – Valley Courier</title></head><body class="single-post">
<div id="top-bar"><a href="/subscribe">Subscribe</a> | <a href="/login">Log in</a></div>
<div id="masthead"><h2 class="site-title"><a href="/">Valley Courier</a></h2><div id="menu"><a href="/">Home</a> · <a href="/news">News</a> · <a href="/opinion">Opinion</a> · <a href="/obituaries">Obituaries</a> · <a href="/classifieds">Classifieds</a></div></div>
<div id="wrapper"><div id="content" class="col-main">
<div class="post"><h1 class="entry-title">%s</h1><p class="meta">Posted 25 November 2026 by the Courier newsroom</p>
<div class="entry-content">
<div class="wp-caption"><img src="/wp-content/uploads/photo.jpg"><p class="wp-caption-text">The river at dawn on Monday, a day after the floods receded. (Courier photo)</p></div>
%s
<div class="sharedaddy"><h3>Share this:</h3><ul><li><a href="#">Facebook</a></li><li><a href="#">Twitter</a></li><li><a href="#">Print</a></li></ul></div>
</div>
<div class="post-tags">Tags: <a href="/tag/local">local</a>, <a href="/tag/news">news</a></div>
</div>
<div id="respond"><h3>Leave a Reply</h3><form><p>Your email address will not be published. Required fields are marked with an asterisk.</p><textarea></textarea><input type="submit" value="Post Comment"></form></div>
</div>
<div id="sidebar" class="col-side"><div class="widget"><h3>Most read</h3><ol><li><a href="/m1">School board votes to delay the new timetable until spring</a></li><li><a href="/m2">Police appeal for witnesses after a crash on the ring road</a></li><li><a href="/m3">Farmers market returns to the square this Saturday</a></li></ol></div>
<div class="widget newsletter"><h3>Newsletter</h3><p>Get the Valley Courier's top stories in your inbox every weekday morning, free of charge.</p><input type="email"><button>Sign up</button></div></div>
</div>
<div id="footer"><p>© 2026 Valley Courier. Independent local journalism since 1894.</p></div>
</body></html>`,

	`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s</title></head><body>
<div class="layout">
<div class="nav-wrapper"><ul class="navigation"><li><a href="/">Front page</a></li><li><a href="/latest">Latest</a></li><li><a href="/videos">Videos</a></li><li><a href="/podcasts">Podcasts</a></li></ul></div>
<div class="story-container">
<div class="story-header"><h1>%s</h1><div class="story-meta"><span class="author">Staff reporter</span> <time datetime="2026-11-25T08:00:00Z">25 November 2026</time></div></div>
<div class="story">%s</div>
<div class="read-more-box"><strong>Read more:</strong> <a href="/x">The week in pictures</a></div>
<div class="newsletter-signup"><p>Sign up for our daily briefing and never miss the stories that matter to you and your community.</p></div>
</div>
<div class="recommended"><h3>You might also like</h3><div class="card"><a href="/k1"><p>Inside the race to build the country's biggest battery factory before the deadline</p></a></div><div class="card"><a href="/k2"><p>Why so many young people are leaving the big cities for small towns this year</p></a></div></div>
<div class="footer"><p>Copyright 2026. All rights reserved. Reproduction in whole or in part without written permission is prohibited.</p></div>
</div></body></html>`,
}
