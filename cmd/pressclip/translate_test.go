package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// genevaFR→EN are the demo's French Geneva story and what a good machine
// translation server makes of it.
var genevaTranslation = map[string]string{
	"À Genève, l’OIM réunit ses États membres sur fond de budget en baisse": "In Geneva, IOM brings together its member states against a backdrop of a shrinking budget",
	"L’Organisation internationale pour les migrations (OIM) a ouvert mardi à Genève la session annuelle de son Conseil, au cours de laquelle ses 175 États membres doivent adopter un budget de fonctionnement 2027 en recul de près de 20% par rapport à celui de 2025.":                                                                                    "The International Organization for Migration (IOM) opened the annual session of its Council in Geneva on Tuesday, during which its 175 member states are to adopt a 2027 operating budget down by almost 20% compared with 2025.",
	"Réunies au Centre international de conférences (CICG), les délégations examinent jusqu’à jeudi le rapport annuel de l’organisation, qui fait état de 31,2 millions de personnes assistées dans plus de 100 pays l’an dernier, dont une majorité de déplacés internes à la suite de conflits ou de catastrophes naturelles.":                              "Meeting at the International Conference Centre (CICG), the delegations are examining until Thursday the organization's annual report, which reports 31.2 million people assisted in more than 100 countries last year, most of them internally displaced by conflicts or natural disasters.",
	"La session s’ouvre dans un contexte difficile. Depuis début 2025, plusieurs grands donateurs ont réduit leurs contributions volontaires, qui représentent l’essentiel des ressources de l’organisation. L’OIM a supprimé plusieurs milliers de postes dans le monde et regroupé certains services de son siège, route des Morillons, au Grand-Saconnex.": "The session opens in a difficult context. Since early 2025, several large donors have cut their voluntary contributions, which make up most of the organization's resources. IOM has cut several thousand posts around the world and merged some services at its headquarters, route des Morillons, in Grand-Saconnex.",
	"« Faire plus avec moins »": "\"Doing more with less\"",
	"Dans son discours d’ouverture, la direction a appelé les États à « ne pas confondre économies et désengagement ». Un porte-parole, Matthieu Roulin, a précisé en marge de la séance que l’organisation entendait concentrer ses moyens sur l’aide d’urgence, les données sur les déplacements et l’accompagnement des retours volontaires.":                                                                                                     "In its opening speech, the leadership called on states \"not to confuse savings with disengagement\". A spokesman, Matthieu Roulin, said on the sidelines of the meeting that the organization intended to focus its resources on emergency aid, displacement data and support for voluntary returns.",
	"Plusieurs pays d’Amérique latine, où les mouvements de population restent importants, ont plaidé pour que les coupes n’affectent pas les programmes sur le terrain. « Para nosotros, la Organización Internacional para las Migraciones (OIM) es un socio indispensable en las fronteras », a déclaré en espagnol la déléguée colombienne, Carolina Restrepo, soulignant que son pays accueille encore près de trois millions de Vénézuéliens.": "Several Latin American countries, where population movements remain large, argued that the cuts should not affect programmes in the field. \"For us, the International Organization for Migration (IOM) is an indispensable partner at the borders,\" the Colombian delegate, Carolina Restrepo, said in Spanish, stressing that her country still hosts nearly three million Venezuelans.",
	"« Les besoins n’ont jamais été aussi élevés, alors que les moyens, eux, diminuent. Il faut choisir, et ces choix sont douloureux. »": "\"The needs have never been so high, while the means are shrinking. We have to choose, and these choices are painful.\"",
	"Un diplomate européen présent à la séance": "A European diplomat at the meeting",
	"La Suisse, État hôte, a réaffirmé son soutien. Le Département fédéral des affaires étrangères rappelle que la Confédération a débloqué l’an dernier une aide ponctuelle pour les organisations internationales installées à Genève confrontées à des difficultés financières, sous forme de prêts et de contributions à la location de leurs bâtiments.": "Switzerland, the host state, reaffirmed its support. The Federal Department of Foreign Affairs recalls that the Confederation released one-off aid last year for international organizations based in Geneva facing financial difficulties, in the form of loans and contributions to the rent of their buildings.",
	"Le Conseil doit aussi se prononcer jeudi sur une résolution consacrée aux migrations liées au climat, présentée par un groupe d’États insulaires du Pacifique. Les débats sont retransmis en direct sur le site de l’organisation.":                                                                                                                      "The Council is also due to vote on Thursday on a resolution on climate-related migration, tabled by a group of Pacific island states. The debates are broadcast live on the organization's website.",
}

// TestFetchWithTheTranslator runs a pass with lines.translator:
// libretranslate against a loopback server that knows the demo's French
// Geneva story and answers 500 for anything else: the Geneva story gets an
// English line drafted from the translation, the other French story keeps
// its marked line and needs a translation, and the English stories never
// reach the server.
func TestFetchWithTheTranslator(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		var req struct {
			Q              []string `json:"q"`
			Source, Target string
		}
		body, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(body, &req); err != nil || r.URL.Path != "/translate" || req.Source != "fr" || req.Target != "en" {
			http.Error(w, `{"error":"bad request"}`, http.StatusBadRequest)
			return
		}
		var out []string
		for _, q := range req.Q {
			tr, ok := genevaTranslation[q]
			if !ok {
				w.WriteHeader(http.StatusInternalServerError)
				json.NewEncoder(w).Encode(map[string]string{"error": "language model not loaded"})
				return
			}
			out = append(out, tr)
		}
		json.NewEncoder(w).Encode(map[string]any{"translatedText": out})
	}))
	defer srv.Close()
	cfg, db := demoPassWith(t, "\nlines:\n  translator: libretranslate\n  libretranslate:\n    url: "+srv.URL+"\n    retries: -1\n")
	if n := calls.Load(); n != 2 {
		t.Errorf("the server was asked %d times, want once for each French story", n)
	}
	out, _, code := cli(t, "export", "--config", cfg, "--db", db, "--status", "all", "--format", "json")
	if code != 0 {
		t.Fatalf("export exited %d", code)
	}
	var items []struct {
		Title, Line      string
		NeedsTranslation bool   `json:"needs_translation"`
		SourceLead       string `json:"source_lead"`
	}
	if err := json.Unmarshal([]byte(out), &items); err != nil {
		t.Fatal(err)
	}
	const want = "Le Courrier du Léman reported that IOM opened the annual session of its Council in Geneva on Tuesday, during which its 175 member states are to adopt a 2027 operating budget down by almost 20% compared with 2025."
	var translated, marked bool
	for _, it := range items {
		switch {
		case strings.Contains(it.Title, "l’OIM réunit"):
			translated = true
			if it.Line != want || it.NeedsTranslation {
				t.Errorf("the Geneva story's line is %q (needs translation %v), want %q", it.Line, it.NeedsTranslation, want)
			}
		case strings.Contains(it.Title, "Grand-Saconnex"):
			marked = true
			if !it.NeedsTranslation || !strings.HasSuffix(it.Line, "(in French).") || !strings.Contains(it.SourceLead, "loyers") {
				t.Errorf("the story the server refused: %q, needs translation %v, lead %q", it.Line, it.NeedsTranslation, it.SourceLead)
			}
		}
	}
	if !translated || !marked {
		t.Errorf("the French stories are missing from the export: %s", out)
	}
}
