/**
 * Detectors: each scans one text and pushes the spans it is sure about. Validation beats pattern
 * matching wherever a rule exists (Luhn and issuer prefixes for cards, mod-97 and country length for
 * IBANs, libphonenumber's metadata for phones, the address ranges for IPs); context words decide the
 * rest (a date is a birth date only next to "born", a number is a phone without a country code only
 * when it is written like one or next to "tel"). Every regex is linear-time and guarded by a cheap
 * substring check, so a 100 KB prompt costs a few milliseconds.
 */
import { createRequire } from 'node:module'
import { isIPv6 } from 'node:net'
import type * as PhoneNumberLib from 'libphonenumber-js/max'
import type { CountryCode } from 'libphonenumber-js/max'
import {
  AMBIGUOUS_FIRST_NAMES,
  DOB_CONTEXT,
  FIRST_NAMES,
  IBAN_LENGTHS,
  NAME_LABELS,
  NAME_PHRASES,
  NOT_SURNAMES,
  PHONE_CONTEXT,
  TITLES,
} from './data'
import type { DetectOptions, EntityType, Span } from './types'

type PhoneNumbers = typeof PhoneNumberLib
let phoneNumbers: PhoneNumbers | undefined

/**
 * libphonenumber with its full metadata costs ~10 MB and ~35 ms to load: it is loaded when the first
 * text is scanned for phone numbers, not with the gateway (most users run with redaction off). With
 * redaction on, the gateway's start-up warm-up (`warmUp`) scans a phone number, so it loads then.
 */
function phoneLib(): PhoneNumbers {
  phoneNumbers ??= createRequire(import.meta.url)('libphonenumber-js/max') as PhoneNumbers
  return phoneNumbers
}

type Push = (type: EntityType, start: number, end: number, priority: number) => void
/** Spans found so far (detectors run in priority order), for detectors that are costly per candidate. */
type Found = readonly Span[]

const PRIORITY: Record<EntityType, number> = {
  TERM: 100,
  SECRET: 90,
  EMAIL: 80,
  CARD: 75,
  IBAN: 75,
  SSN: 70,
  IP: 60,
  PHONE: 50,
  DOB: 45,
  ADDRESS: 40,
  PERSON: 30,
}

// ---------------------------------------------------------------------------------------------------
// Emails

const LOCAL_CHAR = /[\p{L}\p{N}._%+-]/u
/** The domain after '@', matched at a fixed position (sticky). */
const EMAIL_DOMAIN =
  /(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,24}(?![\p{L}\p{N}-]|\.\p{L})/uy
/** `git@github.com:owner/repo` is an SSH remote, not somebody's address. */
const SSH_REMOTE = /^git@/i

/** Emails are found from each '@' outwards: a scan of the whole text would cost far more. */
function emails(text: string, push: Push): void {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at
    while (start > 0 && at - start < 64 && LOCAL_CHAR.test(text[start - 1]!)) start--
    while (start < at && (text[start] === '.' || text[start] === '-')) start++
    if (start === at || text[at - 1] === '.') continue
    EMAIL_DOMAIN.lastIndex = at + 1
    const d = EMAIL_DOMAIN.exec(text)
    if (!d) continue
    const end = at + 1 + d[0].length
    const value = text.slice(start, end)
    if (value.slice(0, at - start).includes('..')) continue
    if (SSH_REMOTE.test(value) && text[end] === ':') continue
    push('EMAIL', start, end, PRIORITY.EMAIL)
  }
}

// ---------------------------------------------------------------------------------------------------
// Payment cards

const CARD = /(?<![\w.-])\d(?:[ -]?\d){12,18}(?![\w-]|\.\d)/g

export function luhn(digits: string): boolean {
  let sum = 0
  let double = false
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    double = !double
  }
  return sum % 10 === 0
}

/** True when the number's prefix belongs to a card network that issues numbers of this length. */
export function cardIssuer(d: string): string | null {
  const n = d.length
  const p2 = Number(d.slice(0, 2))
  const p3 = Number(d.slice(0, 3))
  const p4 = Number(d.slice(0, 4))
  if (d[0] === '4') return n === 13 || n === 16 || n === 19 ? 'visa' : null
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16 ? 'mastercard' : null
  if (p2 === 34 || p2 === 37) return n === 15 ? 'amex' : null
  if (p4 >= 2200 && p4 <= 2204) return n >= 16 && n <= 19 ? 'mir' : null
  if (p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649)) return n >= 16 && n <= 19 ? 'discover' : null
  if (p4 >= 3528 && p4 <= 3589) return n >= 16 && n <= 19 ? 'jcb' : null
  if ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39)
    return n >= 14 && n <= 19 ? 'diners' : null
  if (p2 === 62) return n >= 16 && n <= 19 ? 'unionpay' : null
  if (p2 === 50 || (p2 >= 56 && p2 <= 69)) return n >= 12 && n <= 19 ? 'maestro' : null
  return null
}

function cards(text: string, push: Push): void {
  for (const m of text.matchAll(CARD)) {
    const digits = m[0].replace(/[ -]/g, '')
    if (digits.length < 13 || !cardIssuer(digits) || !luhn(digits)) continue
    push('CARD', m.index, m.index + m[0].length, PRIORITY.CARD)
  }
}

// ---------------------------------------------------------------------------------------------------
// IBANs

const IBAN = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]){10,30}/g

export function ibanValid(compact: string): boolean {
  const len = IBAN_LENGTHS[compact.slice(0, 2)]
  if (!len || compact.length !== len) return false
  const moved = compact.slice(4) + compact.slice(0, 4)
  let rem = 0
  for (let i = 0; i < moved.length; i++) {
    const c = moved.charCodeAt(i)
    if (c >= 48 && c <= 57) rem = (rem * 10 + (c - 48)) % 97
    else if (c >= 65 && c <= 90) rem = (rem * 100 + (c - 55)) % 97
    else return false
  }
  return rem === 1
}

function ibans(text: string, push: Push): void {
  for (const m of text.matchAll(IBAN)) {
    const len = IBAN_LENGTHS[m[0].slice(0, 2)]
    if (!len) continue
    // Take exactly the country's length of characters: the greedy match may run into the next word.
    let count = 0
    let end = 0
    const raw = m[0]
    for (; end < raw.length && count < len; end++) if (raw[end] !== ' ' && raw[end] !== '\u00a0') count++
    if (count !== len) continue
    const next = text[m.index + end]
    if (next !== undefined && /[A-Za-z0-9]/.test(next)) continue
    if (!ibanValid(raw.slice(0, end).replace(/[ \u00a0]/g, ''))) continue
    push('IBAN', m.index, m.index + end, PRIORITY.IBAN)
  }
}

// ---------------------------------------------------------------------------------------------------
// US social security numbers

const SSN_DASHED = /(?<![\w-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w-])/g
const SSN_CONTEXT_NUMBER =
  /\b(?:ssn|social security(?: number| no\.?)?|soc\. ?sec\.?)\b[^\d\n]{0,20}((?!000|666|9\d\d)\d{3}[ ]?(?!00)\d{2}[ ]?(?!0000)\d{4})(?!\d)/dgi

function ssns(text: string, push: Push): void {
  if (text.includes('-'))
    for (const m of text.matchAll(SSN_DASHED)) push('SSN', m.index, m.index + m[0].length, PRIORITY.SSN)
  for (const m of text.matchAll(SSN_CONTEXT_NUMBER)) {
    const [s, e] = m.indices![1]!
    push('SSN', s, e, PRIORITY.SSN)
  }
}

// ---------------------------------------------------------------------------------------------------
// IP addresses

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)'
const IPV4 = new RegExp(`(?<![\\w.])${OCTET}(?:\\.${OCTET}){3}(?![\\w]|\\.\\d)`, 'g')
const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|:|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])/g
const VERSION_BEFORE = /(?:\bv|\bversion\s*|\bver\.?\s*|\bbuild\s*)$/i
/** Public resolvers everyone types: not personal. */
const WELL_KNOWN = new Set(['8.8.8.8', '8.8.4.4', '1.1.1.1', '1.0.0.1', '9.9.9.9', '208.67.222.222'])

/** 'skip' for addresses that identify nobody (loopback, documentation, unspecified, netmasks). */
export function classifyIPv4(ip: string): 'public' | 'private' | 'skip' {
  const [a, b, c] = ip.split('.').map(Number) as [number, number, number, number]
  if (a === 127 || a === 0 || a === 255 || a >= 224) return 'skip'
  if (WELL_KNOWN.has(ip)) return 'skip'
  if (
    (a === 192 && b === 0 && c === 2) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113)
  )
    return 'skip'
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private'
  if ((a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254)) return 'private'
  return 'public'
}

export function classifyIPv6(ip: string): 'public' | 'private' | 'skip' {
  const lower = ip.toLowerCase()
  if (lower === '::1' || lower === '::' || lower.startsWith('::ffff:127.')) return 'skip'
  if (/^2001:0?db8:/.test(lower)) return 'skip'
  if (/^f[cd][0-9a-f]{0,2}:/.test(lower) || /^fe[89ab][0-9a-f]?:/.test(lower)) return 'private'
  if (/^ff[0-9a-f]{2}:/.test(lower)) return 'skip'
  return 'public'
}

function ips(text: string, push: Push, opts: DetectOptions): void {
  if (text.includes('.'))
    for (const m of text.matchAll(IPV4)) {
      const kind = classifyIPv4(m[0])
      if (kind === 'skip' || (kind === 'private' && !opts.privateIps)) continue
      // "7.6.1.1", "1.2.3.4-rc.1": section and version numbers, not hosts.
      if (kind === 'public' && m[0].split('.').every((o) => Number(o) <= 12)) continue
      if (VERSION_BEFORE.test(text.slice(Math.max(0, m.index - 10), m.index))) continue
      push('IP', m.index, m.index + m[0].length, PRIORITY.IP)
    }
  if (text.includes(':'))
    for (const m of text.matchAll(IPV6)) {
      const ip = m[0]
      if (ip.length < 6 || !isIPv6(ip)) continue
      if (!ip.includes('::') && ip.split(':').length < 8) continue
      if ((ip.match(/[0-9a-f]+/gi) ?? []).length < 3) continue
      const kind = classifyIPv6(ip)
      if (kind === 'skip' || (kind === 'private' && !opts.privateIps)) continue
      push('IP', m.index, m.index + ip.length, PRIORITY.IP)
    }
}

// ---------------------------------------------------------------------------------------------------
// Phone numbers

const PHONE_CANDIDATE = /(?<![\w#@$€£¥./+-])(?:\+|00)?\(?\d[\d \u00a0().\-/]{5,20}\d(?![\w]|[.,]\d|-\d)/g
const DATE_SHAPE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})(?!\d)/
const IPV4_SHAPE = /^\d{1,3}(?:\.\d{1,3}){3}$/

function phones(text: string, push: Push, opts: DetectOptions, found: Found): void {
  const seen = new Map<string, boolean>()
  for (const m of text.matchAll(PHONE_CANDIDATE)) {
    let raw = m[0]
    // A candidate may start inside a parenthesis it does not close ("(+1 ...": fine) or end in one.
    if (raw.endsWith(')') && !raw.includes('(')) raw = raw.slice(0, -1)
    const digits = raw.replace(/\D/g, '')
    if (digits.length < 7 || digits.length > 15) continue
    if (DATE_SHAPE.test(raw) || IPV4_SHAPE.test(raw)) continue
    const international = raw.startsWith('+') || raw.startsWith('00')
    if (!international) {
      const separators = (raw.match(/[ \u00a0().\-/]+/g) ?? []).length
      const formatted = separators >= 2 || (separators >= 1 && (raw.includes('(') || raw.startsWith('0')))
      if (!formatted && !PHONE_CONTEXT.test(text.slice(Math.max(0, m.index - 40), m.index))) continue
    }
    // Parsing is the costly part (tens of microseconds): skip what a stronger detector already took.
    const end = m.index + raw.length
    if (found.some((f) => f.start < end && m.index < f.end)) continue
    let valid = seen.get(raw)
    if (valid === undefined) {
      const { parsePhoneNumberFromString } = phoneLib()
      const parsed = international
        ? parsePhoneNumberFromString(raw.startsWith('00') ? `+${raw.slice(2)}` : raw)
        : parsePhoneNumberFromString(raw, opts.region as CountryCode)
      seen.set(raw, (valid = parsed?.isValid() === true))
    }
    if (!valid) continue
    push('PHONE', m.index, m.index + raw.length, PRIORITY.PHONE)
  }
}

// ---------------------------------------------------------------------------------------------------
// Secrets: provider keys and tokens, private keys, credentials in URLs and assignments

interface KeyPattern {
  /** Cheap substring that must be present before the regex runs. */
  marker: string
  re: RegExp
}

const KEY_PATTERNS: KeyPattern[] = [
  // OpenAI (sk-, sk-proj-, sk-svcacct-, sk-admin-) and Anthropic (sk-ant-api03-, sk-ant-admin01-).
  { marker: 'sk-', re: /(?<![\w-])sk-(?:[A-Za-z0-9]+-)*[A-Za-z0-9_-]{20,}/g },
  // AWS access key ids.
  {
    marker: 'AWS',
    re: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
  },
  // GitHub tokens.
  { marker: 'gh', re: /(?<![\w])gh[pousr]_[A-Za-z0-9]{30,255}(?!\w)/g },
  { marker: 'github_pat_', re: /(?<![\w])github_pat_[A-Za-z0-9_]{40,255}/g },
  // GitLab tokens.
  { marker: 'gl', re: /(?<![\w-])gl(?:pat|dt|rt|ptt|ft|cbt|oas|soat|imt|agent)-[A-Za-z0-9_-]{20,}/g },
  // Slack tokens.
  { marker: 'xox', re: /(?<![\w-])xox[abposre]-[A-Za-z0-9-]{10,}/g },
  { marker: 'xapp-', re: /(?<![\w-])xapp-\d-[A-Za-z0-9-]{10,}/g },
  // Stripe secret and restricted keys, webhook secrets.
  { marker: '_live_|_test_', re: /(?<![\w])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/g },
  { marker: 'whsec_', re: /(?<![\w])whsec_[A-Za-z0-9+/=]{20,}/g },
  // Google API keys, OAuth client secrets and access tokens.
  { marker: 'AIza', re: /(?<![\w-])AIza[0-9A-Za-z_-]{35}(?![\w-])/g },
  { marker: 'GOCSPX-', re: /(?<![\w-])GOCSPX-[A-Za-z0-9_-]{20,}/g },
  { marker: 'ya29.', re: /(?<![\w-])ya29\.[0-9A-Za-z_-]{20,}/g },
  // Hugging Face, npm, SendGrid, Twilio API keys.
  { marker: 'hf_', re: /(?<![\w])hf_[A-Za-z0-9]{30,}/g },
  { marker: 'npm_', re: /(?<![\w])npm_[A-Za-z0-9]{36}(?!\w)/g },
  { marker: 'SG.', re: /(?<![\w])SG\.[\w-]{16,32}\.[\w-]{30,64}/g },
  // JSON Web Tokens.
  { marker: 'eyJ', re: /(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  // PEM private key blocks, also with JSON-escaped newlines.
  {
    marker: 'PRIVATE KEY-----',
    re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]{16,16384}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----/g,
  },
  // Webhook URLs whose path is the secret.
  {
    marker: 'hooks.slack.com',
    re: /(?<=hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9/_-]{20,}/g,
  },
  { marker: '/api/webhooks/', re: /(?<=discord(?:app)?\.com\/api\/webhooks\/)\d+\/[\w-]{20,}/g },
]

const AWS_PREFIX = /(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}/
const AWS_KEY_ID = /(?:AKIA|ASIA)[A-Z0-9]{16}/g
const AWS_SECRET_NEAR = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g

/** `scheme://user:password@host`: only the password is secret. */
const URL_CREDENTIALS = /\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/[^\s:/@'"]{1,100}:([^\s@/'"]{1,200})@/dg
const AUTH_HEADER = /\b(?:Bearer|Basic|Token|token)[ \t]+([A-Za-z0-9._~+/=-]{12,})/dg

const SECRET_WORD =
  '(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|auth[_-]?key|private[_-]?key|signing[_-]?key|encryption[_-]?key|credentials?|passwort|kennwort|mot de passe|contraseña|senha|wachtwoord|hasło|salasana|lösenord|adgangskode)'
const SECRET_WORD_RE = new RegExp(SECRET_WORD, 'iu')
/** Cheap scan for the words an assignment needs; the full pattern runs only from these places. */
const SECRET_HINT =
  /pass|pwd|secret|token|key|credential|kennwort|mot de passe|contraseña|senha|wachtwoord|hasło|salasana|lösenord|adgangskode/gi
const KEY_CHAR = /[\p{L}\p{N}_.\-"']/u
const ASSIGNMENT = new RegExp(
  `(?<![\\p{L}\\p{N}])(["']?[\\p{L}\\p{N}_.-]*${SECRET_WORD}[\\p{L}\\p{N}_.-]*["']?|[\\p{L}\\p{N}_.-]*[_.-]key["']?)[ \\t]*(:=|=>|==|=|:|[ \\t]+(?:is|was|ist|lautet|est|es|é|è|is now)[ \\t]*:?)[ \\t]*("[^"\\n]{1,300}"|'[^'\\n]{1,300}'|\`[^\`\\n]{1,300}\`|[^\\s,;'"\`&<>)\\]}]{1,300})`,
  'dyiu',
)
/** Key names that hold something about a secret, not the secret itself. */
const NOT_A_SECRET_KEY =
  /(?:tokens|tokeniz|(?:[_.-]|(?<=[a-z]))(?:url|uri|endpoint|path|file|filename|name|type|length|len|min|max|count|ttl|expiry|expires|expires_?in|expires_?at|expiration|id|field|ref|header|hint|policy|required|env|var|ref|version|limit|usage|prompt|label|placeholder|reset|hash|hashed|strength|rotation|provider|manager|store|timeout|enabled|disabled|format|prefix|location|source|mode|param|arn|kind|scope|scopes)["']?$|^["']?(?:primary|foreign|sort|partition|cache|map|dict|hot|api|public|ssh_public|keyboard|monkey|turkey|jockey|hockey)[_.-]?key["']?$)/i
const PLACEHOLDER_VALUE =
  /^(?:null|none|nil|undefined|true|false|required|optional|string|str|int|secret|password|passwd|token|changeme|example|redacted|hidden|masked|pass|pwd|user|your[\w-]*|<[^>]*>|\*+|x+|\.+|•+|-+|\?+|\[[^\]]*\]|\{[^}]*\})$/i
/** Values that read from somewhere else: env, config, function calls, template variables. */
const REFERENCE_VALUE =
  /^(?:\$|%|\{\{|!(?:Ref|Sub|GetAtt|ImportValue)\b|&[\w-]+$|\*[\w-]+$|process\.|os\.|env[.([]|getenv|ENV\[|secrets\.|vars\.|config\.|settings\.|self\.|this\.|ctx\.|vault:|ssm:|arn:|sm:\/\/|file:|[[{])|^[\w.]+\(.*\)?$/
const DOTTED_IDENTIFIER = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/
const LOOKS_RANDOM = /\d|[^\p{L}\p{N}\s]|\p{Ll}\p{Lu}/u

function keys(text: string, push: Push): void {
  for (const { marker, re } of KEY_PATTERNS) {
    if (marker === 'AWS' ? !AWS_PREFIX.test(text) : !marker.split('|').some((m) => text.includes(m))) continue
    for (const m of text.matchAll(re)) push('SECRET', m.index, m.index + m[0].length, PRIORITY.SECRET)
  }
  // An AWS secret access key is 40 base64 characters: only taken next to a key id.
  if (text.includes('AKIA') || text.includes('ASIA'))
    for (const id of text.matchAll(AWS_KEY_ID)) {
      const from = Math.max(0, id.index - 200)
      const windowText = text.slice(from, id.index + 300)
      for (const s of windowText.matchAll(AWS_SECRET_NEAR)) {
        const v = s[0]
        if (!/[a-z]/.test(v) || !/[A-Z]/.test(v) || !/\d/.test(v)) continue
        push('SECRET', from + s.index, from + s.index + v.length, PRIORITY.SECRET)
      }
    }
  if (text.includes('://'))
    for (const m of text.matchAll(URL_CREDENTIALS)) {
      const [s, e] = m.indices![1]!
      const value = text.slice(s, e)
      if (PLACEHOLDER_VALUE.test(value) || REFERENCE_VALUE.test(value)) continue
      push('SECRET', s, e, PRIORITY.SECRET)
    }
  for (const m of text.matchAll(AUTH_HEADER)) {
    const [s, e] = m.indices![1]!
    const value = text.slice(s, e)
    if (/^[A-Z_]+$/.test(value) || !LOOKS_RANDOM.test(value)) continue
    push('SECRET', s, e, PRIORITY.SECRET)
  }
  assignments(text, push)
}

function assignments(text: string, push: Push): void {
  let done = 0
  for (const hint of text.matchAll(SECRET_HINT)) {
    if (hint.index < done) continue
    let keyStart = hint.index
    while (keyStart > 0 && hint.index - keyStart < 64 && KEY_CHAR.test(text[keyStart - 1]!)) keyStart--
    ASSIGNMENT.lastIndex = keyStart
    const m = ASSIGNMENT.exec(text)
    if (!m) continue
    done = ASSIGNMENT.lastIndex
    assignment(text, m, push)
  }
}

function assignment(text: string, m: RegExpExecArray, push: Push): void {
  {
    const key = m[1]!
    const op = m[2]!.trim()
    let [s, e] = m.indices![3]!
    let value = m[3]!
    const quoted = /^["'`]/.test(value)
    if (quoted) {
      s++
      e--
      value = value.slice(1, -1)
    }
    if (value.length < 4 || NOT_A_SECRET_KEY.test(key)) return
    if (PLACEHOLDER_VALUE.test(value) || REFERENCE_VALUE.test(value)) return
    if (op === '==') return
    const prose = /^[\p{L}]/u.test(op)
    const genericKey = !SECRET_WORD_RE.test(key)
    if (genericKey) {
      // `something_key = ...`: only high-entropy literal values count.
      if (value.length < 16 || !/\d/.test(value) || !/[A-Za-z]/.test(value) || /\s/.test(value)) return
    } else if (prose || (!quoted && op === ':')) {
      if (!LOOKS_RANDOM.test(value) && value.length < 10) return
      if (prose && !LOOKS_RANDOM.test(value)) return
    }
    if (!quoted) {
      if (DOTTED_IDENTIFIER.test(value)) return
      // `password = user_password` in code is a variable; `PASSWORD=hunter2` in an env file is not.
      // At most 200 characters back: a line with no end in sight must not make every match rescan it.
      const back = text.slice(Math.max(0, m.index - 200), m.index)
      const head = back.slice(back.lastIndexOf('\n') + 1)
      const codeLike = /\b(?:const|let|var|val|def|return|if|elif|while|for)\b|[;{(]|self\.|this\./.test(head)
      if (codeLike && IDENTIFIER.test(value) && !/\d/.test(value)) return
      if (IDENTIFIER.test(value) && SECRET_WORD_RE.test(value) && !/\d/.test(value)) return
    }
    push('SECRET', s, e, PRIORITY.SECRET)
  }
}

// ---------------------------------------------------------------------------------------------------
// Person names

const NAME_WORD = "\\p{Lu}[\\p{Ll}\\p{M}'’]*(?:-\\p{Lu}?[\\p{Ll}\\p{M}'’]+)*"
const PARTICLE = "(?:van|von|de|da|del|della|der|den|di|du|dos|das|le|la|ter|ten|bin|al|el|ibn|y|zu|af|O'|Mc)"
const NAME_SEQUENCE = new RegExp(
  `(?<![\\p{L}\\p{N}_@./#-])${NAME_WORD}(?:[ \\t]+(?:${PARTICLE}[ \\t]+)*(?:\\p{Lu}\\.[ \\t]+)?${NAME_WORD}){0,3}(?![\\p{L}\\p{N}_@])`,
  'gu',
)
const TITLE_SET = new Set(TITLES.map((t) => t.toLowerCase()))
const LABEL_SET = new Set(NAME_LABELS)
const PHRASE_SET = new Set(NAME_PHRASES)
/** Words right before a name that make even an unknown capitalised word a name ("Thanks Eero!"). */
/** Sign-offs count only with a comma or line break before the name ("Best,\nAnna", not "Best Practice"). */
const SIGNOFFS = new Set(
  `best|regards|best regards|kind regards|cheers|sincerely|yours|yours sincerely|cordialement|bien à vous|saludos|un saludo|atentamente|mit freundlichen grüßen|freundlichen grüßen|viele grüße|liebe grüße|grüße|gruß|saluti|cordiali saluti|un abbraccio|atenciosamente|abraço|abraços|met vriendelijke groet|vriendelijke groet|groeten`.split(
    '|',
  ),
)
const GREETINGS = new Set(
  `hi|hello|hey|dear|thanks|thank you|cheers|regards|best|best regards|kind regards|bonjour|salut|cher|chère|merci|hola|querido|querida|estimado|estimada|gracias|hallo|liebe|lieber|danke|grüße|gruß|ciao|caro|cara|gentile|grazie|olá|oi|prezado|prezada|obrigado|obrigada|beste|hoi|bedankt|groeten|cześć|dzień dobry|merhaba|sincerely|yours|yours sincerely|cordialement|bien à vous|saludos|un saludo|atentamente|mit freundlichen grüßen|freundlichen grüßen|viele grüße|liebe grüße|saluti|cordiali saluti|un abbraccio|atenciosamente|abraço|abraços|met vriendelijke groet|vriendelijke groet`.split(
    '|',
  ),
)
const SEP_CHARS = new Set([' ', '\t', '\n', '\r', ':', '=', ',', '!', '.', '"', "'"])
const WORDISH = /[\p{L}'’]/u
function wordish(c: string): boolean {
  const code = c.charCodeAt(0)
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 39) return true
  return code > 127 && WORDISH.test(c)
}
const TABLE_HEADER =
  /(?:^|[^\p{L}])(?:name|names|nombre|nom|naam|nome|vorname|nachname|full_name|first_name|last_name)(?![\p{L}])/iu

interface Before {
  /** The punctuation and spaces between the previous word and the name. */
  sep: string
  /** Up to four lower-cased words before it, joined as phrases: "thank you", "on behalf of". */
  phrases: string[]
}

function wordsBefore(text: string, start: number): Before {
  let i = start
  while (i > 0 && start - i < 12 && SEP_CHARS.has(text[i - 1]!)) i--
  const sep = text.slice(i, start)
  const words: string[] = []
  let j = i
  while (words.length < 4 && j > 0) {
    const e = j
    while (j > 0 && e - j < 24 && wordish(text[j - 1]!)) j--
    if (j === e) break
    words.push(text.slice(j, e).toLowerCase())
    if (j > 0 && text[j - 1] === ' ') j--
    else break
  }
  const phrases: string[] = []
  for (let n = 1; n <= words.length; n++) phrases.push(words.slice(0, n).reverse().join(' '))
  return { sep, phrases }
}

function isFirstName(word: string): boolean {
  const lower = word.toLowerCase()
  return FIRST_NAMES.has(lower) || AMBIGUOUS_FIRST_NAMES.has(lower)
}

function persons(text: string, push: Push): void {
  let header: boolean | undefined
  const tabular = () => (header ??= TABLE_HEADER.test(text.slice(0, Math.max(0, text.indexOf('\n')))))
  for (const m of text.matchAll(NAME_SEQUENCE)) {
    const parts = /\s/.test(m[0])
      ? [...m[0].matchAll(/\S+/g)].map((p) => ({ word: p[0], start: m.index + p.index }))
      : [{ word: m[0], start: m.index }]
    // A run of capitalised words ("Hi Anna Schmidt", "Thanks John"): find where a name starts in it.
    for (let k = 0; k < parts.length;) {
      const used = personAt(text, parts, k, push, tabular)
      k = used > k ? used : k + 1
    }
  }
}

/** Tries a name starting at `parts[k]`; returns the index after the words it took (or `k`). */
function personAt(
  text: string,
  parts: Array<{ word: string; start: number }>,
  k: number,
  push: Push,
  tabular: () => boolean,
): number {
  const first = parts[k]!.word
  const start = parts[k]!.start
  const firstLower = first.toLowerCase()
  if (NOT_SURNAMES.has(firstLower)) return k
  // Extend over the following words until one cannot be part of a name.
  let end = start + first.length
  let next = k + 1
  let words = 1
  for (; next < parts.length; next++) {
    const w = parts[next]!.word
    if (NOT_SURNAMES.has(w.toLowerCase().replace(/[.']/g, ''))) break
    end = parts[next]!.start + w.length
    if (/^\p{Lu}[\p{Ll}]/u.test(w)) words++
  }
  if (words >= 2 && isFirstName(first)) {
    push('PERSON', start, end, PRIORITY.PERSON)
    return next
  }
  const { sep, phrases } = wordsBefore(text, start)
  const has = (set: ReadonlySet<string>) => phrases.some((p) => set.has(p))
  const titled = /^\.?[ \t]+$/.test(sep) && TITLE_SET.has(phrases[0] ?? '')
  const labelled = /^["']?[ \t]*[:=][ \t]*["']?$/.test(sep)
    ? has(LABEL_SET)
    : /^[ \t]+["']?$/.test(sep) && has(PHRASE_SET)
  const greeting = /^[,!]?[ \t]*(?:\r?\n[ \t]*)?$/.test(sep)
    ? phrases.find((p) => GREETINGS.has(p))
    : undefined
  const greeted =
    greeting !== undefined &&
    (!SIGNOFFS.has(greeting) || /[,\n]/.test(sep)) &&
    // "HELLO Production": an upper-case word is a constant, not a greeting.
    text.slice(start - sep.length - greeting.length, start - sep.length) !== greeting.toUpperCase()
  if (titled || greeted || (labelled && (words >= 2 || isFirstName(first)))) {
    push('PERSON', start, end, PRIORITY.PERSON)
    return next
  }
  const known = FIRST_NAMES.has(firstLower) && !AMBIGUOUS_FIRST_NAMES.has(firstLower)
  if (known) {
    const single = start + first.length
    push('PERSON', start, single, PRIORITY.PERSON)
    // "Jane,Doe" in a CSV row, "Maria; Rossi": a capitalised cell right after a first name.
    const after = /^[ \t]*[,;\t][ \t]*(\p{Lu}[\p{Ll}\p{M}'’-]+)(?=[,;\t\n]|$)/u.exec(
      text.slice(single, single + 40),
    )
    if (after && !NOT_SURNAMES.has(after[1]!.toLowerCase()) && !isFirstName(after[1]!)) {
      const s = single + after[0].length - after[1]!.length
      push('PERSON', s, s + after[1]!.length, PRIORITY.PERSON)
    }
    return k + 1
  }
  // A "First Last" cell in a table whose header has a name column.
  if (
    words >= 2 &&
    /^[,;\t]?$/.test(text[start - 1] === '\n' ? '' : (text[start - 1] ?? '')) &&
    /[,;\t]/.test(text[end] ?? '') &&
    tabular()
  ) {
    push('PERSON', start, end, PRIORITY.PERSON)
    return next
  }
  return k
}

// ---------------------------------------------------------------------------------------------------
// Street addresses

const CAP = "\\p{Lu}[\\p{L}\\p{M}'’.-]*"
const ADDRESS_PATTERNS: RegExp[] = [
  // English: "221B Baker Street", "1600 Pennsylvania Avenue NW, Apt 4"
  new RegExp(
    `(?<![\\p{L}\\p{N}])\\d{1,5}[A-Za-z]?(?:-\\d{1,4})?[ \\t]+(?:${CAP}[ \\t]+){0,3}(?:Street|St\\.?|Avenue|Ave\\.?|Road|Rd\\.?|Boulevard|Blvd\\.?|Lane|Ln\\.?|Drive|Dr\\.?|Court|Ct\\.?|Place|Pl\\.?|Way|Terrace|Square|Sq\\.?|Highway|Hwy\\.?|Parkway|Pkwy\\.?|Close|Crescent|Row|Gardens|Mews|Circle|Trail)(?:[ \\t]+(?:N|S|E|W|NE|NW|SE|SW)\\b)?(?:,?[ \\t]+(?:Apt|Apartment|Suite|Ste|Unit|Flat|#)\\.?[ \\t]*[\\w-]{1,6})?(?![\\p{L}])`,
    'gu',
  ),
  // German, Austrian, Swiss, Dutch, Scandinavian: "Hauptstraße 5", "Keizersgracht 123", "Storgatan 12"
  new RegExp(
    `(?<![\\p{L}])\\p{Lu}[\\p{L}-]*(?:straße|strasse|str\\.|weg|gasse|platz|allee|ring|damm|ufer|chaussee|steig|straat|laan|gracht|kade|plein|dijk|singel|gatan|vägen|gade|vej|veien|gata)[ \\t]+\\d{1,4}[a-zA-Z]?(?:[-/]\\d{1,4})?(?![\\p{L}\\p{N}])`,
    'gu',
  ),
  // "Am Markt 3", "An der Alster 12", "Unter den Linden 77"
  new RegExp(
    `(?<![\\p{L}])(?:Am|An der|Auf der|Im|In der|Unter den|Zur|Zum)[ \\t]+${CAP}[ \\t]+\\d{1,4}[a-z]?(?![\\p{L}\\p{N}])`,
    'gu',
  ),
  // French: "12 rue de la Paix", "5 bis, avenue Victor Hugo"
  new RegExp(
    `(?<![\\p{L}\\p{N}])\\d{1,4}(?:[ \\t]?(?:bis|ter))?,?[ \\t]+(?:rue|avenue|av\\.|boulevard|bd|place|chemin|allée|impasse|quai|route|cours|square)[ \\t]+(?:(?:de|du|des|de la|d'|l')[ \\t]*)?${CAP}(?:[ \\t]+(?:de |du |des |la |le )?${CAP}){0,3}`,
    'giu',
  ),
  // Spanish, Italian, Portuguese: "Calle Mayor 12", "Via Roma, 10", "Rua Augusta, 274"
  new RegExp(
    `(?<![\\p{L}])(?:Calle|C/|Avenida|Avda\\.|Av\\.|Paseo|Plaza|Carrer|Via|Viale|Piazza|Corso|Largo|Vicolo|Rua|Travessa|Praça|Alameda|Estrada)[ \\t]+(?:(?:de|del|de la|dei|della|delle|do|da|dos|das)[ \\t]+)?${CAP}(?:[ \\t]+(?:(?:de|del|della|do|da)[ \\t]+)?${CAP}){0,3},?[ \\t]+(?:n[º°o]\\.?[ \\t]*)?\\d{1,4}[a-zA-Z]?(?![\\p{L}\\p{N}])`,
    'gu',
  ),
]
const ADDRESS_MARKERS =
  /street|st\.|avenue|ave|road|rd\.|boulevard|blvd|lane|drive|court|place|way|terrace|square|highway|parkway|close|crescent|row|gardens|mews|circle|trail|str|weg|gasse|platz|allee|ring|damm|ufer|straat|laan|gracht|kade|plein|dijk|singel|gatan|vägen|gade|vej|veien|gata|am |an der|im |unter den|zur |zum |rue|av\.|bd |chemin|allée|impasse|quai|route|cours|calle|c\/|avda|paseo|plaza|carrer|via |viale|piazza|corso|largo|vicolo|rua |travessa|praça|alameda|estrada/i

function addresses(text: string, push: Push): void {
  if (!ADDRESS_MARKERS.test(text)) return
  for (const re of ADDRESS_PATTERNS)
    for (const m of text.matchAll(re)) {
      if (/copyright|\(c\)|©/i.test(text.slice(Math.max(0, m.index - 16), m.index))) continue
      push('ADDRESS', m.index, m.index + m[0].length, PRIORITY.ADDRESS)
    }
}

// ---------------------------------------------------------------------------------------------------
// Dates of birth

const MONTH =
  '(?:jan(?:uary|uar|vier)?|feb(?:ruary|ruar|rero|braio)?|févr(?:ier)?|mar(?:ch|s|zo|ço)?|märz|maerz|apr(?:il|ile)?|avril|abril|may|mai|mayo|maggio|maio|mei|jun(?:e|i|io|ho)?|juin|giugno|jul(?:y|i|io|ho)?|juillet|luglio|aug(?:ust|ustus)?|août|agosto|sep(?:t|tember|tembre|tiembre)?|settembre|setembro|oct(?:ober|obre|ubre)?|okt(?:ober)?|ottobre|outubro|nov(?:ember|embre|embro)?|dec(?:ember)?|dez(?:ember|embro)?|déc(?:embre)?|dic(?:iembre|embre)?|enero|gennaio|janeiro|januari|februari|maart)'
const DATE = new RegExp(
  `(?:\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}|\\d{1,2}(?:st|nd|rd|th|er|º)?\\.?[ \\t]+(?:de[ \\t]+)?${MONTH}\\.?,?[ \\t]+(?:de[ \\t]+)?\\d{4}|${MONTH}\\.?[ \\t]+\\d{1,2}(?:st|nd|rd|th)?,?[ \\t]+\\d{4})(?![\\p{L}\\p{N}])`,
  'giu',
)
const DOB_CONTEXT_GLOBAL = new RegExp(DOB_CONTEXT.source, 'giu')

function birthDates(text: string, push: Push): void {
  for (const c of text.matchAll(DOB_CONTEXT_GLOBAL)) {
    const from = c.index + c[0].length
    const windowText = text.slice(from, from + 48)
    DATE.lastIndex = 0
    const d = DATE.exec(windowText)
    if (!d) continue
    push('DOB', from + d.index, from + d.index + d[0].length, PRIORITY.DOB)
  }
}

// ---------------------------------------------------------------------------------------------------
// The user's own terms and patterns

function userTerms(text: string, push: Push, opts: DetectOptions): void {
  if (opts.always)
    for (const m of text.matchAll(opts.always)) push('TERM', m.index, m.index + m[0].length, PRIORITY.TERM)
  for (const re of opts.alwaysPatterns)
    for (const m of text.matchAll(re)) if (m[0]) push('TERM', m.index, m.index + m[0].length, PRIORITY.TERM)
}

// ---------------------------------------------------------------------------------------------------

const DETECTORS: Array<[EntityType, (text: string, push: Push, opts: DetectOptions, found: Found) => void]> =
  [
    ['TERM', userTerms],
    ['SECRET', keys],
    ['EMAIL', emails],
    ['CARD', cards],
    ['IBAN', ibans],
    ['SSN', ssns],
    ['IP', ips],
    ['PHONE', phones],
    ['DOB', birthDates],
    ['ADDRESS', addresses],
    ['PERSON', persons],
  ]

/** Every sensitive span in `text`, non-overlapping, in text order. */
export function detect(text: string, opts: DetectOptions): Span[] {
  const found: Span[] = []
  const push: Push = (type, start, end, priority) => {
    if (end > start) found.push({ type, start, end, priority })
  }
  for (const [type, run] of DETECTORS) if (!opts.disabled.has(type)) run(text, push, opts, found)
  if (!found.length) return found
  // Higher priority first, then longer: each span keeps its place unless a better one took it.
  found.sort((a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start)
  const kept: Span[] = []
  const never = opts.neverTerms.size > 0 || opts.neverPatterns.length > 0
  // Characters already taken: checking a span costs its length, not the number kept so far (a prompt
  // with many thousands of findings must not take quadratic time).
  const taken = new Uint8Array(text.length)
  spans: for (const span of found) {
    if (never && isNever(text.slice(span.start, span.end), opts)) continue
    for (let i = span.start; i < span.end; i++) if (taken[i]) continue spans
    taken.fill(1, span.start, span.end)
    kept.push(span)
  }
  return kept.sort((a, b) => a.start - b.start)
}

function isNever(value: string, opts: DetectOptions): boolean {
  if (opts.neverTerms.size && opts.neverTerms.has(value.toLowerCase())) return true
  for (const re of opts.neverPatterns) {
    re.lastIndex = 0
    const m = re.exec(value)
    if (m && m[0] === value) return true
  }
  return false
}
