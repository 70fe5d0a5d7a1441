/**
 * Reads a key for `keys set`: the whole of stdin when it is piped, or a hidden prompt on a terminal
 * (nothing echoed). Never from argv, so a key does not land in shell history or `ps` output.
 */
import { GatewayError } from '../../shared/errors'

const MAX_INPUT = 64 * 1024

async function readPiped(stdin: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stdin) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
    size += buf.length
    if (size > MAX_INPUT)
      throw new GatewayError(400, `stdin holds more than ${MAX_INPUT} bytes: that is not a key`, {
        code: 'invalid_key',
      })
    chunks.push(buf)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** A prompt on stderr that reads one line in raw mode and echoes nothing. */
function promptHidden(stdin: NodeJS.ReadStream, question: string): Promise<string> {
  // Echo off before the prompt shows, so nothing typed after it can be echoed.
  stdin.setRawMode(true)
  stdin.setEncoding('utf8')
  stdin.resume()
  process.stderr.write(question)
  return new Promise((resolve, reject) => {
    let value: string[] = []
    const done = () => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      process.stderr.write('\n')
    }
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          done()
          resolve(value.join(''))
          return
        }
        if (ch === '\u0003') {
          done()
          value = []
          reject(new GatewayError(400, 'Cancelled: no key was stored', { code: 'cancelled' }))
          return
        }
        if (ch === '\u007f' || ch === '\b') value.pop()
        else if (ch === '\u0015')
          value = [] // Ctrl-U: start over
        else if (ch >= ' ') value.push(ch)
        // Bracketed-paste markers and other escapes carry no key characters worth keeping.
      }
    }
    stdin.on('data', onData)
  })
}

export async function readKeyInput(
  question: string,
  stdin: NodeJS.ReadStream = process.stdin,
): Promise<string> {
  const text = stdin.isTTY ? await promptHidden(stdin, question) : await readPiped(stdin)
  if (!text.trim())
    throw new GatewayError(
      400,
      stdin.isTTY
        ? 'No key was entered: nothing was stored'
        : 'No key on stdin: pipe it in (e.g. `printf %s "$KEY" | npm run keys -- set openai`) or run the command in a terminal to be asked for it',
      { code: 'invalid_key' },
    )
  return text
}
