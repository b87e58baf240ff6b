#!/usr/bin/env python3
"""Writes the charset fixtures of charset_test.go.

The feeds are composed for pressclip (fictional outlets, our own words) and
encoded here, so that each file holds the real bytes of its charset. Run it
from this directory; the expected texts live in charset_test.go.
"""

RSS = """{prolog}<rss version="2.0">
<channel>
<title>{channel}</title>
<link>https://{host}/</link>
<description>{channel}</description>
<item>
<title>{title}</title>
<link>https://{host}/2026/11/25/{slug}</link>
<description>{description}</description>
<pubDate>Wed, 25 Nov 2026 08:30:00 +0000</pubDate>
</item>
</channel>
</rss>
"""

ATOM = """{prolog}<feed xmlns="http://www.w3.org/2005/Atom">
<title>{channel}</title>
<id>https://{host}/</id>
<updated>2026-11-25T08:30:00Z</updated>
<entry>
<title>{title}</title>
<id>https://{host}/2026/11/25/{slug}</id>
<link href="https://{host}/2026/11/25/{slug}"/>
<updated>2026-11-25T08:30:00Z</updated>
<summary>{description}</summary>
</entry>
</feed>
"""


def prolog(encoding):
    if encoding is None:
        return ""
    if encoding == "":
        return '<?xml version="1.0"?>\n'
    return '<?xml version="1.0" encoding="%s"?>\n' % encoding


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


def feed(template, encoding, host, slug, channel, title, description):
    return template.format(prolog=prolog(encoding), host=host, slug=slug,
                           channel=channel, title=title, description=description)


# windows-1251, declared only in the prolog (RELIABILITY C14).
write("windows-1251_prolog.xml", feed(
    RSS, "windows-1251", "severny-vestnik.example", "mom-arkhangelsk",
    "Северный вестник",
    "Международная организация по миграции открыла пункт помощи в Архангельске",
    "Пункт принимает семьи, вынужденные покинуть дом, и помогает им с документами и жильём.",
).encode("windows-1251"))

# ISO-8859-1 with no encoding in the prolog: the charset is only in the
# Content-Type header (C15).
write("iso-8859-1_header-only.xml", feed(
    RSS, "", "gazette-littoral.example", "oim-nantes",
    "La Gazette du Littoral",
    "L'Organisation internationale pour les migrations ouvre un bureau à Nantes",
    "Élus, bénévoles et réfugiés étaient réunis : « une étape décisive », a déclaré la préfète. Ça coûte peu, dit-on.",
).encode("iso-8859-1"))

# The header says windows-1251 and the prolog says ISO-8859-1: the header
# wins (RFC 7303 §3).
write("windows-1251_header-contradicts-prolog.xml", feed(
    RSS, "ISO-8859-1", "volga-daily.example", "iom-volgograd",
    "Волжская газета",
    "Мигранты в Волгограде получат бесплатные консультации",
    "Юристы будут принимать по вторникам и четвергам.",
).encode("windows-1251"))

# KOI8-R, declared only in the header.
write("koi8-r_header-only.xml", feed(
    RSS, "", "pomorye-news.example", "seasonal-workers",
    "Поморские новости",
    "Сезонные рабочие вернулись на рыбзаводы Мурманска",
    "Ёмкость общежитий увеличили вдвое; жильё предоставляет работодатель.",
).encode("koi8-r"))

# Shift_JIS with nothing declared: detection. 表 (0x95 0x5C) and ソ
# (0x83 0x5C) carry a backslash as trail byte (C17).
write("shift_jis_undeclared.xml", feed(
    ATOM, None, "wangan-nippo.example", "iom-yokohama",
    "湾岸日報",
    "国際移住機関が横浜に相談窓口を開設",
    "国際移住機関は二十五日、横浜市内に移住者のための相談窓口を開いたと発表した。日本語の教室や住まい探しの手伝いも行い、ソーシャルワーカーが常駐する。担当者は「誰でも気軽に来てほしい」と話している。",
).encode("shift_jis"))

# EUC-JP with nothing declared: detection.
write("euc-jp_undeclared.xml", feed(
    ATOM, None, "sankan-shimbun.example", "ginou-jisshu",
    "山間新聞",
    "技能実習生の相談会、長野で初めて開催",
    "国際移住機関の職員が長野県内の農場を訪れ、働く技能実習生から暮らしや仕事の悩みを聞いた。参加者は四十人を超え、通訳も同席した。次回は来年の春に予定されている。",
).encode("euc-jp"))

# The prolog says windows-1252 but the bytes are UTF-8: kept as they are,
# never decoded twice (C16).
write("declared-windows-1252_bytes-utf8.xml", feed(
    RSS, "windows-1252", "baltic-courier.example", "gdansk-port",
    "Baltic Courier",
    "Gdańsk port hires 40 new workers — wages from 4 200 zł (≈ 980 €)",
    "Łódź and Kraków follow; “a good year”, says the union.",
).encode("utf-8"))

# A UTF-8 BOM, then blank lines and spaces before the prolog (C19).
write("utf-8-bom_leading-whitespace.xml", b"\xef\xbb\xbf" + (" \n\n  " + feed(
    RSS, "UTF-8", "fjord-post.example", "bergen-shelter",
    "Fjordposten",
    "Bergen opens a winter shelter for asylum seekers",
    "Beds for 120 people; volunteers from Ålesund and Tromsø help out.",
)).encode("utf-8"))

# UTF-16 little-endian with a BOM (Python's "utf-16" writes one).
write("utf-16le-bom.xml", feed(
    RSS, "UTF-16", "harbour-ledger.example", "piraeus",
    "Harbour Ledger",
    "Πειραιάς: new reception centre opens at the port",
    "Staff speak Greek, Arabic (العربية) and Farsi.",
).encode("utf-16"))

# UTF-16 big-endian with no BOM: only the byte pattern of "<?" tells.
write("utf-16be-no-bom.xml", feed(
    RSS, "UTF-16BE", "desert-wire.example", "amman-report",
    "Desert Wire",
    "المنظمة الدولية للهجرة تنشر تقريرها السنوي",
    "The report covers Amman, Irbid and Zarqa.",
).encode("utf-16-be"))

# UTF-32 with a BOM, and a character outside the BMP.
write("utf-32-bom.xml", feed(
    RSS, "UTF-32", "globe-digest.example", "world-day",
    "Globe Digest",
    "🌍 World Migrants Day: events in 40 cities",
    "From Quito to Ouagadougou.",
).encode("utf-32"))

# An encoding label no one knows, on UTF-8 bytes.
write("bogus-label_bytes-utf8.xml", feed(
    RSS, "x-no-such-charset", "canal-times.example", "ghent-school",
    "Canal Times",
    "Ghent school welcomes pupils from Kyiv — «вітаємо»",
    "Twenty-six children started on Monday.",
).encode("utf-8"))

# An encoding label no one knows, on windows-1252 bytes: detection, then
# windows-1252.
write("bogus-label_bytes-latin1.xml", feed(
    RSS, "x-no-such-charset", "rheinblatt.example", "koeln-beratung",
    "Rheinblatt",
    "Köln eröffnet eine Beratungsstelle für Geflüchtete",
    "Die Stelle in der Südstadt berät Familien über Wohnungssuche, Schulen und Ärzte. Öffnungszeiten: montags bis freitags.",
).encode("windows-1252"))

# C0 control characters (U+0008, U+001E) inside a title (C3).
write("c0-controls.xml", feed(
    RSS, "UTF-8", "coastal-herald.example", "ferry",
    "Coastal Herald",
    "Ferry\x08 service to the islands\x1e resumes",
    "Crossings twice\x0b a day.",
).encode("utf-8"))

# U+0092 (a windows-1252 apostrophe that went through a Latin-1 decoder)
# in UTF-8 text, and U+0093/U+0094 quotes.
write("c1-smart-quotes-in-utf8.xml", feed(
    RSS, "UTF-8", "valley-voice.example", "mayor",
    "Valley Voice",
    "Mayor\u0092s office: \u0093we won\u0092t close the centre\u0094",
    "It\u0092s open until March.",
).encode("utf-8"))

# windows-1255 Hebrew with nothing declared: detection.
write("windows-1255_undeclared.xml", feed(
    RSS, None, "haifa-bay.example", "help-centre",
    "מפרץ חיפה",
    "הארגון הבינלאומי להגירה פתח מרכז סיוע בחיפה",
    "המרכז יעזור למהגרים ולפליטים במציאת עבודה ודיור, וילווה משפחות בפנייה לרשויות. הצוות דובר עברית, ערבית, רוסית ואנגלית, והשירות ניתן ללא תשלום.",
).encode("windows-1255"))

# TIS-620 Thai with nothing declared: no detector model knows Thai.
write("tis-620_undeclared.xml", feed(
    RSS, None, "chiang-mai-today.example", "iom-centre",
    "เชียงใหม่วันนี้",
    "องค์การระหว่างประเทศเพื่อการโยกย้ายถิ่นฐานเปิดศูนย์ช่วยเหลือที่เชียงใหม่",
    "ศูนย์แห่งใหม่จะให้คำปรึกษาแก่แรงงานข้ามชาติเรื่องเอกสาร ที่พัก และการรักษาพยาบาล โดยไม่มีค่าใช้จ่าย เจ้าหน้าที่พูดได้หลายภาษา",
).encode("tis-620"))

# A JSON Feed with non-ASCII text (JSON is UTF-8 by RFC 8259).
write("jsonfeed_non-ascii.json", """{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Diário do Atlântico",
  "home_page_url": "https://diario-atlantico.example/",
  "items": [
    {
      "id": "https://diario-atlantico.example/2026/11/25/oim-lisboa",
      "url": "https://diario-atlantico.example/2026/11/25/oim-lisboa",
      "title": "OIM abre balcão de apoio em Lisboa — «um passo à frente»",
      "content_text": "Atendimento em português, crioulo e 中文; horário alargado até às 20h.",
      "date_published": "2026-11-25T08:30:00+00:00"
    }
  ]
}
""".encode("utf-8"))

# UTF-16 little-endian and UTF-32 big-endian with no BOM.
write("utf-16le-no-bom.xml", feed(
    RSS, "UTF-16LE", "steppe-bulletin.example", "almaty",
    "Steppe Bulletin",
    "Алматы: мигранты из Кыргызстана получат медицинские полисы",
    "Qazaqstan — Қазақстан.",
).encode("utf-16-le"))

write("utf-32be-no-bom.xml", feed(
    RSS, "UTF-32BE", "lagoon-gazette.example", "venice",
    "Lagoon Gazette",
    "Venezia: più corsi d'italiano per i nuovi arrivati",
    "Iscrizioni aperte fino a dicembre.",
).encode("utf-32-be"))
