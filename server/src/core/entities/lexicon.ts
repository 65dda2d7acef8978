// Small built-in word lists for the entity finder. Names themselves are learnt from each source's own
// patterns (titles, appositives, reporting verbs); these lists only say what a title, an organisation
// suffix or a well-known place looks like.

const set = (s: string): Set<string> => new Set(s.trim().split(/\s*\|\s*|\n+/).map((w) => w.trim().toLowerCase()).filter(Boolean));

/** Honorifics before a name; the value is the gender they tell, when they tell one. */
export const HONORIFICS = new Map<string, 'm' | 'f' | undefined>([
  ['mr', 'm'], ['mr.', 'm'], ['mister', 'm'], ['sir', 'm'], ['lord', 'm'], ['king', 'm'], ['prince', 'm'], ['father', 'm'],
  ['ms', 'f'], ['ms.', 'f'], ['mrs', 'f'], ['mrs.', 'f'], ['miss', 'f'], ['lady', 'f'], ['dame', 'f'], ['baroness', 'f'],
  ['queen', 'f'], ['princess', 'f'], ['sister', 'f'],
  ['dr', undefined], ['dr.', undefined], ['prof', undefined], ['professor', undefined], ['rev', undefined], ['reverend', undefined],
  ['mp', undefined],
]);

/** Head nouns of roles and titles ("spokesman", "President", "strategist"). */
export const ROLE_HEADS = set(`
president | vice-president | premier | chancellor | minister | secretary | ambassador | envoy | diplomat | consul |
spokesman | spokeswoman | spokesperson | aide | adviser | advisor | counsellor | councillor | counselor | senator | congressman |
congresswoman | representative | governor | mayor | leader | chairman | chairwoman | chair | chief | executive | ceo | cfo | coo |
director | head | boss | manager | coach | captain | commander | general | colonel | major | lieutenant | admiral | officer |
official | commissioner | inspector | superintendent | supt | detective | sergeant | constable | chancellor | judge | justice |
lawyer | attorney | prosecutor | solicitor | barrister | professor | lecturer | researcher | scientist | analyst | strategist |
economist | editor | correspondent | reporter | journalist | columnist | presenter | host | founder | co-founder | owner |
partner | president-elect | king | queen | prince | princess | pope | archbishop | bishop | cardinal | rabbi | imam | mp | mep |
campaigner | activist | organiser | organizer | actor | actress | singer | star | rapper | musician | guitarist | drummer |
producer | writer | author | novelist | comedian | director-general | striker | midfielder | defender | goalkeeper | keeper |
winger | full-back | fly-half | scrum-half | flanker | player | champion | athlete |
sprinter | runner | swimmer | skater | cyclist | rider | driver | jockey | trainer | boxer | golfer | referee | umpire |
teammate | team-mate | veteran | rival | candidate | deputy | vice-chairman | chairperson | treasurer | governor-general |
speaker | whip | mogul | tycoon | entrepreneur | investor | banker | trader | broker | consultant | specialist | expert |
designer | developer | engineer | architect | doctor | surgeon | nurse | economist-in-chief | premier | tsar | czar |
superstar | frontman | singer-songwriter | film-maker | filmmaker | playwright | poet | artist | photographer | spokesmen |
president's | chief-executive | prime | foreign
`);

/** Words that sit in a role phrase before the name without being its head ("presidential", "Foreign", "senior"). */
export const ROLE_MODIFIERS = set(`
former | ex | then | acting | interim | deputy | vice | senior | junior | chief | assistant | associate | principal | executive |
presidential | foreign | defence | defense | home | health | finance | financial | economy | economic | trade | industry | education |
culture | sport | sports | media | environment | interior | justice | energy | transport | treasury | press | state | shadow |
general | managing | operating | technical | sovereign | regional | national | international | global | european | outgoing |
incoming | new | current | republican | democratic | democrat | labour | conservative | tory | liberal | green | party | opposition |
majority | minority | prime | first | permanent | special | lead | head | team | club | england | wales | scotland | film | music |
tv | television | radio | news | political | business | technology | tech | science | security | intelligence | military | army |
navy | police | legal | public | private | policy | research | marketing | sales | commercial | communications | development |
culture | affairs | relations | external | internal | constitutional | affairs | work | pensions | employment | agriculture |
development | children | families | women | equality | housing | local | government | chief-executive | foreign-policy
`);

/** Last words of organisation names. */
export const ORG_SUFFIXES = set(`
capital | ministry | palace | council | bank | group | agency | organisation | organization | association | union | party |
committee | commission | institute | institution | university | college | school | academy | corporation | corp | inc | ltd |
plc | llc | company | co | fund | office | department | court | parliament | congress | senate | federation | league | club |
authority | board | foundation | trust | airlines | airways | motors | management | partners | securities | holdings | studios |
records | network | networks | service | services | unit | assembly | embassy | police | army | navy | times | post | journal |
telegraph | guardian | herald | tribune | gazette | observer | independent | bureau | administration | secretariat | exchange |
reserve | cabinet | government | society | alliance | coalition | industries | systems | technologies | labs | laboratories |
electronics | pharmaceuticals | entertainment | pictures | media | communications | telecom | insurance | investments | advisors |
advisers | consulting | research | centre | center | fc | united | city | rovers | athletic | wanderers | magazine | channel |
broadcasting | television | radio | press | agency | ministries | commission | tribunal | directorate | forces | guard |
inc. | ltd. | co. | corp. | group's | bancorp | motor | steel | energy | petroleum | oil | gas | airline | railways | rail |
brewery | bancorp | orchestra | band | festival | awards | academy
`);

/** Head words of organisation names written "Head of/for X" ("Ministry of Finance", "Centre for …"). */
export const ORG_HEADS = set(`
ministry | department | centre | center | bank | university | institute | council | court | federation | association |
organisation | organization | office | chamber | chambers | board | house | commission | committee | league | union | school |
college | academy | society | bureau | agency | museum | church | party | fund | foundation | treasury | house | houses
`);

/** Organisations known well enough to need no evidence. */
export const KNOWN_ORGS = new Set<string>(`Nato | NATO | EU | UN | Kremlin | White House | Pentagon | Downing Street | Whitehall | BBC | CNN | Reuters | FT | Bloomberg | IMF | WTO | Opec | OPEC | Fifa | FIFA | Uefa | UEFA | IAAF | IOC | ICC | ECB | RFU | FA | WADA | Wada | Labour | Tories | Tory Party | Conservatives | Liberal Democrats | Lib Dems | Sinn Fein | SNP | UKIP | Ukip | Google | Microsoft | Sony | Nintendo | Yahoo | IBM | Intel | eBay | Vodafone | BT | Ofcom | Ofwat | Ofgem | Nasa | NASA | FBI | CIA | KGB | FSB | MI5 | MI6 | SWIFT | Gazprom | Rosneft | Lukoil | Rusal | Yukos | WorldCom | Enron | Boeing | Airbus | Toyota | Nissan | Fiat | Deutsche Bank | Citigroup | Goldman Sachs | Morgan Stanley | Merrill Lynch | HSBC | Barclays | Lloyds | Federal Reserve | European Commission | European Union | United Nations | World Bank | Security Council | House of Commons | House of Lords | Home Office | Foreign Office | Ofsted | NHS | Interpol | Europol | Xinhua | Tass | TASS | Interfax | AP | AFP | Associated Press | WAPO | Washington Post | New York Times | Wall Street Journal | Financial Times | ITV | Channel 4 | MTV | EMI | Disney | Pixar | Oscars | Bafta | Arsenal | Chelsea | Everton | Tottenham | Real Madrid | Juventus | Manchester United | Man Utd | Man United | Aston Villa | Fulham | Blackburn | Bolton | Southampton | Charlton | Portsmouth | Crystal Palace | West Brom | Norwich | Birmingham City | AC Milan | Inter Milan | Bayern Munich | Ajax | Lazio | Roma | Valencia | PSV | Benfica | Wigan | Stoke | Ipswich | Sheffield United | Leicester Tigers | Saracens | Gloucester | Northampton | Harlequins | Munster | Leinster | Llanelli Scarlets | Ospreys | Cardiff Blues | Bundestag | Duma | State Duma | Knesset | Hamas | Hezbollah | Taleban | Taliban | al-Qaeda | al Qaeda | Red Cross | Greenpeace | Amnesty International | Human Rights Watch | Oxfam | Unicef | Unesco | WHO | OECD | G7 | G8 | G20 | Asean | ASEAN | Mercosur | Nafta | Brics | BRICS | SCO | OSCE | Gosplan | Sberbank | VTB | Aeroflot | Novatek | Transneft | Microsoft | Hewlett-Packard | HP | AOL | Time Warner | Napster | Kazaa | Skype | Nokia | Motorola | Samsung | Siemens | Philips | Ericsson | EasyJet | easyJet | Ryanair | British Airways | BA | Alitalia | Lufthansa | Air France | Qantas | Tesco | Sainsbury's | Asda | Marks & Spencer | M&S | Woolworths | Unilever | BP | Exxon | ExxonMobil | Chevron | Rio Tinto | BHP | Glaxo | GlaxoSmithKline | AstraZeneca | Pfizer | Merck | Novartis | Bayer | BMW | Volkswagen | VW | DaimlerChrysler | General Motors | GM | Honda | Renault | Peugeot | Mitsubishi | Hyundai | Vauxhall | MG Rover | Ferrari | McLaren | Minardi | Sauber | Apple Computer | Sun Microsystems | Oracle Corp | Amazon.com`.split(/\s*\|\s*/));

/** Countries, regions and cities (a short gazetteer). */
export const PLACES = set(`
Afghanistan | Albania | Algeria | Angola | Argentina | Armenia | Australia | Austria | Azerbaijan | Bahrain | Bangladesh |
Belarus | Belgium | Bolivia | Bosnia | Brazil | Britain | Bulgaria | Burma | Cambodia | Cameroon | Canada | Chad | Chile | China |
Colombia | Congo | Croatia | Cuba | Cyprus | Czech Republic | Denmark | Ecuador | Egypt | England | Eritrea | Estonia |
Ethiopia | Fiji | Finland | France | Gaza | Georgia | Germany | Ghana | Greece | Guatemala | Haiti | Honduras | Hungary | Iceland |
India | Indonesia | Iran | Iraq | Ireland | Northern Ireland | Israel | Italy | Ivory Coast | Jamaica | Japan | Jordan | Kazakhstan |
Kenya | Korea | North Korea | South Korea | Kosovo | Kuwait | Kyrgyzstan | Laos | Latvia | Lebanon | Liberia | Libya |
Lithuania | Luxembourg | Macedonia | Madagascar | Malawi | Malaysia | Mali | Malta | Mexico | Moldova | Mongolia |
Montenegro | Morocco | Mozambique | Namibia | Nepal | Netherlands | Holland | New Zealand | Nicaragua | Niger | Nigeria |
Norway | Oman | Pakistan | Palestine | Panama | Paraguay | Peru | Philippines | Poland | Portugal | Qatar | Romania | Russia |
Rwanda | Saudi Arabia | Scotland | Senegal | Serbia | Sierra Leone | Singapore | Slovakia | Slovenia | Somalia |
South Africa | Spain | Sri Lanka | Sudan | Sweden | Switzerland | Syria | Taiwan | Tajikistan | Tanzania | Thailand | Tibet |
Tunisia | Turkey | Turkmenistan | Uganda | Ukraine | United Kingdom | UK | United States | US | USA | America | Uruguay |
Uzbekistan | Venezuela | Vietnam | Wales | Yemen | Zambia | Zimbabwe | Europe | Asia | Africa | Latin America |
South America | North America | Middle East | Far East | Caribbean | Scandinavia | Balkans | Caucasus | Siberia | Crimea |
Donbas | Donbass | Chechnya | Kashmir | Xinjiang | Hong Kong | Macau | West Bank | Darfur | Baltic Sea | Black Sea |
Sea of Japan | Mediterranean | Atlantic | Pacific | Arctic | Antarctica | Asia-Pacific | Eurasia | Soviet Union | USSR |
London | Paris | Berlin | Rome | Madrid | Moscow | Kyiv | Kiev | Minsk | Warsaw | Prague | Vienna | Budapest | Bucharest |
Sofia | Athens | Brussels | Amsterdam | The Hague | Geneva | Zurich | Stockholm | Oslo | Copenhagen | Helsinki | Dublin |
Edinburgh | Glasgow | Cardiff | Belfast | Manchester | Liverpool | Birmingham | Leeds | Newcastle | Bristol | Sheffield |
Oxford | Cambridge | Washington | New York | Los Angeles | Hollywood | Chicago | Boston | San Francisco | Seattle | Miami |
Houston | Dallas | Detroit | Atlanta | Las Vegas | Toronto | Montreal | Vancouver | Ottawa | Beijing | Shanghai | Tokyo |
Seoul | Pyongyang | Taipei | Bangkok | Jakarta | Manila | Hanoi | Delhi | New Delhi | Mumbai | Bombay | Calcutta | Kolkata |
Karachi | Islamabad | Lahore | Kabul | Tehran | Baghdad | Damascus | Beirut | Jerusalem | Tel Aviv | Cairo | Riyadh |
Dubai | Doha | Ankara | Istanbul | Johannesburg | Cape Town | Nairobi | Lagos | Sydney | Melbourne | Auckland | Wellington |
Mexico City | Sao Paulo | Rio de Janeiro | Buenos Aires | Havana | St Petersburg | Vladivostok | Sochi | Munich | Frankfurt |
Hamburg | Milan | Turin | Naples | Barcelona | Lisbon | Porto | Marseille | Lyon | Nice | Monaco | Kazan | Novosibirsk |
Tbilisi | Baku | Yerevan | Astana | Almaty | Tashkent | Bishkek | Dushanbe | Ashgabat | Vilnius | Riga | Tallinn |
Belgrade | Zagreb | Sarajevo | Skopje | Tirana | Ljubljana | Bratislava | Chisinau | Donetsk | Luhansk | Kharkiv | Odesa |
Odessa | Crimean | Wimbledon | Twickenham | Wembley | Murrayfield | Anfield | Old Trafford | Highbury | Surrey | Kent |
Essex | Sussex | Yorkshire | Lancashire | Devon | Cornwall | Texas | California | Florida | New Jersey | Ohio | Iowa |
Massachusetts | Virginia | Pennsylvania | Michigan | Illinois | Arizona | Nevada | Georgia | Alaska | Hawaii | Bavaria |
Quebec | Ontario | Punjab | Bengal | Kerala | Tamil Nadu | Gujarat | Kyushu | Hokkaido | Okinawa | Guangdong | Sichuan
`.replace(/\n/g, ' '));

/** Capitalised words that never start an entity by themselves. */
export const NON_ENTITY_WORDS = set(`
The | A | An | This | That | These | Those | It | Its | He | She | They | We | I | You | His | Her | Their | Our | My | Your |
In | On | At | By | For | From | To | Of | With | Without | After | Before | During | Since | Until | Under | Over | Into | About |
And | But | Or | Nor | So | Yet | If | When | While | Where | Whether | Although | Though | Because | As | Than | Then | Also |
However | Meanwhile | Moreover | Furthermore | Nevertheless | Still | Indeed | Instead | Amongst | Among | Amid | Despite |
Back | Talking | Speaking | Asked | According | Going | Prior | Separately | Both | All | Any | Some | Many | Most | Much |
More | Few | Several | Each | Every | No | Not | One | Two | Three | Four | Five | Six | Seven | Eight | Nine | Ten | First |
Second | Third | Last | Next | New | Old | Other | Another | Such | What | Which | Who | Whom | Whose | Why | How | There | Here |
Now | Today | Yesterday | Tomorrow | Tonight | Earlier | Later | Recently | Currently | Even | Just | Only | Already | Almost |
Mr | Mrs | Ms | Dr | Sir | Lord | Lady | Analysts | Officials | Experts | Critics | Police | Sources | Yes | Oh | Well | Let |
Like | Unlike | Following | Including | Through | Throughout | Within | Above | Below | Across | Against | Along | Around |
Behind | Beyond | Near | Off | Out | Up | Down | Is | Are | Was | Were | Be | Been | Has | Have | Had | Do | Does | Did | Will |
Would | Could | Should | May | Might | Must | Can | Cannot | Shall | Let's | Thanks | Thank | Please | Perhaps | Maybe |
Overall | Altogether | Together | Once | Twice | Again | Ever | Never | Always | Often | Sometimes | Usually | Finally |
Eventually | Initially | Originally | Previously | Subsequently | Additionally | Similarly | Likewise | Otherwise | Thus |
Hence | Therefore | Accordingly | Consequently | Nonetheless | Regardless | Besides | Plus | Minus | Per | Via | Vs |
Chief | Former | Outgoing | Senior | Deputy | Acting | Interim | Shadow | Mid | Pre | Post | Anti | Pro | Non | Ex | Re
`.replace(/\n/g, ' '));

export const MONTHS_AND_DAYS = set(`
January | February | March | April | May | June | July | August | September | October | November | December |
Jan | Feb | Mar | Apr | Jun | Jul | Aug | Sep | Sept | Oct | Nov | Dec | Monday | Tuesday | Wednesday | Thursday | Friday |
Saturday | Sunday | Christmas | Easter | New Year | Ramadan
`.replace(/\n/g, ' '));

/** Adjectives of nationality: part of a role ("Russian President"), never a place by themselves. */
export const DEMONYMS = set(`
Russian | American | British | English | Scottish | Welsh | Irish | French | German | Italian | Spanish | Portuguese | Dutch |
Belgian | Swiss | Austrian | Swedish | Norwegian | Danish | Finnish | Polish | Czech | Slovak | Hungarian | Romanian |
Bulgarian | Greek | Turkish | Ukrainian | Belarusian | Georgian | Armenian | Azerbaijani | Kazakh | Uzbek | Chinese |
Japanese | Korean | Indian | Pakistani | Afghan | Iranian | Iraqi | Syrian | Israeli | Palestinian | Egyptian | Saudi |
Lebanese | Jordanian | Libyan | Tunisian | Moroccan | Algerian | Nigerian | Kenyan | South African | Australian |
Canadian | Mexican | Brazilian | Argentine | Argentinian | Chilean | Colombian | Venezuelan | Cuban | European | Asian |
African | Western | Eastern | Soviet | Kremlin | Sino | Anglo | Nordic | Baltic | Serbian | Croatian | Bosnian | Albanian |
Estonian | Latvian | Lithuanian | Moldovan | Kyrgyz | Tajik | Turkmen | Mongolian | Vietnamese | Thai | Indonesian |
Malaysian | Filipino | Taiwanese | Tibetan | Uyghur | Chechen | Scots | US | UK | EU | UN
`.replace(/\n/g, ' '));

/** Common given names: a capitalised pair starting with one is a person. Short on purpose. */
export const GIVEN_NAMES = new Map<string, 'm' | 'f'>();
for (const n of `
John James Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony Mark Donald Steven
Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan
Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander Frank Patrick Raymond Jack Dennis Jerry Tyler Aaron
Jose Adam Nathan Henry Douglas Zachary Peter Kyle Ethan Walter Noah Jeremy Christian Keith Roger Terry Gerald Harold Sean
Austin Carl Arthur Lawrence Dylan Jesse Jordan Bryan Billy Joe Bruce Gabriel Logan Albert Willie Alan Juan Wayne Elijah
Randy Roy Vincent Ralph Eugene Russell Bobby Mason Philip Louis Tony Gordon Ian Alistair Alastair Nick Tim Tom Jim Bob Bill
Mike Dave Steve Chris Ben Sam Dan Rob Andy Phil Geoff Neil Nigel Graham Malcolm Colin Derek Trevor Clive Martin Simon Jeremy
Oliver Harry Charlie Jamie Ross Craig Stuart Gavin Barry Frank Hugh Lee Luke Owen Rhys Gareth Dafydd Iain Kenny Ronnie Ray
Vladimir Dmitry Dmitri Sergei Sergey Yuri Alexei Alexey Mikhail Boris Igor Ivan Nikolai Viktor Oleg Andrei Anatoly Leonid
Volodymyr Olaf Emmanuel Jacques Nicolas Francois Gerhard Helmut Silvio Romano Jose Luis Carlos Juan Pedro Xi Narendra
Antony Jen Mitch Jean Pierre Kofi Ariel Yasser Mahmoud Hosni Saddam Osama Hamid Pervez Junichiro Thabo Nelson Robert
Wen Hu Li Lula Hugo Fidel Kim Recep Abdullah Ali Mohammed Muhammad Ahmed Omar Hassan Hussein
Lionel Thierry Arsene Jose Sven Roman Rafael Roger Andre Pete Lleyton Marat Carlos Wayne Steven Frank Rio Michael Alex
Sol Jonny Brian Lawrence Kelly Paula Serena Venus Maria Martina Amelie Justine Kim Svetlana Elena Anastasia Jennifer
`.trim().split(/\s+/)) GIVEN_NAMES.set(n, 'm');
for (const n of `
Mary Patricia Linda Barbara Elizabeth Susan Jessica Sarah Karen Nancy Lisa Betty Margaret Sandra Ashley Kimberly Emily Donna
Michelle Dorothy Carol Amanda Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Shirley Angela Helen Anna
Brenda Pamela Nicole Emma Samantha Katherine Christine Debra Rachel Catherine Carolyn Janet Ruth Maria Heather Diane Virginia
Julie Joyce Victoria Olivia Kelly Christina Lauren Joan Evelyn Judith Megan Cheryl Andrea Hannah Martha Jacqueline Frances
Gloria Ann Teresa Kathryn Sara Janice Jean Alice Madison Doris Abigail Julia Judy Grace Denise Amber Marilyn Beverly Danielle
Theresa Sophia Marie Diana Brittany Natalie Isabella Charlotte Rose Alexis Kayla Tessa Harriet Hilary Hillary Condoleezza
Angela Theresa Yulia Julia Tanya Tatiana Natalia Olga Irina Svetlana Elena Anastasia Katerina Ruth Clare Claire Jo Jane
Kate Sue Liz Beth Jenny Jennifer Jackie Cherie Caroline Margaret Estelle Tessa Ruth Patsy Glenda Valerie Gwyneth Nicole
Kylie Madonna Britney Beyonce Paula Serena Venus Martina Amelie Justine Kelly Paula Denise Lindsay Keira Kirsten Scarlett
Cate Renee Reese Halle Charlize Hilary Annette Meryl Judi Helen Emma Kate Sophie Catherine Zoe Joss Natasha Annabelle
Antonia Polly Caroline Aishwarya Sandra Gillian Jacqui Margaret Harriet Estelle Anne Ann Maggie Shirley Sonia Benazir Indira
Jen Sheila Carol Penny Barbara Fiona Rosie Lucy Amanda Jess Gemma Holly Ellie Sienna
`.trim().split(/\s+/)) GIVEN_NAMES.set(n, 'f');

/** Nouns naming a document an organisation issues ("according to the communique", "the statement read"). */
export const DOCUMENT_NOUNS = set(`
statement | readout | read-out | communique | communiqué | release | note | report | paper | document | letter | memo |
briefing | announcement | filing | notice | website | blog | tweet | post | study | survey | analysis | research | review
`);
