/** Finding a free port to offer when the configured one is taken (offered, never used silently). */
import { createServer } from 'node:net'

export function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)))
  })
}

/** The first free port after `port` (up to `tries` of them), or null. */
export async function nextFreePort(host: string, port: number, tries = 20): Promise<number | null> {
  for (let p = port + 1; p <= Math.min(65535, port + tries); p++) if (await portIsFree(host, p)) return p
  return null
}
