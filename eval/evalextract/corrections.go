package main

// corrections fix the corpus's expected metadata where Readability.js,
// which produced it, is wrong; each was checked by reading the page.
var corrections = map[string]map[string]string{
	// The byline of a teaser in the sidebar; the article's meta
	// article:author and its visible byline say Laurie Oakes.
	"herald-sun-1": {"byline": "Laurie Oakes"},
	// A sidebar teaser's byline; the article's rel=author byline, and the
	// page's analytics data, say Richard (R.J.) Eskow.
	"salon-1": {"byline": "Richard (R.J.) Eskow"},
	// Readability took the date line for the byline; the byline says
	// Benjamin Romano.
	"seattletimes-1": {"byline": "Benjamin Romano"},
}
