package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"

	"github.com/pressclip/pressclip/config"
	"github.com/pressclip/pressclip/store"
	"github.com/pressclip/pressclip/web"
)

// The review pages over a store: mount the Handler on a server (pressclip
// serve does it on serve.listen) and put Protect in front of anything
// else that needs the same login.
func ExampleNew() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	st, err := store.Open(ctx, filepath.Join(dir, "pressclip.db"), store.Options{})
	if err != nil {
		panic(err)
	}
	defer st.Close()
	cfg, err := config.Load(strings.NewReader(`
organization:
  name: International Organization for Migration
  aliases: [IOM]
sources:
  - name: Harbour Ledger
    url: https://harbour.example/rss.xml
`), "config.yaml")
	if err != nil {
		panic(err)
	}
	pages, err := web.New(web.Options{Store: st, Config: cfg, Password: "correct horse battery"})
	if err != nil {
		panic(err)
	}
	for _, path := range []string{"/", "/login"} {
		rec := httptest.NewRecorder()
		pages.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		fmt.Println(path, rec.Code, rec.Header().Get("Location"))
	}
	// Output:
	// / 303 /login
	// /login 200
}
