// Command benchserver serves synthetic outlets on loopback for the fetch
// benchmark (scripts/bench-fetch.sh, BENCHMARKS.md): N feed sources of M
// items each, every source on its own port (its own host, as N outlets
// are), every response after a fixed latency. Feeds carry an ETag and
// answer 304 to a matching If-None-Match, so a second pass is all 304s.
// It writes a pressclip config for the sources and serves until killed.
// SIGUSR1 cuts the network (all listeners closed) and, again, restores it.
//
//	go -C eval run ./benchserver -sources 500 -items 20 -latency 50ms -config /tmp/bench.yaml
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

func main() {
	sources := flag.Int("sources", 500, "feed sources, one port each")
	items := flag.Int("items", 20, "items per feed")
	latency := flag.Duration("latency", 50*time.Millisecond, "delay before every response")
	mentionEvery := flag.Int("mention-every", 10, "one article in this many mentions IOM")
	configPath := flag.String("config", "bench.yaml", "where to write the pressclip config")
	db := flag.String("db", "bench.db", "the database the config names")
	fetch := flag.String("fetch", "", `extra fetch settings for the config, e.g. "host_delay: 0s, concurrency: 64"`)
	newEvery := flag.Duration("new-every", 0, "publish new items this often (the soak); 0: the feeds never change")
	newItems := flag.Int("new-items", 2, "items each feed publishes every -new-every")
	extra := flag.String("extra", "", "more config, appended as it is (a schedule, a serve section)")
	flag.Parse()

	var cfg strings.Builder
	fmt.Fprintf(&cfg, "database: %s\norganization:\n  name: International Organization for Migration\n  aliases: [IOM]\n  exclude: [Isle of Man]\nsources:\n", *db)
	var outlets []*served
	for i := range *sources {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			log.Fatalf("listen: %v (raise ulimit -n?)", err)
		}
		base := "http://" + l.Addr().String()
		o := &served{addr: l.Addr().String(), handler: outlet(i, base, *items, *latency, *mentionEvery, *newEvery, *newItems)}
		o.serve(l)
		outlets = append(outlets, o)
		fmt.Fprintf(&cfg, "  - name: Outlet %03d\n    url: %s/feed.xml\n", i, base)
	}
	// SIGUSR1 cuts the network (every listener closed: connections are
	// refused) and, sent again, brings it back on the same addresses.
	toggle := make(chan os.Signal, 1)
	signal.Notify(toggle, syscall.SIGUSR1)
	go func() {
		down := false
		for range toggle {
			down = !down
			for _, o := range outlets {
				if down {
					o.srv.Close()
				} else if err := o.listen(); err != nil {
					log.Printf("listen again on %s: %v", o.addr, err)
				}
			}
			log.Printf("network down: %v", down)
		}
	}()
	cfg.WriteString("fetch:\n  allow_private_networks: [127.0.0.1/32]\n")
	for _, kv := range strings.Split(*fetch, ",") {
		if kv = strings.TrimSpace(kv); kv != "" {
			fmt.Fprintf(&cfg, "  %s\n", kv)
		}
	}
	cfg.WriteString(strings.ReplaceAll(*extra, `\n`, "\n"))
	if err := os.WriteFile(*configPath+".tmp", []byte(cfg.String()), 0o644); err != nil {
		log.Fatal(err)
	}
	if err := os.Rename(*configPath+".tmp", *configPath); err != nil {
		log.Fatal(err)
	}
	log.Printf("serving %d sources × %d items, %v latency; config in %s", *sources, *items, *latency, *configPath)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
}

// served is one outlet's server, which can be closed and started again
// on its address.
type served struct {
	addr    string
	handler http.Handler
	srv     *http.Server
}

func (o *served) serve(l net.Listener) {
	o.srv = &http.Server{Handler: o.handler, ReadHeaderTimeout: 10 * time.Second}
	go o.srv.Serve(l)
}

func (o *served) listen() error {
	l, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	o.serve(l)
	return nil
}

// started is when the server started: its stories are dated from it,
// story i i minutes earlier (within fetch.max_age however long a soak
// runs), the same on every request.
var started = time.Now().UTC().Truncate(time.Minute)

func published(i int) time.Time { return started.Add(-time.Duration(i%600) * time.Minute) }

// outlet serves one source: its feed, its articles, and a robots.txt.
// With newEvery, the feed publishes newItems items every newEvery: it
// lists the latest items, and its ETag changes with them.
func outlet(n int, base string, items int, latency time.Duration, mentionEvery int, newEvery time.Duration, newItems int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(latency)
		first, version := 0, 1
		if newEvery > 0 {
			tick := int(time.Now().UnixNano() / int64(newEvery))
			first, version = tick*newItems, tick
		}
		etag := fmt.Sprintf(`"v%d"`, version)
		switch {
		case r.URL.Path == "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		case r.URL.Path == "/feed.xml":
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", etag)
			w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Outlet %03d</title><link>%s/</link>`, n, base)
			for i := first; i < first+items; i++ {
				fmt.Fprintf(w, `<item><title>Story %d of outlet %d</title><link>%s/news/%d.html</link><guid>%s/news/%d.html</guid>
<description>A short teaser for story %d.</description><pubDate>%s</pubDate></item>`,
					i, n, base, i, base, i, i, published(i).Format(time.RFC1123Z))
			}
			fmt.Fprint(w, `</channel></rss>`)
		case strings.HasPrefix(r.URL.Path, "/news/"):
			var i int
			fmt.Sscanf(r.URL.Path, "/news/%d.html", &i)
			who := "the regional council"
			if (n*items+i)%mentionEvery == 0 {
				who = "the International Organization for Migration (IOM)"
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Story %d of outlet %d | Outlet %03d</title>
<meta property="og:site_name" content="Outlet %03d"><meta property="article:published_time" content="%s"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>Story %d of outlet %d</h1><p class="byline">By A. Reporter</p>`, i, n, n, n, published(i).Format(time.RFC3339), i, n)
			fmt.Fprintf(w, `<p>Officials counted %d people at the northern crossing this week, according to %s, the highest weekly figure since the spring.</p>`, 100+i, who)
			for k := range 8 {
				fmt.Fprintf(w, `<p>Paragraph %d of the story goes on about the crossing, the weather on the mountain road, the shelters in the valley and what local volunteers said they needed before winter arrives in earnest.</p>`, k)
			}
			fmt.Fprint(w, `</article><aside class="related"><h2>Related</h2><ul><li><a href="/a">Another story</a></li></ul></aside></main><footer>© Outlet</footer></body></html>`)
		default:
			http.NotFound(w, r)
		}
	})
}
