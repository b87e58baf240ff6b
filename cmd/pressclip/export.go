package main

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/pressclip/pressclip/export"
	"github.com/pressclip/pressclip/internal/view"
	"github.com/pressclip/pressclip/store"
)

// exportCmd is `pressclip export`: the press section of a period.
// Long: a cobra command is its flags, their checks and its RunE; split,
// the flags would sit far from where they are read.
func exportCmd(e *env) *cobra.Command {
	var since, from, to, format, tmpl, out, watch, group, status, order string
	var approvedOnly, also, together, withBOM bool
	c := &cobra.Command{
		Use:   "export",
		Short: "Write the press section for the newsletter",
		Long: "export writes one line per story found in the period: by default the approved ones, the\n" +
			"section an editor sends (as the export page and scheduled exports of approved stories do);\n" +
			"--status all adds the unreviewed drafts, --status new only them; rejected stories never.\n" +
			"text is the newsletter's bullets, md links each line to its article, json has every field.\n" +
			"--also adds the other outlets that carried each story to its line. --template F renders the\n" +
			"stories with a Go text/template instead.",
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if also && together {
				return usagef("choose one of --also and --together")
			}
			if tmpl == "" && !slices.Contains(export.SectionFormats, format) {
				return usagef("--format %q: want one of %v", format, export.SectionFormats)
			}
			p, err := parsePeriod(since, from, to, "7d", time.Now())
			if err != nil {
				return err
			}
			var t export.Template
			if tmpl != "" {
				if t, err = export.ParseTemplate(tmpl); err != nil {
					return usagef("--template: %v", err)
				}
			}
			lang := "en"
			if cfg, err := e.loadConfig(); err == nil {
				if group == "" && cfg.Stories.Group != "" {
					group = cfg.Stories.Group
				}
				if cfg.Lines.Language != "" {
					lang = cfg.Lines.Language
				}
			}
			if group == "" {
				group = "none"
			}
			if !slices.Contains(export.Groupings, group) {
				return usagef("--group %q: want one of %v", group, export.Groupings)
			}
			if !slices.Contains(view.Orders, order) {
				return usagef("--order %q: want one of %v", order, view.Orders)
			}
			st, err := e.openToRead(c.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			if approvedOnly {
				status = store.StatusApproved
			}
			if !slices.Contains(sectionStatuses, status) {
				return usagef("--status %q: want one of %v", status, sectionStatuses)
			}
			f := store.Filter{From: p.from, To: p.to, ExcludeRejected: true, Watch: watch, Status: status}
			stories, err := st.Stories(c.Context(), f)
			if err != nil {
				return err
			}
			e.ranking().Sort(stories, order)
			var buf bytes.Buffer
			if t != nil {
				err = t.Execute(&buf, export.TemplateData{Items: e.items(stories), From: p.from, To: p.to})
			} else {
				err = export.Section(&buf, format, e.items(stories), export.SectionOptions{Also: also, Together: together, Group: group,
					NoBOM: !withBOM, Lang: lang, Authority: export.HostAuthority()})
			}
			if err != nil {
				return fmt.Errorf("export: %w", err)
			}
			if len(stories) == 0 {
				// Say why the section is empty: nothing found, or nothing
				// approved yet.
				why := "no stories in this period"
				if status != "all" {
					f.Status = "all"
					if all, err := st.Stories(c.Context(), f); err == nil {
						waiting := 0
						for _, s := range all {
							if s.Status == store.StatusNew {
								waiting++
							}
						}
						if status == store.StatusApproved {
							why = fmt.Sprintf("0 approved in this period; %d await review (pressclip mentions, or --status all)", waiting)
						}
					}
				}
				fmt.Fprintln(e.stderr, why)
			}
			return writeOut(out, e.stdout, buf.Bytes())
		},
	}
	fl := c.Flags()
	fl.StringVar(&since, "since", "", "stories found in the last DURATION (24h, 7d; default 7d)")
	fl.StringVar(&from, "from", "", "stories found from this day (2026-11-25) or time (RFC 3339)")
	fl.StringVar(&to, "to", "", "stories found up to this day, included, or time")
	fl.StringVar(&format, "format", "text", "text, md, html, csv, json or atom")
	fl.StringVar(&group, "group", "", "group the lines: none, watch, outlet or tag (default: the config's stories.group)")
	fl.StringVar(&tmpl, "template", "", "render with this Go template file: html/template when it ends in .html, text/template otherwise (data: .Items, .From, .To)")
	fl.StringVar(&out, "out", "", "write to this file instead of standard output")
	fl.StringVar(&status, "status", store.StatusApproved, "approved (the section an editor sends), all (drafts too) or new (only unreviewed)")
	fl.BoolVar(&approvedOnly, "approved", false, "same as --status approved (the default)")
	fl.StringVar(&watch, "watch", "", "only stories that mention this watch")
	fl.BoolVar(&also, "also", false, `add the other outlets that carried each story: "… (also: The Guardian, France 24)."`)
	completeValues(c, "format", export.SectionFormats)
	completeValues(c, "status", sectionStatuses)
	completeValues(c, "group", export.Groupings)
	fl.StringVar(&order, "order", "found", "the lines' order: found (newest found first), importance or outlet")
	completeValues(c, "order", view.Orders)
	fl.BoolVar(&withBOM, "bom", true, "start CSV with the UTF-8 byte-order mark, so that Excel reads it as UTF-8 (--bom=false leaves it out)")
	fl.BoolVar(&together, "together", false, `name every outlet that carried a story as its subject: "AFP and The Guardian reported that …"`)
	return c
}

// sectionStatuses are what --status takes: which stories a section holds.
var sectionStatuses = []string{store.StatusApproved, "all", store.StatusNew}

// writeOut writes b to path atomically, or to w when path is "".
func writeOut(path string, w io.Writer, b []byte) error {
	if path == "" {
		_, err := w.Write(b)
		return err
	}
	if err := export.WriteFile(path, b); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	return nil
}
