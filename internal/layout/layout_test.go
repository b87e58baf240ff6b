package layout

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/pressclip/pressclip"

// imports maps each product package (by its path below the module) to
// what its non-test files import.
func imports(t *testing.T) map[string][]string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if path != root && (name == "testdata" || name == "eval" || name == "artifacts" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			return filepath.SkipDir
		}
		pkg, err := build.Default.ImportDir(path, 0)
		if err != nil {
			return nil // no Go files here
		}
		rel, _ := filepath.Rel(root, path)
		out[filepath.ToSlash(rel)] = pkg.Imports
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 15 {
		t.Fatalf("found %d packages: the walk did not reach the module", len(out))
	}
	return out
}

// TestImportRules: the rules of DESIGN.md and issue 18, each with the
// packages it allows.
func TestImportRules(t *testing.T) {
	pkgs := imports(t)
	rules := []struct {
		name    string
		imports string // a package path below the module, or a standard one
		allowed func(pkg string) bool
	}{
		{"the config is read only at the wiring (cmd, pipeline)",
			module + "/config", func(p string) bool {
				return strings.HasPrefix(p, "cmd/") || p == "pipeline" || p == "config"
			}},
		{"the store knows nothing of HTTP", "net/http", func(p string) bool { return p != "store" && p != "dedup" }},
		{"the fetcher knows nothing of SQL", "database/sql", func(p string) bool { return p == "store" }},
		{"only the wiring knows the pipeline", module + "/pipeline", func(p string) bool {
			return strings.HasPrefix(p, "cmd/") || p == "serve"
		}},
		{"only the wiring mounts the pages", module + "/web", func(p string) bool {
			return strings.HasPrefix(p, "cmd/") || p == "serve"
		}},
		{"only the command runs the server", module + "/serve", func(p string) bool { return strings.HasPrefix(p, "cmd/") }},
		{"the pages check lines through the function cmd gives them", module + "/summarizer", func(p string) bool { return p != "web" }},
		{"parse reads bytes and never fetches", "net/http", func(p string) bool { return p != "parse" }},
		{"parse knows nothing of the fetcher (the fetcher uses parse)", module + "/fetcher", func(p string) bool { return p != "parse" }},
	}
	for _, r := range rules {
		for pkg, imps := range pkgs {
			if slices.Contains(imps, r.imports) && !r.allowed(pkg) {
				t.Errorf("%s imports %s: %s", pkg, r.imports, r.name)
			}
		}
	}
	for pkg, imps := range pkgs {
		for _, imp := range imps {
			if strings.HasPrefix(imp, module+"/eval") {
				t.Errorf("%s imports %s: the evaluation module is not part of the product", pkg, imp)
			}
			if strings.HasPrefix(imp, module+"/cmd") {
				t.Errorf("%s imports %s: nothing imports a command", pkg, imp)
			}
		}
	}
}

// maxLines is how long a function may be without saying why.
const maxLines = 80

// TestLongFunctionsSayWhy: a product function over maxLines lines says
// why in its doc comment (a sentence starting "Long:"), or is split.
func TestLongFunctionsSayWhy(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (name == "testdata" || name == "eval" || name == "artifacts" || strings.HasPrefix(name, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			checked++
			n := fset.Position(fn.End()).Line - fset.Position(fn.Pos()).Line
			if n > maxLines && (fn.Doc == nil || !strings.Contains(fn.Doc.Text(), "Long: ")) {
				rel, _ := filepath.Rel(root, path)
				t.Errorf("%s: %s is %d lines: split it, or say why in its doc comment (\"Long: …\")", rel, fn.Name.Name, n)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 500 {
		t.Fatalf("checked %d functions: the walk did not reach the module", checked)
	}
}
