/**
 * wrk as a load generator for the benches, where it is installed (`apt-get install wrk`): a C load
 * generator takes a fraction of the CPU our Node one does, and on two cores the load generator's CPU is
 * taken from the processes measured.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { benchChatBody } from './load'

export function hasWrk(): boolean {
  try {
    // `wrk -v` prints its version and exits 1: ask the shell where it is instead.
    execFileSync('sh', ['-c', 'command -v wrk'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

export interface WrkRequest {
  /** The whole URL, path and query included. */
  url: string
  headers: Record<string, string>
  body: string
}

export interface WrkResult {
  rps: number
  requests: number
  /** Non-2xx answers, plus one when wrk saw any socket error. */
  failed: number
}

let scripts = 0

/** `req` POSTed by wrk (one thread) over `concurrency` connections for `seconds`. */
export function wrk(dir: string, req: WrkRequest, concurrency: number, seconds: number): WrkResult {
  const script = join(dir, `post-${++scripts}.lua`)
  // Long brackets: the body goes in as it is, whatever quotes or backslashes it holds.
  const long = (s: string) => {
    let eq = ''
    while (s.includes(`]${eq}]`)) eq += '='
    return `[${eq}[${s}]${eq}]`
  }
  writeFileSync(
    script,
    [
      'wrk.method = "POST"',
      `wrk.body = ${long(req.body)}`,
      ...Object.entries(req.headers).map(([k, v]) => `wrk.headers[ ${long(k)} ] = ${long(v)}`),
      '',
    ].join('\n'),
  )
  const run = spawnSync('wrk', ['-t1', `-c${concurrency}`, `-d${seconds}s`, '-s', script, req.url], {
    encoding: 'utf8',
  })
  // wrk reports a broken script on stderr and then runs without it: never count that as a result.
  if (run.status !== 0 || run.stderr.trim())
    throw new Error(`wrk failed (${run.status}): ${run.stderr.trim() || run.stdout.trim()}`)
  const out = run.stdout
  const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? NaN)
  return {
    rps: num(/Requests\/sec:\s+([\d.]+)/),
    requests: num(/(\d+) requests in/),
    failed: (num(/Non-2xx or 3xx responses: (\d+)/) || 0) + (/Socket errors/.test(out) ? 1 : 0),
  }
}

/** wrk POSTing the benches' chat request to `{baseUrl}/chat/completions` with a bearer token. */
export function wrkChat(
  dir: string,
  baseUrl: string,
  token: string,
  chat: { model: string; stream: boolean },
  concurrency: number,
  seconds: number,
): WrkResult {
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }
  const body = benchChatBody(chat.model, chat.stream)
  return wrk(dir, { url: `${baseUrl}/chat/completions`, headers, body }, concurrency, seconds)
}
