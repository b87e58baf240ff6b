package extractor

import (
	"net/url"
	"regexp"
	"strings"
)

var (
	editorialRe = regexp.MustCompile(`(?i)\beditorial\b|\bour view\b|\bthe editorial board\b|^leaders?$`)
	opinionRe   = regexp.MustCompile(`(?i)opinion|comment|\bop-?ed\b|column|tribune|point de vue|meinung`)
	interviewRe = regexp.MustCompile(`(?i)\binterview\b|\bQ&A\b|in conversation with|\bentretien\b|\bentrevista\b`)
	pressRe     = regexp.MustCompile(`(?i)press[- ]release|communiqu[ée] de presse|\bstatement\b`)
)

var opinionSegments = map[string]bool{
	"opinion": true, "opinions": true, "comment": true, "commentisfree": true, "op-ed": true,
	"oped": true, "op-eds": true, "columnists": true, "views": true, "perspectives": true,
	"editorial": true, "editorials": true,
}

var reportSegments = map[string]bool{
	"research": true, "report": true, "reports": true, "publication": true, "publications": true,
	"policy-brief": true, "policy-briefs": true,
}

var pressSegments = map[string]bool{
	"press-release": true, "press-releases": true, "press-room": true, "pressroom": true,
	"media-centre": true, "media-center": true, "communiques": true,
}

// opinionDomains publish nothing but commentary.
var opinionDomains = map[string]bool{"theconversation.com": true, "project-syndicate.org": true}

// pageType decides news, opinion, editorial, interview, press release or
// report from the strongest signals (SUMMARY-STYLE.md rules 5–8).
func pageType(m meta, pageURL, title string) string {
	var segs []string
	host := ""
	if u, err := url.Parse(pageURL); err == nil {
		host = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		for _, s := range strings.Split(strings.ToLower(u.Path), "/") {
			if s != "" {
				segs = append(segs, s)
			}
		}
	}
	hasSeg := func(set map[string]bool) bool {
		for _, s := range segs {
			if set[s] {
				return true
			}
		}
		return false
	}
	switch {
	case editorialRe.MatchString(m.section) || editorialRe.MatchString(m.author):
		return TypeEditorial
	case m.ldType == "OpinionNewsArticle" || hasSeg(opinionSegments) || opinionRe.MatchString(m.section) || opinionDomains[host]:
		return TypeOpinion
	case interviewRe.MatchString(title) || interviewRe.MatchString(m.section):
		return TypeInterview
	case hasSeg(pressSegments) || pressRe.MatchString(m.section):
		return TypePressRelease
	case m.ldType == "Report" || m.ldType == "ScholarlyArticle" || hasSeg(reportSegments):
		return TypeReport
	}
	return TypeNews
}

// agencies maps the spellings of a wire agency's tag to its name in lines.
var agencies = map[string]string{
	"AFP": "AFP", "Reuters": "Reuters", "REUTERS": "Reuters", "AP": "AP", "Xinhua": "Xinhua",
	"dpa": "dpa", "DPA": "dpa", "EFE": "EFE", "ANSA": "ANSA", "IPS": "IPS", "PTI": "PTI",
	"IANS": "IANS", "ANI": "ANI", "Bernama": "Bernama", "Kyodo": "Kyodo", "UNB": "UNB",
	"AA": "Anadolu Agency", "EUROPA PRESS": "Europa Press", "Europa Press": "Europa Press",
}

// agencyBylines maps author fields and bylines that name an agency.
var agencyBylines = map[string]string{
	"afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP", "afp afp": "AFP",
	"reuters": "Reuters", "thomson reuters": "Reuters", "ap": "AP", "associated press": "AP",
	"the associated press": "AP", "xinhua": "Xinhua", "dpa": "dpa", "efe": "EFE", "ansa": "ANSA",
	"ips": "IPS", "inter press service": "IPS", "pti": "PTI", "press trust of india": "PTI",
	"ians": "IANS", "ani": "ANI", "bernama": "Bernama", "kyodo": "Kyodo", "kyodo news": "Kyodo",
	"anadolu agency": "Anadolu Agency", "anadolu": "Anadolu Agency",
}

// datelineRe finds the agency tag of a dateline at the start of the text:
// "GENEVA (AFP) - ", "ROME, Dec 31 (Reuters) - ", "Berlin (dpa) - ",
// "Mumbai, Dec 9 (PTI) ", and ANSA's agency-first "(ANSA) - ROME, JUL 11 - ".
// The tag must stand in dateline position: "told AFP" later in a sentence
// or a photo credit never matches.
var datelineRe = regexp.MustCompile(`^(?:By [^()]{1,80}?\s+)?(?:[\p{Lu}][\p{L}\p{M}\p{N}.'’ ,\[\]-]{0,60}?\s*)?\((AFP|Reuters|REUTERS|AP|Xinhua|dpa|DPA|EFE|ANSA|IPS|PTI|IANS|ANI|Bernama|Kyodo|UNB|AA|EUROPA PRESS|Europa Press)\)\s*(?:[-–—_:]+|\.-|$|\s)`)

// endCreditRe finds a closing credit: "— AFP", "(Reuters)", "With AFP".
var endCreditRe = regexp.MustCompile(`(?:^|\s)(?:[-–—]\s*|\(|with\s+|source:\s*)(AFP|Reuters|AP|Xinhua|dpa|EFE|ANSA|IPS|PTI|IANS|ANI)\)?\s*$`)

// wireAgency names the agency whose copy the article is, from its dateline,
// its author field or byline, or an end credit.
func wireAgency(paragraphs []string, author, byline string) string {
	if len(paragraphs) > 0 {
		if m := datelineRe.FindStringSubmatch(paragraphs[0]); m != nil {
			return agencies[m[1]]
		}
	}
	for _, who := range []string{author, strings.TrimPrefix(strings.TrimPrefix(byline, "By "), "by ")} {
		if a, ok := agencyBylines[strings.ToLower(strings.TrimSpace(who))]; ok {
			return a
		}
	}
	if len(paragraphs) > 1 {
		last := paragraphs[len(paragraphs)-1]
		if len(last) < 200 {
			if m := endCreditRe.FindStringSubmatch(last); m != nil {
				return agencies[m[1]]
			}
		}
	}
	return ""
}
