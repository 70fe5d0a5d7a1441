import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../../..')

function redact(input: string, args: string[] = [], config?: unknown) {
  const dir = mkdtempSync(join(tmpdir(), 'lr-redact-'))
  const file = join(dir, 'config.json')
  if (config) writeFileSync(file, JSON.stringify(config))
  return spawnSync(join(root, 'node_modules/.bin/tsx'), ['electron/cli.ts', 'redact', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { ...process.env, LOCALROUTER_CONFIG: file },
  })
}

describe('npm run redact', () => {
  it('writes the redacted text to stdout and the entities (no values) to stderr', () => {
    const r = redact('Mail jane@example.org, key sk-proj-AAAAAAAAAAAAAAAAAAAAAAAA1234\n')
    expect(r.status).toBe(0)
    expect(r.stdout).toBe('Mail <EMAIL_1>, key <SECRET_1>\n')
    expect(r.stderr).toContain('EMAIL\t5-21\t<EMAIL_1>')
    expect(r.stderr).not.toContain('jane@example.org')
  })

  it('--json, the config lists and --region', () => {
    const r = redact('Project Falcon: Tel. 030 12345678', ['--json', '--region', 'de'], {
      redaction: { always: { terms: ['Project Falcon'] } },
    })
    expect(r.status).toBe(0)
    const out = JSON.parse(r.stdout) as { text: string; entities: Array<{ type: string }> }
    expect(out.text).toBe('<TERM_1>: Tel. <PHONE_1>')
    expect(out.entities.map((e) => e.type)).toEqual(['TERM', 'PHONE'])
    expect(redact('x', ['--region', 'Germany']).status).toBe(1)
  })
})
