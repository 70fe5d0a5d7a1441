/**
 * Detection data kept as data: first names (several languages), words that look like names but are
 * not, IBAN lengths by country, and the context words that make a number a phone or a date a birth date.
 */

/**
 * Common first names. A capitalised word from this list followed by another capitalised word is taken
 * as a person's name. Names that are also ordinary English words (May, Will, Mark, Grace, Rose, ...)
 * are in `AMBIGUOUS_FIRST_NAMES`: they count only when followed by a surname, never alone.
 */
const FIRST_NAMES_TEXT = `
james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony
donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob
gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank
patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle noah ethan
jeremy walter christian keith roger terry austin sean gerald carl harold dylan arthur lawrence jordan
jesse bryan billy bruce gabriel joe logan alan juan albert willie elijah wayne randy vincent liam oliver
lucas mason logan owen caleb isaac luke leo hugo oscar felix max maximilian lukas leon finn jonas elias
paul emil anton moritz julian tobias florian sebastian stefan andreas markus thorsten jens uwe klaus
jurgen jürgen wolfgang dieter helmut gunter günter horst hans heinz franz fritz karl friedrich
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret
sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca
sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine
christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce virginia
victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria
teresa ann sara madison frances kathryn janice jean abigail alice judy sophia denise amber doris marilyn
danielle beverly isabella theresa diana natalie brittany charlotte marie kayla alexis lori chloe ella
mia ava amelia harper evelyn aria scarlett zoe lily layla nora riley zoey penelope eleanor hazel aurora
sophie lena lea leonie laura lara julia katharina johanna clara klara greta frieda ida mila emilia
ursula ingrid gisela helga monika sabine petra birgit claudia susanne andrea stefanie nadine jana
jean pierre jacques michel philippe alain nicolas francois françois olivier laurent christophe
sebastien sébastien thierry frederic frédéric eric éric julien guillaume antoine mathieu maxime
vincent romain clement clément baptiste theo théo louis gabriel raphael raphaël arthur jules adrien
marie nathalie isabelle sylvie catherine francoise françoise monique valerie valérie sandrine celine
céline stephanie stéphanie camille manon chloe chloé ines inès lea léa juliette louise adele adèle
margaux mathilde amelie amélie aurelie aurélie elodie élodie pauline agathe
jose josé juan antonio manuel francisco david javier daniel carlos miguel rafael pedro alejandro
fernando pablo jorge luis sergio alberto diego raul raúl enrique ramon ramón andres andrés ignacio
mario hector héctor santiago mateo
carmen maria maría josefa isabel dolores pilar teresa ana cristina lucia lucía marta elena paula
raquel sara beatriz rocio rocío alba silvia patricia monica mónica natalia sofia sofía valentina
camila ximena daniela gabriela fernanda mariana
giuseppe giovanni antonio mario luigi francesco angelo vincenzo pietro salvatore carlo franco
domenico bruno paolo michele giorgio aldo sergio luciano marco alessandro matteo lorenzo andrea
davide riccardo federico simone luca stefano massimo roberto fabio gianluca
giulia francesca chiara alessia martina sara federica valentina silvia elisa giorgia paola
roberta laura anna rosa lucia giovanna
joao joão pedro tiago rafael gustavo bruno rodrigo thiago felipe leonardo guilherme ricardo
ana beatriz mariana larissa leticia letícia gabriela juliana fernanda camila bruna
jan piet kees henk willem bram daan sem ruben thijs jeroen sander bas wouter maarten niels
anouk sanne lotte femke fleur iris lieke marloes esther ingrid
piotr krzysztof andrzej tomasz pawel paweł marcin michal michał jakub kamil wojciech
agnieszka katarzyna malgorzata małgorzata magdalena joanna ewa aleksandra zofia
mehmet mustafa ahmet ali huseyin hüseyin hasan ibrahim ismail osman yusuf murat emre burak
ayse ayşe fatma emine hatice zeynep elif merve esra
mohammed muhammad ahmed ahmad omar khalid yusuf hassan hussein karim tariq samir walid
fatima aisha aicha leila layla yasmin yasmine nour noor salma mariam maryam
raj rahul amit arjun vikram sanjay ravi anil sunil deepak rohit ankit aditya vivek arun
priya ananya anjali pooja neha divya kavya sneha aisha lakshmi sunita
wei li ming jun hao lei yang jing xin hui yan ling mei xiaoming
hiroshi takashi kenji yuki haruto sota yuto kaito sakura yui hina aoi yuna
sven lars erik nils olaf magnus anders henrik ingrid astrid freya sigrid linnea
ivan dmitri dmitry sergei sergey alexei alexey vladimir mikhail nikolai olga natalia tatiana svetlana irina anastasia
kwame kofi chidi emeka oluwaseun ngozi amara chiamaka
`

const AMBIGUOUS_TEXT = `
may june april august will mark grace rose faith hope joy dawn summer autumn bill art rich
jordan paris sky river ray guy frank sue rob pat hunter chase angel crystal ruby amber jade pearl
victor august max leo hugo jack hazel iris lily daisy holly ivy olive violet ash clay lane dale
`

function words(text: string): Set<string> {
  return new Set(text.split(/\s+/).filter(Boolean))
}

export const AMBIGUOUS_FIRST_NAMES = words(AMBIGUOUS_TEXT)
export const FIRST_NAMES = words(FIRST_NAMES_TEXT)

/**
 * Capitalised words that are never a surname (so "Jean Street" or "Julia Monday" is not a name).
 * Lower-cased.
 */
export const NOT_SURNAMES = words(`
the a an and or of to in on at for from with by is are was were be this that these those it its
street st road rd avenue ave lane drive court place way square park boulevard blvd
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december inc ltd llc gmbh corp co company team group support
api sdk http https json yaml sql css html url id uuid utc gmt am pm ok yes no hi hello dear thanks
regards best cheers please note all everyone folks guys team everybody customer customers
world there sir madam my our your his her their new old default test example demo sample colleagues friends user users zusammen tous todos tutti allemaal error warning info debug true false null none undefined
python java javascript typescript rust go node docker kubernetes linux windows mac macos ios android
chrome firefox safari edge google microsoft apple amazon meta openai anthropic github gitlab slack
`)

/** Titles that make the next capitalised word(s) a person's name, in several languages. */
export const TITLES = [
  'Mr',
  'Mrs',
  'Ms',
  'Miss',
  'Mx',
  'Dr',
  'Prof',
  'Sir',
  'Madam',
  'Herr',
  'Frau',
  'Mme',
  'Mlle',
  'Monsieur',
  'Madame',
  'Sr',
  'Sra',
  'Srta',
  'Señor',
  'Señora',
  'Sig',
  'Sig.ra',
  'Signor',
  'Signora',
  'Dhr',
  'Mevr',
]

/** Words after which a capitalised name follows ("Name: Jane Roe", "Patient: Ola Nordmann"). */
export const NAME_LABELS = [
  'name',
  'full name',
  'customer',
  'client',
  'patient',
  'employee',
  'contact',
  'contact person',
  'applicant',
  'tenant',
  'passenger',
  'guest',
  'assignee',
  'assigned to',
  'reported by',
  'requested by',
  'signed by',
  'cardholder',
  'account holder',
  'nom',
  'prénom',
  'nom complet',
  'nombre',
  'nombre completo',
  'nome',
  'nome completo',
  'naam',
  'kunde',
  'ansprechpartner',
  'vorname',
  'nachname',
  'titular',
  'intestatario',
  'imię i nazwisko',
]

/** Phrases right before a person's name, no colon needed ("my name is", "je m'appelle"). */
export const NAME_PHRASES = [
  'my name is',
  "i'm",
  'i am',
  'this is',
  'on behalf of',
  "je m'appelle",
  'je suis',
  'mon nom est',
  'ich heiße',
  'ich bin',
  'mein name ist',
  'me llamo',
  'mi nombre es',
  'soy',
  'mi chiamo',
  'sono',
  'meu nome é',
  'eu sou',
  'mijn naam is',
  'ik ben',
  'titular',
  'intestatario',
]

/** Words that make a number nearby a phone number. */
export const PHONE_CONTEXT =
  /(?:(?<![\p{L}])(?:tel|tél|tele|phone|telephone|téléphone|telefon|telefono|teléfono|telefone|telefoon|mobile|mobil|móvil|movil|cell|cellphone|handy|portable|cellulare|celular|fax|call|ring|whatsapp|sms|text me|reach me|contact|number|nummer|numéro|número|numero|hotline|tlf|ph)(?![\p{L}])|☎|📞)/iu

/** Words that make a date nearby a date of birth. */
export const DOB_CONTEXT =
  /(?:(?<![\p{L}])(?:born|birth ?date|date of birth|d\.?o\.?b\.?|birthday|bday|geboren|geb\.|geburtsdatum|geburtstag|né|née|né\(e\)|date de naissance|naissance|fecha de nacimiento|nacido|nacida|nació|nata|nato|data di nascita|data de nascimento|nascido|nascida|geboortedatum|urodzony|urodzona|data urodzenia)(?![\p{L}]))/iu

/** IBAN length by country (ISO 13616 registry). */
// prettier-ignore
export const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22,
  IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18,
  NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31,
  SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
  VA: 22, VG: 24, XK: 20, YE: 30,
}
