package summarizer

import (
	"regexp"
	"strings"
)

// Headlines of interviews: "Interview: IOM’s Ana Duarte on climate
// migration", "Q&A with researcher Lena Brandt about border deaths",
// "Ana Duarte on climate migration: an interview". Groups: the person,
// the topic.
var interviewTitles = []*regexp.Regexp{
	regexp.MustCompile(`^(?i:interview|q\s*&\s*a|in conversation)(?:\s+with)?\s*[:|–—-]?\s*([^:|–—]+?)\s*[:|–—]\s*(.+)$`),
	regexp.MustCompile(`^(?i:interview|q\s*&\s*a|in conversation)(?:\s+with)?\s*[:|–—-]?\s*(.+?)\s+(?:on|about)\s+(.+)$`),
	regexp.MustCompile(`^(.+?)\s+(?:on|about)\s+(.+?)\s*[:|–—-]\s*(?i:an?\s+)?(?i:interview|q\s*&\s*a)$`),
}

// interview writes "<Outlet> spoke with IOM’s <Name> about <topic>." or
// "<Outlet> interviewed <person> about <topic>." from the headline
// (SUMMARY-STYLE.md rule 8); without a person and a topic the caller
// falls back to the news frame.
func (s *Summarizer) interview(a Article, d *document, outlet string) (Draft, bool) {
	title := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(a.Title), ".!?"))
	for _, re := range interviewTitles {
		m := re.FindStringSubmatch(title)
		if m == nil {
			continue
		}
		who, about := strings.TrimSpace(m[1]), strings.Trim(strings.TrimSpace(m[2]), `"“”'‘’`)
		if words(who) > 8 || words(about) < 2 {
			continue
		}
		about = lowerFirst(about, d.use)
		if s.org != "" {
			for _, re := range s.staff {
				if sm := re.FindStringSubmatch(shortenOrg(who, s.longNames, s.org)); sm != nil {
					line := outlet + " spoke with " + s.org + "’s " + sm[1] + " about " + finish(about)
					if n := words(line); n >= minWords && n <= maxWords {
						return Draft{Line: line, Frame: "spoke with", Writer: "extractive"}, true
					}
				}
			}
		}
		if s.headName != "" && strings.Contains(who, s.headName) {
			who = s.headTitle + " " + s.headName
		}
		line := outlet + " interviewed " + lowerFirst(who, d.use) + " about " + finish(about)
		if n := words(line); n < minWords || n > maxWords {
			continue
		}
		dr := Draft{Line: line, Frame: "interviewed", Writer: "extractive"}
		if !s.names(who) {
			if f := s.followUp(d); f != "" && words(line+" "+f) <= maxItem {
				dr.FollowUp, dr.Line = f, line+" "+f
			}
		}
		return dr, true
	}
	return Draft{}, false
}
