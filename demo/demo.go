// Package demo serves the bundled sample outlets (site/, embedded in the
// binary) on 127.0.0.1 so that `pressclip demo` and the end-to-end tests
// run the real pipeline offline.
//
// Each outlet directory is served by its own listener, so each outlet is
// its own host as real outlets are. Text files have "{{BASE}}" replaced by
// the outlet's origin; the demo config (config.yaml) has "{{dir}}"
// replaced by each outlet's origin.
package demo

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed site config.yaml
var files embed.FS

// Site is one sample outlet being served.
type Site struct {
	Dir  string
	Base string // http://127.0.0.1:PORT
	srv  *http.Server
}

// Sites are the running sample outlets.
type Sites struct {
	List []*Site
}

// Start serves every outlet directory under site/ on its own 127.0.0.1
// port until ctx ends or Close is called.
func Start(ctx context.Context) (*Sites, error) {
	entries, err := fs.ReadDir(files, "site")
	if err != nil {
		return nil, err
	}
	s := &Sites{}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		var lc net.ListenConfig
		l, err := lc.Listen(ctx, "tcp", "127.0.0.1:0")
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("demo: listen: %w", err)
		}
		site := &Site{Dir: e.Name(), Base: "http://" + l.Addr().String()}
		site.srv = &http.Server{Handler: site.handler(), ReadHeaderTimeout: 5 * time.Second}
		go site.srv.Serve(l)
		s.List = append(s.List, site)
	}
	go func() {
		<-ctx.Done()
		s.Close()
	}()
	return s, nil
}

// Close stops every server.
func (s *Sites) Close() {
	for _, site := range s.List {
		site.srv.Close()
	}
}

// Config returns the demo config.yaml with every "{{dir}}" replaced by
// that outlet's origin.
func (s *Sites) Config() ([]byte, error) {
	b, err := files.ReadFile("config.yaml")
	if err != nil {
		return nil, err
	}
	for _, site := range s.List {
		b = bytes.ReplaceAll(b, []byte("{{"+site.Dir+"}}"), []byte(site.Base))
	}
	return b, nil
}

var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".xml":  "application/xml; charset=utf-8",
	".json": "application/feed+json; charset=utf-8",
}

func (site *Site) handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		p := path.Clean("/" + r.URL.Path)
		b, err := files.ReadFile("site/" + site.Dir + p)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) || strings.Contains(err.Error(), "is a directory") {
				http.NotFound(w, r)
				return
			}
			http.Error(w, "read error", http.StatusInternalServerError)
			return
		}
		ct, ok := contentTypes[path.Ext(p)]
		if !ok {
			http.NotFound(w, r)
			return
		}
		b = bytes.ReplaceAll(b, []byte("{{BASE}}"), []byte(site.Base))
		w.Header().Set("Content-Type", ct)
		w.Write(b)
	})
}
