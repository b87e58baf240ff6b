package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pressclip/pressclip/store"
	"github.com/pressclip/pressclip/summarizer"
)

// reviewCmd is `pressclip review`: staff decisions from the command line.
// Long: a cobra command is its flags, their checks and its RunE.
func reviewCmd(e *env) *cobra.Command {
	var approve, reject, reset, merge bool
	var summary, split, by string
	c := &cobra.Command{
		Use:   "review ID... (--approve | --reject | --summary \"…\" | --merge) | review --split URL",
		Short: "Approve or reject stories, replace their line, merge stories or split a copy out",
		Long: "review records staff decisions: --approve or --reject a story (export leaves rejected stories\n" +
			"out), --reset it to new, and --summary replaces its drafted line (kept on later fetches).\n" +
			"--merge makes one story of the stories named (the oldest ID stays; an approval and an edited line\n" +
			"are kept), and later copies join it; --split URL takes the copy at URL (or an article ID) out of\n" +
			"its story into a new one that never rejoins it.",
		Args: func(c *cobra.Command, args []string) error {
			set := 0
			for _, name := range []string{"merge", "split", "approve", "reject", "reset", "summary"} {
				if c.Flags().Changed(name) {
					set++
				}
			}
			if (merge || c.Flags().Changed("split")) && set > 1 {
				return usagef("--merge and --split go alone: review the story they make afterwards")
			}
			if c.Flags().Changed("split") {
				if len(args) > 0 {
					return usagef("--split takes a copy's URL, not story IDs")
				}
				return nil
			}
			if len(args) == 0 {
				return usagef("review needs at least one story ID")
			}
			if merge && len(args) < 2 {
				return usagef("--merge needs two story IDs or more")
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			// Every decision is recorded as the reviewer's.
			c.SetContext(store.WithActor(c.Context(), reviewer(by)))
			if merge || c.Flags().Changed("split") {
				return restructure(c, e, args, merge, split)
			}
			var r store.Review
			n := 0
			for _, set := range []struct {
				on     bool
				status string
			}{{approve, store.StatusApproved}, {reject, store.StatusRejected}, {reset, store.StatusNew}} {
				if set.on {
					n++
					r.Status = set.status
				}
			}
			if n > 1 {
				return usagef("choose one of --approve, --reject and --reset")
			}
			if c.Flags().Changed("summary") {
				r.Line = &summary
			}
			if n == 0 && r.Line == nil {
				return usagef("say what to do: --approve, --reject, --reset or --summary \"…\"")
			}
			ids, err := storyIDs(args)
			if err != nil {
				return err
			}
			st, err := e.openToRead(c.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			if err := st.Review(c.Context(), ids, r); err != nil {
				if errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrInvalidInput) {
					return usageError{err}
				}
				return err
			}
			fmt.Fprintf(e.stdout, "reviewed %d %s\n", len(ids), plural(len(ids), "story", "stories"))
			if r.Line != nil {
				warnRules(c.Context(), e, st, ids, strings.Join(strings.Fields(*r.Line), " "))
			}
			return nil
		},
	}
	f := c.Flags()
	f.BoolVar(&approve, "approve", false, "approve the stories")
	f.BoolVar(&reject, "reject", false, "reject the stories (export leaves them out)")
	f.BoolVar(&reset, "reset", false, "set the stories back to new")
	f.StringVar(&summary, "summary", "", "replace the stories' line")
	f.BoolVar(&merge, "merge", false, "make one story of the stories named")
	f.StringVar(&split, "split", "", "take the copy at this URL (or article ID) out of its story")
	f.StringVar(&by, "by", "", "whom the decisions are recorded as (default: the system user, \"(command line)\")")
	return c
}

// restructure merges stories or splits a copy out, as review --merge and
// --split ask.
func restructure(c *cobra.Command, e *env, args []string, merge bool, split string) error {
	st, err := e.openToRead(c.Context())
	if err != nil {
		return err
	}
	defer st.Close()
	usage := func(err error) error {
		if errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrInvalidInput) {
			return usageError{err}
		}
		return err
	}
	if merge {
		ids, err := storyIDs(args)
		if err != nil {
			return err
		}
		into, err := st.MergeStories(c.Context(), ids)
		if err != nil {
			return usage(err)
		}
		fmt.Fprintf(e.stdout, "merged %d stories into story %d\n", len(ids), into)
		return nil
	}
	id, err := st.ArticleID(c.Context(), split)
	if err != nil {
		return usage(err)
	}
	from, err := st.StoryOfArticle(c.Context(), id)
	if err != nil {
		return usage(err)
	}
	to, err := st.SplitArticle(c.Context(), id)
	if err != nil {
		return usage(err)
	}
	fmt.Fprintf(e.stdout, "split article %d out of story %d: it is story %d now\n", id, from, to)
	return nil
}

// storyIDs parses story IDs given as arguments.
func storyIDs(args []string) ([]int64, error) {
	ids := make([]int64, 0, len(args))
	for _, a := range args {
		id, err := strconv.ParseInt(a, 10, 64)
		if err != nil || id <= 0 {
			return nil, usagef("%q is not a story ID", a)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// lineChecker checks a line staff wrote against the house rules and the
// story's article, as the review pages and review --summary do.
func lineChecker(s *summarizer.Summarizer) func(line string, t store.StoryText) []string {
	return func(line string, t store.StoryText) []string {
		ps := s.CheckEdited(line, summarizer.Article{Outlet: t.Credit, Title: t.Title, Paragraphs: strings.Split(t.Text, "\n\n"),
			Type: t.Type, Language: t.Language})
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = p.String()
		}
		return out
	}
}

// warnRules tells staff which house rules an edited line breaks (it is
// kept as they wrote it): the line's own shape, and against each story's
// article its outlet, numbers and names.
func warnRules(ctx context.Context, e *env, st *store.Store, ids []int64, line string) {
	var s *summarizer.Summarizer
	if cfg, err := e.loadConfig(); err == nil {
		s = newSummarizer(cfg)
	} else {
		s = summarizer.New(summarizer.Options{})
	}
	check := lineChecker(s)
	for _, id := range ids {
		t, err := st.StoryText(ctx, id)
		if err != nil {
			continue
		}
		ps := check(line, t)
		if len(ps) == 0 {
			continue
		}
		fmt.Fprintf(e.stderr, "note: the line of story %d breaks house rules (kept as written):\n", id)
		for _, p := range ps {
			fmt.Fprintf(e.stderr, "  %s\n", p)
		}
	}
}
