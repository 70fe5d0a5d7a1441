import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../../electron/config/store'
import {
  cardIssuer,
  DEFAULT_DETECT,
  detect,
  detectOptions,
  ibanValid,
  luhn,
  redactMessages,
  redactText,
  resolveMode,
} from '../../../electron/redaction'

const types = (text: string, opts = DEFAULT_DETECT) =>
  detect(text, opts).map((s) => `${s.type}:${text.slice(s.start, s.end)}`)

describe('validators', () => {
  it('Luhn, issuer prefixes and IBAN mod-97', () => {
    expect(luhn('4111111111111111')).toBe(true)
    expect(luhn('4111111111111112')).toBe(false)
    expect(cardIssuer('378282246310005')).toBe('amex')
    expect(cardIssuer('3782822463100050')).toBeNull()
    expect(cardIssuer('1234567812345670')).toBeNull()
    expect(ibanValid('DE89370400440532013000')).toBe(true)
    expect(ibanValid('DE89370400440532013001')).toBe(false)
    expect(ibanValid('GB82WEST12345698765432')).toBe(true)
    expect(ibanValid('DE8937040044053201300')).toBe(false)
  })
})

describe('detectors', () => {
  it('finds each kind', () => {
    expect(types('mail ana.lima+work@exemplo.com.br now')).toEqual(['EMAIL:ana.lima+work@exemplo.com.br'])
    expect(types('card: 5555-5555-5555-4444')).toEqual(['CARD:5555-5555-5555-4444'])
    expect(types('IBAN GB82 WEST 1234 5698 7654 32 thanks')).toEqual(['IBAN:GB82 WEST 1234 5698 7654 32'])
    expect(types('SSN 078-05-1120')).toEqual(['SSN:078-05-1120'])
    expect(types('Tel. 030 12345678', detectOptions(cfg({ phoneRegion: 'DE' })))).toEqual([
      'PHONE:030 12345678',
    ])
    expect(types('host 10.0.3.7 and 2a00:1450:4001:80b::200e')).toEqual([
      'IP:10.0.3.7',
      'IP:2a00:1450:4001:80b::200e',
    ])
    expect(types('gh token ghp_abcdefghijklmnopqrstuvwxyz0123456789')).toEqual([
      'SECRET:ghp_abcdefghijklmnopqrstuvwxyz0123456789',
    ])
    expect(types('DATABASE_URL=mysql://app:pa55w0rd@db:3306/x')).toEqual(['SECRET:pa55w0rd'])
    expect(types('Patient: Ola Nordmann, born 1984-02-29')).toEqual(['PERSON:Ola Nordmann', 'DOB:1984-02-29'])
    expect(types('Ship to 742 Evergreen Terrace please')).toEqual(['ADDRESS:742 Evergreen Terrace'])
  })

  it('leaves hard negatives alone', () => {
    const negatives = [
      'api_key = os.environ["OPENAI_API_KEY"]',
      'const apiKey = process.env.OPENAI_API_KEY',
      'GET http://localhost:8080/health returned 200 in 12ms',
      'uuid 3f2504e0-4f89-11d3-9a0c-0305e82c3301 sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'Upgraded react from 18.2.0 to 19.1.0; node v20.11.1; build 10.0.19045.2965',
      'Order #100234 total $1,299.99 on 2024-05-01T12:30:45Z',
      'model gpt-4o-mini-2024-07-18 and claude-3-5-sonnet-20241022',
      'listen on 127.0.0.1:4141 and [::1]:4141, docs at 192.0.2.10',
      'max_tokens = 1024; password_min_length = 12; token_url = "https://auth.example.com/token"',
    ]
    for (const n of negatives) expect(types(n), n).toEqual([])
  })

  it('honours the always and never lists and disabled types', () => {
    const opts = detectOptions(
      cfg({
        always: { terms: ['Project Falcon', 'Acme'], patterns: ['/PRJ-\\d{4}/g'] },
        never: { terms: ['support@example.com'] },
        disabled: ['IP'],
      }),
    )
    expect(types('Project Falcon for ACME, PRJ-1234, support@example.com, 10.1.1.1', opts)).toEqual([
      'TERM:Project Falcon',
      'TERM:ACME',
      'TERM:PRJ-1234',
    ])
  })
})

function cfg(redaction: Record<string, unknown>) {
  return parseConfig({ redaction }, 'test').redaction
}

describe('placeholders', () => {
  it('same value same placeholder; numbered by first appearance over the whole messages array', () => {
    const r = redactMessages(
      [
        { role: 'user', content: 'a@example.com then b@example.com' },
        { role: 'assistant', content: 'b@example.com and a@example.com' },
      ],
      DEFAULT_DETECT,
    )
    expect(r.messages.map((m) => m.content)).toEqual(['<EMAIL_1> then <EMAIL_2>', '<EMAIL_2> and <EMAIL_1>'])
  })

  it('does not reuse numbers the input already shows', () => {
    expect(redactText('<EMAIL_1> is mine: x@example.com', DEFAULT_DETECT).text).toBe(
      '<EMAIL_1> is mine: <EMAIL_2>',
    )
  })
})

describe('modes', () => {
  it('header, then provider entry, then local default off, then the default mode', () => {
    const c = cfg({ mode: 'mask', providers: { groq: 'block' } })
    expect(resolveMode(c, { id: 'openai', local: false }, undefined)).toBe('mask')
    expect(resolveMode(c, { id: 'ollama', local: true }, undefined)).toBe('off')
    expect(resolveMode(c, { id: 'groq', local: false }, undefined)).toBe('block')
    expect(resolveMode(c, { id: 'groq', local: false }, 'off')).toBe('off')
    expect(cfg({}).mode).toBe('off')
    expect(() => cfg({ always: { patterns: ['(unclosed'] } })).toThrow(/regular expression/)
    expect(() => cfg({ mode: 'sometimes' })).toThrow()
  })
})
