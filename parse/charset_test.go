package parse

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// The fixtures in testdata/charset are written by
// testdata/charset/generate.py, which holds the same texts in UTF-8.

func TestParseFeedDecodesCharsets(t *testing.T) {
	tests := []struct {
		name        string
		file        string
		contentType string
		channel     string
		title       string
		description string
	}{
		{
			name: "windows-1251 declared only in the prolog decodes the Russian alias",
			file: "windows-1251_prolog.xml", contentType: "application/rss+xml",
			channel:     "Северный вестник",
			title:       "Международная организация по миграции открыла пункт помощи в Архангельске",
			description: "Пункт принимает семьи, вынужденные покинуть дом, и помогает им с документами и жильём.",
		},
		{
			name: "an unknown charset in the header falls back to the prolog",
			file: "windows-1251_prolog.xml", contentType: "text/xml; charset=x-unknown-charset",
			channel:     "Северный вестник",
			title:       "Международная организация по миграции открыла пункт помощи в Архангельске",
			description: "Пункт принимает семьи, вынужденные покинуть дом, и помогает им с документами и жильём.",
		},
		{
			name: "ISO-8859-1 named only in the Content-Type header",
			file: "iso-8859-1_header-only.xml", contentType: "text/xml; charset=ISO-8859-1",
			channel:     "La Gazette du Littoral",
			title:       "L'Organisation internationale pour les migrations ouvre un bureau à Nantes",
			description: "Élus, bénévoles et réfugiés étaient réunis : « une étape décisive », a déclaré la préfète. Ça coûte peu, dit-on.",
		},
		{
			name: "ISO-8859-1 named nowhere is detected",
			file: "iso-8859-1_header-only.xml", contentType: "",
			channel:     "La Gazette du Littoral",
			title:       "L'Organisation internationale pour les migrations ouvre un bureau à Nantes",
			description: "Élus, bénévoles et réfugiés étaient réunis : « une étape décisive », a déclaré la préfète. Ça coûte peu, dit-on.",
		},
		{
			name: "the header's charset wins over a contradicting prolog",
			file: "windows-1251_header-contradicts-prolog.xml", contentType: `text/xml; charset="windows-1251"`,
			channel:     "Волжская газета",
			title:       "Мигранты в Волгограде получат бесплатные консультации",
			description: "Юристы будут принимать по вторникам и четвергам.",
		},
		{
			name: "KOI8-R named only in the header",
			file: "koi8-r_header-only.xml", contentType: "application/rss+xml; charset=KOI8-R",
			channel:     "Поморские новости",
			title:       "Сезонные рабочие вернулись на рыбзаводы Мурманска",
			description: "Ёмкость общежитий увеличили вдвое; жильё предоставляет работодатель.",
		},
		{
			name: "undeclared Shift_JIS with backslash trail bytes is detected",
			file: "shift_jis_undeclared.xml", contentType: "application/atom+xml",
			channel:     "湾岸日報",
			title:       "国際移住機関が横浜に相談窓口を開設",
			description: "国際移住機関は二十五日、横浜市内に移住者のための相談窓口を開いたと発表した。日本語の教室や住まい探しの手伝いも行い、ソーシャルワーカーが常駐する。担当者は「誰でも気軽に来てほしい」と話している。",
		},
		{
			name: "undeclared EUC-JP is detected",
			file: "euc-jp_undeclared.xml", contentType: "",
			channel:     "山間新聞",
			title:       "技能実習生の相談会、長野で初めて開催",
			description: "国際移住機関の職員が長野県内の農場を訪れ、働く技能実習生から暮らしや仕事の悩みを聞いた。参加者は四十人を超え、通訳も同席した。次回は来年の春に予定されている。",
		},
		{
			name: "a prolog saying windows-1252 over UTF-8 bytes is not decoded twice",
			file: "declared-windows-1252_bytes-utf8.xml", contentType: "",
			channel:     "Baltic Courier",
			title:       "Gdańsk port hires 40 new workers — wages from 4 200 zł (≈ 980 €)",
			description: "Łódź and Kraków follow; “a good year”, says the union.",
		},
		{
			name: "a header saying ISO-8859-1 over UTF-8 bytes is not decoded twice",
			file: "declared-windows-1252_bytes-utf8.xml", contentType: "application/rss+xml; charset=ISO-8859-1",
			channel:     "Baltic Courier",
			title:       "Gdańsk port hires 40 new workers — wages from 4 200 zł (≈ 980 €)",
			description: "Łódź and Kraków follow; “a good year”, says the union.",
		},
		{
			name: "a UTF-8 BOM and whitespace before the prolog",
			file: "utf-8-bom_leading-whitespace.xml", contentType: "",
			channel:     "Fjordposten",
			title:       "Bergen opens a winter shelter for asylum seekers",
			description: "Beds for 120 people; volunteers from Ålesund and Tromsø help out.",
		},
		{
			name: "UTF-16LE with a BOM",
			file: "utf-16le-bom.xml", contentType: "",
			channel:     "Harbour Ledger",
			title:       "Πειραιάς: new reception centre opens at the port",
			description: "Staff speak Greek, Arabic (العربية) and Farsi.",
		},
		{
			name: "UTF-16BE without a BOM",
			file: "utf-16be-no-bom.xml", contentType: "",
			channel:     "Desert Wire",
			title:       "المنظمة الدولية للهجرة تنشر تقريرها السنوي",
			description: "The report covers Amman, Irbid and Zarqa.",
		},
		{
			name: "UTF-16LE without a BOM",
			file: "utf-16le-no-bom.xml", contentType: "",
			channel:     "Steppe Bulletin",
			title:       "Алматы: мигранты из Кыргызстана получат медицинские полисы",
			description: "Qazaqstan — Қазақстан.",
		},
		{
			name: "UTF-32 with a BOM and a character outside the BMP",
			file: "utf-32-bom.xml", contentType: "",
			channel:     "Globe Digest",
			title:       "🌍 World Migrants Day: events in 40 cities",
			description: "From Quito to Ouagadougou.",
		},
		{
			name: "UTF-32BE without a BOM",
			file: "utf-32be-no-bom.xml", contentType: "",
			channel:     "Lagoon Gazette",
			title:       "Venezia: più corsi d'italiano per i nuovi arrivati",
			description: "Iscrizioni aperte fino a dicembre.",
		},
		{
			name: "a bogus encoding label over UTF-8 bytes",
			file: "bogus-label_bytes-utf8.xml", contentType: "",
			channel:     "Canal Times",
			title:       "Ghent school welcomes pupils from Kyiv — «вітаємо»",
			description: "Twenty-six children started on Monday.",
		},
		{
			name: "a bogus encoding label over windows-1252 bytes",
			file: "bogus-label_bytes-latin1.xml", contentType: "",
			channel:     "Rheinblatt",
			title:       "Köln eröffnet eine Beratungsstelle für Geflüchtete",
			description: "Die Stelle in der Südstadt berät Familien über Wohnungssuche, Schulen und Ärzte. Öffnungszeiten: montags bis freitags.",
		},
		{
			name: "C0 control characters are dropped",
			file: "c0-controls.xml", contentType: "",
			channel:     "Coastal Herald",
			title:       "Ferry service to the islands resumes",
			description: "Crossings twice a day.",
		},
		{
			name: "U+0092 in UTF-8 text becomes an apostrophe",
			file: "c1-smart-quotes-in-utf8.xml", contentType: "",
			channel:     "Valley Voice",
			title:       "Mayor’s office: “we won’t close the centre”",
			description: "It’s open until March.",
		},
		{
			name: "undeclared windows-1255 Hebrew is detected",
			file: "windows-1255_undeclared.xml", contentType: "",
			channel:     "מפרץ חיפה",
			title:       "הארגון הבינלאומי להגירה פתח מרכז סיוע בחיפה",
			description: "המרכז יעזור למהגרים ולפליטים במציאת עבודה ודיור, וילווה משפחות בפנייה לרשויות. הצוות דובר עברית, ערבית, רוסית ואנגלית, והשירות ניתן ללא תשלום.",
		},
		{
			name: "undeclared TIS-620 Thai is recognised",
			file: "tis-620_undeclared.xml", contentType: "",
			channel:     "เชียงใหม่วันนี้",
			title:       "องค์การระหว่างประเทศเพื่อการโยกย้ายถิ่นฐานเปิดศูนย์ช่วยเหลือที่เชียงใหม่",
			description: "ศูนย์แห่งใหม่จะให้คำปรึกษาแก่แรงงานข้ามชาติเรื่องเอกสาร ที่พัก และการรักษาพยาบาล โดยไม่มีค่าใช้จ่าย เจ้าหน้าที่พูดได้หลายภาษา",
		},
		{
			name: "a JSON Feed with non-ASCII text",
			file: "jsonfeed_non-ascii.json", contentType: "application/feed+json",
			channel:     "Diário do Atlântico",
			title:       "OIM abre balcão de apoio em Lisboa — «um passo à frente»",
			description: "Atendimento em português, crioulo e 中文; horário alargado até às 20h.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			data := testdataBytes(t, "charset", tt.file)
			feed, err := ParseFeed(bytes.NewReader(data), tt.contentType, "https://example.test/feed", 0)
			if err != nil {
				t.Fatalf("got error %v, want a feed", err)
			}
			if feed.Title != tt.channel {
				t.Errorf("feed title: got %q, want %q", feed.Title, tt.channel)
			}
			if len(feed.Items) != 1 {
				t.Fatalf("got %d items, want 1", len(feed.Items))
			}
			it := feed.Items[0]
			if it.Title != tt.title {
				t.Errorf("item title: got %q, want %q", it.Title, tt.title)
			}
			// A JSON Feed item has content_text, which gofeed puts in Content.
			desc := it.Description
			if feed.Format == "json" {
				desc = it.Content
			}
			if desc != tt.description {
				t.Errorf("description: got %q, want %q", desc, tt.description)
			}
		})
	}
}

func TestToUTF8(t *testing.T) {
	tests := []struct {
		name        string
		in          []byte
		contentType string
		want        string
	}{
		{
			name: "the prolog is rewritten to say UTF-8",
			in:   []byte("<?xml version=\"1.0\" encoding=\"windows-1251\"?><t>\xcc\xce\xcc</t>"),
			want: `<?xml version="1.0" encoding="UTF-8"?><t>МОМ</t>`,
		},
		{
			name: "a single-quoted prolog encoding is rewritten too",
			in:   []byte("<?xml version='1.0' encoding='ISO-8859-1'?><t>caf\xe9</t>"),
			want: `<?xml version='1.0' encoding='UTF-8'?><t>café</t>`,
		},
		{
			name: "valid UTF-8 is returned as it is",
			in:   []byte(`<?xml version="1.0" encoding="utf-8"?><t>Zürich</t>`),
			want: `<?xml version="1.0" encoding="UTF-8"?><t>Zürich</t>`,
		},
		{
			name: "a UTF-8 BOM is removed",
			in:   []byte("\xef\xbb\xbf<t>ok</t>"),
			want: "<t>ok</t>",
		},
		{
			name: "tab, newline and carriage return are kept",
			in:   []byte("<t>a\tb\nc\r\n</t>"),
			want: "<t>a\tb\nc\r\n</t>",
		},
		{
			name: "NUL, backspace, vertical tab, form feed, escape and record separator are dropped",
			in:   []byte("<t>a\x00b\x08c\x0bd\x0ce\x1bf\x1eg</t>"),
			want: "<t>abcdefg</t>",
		},
		{
			name: "C1 code points are read as windows-1252",
			in:   []byte("<t>\u0080 \u0085 \u0091x\u0092 \u0096 \u0099</t>"),
			want: "<t>€ … ‘x’ – ™</t>",
		},
		{
			name: "windows-1252 bytes with no charset anywhere",
			in:   []byte("<t>\x93Caf\xe9 cr\xe8me\x94 \x80 5</t>"),
			want: "<t>“Café crème” € 5</t>",
		},
		{
			name:        "the header charset is used for bytes that are not UTF-8",
			in:          []byte("<t>\xf0\xd2\xc9\xd7\xc5\xd4</t>"),
			contentType: "text/plain; charset=koi8-r",
			want:        "<t>Привет</t>",
		},
		{
			name:        "a malformed Content-Type is ignored",
			in:          []byte("<?xml version=\"1.0\" encoding=\"koi8-r\"?><t>\xf0\xd2\xc9\xd7\xc5\xd4</t>"),
			contentType: "text/xml; charset",
			want:        `<?xml version="1.0" encoding="UTF-8"?><t>Привет</t>`,
		},
		{
			name: "character references to C0 controls are dropped, others kept",
			in:   []byte("<t>a&#8;b&#x1E;c&#0;d&#X0b;e&#0031;f&#9;g&#10;h&#x20;i&#8217;j&amp;#8;</t>"),
			want: "<t>abcdef&#9;g&#10;h&#x20;i&#8217;j&amp;#8;</t>",
		},
		{
			name: "C0 references that appear once others are dropped are dropped too",
			in:   []byte("<t>&#&#8;8;|&#\x018;</t>"),
			want: "<t>|</t>",
		},
		{
			name: "U+FFFE and U+FFFF, which XML forbids, are dropped",
			in:   []byte("<t>a\uffffb\ufffec \ufffd\ufdd0\U0001fffe</t>"),
			want: "<t>abc \ufffd\ufdd0\U0001fffe</t>",
		},
		{
			name: "references to U+FFFE, U+FFFF, surrogates and no code point are dropped, the noncharacters XML allows kept",
			in:   []byte("<t>a&#xFFFE;b&#65535;c&#xd800;d&#57343;e&#x110000;f&#99999999999999999999;g&#xFDD0;h&#x1FFFF;i&#xFFFD;</t>"),
			want: "<t>abcdefg&#xFDD0;h&#x1FFFF;i&#xFFFD;</t>",
		},
		{
			name: "an unpaired surrogate in UTF-16 becomes U+FFFD",
			in:   []byte("\xff\xfe<\x00t\x00>\x00\x00\xd8a\x00<\x00/\x00t\x00>\x00"),
			want: "<t>\ufffda</t>",
		},
		{
			name: "an encoding that is a dropped character is rewritten too",
			in:   []byte("<?xml version=\"1.0\" encoding=\"\x0f&#8;\"?><t>ok</t>"),
			want: `<?xml version="1.0" encoding="UTF-8"?><t>ok</t>`,
		},
		{
			name: "a second byte-order mark after a UTF-16 one is removed too",
			in:   []byte("\xff\xfe\xff\xfe<\x00t\x00/\x00>\x00"),
			want: "<t/>",
		},
		{
			name: "byte-order marks that dropped characters uncover are removed",
			in:   []byte("\xef\xbb\xbf\x01\xef\xbb\xbf&#8;\xef\xbb\xbf<t/>"),
			want: "<t/>",
		},
		{
			name: "UTF-16 with a BOM and an odd last byte still gives UTF-8",
			in:   []byte("\xff\xfe<\x00t\x00>\x00\xe9"),
			want: "<t>\ufffd",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(toUTF8(tt.in, tt.contentType))
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseFeedDropsControlCharactersFromText(t *testing.T) {
	tests := []struct {
		name      string
		body      string
		wantTitle string
		wantText  string
	}{
		{
			name:      "C0 and C1 character references in RSS",
			body:      `<rss version="2.0"><channel><title>Coastal&#8; Herald</title><item><title>Ferry&#x1e; resumes&#0;</title><description>It&#146;s back &#150; twice a day&#7;</description></item></channel></rss>`,
			wantTitle: "Ferry resumes",
			wantText:  "It’s back – twice a day",
		},
		{
			name:      "C0 and C1 escapes in a JSON Feed",
			body:      `{"version": "https://jsonfeed.org/version/1.1", "title": "Coastal\u0008 Herald", "items": [{"id": "1", "title": "Ferry\u001e resumes\u0000", "content_text": "It\u0092s back \u0096 twice a day\u0007"}]}`,
			wantTitle: "Ferry resumes",
			wantText:  "It’s back – twice a day",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			feed, err := ParseFeed(strings.NewReader(tt.body), "", "https://coastal-herald.example/feed", 0)
			if err != nil {
				t.Fatalf("got error %v, want a feed", err)
			}
			if feed.Title != "Coastal Herald" {
				t.Errorf("feed title: got %q, want %q", feed.Title, "Coastal Herald")
			}
			if len(feed.Items) != 1 {
				t.Fatalf("got %d items, want 1", len(feed.Items))
			}
			it := feed.Items[0]
			if it.Title != tt.wantTitle {
				t.Errorf("title: got %q, want %q", it.Title, tt.wantTitle)
			}
			if text := it.Description + it.Content; text != tt.wantText {
				t.Errorf("text: got %q, want %q", text, tt.wantText)
			}
		})
	}
}

// Issue 15, item 6: XML 1.0 forbids U+FFFE and U+FFFF (and surrogates)
// anywhere in a document, so encoding/xml refuses the whole feed for a
// single one, raw or as a character reference. They are dropped as the C0
// controls are, and the rest of the text is kept.
func TestParseFeedDropsXMLIllegalCodePoints(t *testing.T) {
	tests := []struct {
		name      string
		body      string
		wantTitle string
		wantText  string
	}{
		{
			name:      "raw U+FFFE and U+FFFF in an RSS item's title and description",
			body:      mustRead(t, "noncharacters-fffe-ffff.xml"),
			wantTitle: "IOM opens a reception centre in Tromsø",
			wantText:  "The centre will house up to 200 people, the agency said — “a first step”.",
		},
		{
			name:      "raw U+FFFE and U+FFFF in an Atom entry",
			body:      "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Coastal Herald\ufffe</title><entry><title>\uffffFerry resumes</title><summary>Zürich\ufffe, twice a day</summary></entry></feed>",
			wantTitle: "Ferry resumes",
			wantText:  "Zürich, twice a day",
		},
		{
			name:      "character references to U+FFFE, U+FFFF and surrogates in RSS",
			body:      `<rss version="2.0"><channel><title>Coastal Herald&#xFFFF;</title><item><title>Ferry&#65534; resumes&#xffff;</title><description>It&#xD800;s back &#57343;&#x0FFFE;– twice a day&#x110000;</description></item></channel></rss>`,
			wantTitle: "Ferry resumes",
			wantText:  "Its back – twice a day",
		},
		{
			name:      "U+FFFE and U+FFFF in a JSON Feed",
			body:      `{"version": "https://jsonfeed.org/version/1.1", "title": "Coastal\uffff Herald", "items": [{"id": "1", "title": "Ferry\ufffe resumes\uffff", "content_text": "It\uffffs back \ufffe– twice a day"}]}`,
			wantTitle: "Ferry resumes",
			wantText:  "Its back – twice a day",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			feed, err := ParseFeed(strings.NewReader(tt.body), "", "https://coastal-herald.example/feed", 0)
			if err != nil {
				t.Fatalf("got error %v, want a feed", err)
			}
			if feed.Title != "Coastal Herald" {
				t.Errorf("feed title: got %q, want %q", feed.Title, "Coastal Herald")
			}
			if len(feed.Items) != 1 {
				t.Fatalf("got %d items, want 1", len(feed.Items))
			}
			it := feed.Items[0]
			if it.Title != tt.wantTitle {
				t.Errorf("title: got %q, want %q", it.Title, tt.wantTitle)
			}
			if text := it.Description + it.Content; text != tt.wantText {
				t.Errorf("text: got %q, want %q", text, tt.wantText)
			}
		})
	}
}

func TestReference(t *testing.T) {
	for r := rune(0); r <= 0x110010; r++ {
		// Every code point XML forbids, and a sample of the others.
		if xmlChar(r) && r%251 != 0 && !slices.Contains([]rune{0x9, 0xa, 0xd, 0x20, 0xd7ff, 0xe000, 0xfffd, 0x10000, 0x10ffff}, r) {
			continue
		}
		for _, ref := range []string{fmt.Sprintf("&#%d;", r), fmt.Sprintf("&#00%d;", r), fmt.Sprintf("&#x%x;", r), fmt.Sprintf("&#X%04X;", r)} {
			if n, legal := reference([]byte(ref + "tail")); n != len(ref) || legal != xmlChar(r) {
				t.Fatalf("%s: got length %d, legal %v; want %d, %v", ref, n, legal, len(ref), xmlChar(r))
			}
		}
	}
	for _, ref := range []string{"&#99999999999999999999999;", "&#x7FFFFFFFFFFFFFFFFFFF;", "&#4294967305;"} {
		if n, legal := reference([]byte(ref)); n != len(ref) || legal {
			t.Errorf("%s: got length %d, legal %v; want %d, false", ref, n, legal, len(ref))
		}
	}
	for _, s := range []string{"&#;", "&#x;", "&#12", "&#x1g;", "&#a;", "&amp;", "&#"} {
		if n, _ := reference([]byte(s)); n != 0 {
			t.Errorf("%s: got length %d, want 0 (not a reference)", s, n)
		}
	}
}

func TestLooksThai(t *testing.T) {
	const thai = "องค์การระหว่างประเทศเพื่อการโยกย้ายถิ่นฐานเปิดศูนย์ช่วยเหลือที่เชียงใหม่ น้ำท่วมหนักในภาคใต้ ผู้คนนับพันต้องอพยพ ศักดิ์สิทธิ์ จันทร์ ปู่ย่าตายาย ๑๒๓"
	tests := []struct {
		name string
		enc  encoding.Encoding
		text string
		want bool
	}{
		{"Thai in TIS-620 (windows-874)", charmap.Windows874, thai, true},
		{"Russian in KOI8-R, nearly all high bytes", charmap.KOI8R, "Международная организация по миграции открыла пункт помощи в Архангельске. Щедрость, чаща, эхо, шёпот, объём, съезд.", false},
		{"Russian in windows-1251", charmap.Windows1251, "Международная организация по миграции открыла пункт помощи в Архангельске.", false},
		{"Hebrew in windows-1255", charmap.Windows1255, "הארגון הבינלאומי להגירה פתח מרכז סיוע בחיפה. המרכז יעזור למהגרים ולפליטים במציאת עבודה ודיור.", false},
		{"Greek in ISO-8859-7", charmap.ISO8859_7, "Ο Διεθνής Οργανισμός Μετανάστευσης άνοιξε νέο κέντρο υποδοχής στον Πειραιά.", false},
		{"Japanese in EUC-JP, which obeys the Thai spelling rules by chance", japanese.EUCJP, "国際移住機関は二十五日、横浜市内に移住者のための相談窓口を開いたと発表した。日本語の教室や住まい探しの手伝いも行う。", false},
		{"Korean in EUC-KR", korean.EUCKR, "국제이주기구는 오늘 제네바에서 연례 보고서를 발표했다. 보고서는 전 세계 이주민 수가 계속 증가하고 있다고 밝혔다.", false},
		{"Chinese in GBK", simplifiedchinese.GBK, "国际移民组织今天在日内瓦发布年度报告，报告指出全球移民人数继续增长，许多人因冲突和气候变化被迫离开家园。", false},
		{"Polish in ISO-8859-2", charmap.ISO8859_2, "Łódź i Kraków: polska służba zdrowia przyjmuje lekarzy z Ukrainy; ministerstwo ogłosiło nowe zasady. Źródło: PAP. Żółw, gęś, ślub.", false},
		{"German in windows-1252", charmap.Windows1252, "Köln eröffnet eine Beratungsstelle für Geflüchtete. Öffnungszeiten: montags bis freitags. Straße, Größe, übermäßig.", false},
		{"a short Thai title in one even run is left to the detector", charmap.Windows874, "น้ำท่วมเชียงใหม่", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.enc.NewEncoder().Bytes([]byte("<rss><channel><item><title>" + tt.text + "</title><description><![CDATA[" + tt.text + "]]></description></item></channel></rss>"))
			if err != nil {
				t.Fatal(err)
			}
			if got := looksThai(b); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestToUTF8OutputIsAlwaysCleanUTF8(t *testing.T) {
	inputs := map[string][]byte{
		"invalid bytes after a UTF-8 BOM":   []byte("\xef\xbb\xbf<rss>\xff\xfe\xc3</rss>"),
		"a UTF-16LE BOM then garbage":       []byte("\xff\xfe\x00\xd8\x00"),
		"a UTF-32 BOM then an invalid rune": []byte("\xff\xfe\x00\x00\x00\x00\x11\x00"),
		"a lone surrogate in CESU form":     []byte("<t>\xed\xa0\x80</t>"),
		"control bytes only":                []byte("\x01\x02\x03\x1f"),
		"high bytes only":                   bytes.Repeat([]byte{0xff, 0x80, 0x9f}, 50),
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			out := toUTF8(in, "")
			checkCleanText(t, "output", string(out))
		})
	}
}

// checkCleanText fails when s is not valid UTF-8 or holds a C0 control
// other than tab and newlines (RELIABILITY C3, O2).
func checkCleanText(t *testing.T, what, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("%s: got invalid UTF-8 %q, want valid UTF-8", what, s)
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' && r != '\r' }); i >= 0 {
		t.Errorf("%s: got control character %U at byte %d, want none", what, []rune(s[i:])[0], i)
	}
}
