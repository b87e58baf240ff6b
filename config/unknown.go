package config

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// unknownKeys finds every key of the file that no field of t takes, with
// its line, so that a config with several mistakes shows them all at once
// (the strict decoder stops at the first).
func unknownKeys(file *ast.File, t reflect.Type, name string) []Problem {
	var out []Problem
	for _, doc := range file.Docs {
		walkKeys(doc.Body, t, name, "", &out)
	}
	return out
}

// walkKeys checks node against the Go type t it decodes into.
func walkKeys(node ast.Node, t reflect.Type, name, path string, out *[]Problem) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch n := node.(type) {
	case *ast.MappingNode:
		for _, kv := range n.Values {
			walkPair(kv, t, name, path, out)
		}
	case *ast.MappingValueNode:
		walkPair(n, t, name, path, out)
	case *ast.SequenceNode:
		if t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
			for _, v := range n.Values {
				walkKeys(v, t.Elem(), name, path, out)
			}
		}
	}
}

func walkPair(kv *ast.MappingValueNode, t reflect.Type, name, path string, out *[]Problem) {
	key := strings.TrimSpace(kv.Key.String())
	switch t.Kind() {
	case reflect.Map:
		walkKeys(kv.Value, t.Elem(), name, path+"."+key, out)
	case reflect.Struct:
		f, ok := fieldByKey(t, key)
		if !ok {
			*out = append(*out, Problem{File: name, Line: kv.Key.GetToken().Position.Line, Msg: fmt.Sprintf("unknown key %q", key)})
			return
		}
		walkKeys(kv.Value, f.Type, name, path+"."+key, out)
	}
}

// fieldByKey finds the field of struct t that the YAML key decodes into.
func fieldByKey(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := strings.Split(f.Tag.Get("yaml"), ",")[0]
		if tag == "-" || !f.IsExported() {
			continue
		}
		if tag == "" {
			tag = strings.ToLower(f.Name)
		}
		if tag == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}
