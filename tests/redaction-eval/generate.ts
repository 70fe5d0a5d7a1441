/**
 * Builds the labelled evaluation set (tests/redaction-eval/dataset.json) from hand-written templates
 * filled with generated values: emails, tickets, logs, code with hard-coded keys, env files, CSV, JSON,
 * chats, in English, German, French, Spanish, Italian, Portuguese and Dutch; plus hard negatives
 * (code, hashes, UUIDs, versions, timestamps, prices, order numbers, model ids, localhost URLs).
 *
 * Deterministic (seeded), so the committed dataset can be regenerated exactly:
 *   npx tsx tests/redaction-eval/generate.ts
 *
 * Values are generated to be valid by their own rules (Luhn, mod-97, phone metadata), because a label
 * that claims a card number must be one. The templates were written from real-world text shapes, not
 * from the detectors: several use names missing from the detector's first-name list, phone formats
 * without context words, and secrets under key names the detector does not list.
 */
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max'

export interface Label {
  type: string
  value: string
  /** A provider API key or token (OpenAI, Anthropic, AWS, GitHub, ...): held to the 1% target. */
  providerKey?: boolean
}

export interface Sample {
  id: string
  kind: 'positive' | 'negative'
  format: string
  lang: string
  /** Phone region the user would configure for this text. */
  region?: string
  text: string
  labels: Label[]
}

// --- seeded randomness --------------------------------------------------------------------------
let seed = 20240521
function rand(): number {
  seed |= 0
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1))
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join('')
const chars = (n: number, alphabet: string) =>
  Array.from({ length: n }, () => alphabet[int(0, alphabet.length - 1)]).join('')
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const UPPER_NUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const B64URL = `${ALNUM}_-`
const HEX = '0123456789abcdef'

// --- value pools ------------------------------------------------------------------------------------
const FIRST = [
  'James',
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Sophia',
  'Lukas',
  'Hannah',
  'Jonas',
  'Lena',
  'Camille',
  'Julien',
  'Chloé',
  'Mathieu',
  'Lucía',
  'Javier',
  'Carmen',
  'Alejandro',
  'Giulia',
  'Matteo',
  'Francesca',
  'Lorenzo',
  'João',
  'Beatriz',
  'Thiago',
  'Mariana',
  'Daan',
  'Sanne',
  'Priya',
  'Rahul',
  'Aisha',
  'Omar',
  'Mehmet',
  'Zeynep',
  'Wei',
  'Yuki',
  'Ingrid',
  'Lars',
  'Piotr',
  'Agnieszka',
  // Not in the detector's list: found only through context (titles, labels, greetings) or not at all.
  'Siobhan',
  'Thandiwe',
  'Bartholomew',
  'Dagny',
  'Eero',
  'Anneliese',
  'Kofi',
  'Ngozi',
  'Radomir',
  'Ximena',
]
const LAST = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'García',
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Dubois',
  'Lefèvre',
  'Moreau',
  'Rossi',
  'Bianchi',
  'Romano',
  'Silva',
  'Santos',
  'Oliveira',
  'de Vries',
  'van den Berg',
  'Jansen',
  'Kowalski',
  'Nowak',
  'Yılmaz',
  'Kaya',
  'Patel',
  'Sharma',
  "O'Connor",
  'MacDonald',
  'Nakamura',
  'Tanaka',
  'Nguyen',
  'Okafor',
  'Andersson',
  'Johansson',
  'Fernández',
  'Martínez',
  'Hoffmann',
  'Wagner',
  'Costa',
  'Ferreira',
  'Ricci',
  'Lambert',
  'Fontaine',
]
const DOMAINS = [
  'gmail.com',
  'outlook.com',
  'yahoo.co.uk',
  'web.de',
  'gmx.net',
  'orange.fr',
  'libero.it',
  'uol.com.br',
  'protonmail.com',
  'acme-corp.com',
  'mail.example.org',
  'kanzlei-weber.de',
  'startup.io',
  'uni-heidelberg.de',
  'hospital.nhs.uk',
  'correo.es',
  'ziggo.nl',
  'company.co.jp',
]
const ASCII: Record<string, string> = {
  é: 'e',
  è: 'e',
  ü: 'u',
  ö: 'o',
  ä: 'a',
  í: 'i',
  á: 'a',
  ã: 'a',
  ı: 'i',
  ç: 'c',
  "'": '',
  ' ': '',
}
const ascii = (s: string) => s.toLowerCase().replace(/[éèüöäíáãıç' ]/g, (c) => ASCII[c] ?? c)

function person(): { first: string; last: string; full: string } {
  const first = pick(FIRST)
  const last = pick(LAST)
  return { first, last, full: `${first} ${last}` }
}

function email(p = person()): string {
  const local = pick([
    () => `${ascii(p.first)}.${ascii(p.last)}`,
    () => `${ascii(p.first)[0]}${ascii(p.last)}`,
    () => `${ascii(p.first)}${int(1, 99)}`,
    () => `${ascii(p.first)}.${ascii(p.last)}+${pick(['news', 'work', 'shop'])}`,
    () => `${ascii(p.last)}_${ascii(p.first)}`,
    () => `${pick(['info', 'billing', 'hr', 'jobs'])}.${ascii(p.last)}`,
  ])()
  return `${local}@${pick(DOMAINS)}`
}

const PHONE_SHAPES: Record<string, () => string> = {
  US: () => `${int(2, 9)}${digits(2)}${int(2, 9)}${digits(6)}`,
  GB: () => `07${int(4, 9)}${digits(8)}`,
  DE: () => `01${pick(['51', '60', '70', '76'])}${digits(8)}`,
  FR: () => `0${pick(['6', '7'])}${digits(8)}`,
  ES: () => `6${digits(8)}`,
  IT: () => `3${pick(['20', '33', '47', '49'])}${digits(7)}`,
  NL: () => `06${digits(8)}`,
  BR: () => `119${digits(8)}`,
  IN: () => `9${digits(9)}`,
}

function phone(
  region: string,
  style: 'intl' | 'national' | 'e164' = pick(['intl', 'national', 'e164']),
): string {
  for (;;) {
    const p = parsePhoneNumberFromString(PHONE_SHAPES[region]!(), region as CountryCode)
    if (!p?.isValid()) continue
    if (style === 'intl') return p.formatInternational()
    if (style === 'e164') return p.number
    return p.formatNational()
  }
}

function luhnDigit(body: string): string {
  let sum = 0
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i])
    if (i % 2 === 0) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return String((10 - (sum % 10)) % 10)
}

function card(): string {
  const [prefix, len] = pick([
    ['4', 16],
    ['4', 16],
    ['51', 16],
    ['55', 16],
    ['2221', 16],
    ['34', 15],
    ['37', 15],
    ['6011', 16],
    ['3530', 16],
  ] as const)
  const body = prefix + digits(len - prefix.length - 1)
  const n = body + luhnDigit(body)
  const style = pick(['spaces', 'dashes', 'plain'])
  if (style === 'plain') return n
  const groups = len === 15 ? [n.slice(0, 4), n.slice(4, 10), n.slice(10)] : n.match(/.{4}/g)!
  return groups.join(style === 'spaces' ? ' ' : '-')
}

const IBAN_BBAN: Record<string, () => string> = {
  DE: () => digits(18),
  FR: () => digits(23),
  ES: () => digits(20),
  IT: () => chars(1, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') + digits(22),
  NL: () => pick(['ABNA', 'INGB', 'RABO']) + digits(10),
  GB: () => pick(['WEST', 'BARC', 'NWBK']) + digits(14),
  BE: () => digits(12),
  AT: () => digits(16),
  CH: () => digits(17),
  PL: () => digits(24),
  PT: () => digits(21),
}

function iban(country = pick(Object.keys(IBAN_BBAN))): string {
  const bban = IBAN_BBAN[country]!()
  const numeric = (bban + country + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55))
  let rem = 0
  for (const ch of numeric) rem = (rem * 10 + Number(ch)) % 97
  const check = String(98 - rem).padStart(2, '0')
  const compact = country + check + bban
  return rand() < 0.7 ? compact.match(/.{1,4}/g)!.join(' ') : compact
}

function ssn(): string {
  let area = int(1, 899)
  if (area === 666) area = 667
  return `${String(area).padStart(3, '0')}-${String(int(1, 99)).padStart(2, '0')}-${String(int(1, 9999)).padStart(4, '0')}`
}

function publicIp(): string {
  return `${pick([23, 45, 62, 81, 91, 104, 151, 185, 213])}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`
}
function privateIp(): string {
  return pick([
    () => `10.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`,
    () => `192.168.${int(0, 255)}.${int(1, 254)}`,
    () => `172.${int(16, 31)}.${int(0, 255)}.${int(1, 254)}`,
  ])()
}
function ipv6(): string {
  return `2a0${int(0, 9)}:${chars(4, HEX)}:${chars(4, HEX)}:${chars(3, HEX)}::${chars(4, HEX)}`
}

const KEYS: Record<string, () => string> = {
  openai: () =>
    pick([
      `sk-proj-${chars(48, B64URL)}${chars(8, ALNUM)}`,
      `sk-${chars(48, ALNUM)}`,
      `sk-svcacct-${chars(40, B64URL)}A`,
    ]),
  anthropic: () => `sk-ant-api03-${chars(93, B64URL)}AA`,
  awsId: () => `AKIA${chars(16, UPPER_NUM)}`,
  awsSecret: () => {
    for (;;) {
      const s = chars(40, `${ALNUM}/+`)
      if (/[a-z]/.test(s) && /[A-Z]/.test(s) && /\d/.test(s)) return s
    }
  },
  github: () =>
    pick([
      `ghp_${chars(36, ALNUM)}`,
      `github_pat_${chars(22, ALNUM)}_${chars(59, ALNUM)}`,
      `gho_${chars(36, ALNUM)}`,
    ]),
  gitlab: () => `glpat-${chars(20, B64URL)}`,
  slack: () => `xoxb-${digits(11)}-${digits(13)}-${chars(24, ALNUM)}`,
  stripe: () => `${pick(['sk', 'rk'])}_live_${chars(24, ALNUM)}`,
  google: () => `AIza${chars(35, B64URL)}`,
  jwt: () => {
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
    return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: digits(8), name: person().full, iat: 1716200000 + int(0, 99999) })}.${chars(43, B64URL)}`
  },
}

function pem(): string {
  const lines = Array.from({ length: int(4, 8) }, () => chars(64, `${ALNUM}+/`))
  const kind = pick(['RSA PRIVATE KEY', 'PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY'])
  return `-----BEGIN ${kind}-----\n${lines.join('\n')}\n${chars(24, `${ALNUM}+/`)}==\n-----END ${kind}-----`
}

function password(): string {
  return pick([
    () => `${pick(['Summer', 'Winter', 'Spring', 'Autumn'])}${int(2019, 2025)}${pick(['!', '#', '$', '?'])}`,
    () => `${pick(['hunter', 'dragon', 'monkey', 'shadow'])}${int(1, 999)}`,
    () => chars(int(12, 20), `${ALNUM}!@#%^*-_`),
    () =>
      `${pick(['correct', 'purple', 'silent'])}-${pick(['horse', 'lamp', 'river'])}-${pick(['battery', 'stone', 'cloud'])}-${int(1, 99)}`,
    () => `Tr0ub4dor&${int(1, 9)}`,
    () => `P@ssw0rd${int(10, 99)}`,
  ])()
}

const STREETS: Record<string, () => string> = {
  en: () =>
    `${int(1, 9999)} ${pick(['Maple', 'Oak', 'Pine', 'Cedar', 'Elm', 'Washington', 'Baker', 'Sunset', 'Highland'])} ${pick(['Street', 'Avenue', 'Road', 'Lane', 'Drive', 'Boulevard', 'St.', 'Ave'])}`,
  de: () =>
    `${pick(['Haupt', 'Bahnhof', 'Schiller', 'Goethe', 'Linden', 'Berg', 'Garten'])}${pick(['straße', 'strasse', 'weg', 'gasse', 'platz', 'allee'])} ${int(1, 180)}${pick(['', '', 'a', 'b'])}`,
  fr: () =>
    `${int(1, 199)} ${pick(['rue', 'avenue', 'boulevard', 'place', 'chemin'])} ${pick(['de la Paix', 'Victor Hugo', 'du Général Leclerc', 'des Lilas', 'Saint-Honoré', 'Jean Jaurès'])}`,
  es: () =>
    `${pick(['Calle', 'Avenida', 'Paseo', 'Plaza'])} ${pick(['Mayor', 'de Alcalá', 'del Prado', 'Gran Vía', 'de la Castellana'])} ${int(1, 250)}`,
  it: () =>
    `${pick(['Via', 'Viale', 'Piazza', 'Corso'])} ${pick(['Roma', 'Garibaldi', 'Dante', 'Vittorio Emanuele', 'Mazzini'])}, ${int(1, 200)}`,
  pt: () =>
    `${pick(['Rua', 'Avenida', 'Travessa'])} ${pick(['Augusta', 'da Liberdade', 'das Flores', 'Paulista', 'do Comércio'])}, ${int(1, 2000)}`,
  nl: () => `${pick(['Keizers', 'Heren', 'Prinsen'])}${pick(['gracht', 'straat', 'laan'])} ${int(1, 400)}`,
}

const MONTHS: Record<string, string[]> = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'June',
    'July',
    'September',
    'October',
    'November',
    'December',
  ],
  de: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'Oktober', 'Dezember'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'octobre'],
  es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'octubre'],
  it: ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'ottobre'],
  pt: ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'outubro'],
}
function dob(lang = 'en'): string {
  const y = int(1940, 2006)
  const m = int(1, 12)
  const d = int(1, 28)
  const pad = (n: number) => String(n).padStart(2, '0')
  const month = pick(MONTHS[lang] ?? MONTHS.en!)
  return pick([
    () => `${y}-${pad(m)}-${pad(d)}`,
    () => (lang === 'en' ? `${pad(m)}/${pad(d)}/${y}` : `${pad(d)}.${pad(m)}.${y}`),
    () =>
      lang === 'en'
        ? `${month} ${d}, ${y}`
        : lang === 'es' || lang === 'pt'
          ? `${d} de ${month} de ${y}`
          : `${d} ${month} ${y}`,
  ])()
}

// --- positive templates --------------------------------------------------------------------------
type Filler = { text: string; labels: Label[] }
interface Template {
  format: string
  lang: string
  region?: string
  make(): Filler
}

/** Tagged template: `${L('EMAIL', value)}` records a label and inserts the value. */
function build(parts: Array<string | Label>): Filler {
  const labels: Label[] = []
  let text = ''
  for (const p of parts) {
    if (typeof p === 'string') text += p
    else {
      labels.push(p)
      text += p.value
    }
  }
  return { text, labels }
}
const L = (type: string, value: string, providerKey = false): Label =>
  providerKey ? { type, value, providerKey } : { type, value }
const key = (k: keyof typeof KEYS) => L('SECRET', KEYS[k]!(), true)

const POSITIVE: Template[] = [
  {
    format: 'email',
    lang: 'en',
    make: () => {
      const p = person()
      return build([
        'Hi team,\n\nPlease add ',
        L('PERSON', p.full),
        ' (',
        L('EMAIL', email(p)),
        ') to the Q3 planning thread. She starts on Monday.\n\nThanks,\n',
        L('PERSON', pick(['Olivia', 'Noah', 'Emma', 'Liam'])),
      ])
    },
  },
  {
    format: 'email',
    lang: 'en',
    region: 'US',
    make: () => {
      const p = person()
      return build([
        pick(['Dear Mr. ', 'Dear Ms. ', 'Dear Dr. ']),
        L('PERSON', p.last),
        ',\n\nyour refund was sent to the card ending in 4242. If it does not arrive, call us at ',
        L('PHONE', phone('US', 'national')),
        ' or reply to ',
        L('EMAIL', email()),
        '.\n\nKind regards,\nCustomer Care',
      ])
    },
  },
  {
    format: 'email',
    lang: 'de',
    region: 'DE',
    make: () => {
      const p = person()
      return build([
        'Hallo ',
        L('PERSON', p.first),
        ',\n\nanbei die Rechnung. Bitte überweise den Betrag auf ',
        L('IBAN', iban('DE')),
        ' bis Freitag. Bei Fragen: ',
        L('PHONE', phone('DE', 'national')),
        '.\n\nViele Grüße\n',
        L('PERSON', person().full),
      ])
    },
  },
  {
    format: 'email',
    lang: 'fr',
    region: 'FR',
    make: () => {
      const p = person()
      return build([
        'Bonjour ',
        L('PERSON', p.first),
        ',\n\nJe vous confirme le rendez-vous. Mon numéro : ',
        L('PHONE', phone('FR', 'national')),
        '. Mon adresse : ',
        L('ADDRESS', STREETS.fr!()),
        ', 75011 Paris.\n\nCordialement,\n',
        L('PERSON', person().full),
      ])
    },
  },
  {
    format: 'email',
    lang: 'es',
    region: 'ES',
    make: () =>
      build([
        'Hola ',
        L('PERSON', pick(FIRST.slice(14, 18))),
        ',\n\nte paso mis datos para la transferencia: titular ',
        L('PERSON', person().full),
        ', IBAN ',
        L('IBAN', iban('ES')),
        '. Mi móvil es ',
        L('PHONE', phone('ES')),
        '.\n\nUn saludo',
      ]),
  },
  {
    format: 'email',
    lang: 'it',
    region: 'IT',
    make: () =>
      build([
        'Ciao ',
        L('PERSON', pick(['Giulia', 'Matteo', 'Francesca', 'Lorenzo'])),
        ',\n\nla consegna va fatta in ',
        L('ADDRESS', STREETS.it!()),
        ', 20121 Milano. Per qualsiasi cosa chiamami al ',
        L('PHONE', phone('IT', 'intl')),
        ' oppure scrivi a ',
        L('EMAIL', email()),
        '.\n\nGrazie!',
      ]),
  },
  {
    format: 'email',
    lang: 'pt',
    region: 'BR',
    make: () =>
      build([
        'Olá ',
        L('PERSON', pick(['João', 'Beatriz', 'Thiago', 'Mariana'])),
        ',\n\nsegue meu endereço para envio: ',
        L('ADDRESS', STREETS.pt!()),
        ', São Paulo. Telefone ',
        L('PHONE', phone('BR', 'intl')),
        '.\n\nAbraço',
      ]),
  },
  {
    format: 'email',
    lang: 'nl',
    region: 'NL',
    make: () =>
      build([
        'Beste ',
        L('PERSON', pick(['Daan', 'Sanne'])),
        ',\n\nHet pakket mag naar ',
        L('ADDRESS', STREETS.nl!()),
        ', Amsterdam. Betaling via ',
        L('IBAN', iban('NL')),
        '. Bel me op ',
        L('PHONE', phone('NL', 'national')),
        '.\n\nGroeten',
      ]),
  },
  {
    format: 'ticket',
    lang: 'en',
    region: 'US',
    make: () => {
      const p = person()
      return build([
        `TICKET-${int(1000, 9999)} | Priority: high\nReporter: `,
        L('PERSON', p.full),
        ' <',
        L('EMAIL', email(p)),
        `>\nCustomer says the payment with card `,
        L('CARD', card()),
        ` failed twice on ${int(1, 28)} May. Callback number: `,
        L('PHONE', phone('US')),
        '.',
      ])
    },
  },
  {
    format: 'ticket',
    lang: 'en',
    make: () =>
      build([
        'Bug: login fails for user ',
        L('EMAIL', email()),
        ' coming from ',
        L('IP', publicIp()),
        '. Session cookie looked fine. Assigned to: ',
        L('PERSON', person().full),
        '.',
      ]),
  },
  {
    format: 'ticket',
    lang: 'de',
    region: 'DE',
    make: () =>
      build([
        'Kunde: ',
        L('PERSON', person().full),
        '\nAnliegen: Lastschrift von Konto ',
        L('IBAN', iban('DE')),
        ' ist zurückgekommen.\nRückruf unter ',
        L('PHONE', phone('DE')),
        ' erbeten.',
      ]),
  },
  {
    format: 'ticket',
    lang: 'en',
    region: 'US',
    make: () =>
      build([
        'Patient: ',
        L('PERSON', person().full),
        '\nDOB: ',
        L('DOB', dob('en')),
        '\nSSN: ',
        L('SSN', ssn()),
        '\nNotes: follow-up in two weeks, allergy to penicillin.',
      ]),
  },
  {
    format: 'ticket',
    lang: 'en',
    make: () =>
      build([
        'Applicant ',
        L('PERSON', person().full),
        ', born ',
        L('DOB', dob('en')),
        ', currently living at ',
        L('ADDRESS', STREETS.en!()),
        ', Springfield, submitted the form.',
      ]),
  },
  {
    format: 'log',
    lang: 'en',
    make: () =>
      build([
        `2024-05-${String(int(10, 28))}T${int(10, 23)}:${int(10, 59)}:${int(10, 59)}Z INFO auth: login ok user=`,
        L('EMAIL', email()),
        ' ip=',
        L('IP', publicIp()),
        ` duration=${int(5, 900)}ms`,
      ]),
  },
  {
    format: 'log',
    lang: 'en',
    make: () =>
      build([
        `[${int(10, 23)}:${int(10, 59)}:${int(10, 59)}] WARN connection from `,
        L('IP', privateIp()),
        ' refused; retrying upstream ',
        L('IP', privateIp()),
        ':5432',
      ]),
  },
  {
    format: 'log',
    lang: 'en',
    make: () =>
      build([
        'ERROR 401 calling api.openai.com with key ',
        key('openai'),
        ' (request id req_',
        chars(24, HEX),
        ')',
      ]),
  },
  {
    format: 'log',
    lang: 'en',
    make: () =>
      build([
        'nginx: ',
        L('IP', ipv6()),
        ` - - [21/May/2024:10:${int(10, 59)}:01 +0000] "GET /account HTTP/1.1" 200 512`,
      ]),
  },
  {
    format: 'log',
    lang: 'en',
    make: () =>
      build([
        `DEBUG request headers: {"Authorization": "Bearer `,
        key('openai'),
        `", "Content-Type": "application/json"}`,
      ]),
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      build([
        'import openai\n\nclient = openai.OpenAI(api_key="',
        key('openai'),
        '")\nprint(client.models.list())',
      ]),
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      build([
        'import anthropic\n\nclient = anthropic.Anthropic(\n    api_key="',
        key('anthropic'),
        '",\n)\n',
      ]),
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      build([
        "const stripe = require('stripe')('",
        key('stripe'),
        "');\nawait stripe.charges.create({ amount: 2000, currency: 'usd' });",
      ]),
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      build([
        's3 = boto3.client(\n    "s3",\n    aws_access_key_id="',
        key('awsId'),
        '",\n    aws_secret_access_key="',
        key('awsSecret'),
        '",\n)',
      ]),
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      build([
        'const octokit = new Octokit({ auth: "',
        key('github'),
        '" })\nconst { data } = await octokit.rest.repos.get({ owner, repo })',
      ]),
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      build([
        'const map = new google.maps.Map(el, { center, zoom: 8 })\n// loaded with\n<script src="https://maps.googleapis.com/maps/api/js?key=',
        key('google'),
        '"></script>',
      ]),
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      build([
        'DB_CONFIG = {\n    "host": "db.internal",\n    "user": "app",\n    "password": "',
        L('SECRET', password()),
        '",\n}',
      ]),
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      build([
        'engine = create_engine("postgresql://app_user:',
        L('SECRET', password().replace(/[@/:#?]/g, 'x')),
        '@prod-db.internal:5432/orders")',
      ]),
  },
  {
    format: 'code',
    lang: 'en',
    make: () => build(['curl -H "Authorization: Bearer ', key('jwt'), '" https://api.example.com/v1/me']),
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      build(['git remote set-url origin https://oauth2:', key('gitlab'), '@gitlab.com/acme/backend.git']),
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      build(['app = App(token="', key('slack'), '", signing_secret="', L('SECRET', chars(32, HEX)), '")']),
  },
  {
    format: 'code',
    lang: 'en',
    make: () => build(['# deploy key, do not commit\nKEY = """', L('SECRET', pem()), '"""']),
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      build([
        'func main() {\n\tclient := github.NewClient(nil).WithAuthToken("',
        key('github'),
        '")\n\t_ = client\n}',
      ]),
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      build([
        "$mail->Password = '",
        L('SECRET', password()),
        "';\n$mail->Username = '",
        L('EMAIL', email()),
        "';",
      ]),
  },
  {
    format: 'env',
    lang: 'en',
    make: () =>
      build([
        '# .env\nNODE_ENV=production\nOPENAI_API_KEY=',
        key('openai'),
        '\nANTHROPIC_API_KEY=',
        key('anthropic'),
        '\nPORT=3000\n',
      ]),
  },
  {
    format: 'env',
    lang: 'en',
    make: () =>
      build([
        'AWS_ACCESS_KEY_ID=',
        key('awsId'),
        '\nAWS_SECRET_ACCESS_KEY=',
        key('awsSecret'),
        '\nAWS_REGION=eu-central-1',
      ]),
  },
  {
    format: 'env',
    lang: 'en',
    make: () =>
      build([
        'DATABASE_URL=postgres://admin:',
        L('SECRET', password().replace(/[@/:#?]/g, 'z')),
        '@db.example.net:5432/app\nREDIS_URL=redis://localhost:6379\nSESSION_SECRET=',
        L('SECRET', chars(40, ALNUM)),
      ]),
  },
  {
    format: 'env',
    lang: 'en',
    make: () =>
      build([
        'export GITHUB_TOKEN=',
        key('github'),
        '\nexport STRIPE_SECRET_KEY=',
        key('stripe'),
        '\nexport LOG_LEVEL=debug',
      ]),
  },
  {
    format: 'env',
    lang: 'en',
    make: () =>
      build([
        'SLACK_BOT_TOKEN=',
        key('slack'),
        '\nGOOGLE_API_KEY=',
        key('google'),
        '\nSMTP_PASSWORD=',
        L('SECRET', password()),
      ]),
  },
  {
    format: 'yaml',
    lang: 'en',
    make: () =>
      build([
        'database:\n  host: db.prod.internal\n  port: 5432\n  username: svc_orders\n  password: ',
        L('SECRET', password()),
        '\nredis:\n  url: redis://localhost:6379\n',
      ]),
  },
  {
    format: 'yaml',
    lang: 'en',
    make: () =>
      build([
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secrets\nstringData:\n  OPENAI_API_KEY: ',
        key('openai'),
        '\n  client_secret: ',
        L('SECRET', chars(32, ALNUM)),
        '\n',
      ]),
  },
  {
    format: 'json',
    lang: 'en',
    make: () => {
      const p = person()
      return build([
        '{"id": ',
        String(int(1000, 99999)),
        ', "name": "',
        L('PERSON', p.full),
        '", "email": "',
        L('EMAIL', email(p)),
        '", "phone": "',
        L('PHONE', phone('GB', 'e164')),
        '", "plan": "pro"}',
      ])
    },
  },
  {
    format: 'json',
    lang: 'en',
    make: () =>
      build([
        '{"customer": {"iban": "',
        L('IBAN', iban()),
        '", "card": "',
        L('CARD', card()),
        '"}, "amount": ',
        String(int(10, 999)),
        '.00, "currency": "EUR"}',
      ]),
  },
  {
    format: 'json',
    lang: 'en',
    make: () =>
      build([
        '{\n  "mcpServers": {\n    "github": {\n      "command": "npx",\n      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "',
        key('github'),
        '" }\n    }\n  }\n}',
      ]),
  },
  {
    format: 'json',
    lang: 'en',
    make: () =>
      build([
        '{"type": "service_account", "project_id": "demo-123", "private_key": "',
        L('SECRET', pem().replace(/\n/g, '\\n')),
        '", "client_email": "svc@demo-123.iam.gserviceaccount.com"}',
      ]),
  },
  {
    format: 'csv',
    lang: 'en',
    make: () => {
      const a = person()
      const b = person()
      return build([
        'name,email,phone,city\n',
        L('PERSON', a.full),
        ',',
        L('EMAIL', email(a)),
        ',',
        L('PHONE', phone('US', 'intl')),
        ',Boston\n',
        L('PERSON', b.full),
        ',',
        L('EMAIL', email(b)),
        ',',
        L('PHONE', phone('GB', 'intl')),
        ',Leeds\n',
      ])
    },
  },
  {
    format: 'csv',
    lang: 'de',
    make: () =>
      build([
        'Name;IBAN;Betrag\n',
        L('PERSON', person().full),
        ';',
        L('IBAN', iban('DE')),
        ';120,00\n',
        L('PERSON', person().full),
        ';',
        L('IBAN', iban('AT')),
        ';75,50\n',
      ]),
  },
  {
    format: 'csv',
    lang: 'en',
    make: () =>
      build([
        'order_id,card_number,amount\n',
        String(int(100000, 999999)),
        ',',
        L('CARD', card().replace(/[ -]/g, '')),
        ',',
        String(int(10, 500)),
        '.99\n',
      ]),
  },
  {
    format: 'chat',
    lang: 'en',
    make: () =>
      build([
        'can you rewrite this so it sounds friendlier? "',
        L('PERSON', person().full),
        ', your invoice is overdue. Pay now or call ',
        L('PHONE', phone('US', 'intl')),
        '."',
      ]),
  },
  {
    format: 'chat',
    lang: 'en',
    make: () =>
      build([
        'my wifi password is ',
        L('SECRET', password()),
        " and the router is at 192.168.1.1, why can't my laptop connect?",
      ]),
  },
  {
    format: 'chat',
    lang: 'en',
    make: () =>
      build([
        'I got this error with my key ',
        key('anthropic'),
        ': 401 invalid x-api-key. what am I doing wrong?',
      ]),
  },
  {
    format: 'chat',
    lang: 'en',
    make: () =>
      build([
        'Summarise: ',
        L('PERSON', person().full),
        ' (SSN ',
        L('SSN', ssn()),
        ', DOB ',
        L('DOB', dob('en')),
        ') applied for the loan on behalf of ',
        L('PERSON', person().full),
        '.',
      ]),
  },
  {
    format: 'chat',
    lang: 'de',
    region: 'DE',
    make: () =>
      build([
        'Formuliere eine Kündigung für mich: ',
        L('PERSON', person().full),
        ', ',
        L('ADDRESS', STREETS.de!()),
        ', 10115 Berlin, geboren am ',
        L('DOB', dob('de')),
        ', Kundennummer 4471123.',
      ]),
  },
  {
    format: 'chat',
    lang: 'fr',
    region: 'FR',
    make: () =>
      build([
        "Peux-tu corriger cette lettre ? Je m'appelle ",
        L('PERSON', person().full),
        ', né le ',
        L('DOB', dob('fr')),
        ', domicilié au ',
        L('ADDRESS', STREETS.fr!()),
        ' à Lyon.',
      ]),
  },
  {
    format: 'chat',
    lang: 'es',
    region: 'ES',
    make: () =>
      build([
        'Ayúdame con este correo: mi nombre es ',
        L('PERSON', person().full),
        ', fecha de nacimiento ',
        L('DOB', dob('es')),
        ', vivo en ',
        L('ADDRESS', STREETS.es!()),
        ', Madrid.',
      ]),
  },
  {
    format: 'chat',
    lang: 'it',
    region: 'IT',
    make: () =>
      build([
        'Scrivi una mail al padrone di casa: sono ',
        L('PERSON', person().full),
        ', nata il ',
        L('DOB', dob('it')),
        ', abito in ',
        L('ADDRESS', STREETS.it!()),
        '.',
      ]),
  },
  {
    format: 'chat',
    lang: 'en',
    make: () =>
      build([
        'Translate to German: "Please send the contract to ',
        L('EMAIL', email()),
        ' and the payment to IBAN ',
        L('IBAN', iban('GB')),
        '."',
      ]),
  },
  { format: 'chat', lang: 'en', make: () => build(['why does my JWT fail verification? ', key('jwt')]) },
  {
    format: 'chat',
    lang: 'en',
    make: () => build(['Here is my deploy key, can you tell me what format it is?\n', L('SECRET', pem())]),
  },
  {
    format: 'chat',
    lang: 'en',
    make: () =>
      build([
        'Our office moved to ',
        L('ADDRESS', STREETS.en!()),
        ', Suite 200. Update the footer and the contact email ',
        L('EMAIL', email()),
        '.',
      ]),
  },
  {
    format: 'chat',
    lang: 'en',
    region: 'IN',
    make: () =>
      build([
        'Draft a reply to ',
        L('PERSON', pick(['Priya', 'Rahul', 'Aisha'])),
        ' saying I will call at 5pm on ',
        L('PHONE', phone('IN', 'intl')),
        '.',
      ]),
  },
  {
    format: 'chat',
    lang: 'en',
    make: () =>
      build([
        'Dr. ',
        L('PERSON', pick(LAST)),
        ' asked me to send the MRI results to ',
        L('EMAIL', email()),
        '. Can you write a short cover note?',
      ]),
  },
  {
    format: 'chat',
    lang: 'en',
    make: () =>
      build([
        'Thanks ',
        L('PERSON', pick(['Siobhan', 'Thandiwe', 'Dagny', 'Eero', 'Kofi', 'Ngozi'])),
        '! I will forward it to ',
        L('PERSON', person().full),
        ' tomorrow.',
      ]),
  },
  {
    format: 'config',
    lang: 'en',
    make: () =>
      build([
        '[smtp]\nserver = smtp.mailgun.org\nport = 587\nuser = postmaster@mg.example.com\npassword = ',
        L('SECRET', password()),
        '\n',
      ]),
  },
  {
    format: 'config',
    lang: 'en',
    make: () =>
      build([
        '<connectionStrings>\n  <add name="Main" connectionString="Server=sql01;Database=Shop;User Id=shop;Password=',
        L('SECRET', password().replace(/[;"<>&]/g, 'k')),
        ';" />\n</connectionStrings>',
      ]),
  },
  {
    format: 'config',
    lang: 'en',
    make: () =>
      build([
        '[default]\naws_access_key_id = ',
        key('awsId'),
        '\naws_secret_access_key = ',
        key('awsSecret'),
        '\n',
      ]),
  },
  {
    format: 'config',
    lang: 'en',
    make: () => build(['//registry.npmjs.org/:_authToken=npm_', L('SECRET', chars(36, ALNUM)), '\n']),
  },
  {
    format: 'webhook',
    lang: 'en',
    make: () =>
      build([
        'Post alerts to https://hooks.slack.com/services/',
        L('SECRET', `T${chars(8, UPPER_NUM)}/B${chars(8, UPPER_NUM)}/${chars(24, ALNUM)}`),
        ' whenever the job fails.',
      ]),
  },
  {
    format: 'form',
    lang: 'en',
    region: 'US',
    make: () =>
      build([
        'Name: ',
        L('PERSON', person().full),
        '\nAddress: ',
        L('ADDRESS', STREETS.en!()),
        ', Austin, TX 78701\nPhone: ',
        L('PHONE', phone('US', 'national')),
        '\nEmail: ',
        L('EMAIL', email()),
        '\nCard: ',
        L('CARD', card()),
        '\n',
      ]),
  },
  {
    format: 'form',
    lang: 'de',
    region: 'DE',
    make: () =>
      build([
        'Vorname: ',
        L('PERSON', pick(FIRST)),
        '\nAnschrift: ',
        L('ADDRESS', STREETS.de!()),
        ', 80331 München\nGeburtsdatum: ',
        L('DOB', dob('de')),
        '\nTelefon: ',
        L('PHONE', phone('DE', 'intl')),
        '\n',
      ]),
  },
  {
    format: 'form',
    lang: 'pt',
    region: 'PT',
    make: () =>
      build([
        'Nome completo: ',
        L('PERSON', person().full),
        '\nData de nascimento: ',
        L('DOB', dob('pt')),
        '\nIBAN: ',
        L('IBAN', iban('PT')),
        '\n',
      ]),
  },
  {
    format: 'sms',
    lang: 'en',
    region: 'GB',
    make: () =>
      build([
        'Text from ',
        L('PHONE', phone('GB', 'national')),
        ': your parcel is at the depot, ring me back. ',
        L('PERSON', pick(['Olivia', 'James', 'Hannah'])),
        ' x',
      ]),
  },
  {
    format: 'network',
    lang: 'en',
    make: () =>
      build([
        'ssh deploy@',
        L('IP', publicIp()),
        ' -i ~/.ssh/id_ed25519; then from there jump to ',
        L('IP', privateIp()),
        ' and ',
        L('IP', ipv6()),
      ]),
  },
]

// --- negative templates ---------------------------------------------------------------------------
const uuid = () =>
  `${chars(8, HEX)}-${chars(4, HEX)}-4${chars(3, HEX)}-${pick(['8', '9', 'a', 'b'])}${chars(3, HEX)}-${chars(12, HEX)}`
const semver = () => `${int(0, 20)}.${int(0, 40)}.${int(0, 30)}`
const ts = () =>
  `2024-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}T${String(int(0, 23)).padStart(2, '0')}:${String(int(0, 59)).padStart(2, '0')}:${String(int(0, 59)).padStart(2, '0')}.${digits(3)}Z`
const price = () =>
  pick([
    `$${int(1, 2999)}.${digits(2)}`,
    `€${int(1, 999)},${digits(2)}`,
    `${int(1, 999)}.${digits(2)} USD`,
    `£${int(1, 99)}.99`,
  ])
const MODEL_IDS = [
  'gpt-4o-mini-2024-07-18',
  'claude-3-5-sonnet-20241022',
  'gemini-1.5-pro-002',
  'llama-3.1-70b-versatile',
  'mistral-large-2411',
  'deepseek-chat',
  'o1-preview-2024-09-12',
  'text-embedding-3-small',
]

const NEGATIVE: Array<{ format: string; lang: string; make: () => string }> = [
  {
    format: 'code',
    lang: 'en',
    make: () =>
      `import os\nfrom openai import OpenAI\n\napi_key = os.environ["OPENAI_API_KEY"]\nclient = OpenAI(api_key=api_key)\nresp = client.chat.completions.create(model="${pick(MODEL_IDS)}", messages=msgs, max_tokens=${int(100, 4096)})`,
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      `const apiKey = process.env.ANTHROPIC_API_KEY\nif (!apiKey) throw new Error('ANTHROPIC_API_KEY is not set')\nconst client = new Anthropic({ apiKey })`,
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      `def check_password(password: str, hashed: bytes) -> bool:\n    return bcrypt.checkpw(password.encode(), hashed)\n\nMIN_PASSWORD_LENGTH = ${int(8, 16)}`,
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      `for (let i = 0; i < ${int(10, 1000)}; i++) {\n  const id = crypto.randomUUID() // e.g. ${uuid()}\n  ids.push(id)\n}`,
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      `SELECT order_id, total, created_at FROM orders WHERE created_at > '2024-0${int(1, 9)}-01' AND total > ${int(10, 500)}.00 ORDER BY created_at DESC LIMIT ${int(10, 100)};`,
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      `password = getpass.getpass("Password: ")\ntoken = request.headers.get("Authorization", "").removeprefix("Bearer ")\nsecret = settings.SECRET_KEY`,
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      `  File "/usr/lib/python3.${int(8, 12)}/site-packages/requests/adapters.py", line ${int(100, 700)}, in send\n    raise ConnectionError(e, request=request)\nrequests.exceptions.ConnectionError: HTTPConnectionPool(host='localhost', port=${int(3000, 9000)}): Max retries exceeded`,
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      `const server = app.listen(${int(3000, 9000)}, '127.0.0.1', () => console.log('listening on http://localhost:${int(3000, 9000)}'))`,
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      `type User = { id: string; email: string; passwordHash: string; createdAt: Date }\nconst schema = z.object({ email: z.string().email(), password: z.string().min(${int(8, 12)}) })`,
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      `max_tokens = ${int(256, 8192)}\ntemperature = 0.${int(0, 9)}\ntoken_count = len(tokenizer.encode(text))\nprint(f"used {token_count} tokens")`,
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      `docker run -p ${int(3000, 9000)}:80 -e API_KEY=$API_KEY -e DB_PASSWORD=\${DB_PASSWORD} nginx:${semver()}`,
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      `#[derive(Debug)]\nstruct Config { api_key: String, timeout_ms: u64 }\nlet cfg = Config { api_key: std::env::var("API_KEY")?, timeout_ms: ${int(100, 60000)} };`,
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      `matrix = np.zeros((${int(2, 512)}, ${int(2, 512)}))\nresult = np.linalg.svd(matrix)  # ${int(2, 99)}.${digits(3)} ms on average`,
  },
  {
    format: 'code',
    lang: 'en',
    make: () => `headers = {"Authorization": f"Bearer {token}", "X-Request-Id": "${uuid()}"}`,
  },
  {
    format: 'log',
    lang: 'en',
    make: () =>
      `${ts()} INFO  http GET /api/v1/orders/${int(1000, 99999)} 200 ${int(1, 900)}ms req_id=${uuid()}`,
  },
  {
    format: 'log',
    lang: 'en',
    make: () =>
      `${ts()} WARN  cache miss key=user:${int(1, 99999)}:profile ttl=${int(60, 3600)}s hit_ratio=0.${digits(2)}`,
  },
  {
    format: 'log',
    lang: 'en',
    make: () =>
      `[${ts()}] worker-${int(1, 16)} processed batch ${int(1, 9999)} (${int(100, 10000)} items) in ${int(1, 99)}.${digits(2)}s, memory ${int(100, 2000)} MB`,
  },
  {
    format: 'log',
    lang: 'en',
    make: () =>
      `commit ${chars(40, HEX)}\nMerge: ${chars(7, HEX)} ${chars(7, HEX)}\nDate:   Tue May 21 ${int(10, 23)}:${int(10, 59)}:${int(10, 59)} 2024 +0200\n\n    fix: bump dependency to ${semver()}`,
  },
  {
    format: 'log',
    lang: 'en',
    make: () =>
      `npm WARN deprecated inflight@1.0.6: This module is not supported\nadded ${int(100, 1500)} packages, and audited ${int(100, 1500)} packages in ${int(2, 60)}s\nfound 0 vulnerabilities`,
  },
  {
    format: 'log',
    lang: 'en',
    make: () =>
      `GET http://localhost:${int(3000, 9000)}/health -> 200 OK (${int(1, 50)}ms); upstream http://127.0.0.1:${int(3000, 9000)}/v1/models -> 200`,
  },
  {
    format: 'log',
    lang: 'en',
    make: () =>
      `kernel: [${int(1, 99999)}.${digits(6)}] eth0: link up, 1000 Mbps, full duplex; listening on 0.0.0.0:${int(1000, 9999)} and [::]:${int(1000, 9999)}`,
  },
  {
    format: 'log',
    lang: 'en',
    make: () => `sha256:${chars(64, HEX)}  image pulled (${int(10, 900)}.${digits(1)} MB) digest verified`,
  },
  {
    format: 'log',
    lang: 'en',
    make: () =>
      `Build ${int(1000, 9999)} finished: ${int(100, 999)} tests passed, ${int(0, 5)} skipped, coverage ${int(50, 99)}.${digits(1)}% (took ${int(1, 59)}m ${int(1, 59)}s)`,
  },
  {
    format: 'versions',
    lang: 'en',
    make: () =>
      `Upgraded react ${semver()} -> ${semver()}, typescript ${semver()} -> ${semver()}, node v${int(16, 22)}.${int(0, 19)}.${int(0, 9)}; Windows build 10.0.${int(17000, 22631)}.${int(1000, 4000)}`,
  },
  {
    format: 'versions',
    lang: 'en',
    make: () =>
      `Requires Python >=3.${int(8, 12)}, numpy==${semver()}, torch==2.${int(0, 5)}.${int(0, 3)}+cu121, CUDA 12.${int(0, 4)}`,
  },
  {
    format: 'prices',
    lang: 'en',
    make: () =>
      `Your order #${int(100000, 9999999)} of ${int(1, 9)} items totals ${price()} (incl. VAT ${int(5, 25)}%). Estimated delivery: ${int(2, 9)} business days.`,
  },
  {
    format: 'prices',
    lang: 'en',
    make: () =>
      `Pricing: ${pick(MODEL_IDS)} costs $${int(0, 15)}.${digits(2)} per 1M input tokens and $${int(1, 60)}.${digits(2)} per 1M output tokens.`,
  },
  {
    format: 'prices',
    lang: 'de',
    make: () =>
      `Bestellung Nr. ${int(100000, 999999)} vom ${int(1, 28)}.0${int(1, 9)}.2024: Gesamtbetrag ${int(10, 999)},${digits(2)} €, Lieferung in ${int(2, 5)} Werktagen.`,
  },
  {
    format: 'prices',
    lang: 'fr',
    make: () =>
      `Commande n° ${int(100000, 999999)} : ${int(1, 9)} articles, total ${int(10, 999)},${digits(2)} € TTC, livraison prévue le ${int(1, 28)} juin.`,
  },
  {
    format: 'prices',
    lang: 'es',
    make: () =>
      `Pedido ${int(100000, 999999)}: ${int(1, 9)} productos por ${int(10, 999)},${digits(2)} €. Envío gratuito a partir de 50 €.`,
  },
  {
    format: 'json',
    lang: 'en',
    make: () =>
      `{"id": "${uuid()}", "model": "${pick(MODEL_IDS)}", "usage": {"prompt_tokens": ${int(1, 9999)}, "completion_tokens": ${int(1, 9999)}}, "created": ${1716200000 + int(0, 999999)}}`,
  },
  {
    format: 'json',
    lang: 'en',
    make: () =>
      `{"name": "my-app", "version": "${semver()}", "dependencies": {"express": "^${semver()}", "zod": "^${semver()}"}, "engines": {"node": ">=${int(16, 22)}"}}`,
  },
  {
    format: 'json',
    lang: 'en',
    make: () =>
      `{"metrics": {"p50_ms": ${int(1, 99)}.${digits(1)}, "p99_ms": ${int(100, 999)}.${digits(1)}, "rps": ${int(100, 9999)}, "errors": ${int(0, 9)}}, "window": "${ts()}"}`,
  },
  {
    format: 'json',
    lang: 'en',
    make: () =>
      `{"api_key": "\${OPENAI_API_KEY}", "password": "<your password>", "token": null, "base_url": "http://localhost:11434/v1"}`,
  },
  {
    format: 'yaml',
    lang: 'en',
    make: () =>
      `services:\n  web:\n    image: node:${int(18, 22)}-alpine\n    ports: ["${int(3000, 9000)}:3000"]\n    environment:\n      - DATABASE_PASSWORD=\${DATABASE_PASSWORD}\n      - API_KEY_FILE=/run/secrets/api_key`,
  },
  {
    format: 'yaml',
    lang: 'en',
    make: () =>
      `jobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm test\n        env:\n          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}`,
  },
  {
    format: 'env',
    lang: 'en',
    make: () =>
      `# copy to .env and fill in\nOPENAI_API_KEY=\nANTHROPIC_API_KEY=your-key-here\nPORT=${int(3000, 9000)}\nLOG_LEVEL=info`,
  },
  {
    format: 'csv',
    lang: 'en',
    make: () =>
      `sku,product,price,stock\nSKU-${int(1000, 9999)},USB-C cable 2m,${int(5, 30)}.99,${int(0, 500)}\nSKU-${int(1000, 9999)},Laptop stand,${int(20, 90)}.00,${int(0, 200)}\nSKU-${int(1000, 9999)},Webcam 1080p,${int(30, 150)}.49,${int(0, 80)}`,
  },
  {
    format: 'csv',
    lang: 'en',
    make: () =>
      `date,region,revenue,orders\n2024-0${int(1, 9)}-${int(10, 28)},EMEA,${int(10000, 99999)}.${digits(2)},${int(100, 999)}\n2024-0${int(1, 9)}-${int(10, 28)},APAC,${int(10000, 99999)}.${digits(2)},${int(100, 999)}`,
  },
  {
    format: 'chat',
    lang: 'en',
    make: () =>
      `What is the difference between ${pick(MODEL_IDS)} and ${pick(MODEL_IDS)} for code review? I mostly use Python ${int(3, 3)}.${int(8, 12)} and TypeScript ${int(4, 5)}.${int(0, 9)}.`,
  },
  {
    format: 'chat',
    lang: 'en',
    make: () =>
      `Explain why my regex ^\\d{3}-\\d{4}$ does not match '${int(100, 999)}-${int(1000, 9999)}x' and how to anchor it properly.`,
  },
  {
    format: 'chat',
    lang: 'en',
    make: () =>
      `My password reset emails are not arriving. Which settings in the SMTP config should I check first? The token expires after ${int(10, 60)} minutes.`,
  },
  {
    format: 'chat',
    lang: 'en',
    make: () =>
      `Convert ${int(1, 999)} USD to EUR at a rate of 0.${int(85, 95)}, round to 2 decimals, and show the formula.`,
  },
  {
    format: 'chat',
    lang: 'en',
    make: () =>
      `The meeting is on May ${int(1, 28)} at ${int(9, 17)}:00 in room ${int(100, 500)}. Bring the Q${int(1, 4)} report and the roadmap.`,
  },
  {
    format: 'chat',
    lang: 'de',
    make: () =>
      `Wie konfiguriere ich einen Reverse Proxy mit nginx ${semver()} für einen Dienst auf localhost:${int(3000, 9000)}? Das Zertifikat läuft am 2025-0${int(1, 9)}-01 ab.`,
  },
  {
    format: 'chat',
    lang: 'fr',
    make: () =>
      `Pourquoi mon script Python ${int(3, 3)}.${int(8, 12)} renvoie-t-il une erreur 404 sur http://127.0.0.1:${int(3000, 9000)}/api ? Le serveur tourne depuis ${int(2, 48)} heures.`,
  },
  {
    format: 'chat',
    lang: 'es',
    make: () =>
      `¿Cómo puedo reducir el tiempo de respuesta de ${int(400, 900)} ms a menos de ${int(50, 200)} ms en una API de Node.js ${int(18, 22)}?`,
  },
  {
    format: 'chat',
    lang: 'it',
    make: () =>
      `Qual è la differenza tra la versione ${semver()} e la ${semver()} di questa libreria? Il changelog parla di ${int(3, 40)} correzioni.`,
  },
  {
    format: 'chat',
    lang: 'pt',
    make: () =>
      `Como faço para limitar o uso de memória do Docker a ${int(256, 4096)} MB? O container usa a imagem postgres:${int(13, 17)}.`,
  },
  {
    format: 'chat',
    lang: 'nl',
    make: () =>
      `Hoe zet ik de timeout van mijn API op ${int(5, 120)} seconden? Versie ${semver()} negeert de instelling.`,
  },
  {
    format: 'docs',
    lang: 'en',
    make: () =>
      `To authenticate, set the environment variable OPENAI_API_KEY. Never hard-code your key; use a secrets manager instead. Rate limits: ${int(500, 10000)} requests per minute.`,
  },
  {
    format: 'docs',
    lang: 'en',
    make: () =>
      `The hash of the empty string is e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855; MD5 ${chars(32, HEX)} is shown for comparison.`,
  },
  {
    format: 'docs',
    lang: 'en',
    make: () =>
      `Example network: hosts 192.0.2.${int(1, 254)} and 198.51.100.${int(1, 254)} (documentation ranges), gateway 203.0.113.1, IPv6 2001:db8::${chars(2, HEX)}, loopback 127.0.0.1 and ::1.`,
  },
  {
    format: 'docs',
    lang: 'en',
    make: () =>
      `Call POST /v1/chat/completions with {"model": "${pick(MODEL_IDS)}", "messages": [...], "stream": true}. The response is a stream of chunks ending with data: [DONE].`,
  },
  {
    format: 'docs',
    lang: 'en',
    make: () =>
      `Release ${semver()} (2024-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}): ${int(2, 30)} bug fixes, ${int(1, 9)} new features, and ${int(0, 3)} breaking changes. See PR #${int(1000, 9999)}.`,
  },
  {
    format: 'math',
    lang: 'en',
    make: () =>
      `Compute ${int(1000, 99999)} * ${int(1000, 99999)} and ${int(100000, 9999999)} / ${int(2, 99)}; then check whether ${int(1000000, 99999999)} is prime.`,
  },
  {
    format: 'math',
    lang: 'en',
    make: () =>
      `The series 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144 continues with ${int(200, 300)}? Sum of the first ${int(10, 50)} terms.`,
  },
  {
    format: 'ids',
    lang: 'en',
    make: () =>
      `Tracking numbers: 1Z${chars(16, UPPER_NUM)}, JD${digits(18)}; invoice INV-2024-${digits(5)}; ticket JIRA-${int(100, 9999)}; container ${chars(12, HEX)}.`,
  },
  {
    format: 'ids',
    lang: 'en',
    make: () =>
      `ISBN 978-${int(0, 1)}-${digits(3)}-${digits(5)}-${int(0, 9)}, DOI 10.${int(1000, 9999)}/${chars(8, 'abcdefghijklmnopqrstuvwxyz0123456789')}, arXiv:${int(2001, 2412)}.${digits(5)}`,
  },
  // Harder: capitalised words, greetings without names, number shapes close to the real thing.
  {
    format: 'chat',
    lang: 'en',
    make: () =>
      `Hi there! Thanks everyone for joining. Dear Customer, Hello World is printed ${int(2, 9)} times when Visual Studio Code starts.`,
  },
  {
    format: 'chat',
    lang: 'en',
    make: () =>
      `We deployed to AWS Frankfurt and Google Cloud Tokyo; shipping to Jordan and Paris takes ${int(2, 9)} days. Wall Street Journal covered it.`,
  },
  {
    format: 'ids',
    lang: 'en',
    make: () => {
      for (;;) {
        const n = `${int(1, 9)}${digits(15)}`
        let sum = 0
        for (let i = 0; i < 16; i++) {
          let d = Number(n[15 - i])
          if (i % 2) {
            d *= 2
            if (d > 9) d -= 9
          }
          sum += d
        }
        if (sum % 10) return `Transaction ID ${n} settled; batch ${digits(10)} pending.`
      }
    },
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      `git clone git@github.com:acme/app-${int(1, 99)}.git && npm i lodash@4.17.21 @types/node@20.${int(1, 19)}.${int(0, 9)} react@${semver()}`,
  },
  {
    format: 'docs',
    lang: 'en',
    make: () =>
      `Your password must be at least ${int(8, 16)} characters and contain a number. The token is expired after ${int(5, 60)} minutes; the secret is stored in Vault.`,
  },
  {
    format: 'docs',
    lang: 'en',
    make: () =>
      `Role arn:aws:iam::${digits(12)}:role/deploy-${int(1, 9)} assumes the policy; see ticket ${digits(10)} for details.`,
  },
  {
    format: 'log',
    lang: 'en',
    make: () =>
      `Shift ${String(int(6, 10)).padStart(2, '0')}:00-${int(14, 18)}:30, break at 12:${int(10, 59)}; job ran from ${ts()} to ${ts()}.`,
  },
  {
    format: 'docs',
    lang: 'en',
    make: () =>
      `| metric | value |\n| --- | --- |\n| pi | 3.14159 |\n| e | 2.71828 |\n| requests | ${int(1000, 99999)} |\n| latency | ${int(1, 99)} ms |`,
  },
  {
    format: 'docs',
    lang: 'en',
    make: () =>
      `Abbey Road Studios and Main Street Capital are on Oak Lane; the report from ${int(1, 28)} March 19${int(50, 99)} was archived.`,
  },
  {
    format: 'code',
    lang: 'en',
    make: () =>
      `password_field = form.cleaned_data["password"]\nif user.check_password(password_field):\n    login(request, user)\napi_key_header = "X-API-Key"`,
  },
  {
    format: 'chat',
    lang: 'de',
    make: () =>
      `Hallo zusammen, danke fürs Mitmachen! Das Update auf Version ${semver()} kommt am Montag, ${int(1, 28)}. Juni.`,
  },
  {
    format: 'chat',
    lang: 'fr',
    make: () =>
      `Bonjour à tous, merci ! La réunion du ${int(1, 28)} mai est déplacée à ${int(9, 17)}h30, salle ${int(100, 400)}.`,
  },
]

// --- build ------------------------------------------------------------------------------------------
export function generate(): Sample[] {
  seed = 20240521
  const samples: Sample[] = []
  for (let i = 0; samples.length < 340; i++) {
    const t = POSITIVE[i % POSITIVE.length]!
    const { text, labels } = t.make()
    samples.push({
      id: `pos-${String(samples.length + 1).padStart(3, '0')}`,
      kind: 'positive',
      format: t.format,
      lang: t.lang,
      ...(t.region ? { region: t.region } : {}),
      text,
      labels,
    })
  }
  for (let i = 0; i < 200; i++) {
    const t = NEGATIVE[i % NEGATIVE.length]!
    samples.push({
      id: `neg-${String(i + 1).padStart(3, '0')}`,
      kind: 'negative',
      format: t.format,
      lang: t.lang,
      text: t.make(),
      labels: [],
    })
  }
  return samples
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = join(dirname(fileURLToPath(import.meta.url)), 'dataset.json')
  const samples = generate()
  writeFileSync(out, `${JSON.stringify(samples, null, 1)}\n`)
  const pos = samples.filter((s) => s.kind === 'positive')
  process.stdout.write(
    `wrote ${out}: ${pos.length} positive texts (${pos.reduce((n, s) => n + s.labels.length, 0)} labelled values), ${samples.length - pos.length} hard negatives\n`,
  )
}
