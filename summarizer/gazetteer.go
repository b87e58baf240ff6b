package summarizer

// gazetteer lists proper nouns that commonly open a news sentence without
// appearing capitalized elsewhere in a short article: continents,
// countries, their demonyms, large cities and regions, languages and
// faiths. A first word found here keeps its capital.
var gazetteer = toSet(`
Africa Antarctica Asia Australia Europe America Americas Oceania Arctic Atlantic Pacific Mediterranean
Caribbean Balkans Sahel Sahara Maghreb Levant Gulf Horn Andes Amazon Himalayas Scandinavia Caucasus
Afghanistan Albania Algeria Andorra Angola Argentina Armenia Austria Azerbaijan Bahamas Bahrain
Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia Bosnia Botswana Brazil Brunei
Bulgaria Burkina Burundi Cambodia Cameroon Canada Chad Chile China Colombia Comoros Congo Croatia
Cuba Cyprus Czechia Denmark Djibouti Dominica Ecuador Egypt Eritrea Estonia Eswatini Ethiopia Fiji
Finland France Gabon Gambia Georgia Germany Ghana Greece Grenada Guatemala Guinea Guyana Haiti
Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan Jordan
Kazakhstan Kenya Kiribati Korea Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho Liberia Libya
Liechtenstein Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta Mauritania
Mauritius Mexico Micronesia Moldova Monaco Mongolia Montenegro Morocco Mozambique Myanmar Namibia
Nauru Nepal Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan Palau Palestine Panama
Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Samoa Senegal Serbia
Seychelles Singapore Slovakia Slovenia Somalia Somaliland Spain Sudan Suriname Sweden Switzerland
Syria Taiwan Tajikistan Tanzania Thailand Togo Tonga Trinidad Tunisia Turkey Türkiye Turkmenistan
Tuvalu Uganda Ukraine Uruguay Uzbekistan Vanuatu Vatican Venezuela Vietnam Yemen Zambia Zimbabwe
Britain England Scotland Wales Gaza Darfur Tigray Kurdistan Crimea Donbas Lampedusa Sicily Crete
Lesbos Canaries Ceuta Melilla Calais Dover Kent Hong Kong Macau Greenland Xinjiang Tibet Kashmir
African Asian European American Australian Arab Afghan Algerian Angolan Argentine Armenian Austrian
Bangladeshi Belgian Bolivian Bosnian Brazilian British Bulgarian Burmese Burundian Cambodian
Cameroonian Canadian Chadian Chilean Chinese Colombian Congolese Croatian Cuban Czech Danish Dutch
Ecuadorian Egyptian Eritrean Ethiopian Filipino Finnish French Gambian German Ghanaian Greek
Guatemalan Guinean Haitian Honduran Hungarian Indian Indonesian Iranian Iraqi Irish Israeli
Italian Ivorian Jamaican Japanese Jordanian Kenyan Korean Kurdish Kuwaiti Lebanese Liberian Libyan
Malaysian Malian Mauritanian Mexican Moroccan Mozambican Nepalese Nicaraguan Nigerian Nigerien
Norwegian Pakistani Palestinian Panamanian Peruvian Polish Portuguese Qatari Romanian Russian
Rwandan Salvadoran Saudi Senegalese Serbian Somali Spanish Sudanese Swedish Swiss Syrian
Taiwanese Tanzanian Thai Tunisian Turkish Ugandan Ukrainian Venezuelan Vietnamese Yemeni Zambian
Zimbabwean Rohingya Sahrawi Tuareg Pashtun Hazara Yazidi Uyghur Roma Bedouin
Abuja Accra Addis Ababa Aden Aleppo Algiers Amman Amsterdam Ankara Athens Baghdad Bamako Bangkok
Barcelona Beijing Beirut Belgrade Benghazi Berlin Bern Bogota Bogotá Brussels Bucharest Budapest
Buenos Aires Cairo Canberra Caracas Casablanca Colombo Copenhagen Dakar Damascus Delhi Dhaka Doha
Dubai Dublin Geneva Hanoi Harare Havana Helsinki Islamabad Istanbul Jakarta Jerusalem Johannesburg
Juba Kabul Kampala Karachi Kathmandu Khartoum Kinshasa Kyiv Lagos Lima Lisbon London Luanda Madrid
Managua Manila Marseille Mexico Milan Minsk Mogadishu Moscow Mumbai Nairobi Naples Niamey Oslo
Ottawa Paris Prague Rabat Riyadh Rome Sanaa Santiago Sarajevo Seoul Shanghai Sofia Stockholm Sydney
Tehran Tijuana Tokyo Tripoli Tunis Vienna Warsaw Washington Yangon Zagreb Zurich Lausanne Lyon
Christmas Easter Ramadan Eid Muslim Muslims Christian Christians Jewish Islam Islamic Catholic
English Arabic Spanish Portuguese Swahili Hausa Amharic Urdu Hindi Bengali Pashto Dari Farsi
Parliament Congress Senate Brexit Frontex Interpol Europol
`)
