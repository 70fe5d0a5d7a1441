/**
 * The floor to compare the gateway with: the least a Node relay can do (node:http in, one undici Pool
 * out, body bytes piped through), with no auth, no validation, no translation, no redaction. It is
 * measured in the same run as the gateway, so the gap between the two is LocalRouter's own cost.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Pool } from 'undici'

export async function startMinimalRelay(upstream: string): Promise<string> {
  const target = new URL(upstream)
  const pool = new Pool(target.origin, { pipelining: 1 })
  const server = createServer({ noDelay: true }, (req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { model: string }
      body.model = body.model.slice(body.model.indexOf('/') + 1)
      pool
        .request({
          path: `${target.pathname}/chat/completions`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
        .then(
          (up) => {
            res.writeHead(up.statusCode, { 'content-type': String(up.headers['content-type']) })
            up.body.on('data', (c: Buffer) => res.write(c))
            up.body.on('end', () => res.end())
          },
          () => res.destroy(),
        )
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
}
