package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"

	"github.com/pressclip/pressclip/internal/view"
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
	// cmd builds the options from the config: the sources, the watches,
	// the house rules' checker.
	pages, err := web.New(web.Options{Store: st, Sources: []view.Source{{Name: "Harbour Ledger", Outlet: "Harbour Ledger"}},
		Watches: []string{"International Organization for Migration"}, Password: "correct horse battery"})
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
