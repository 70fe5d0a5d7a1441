#!/usr/bin/env node
// Draws LocalRouter's icon (a route splitting one way into three) with signed distance functions and
// writes every size the packaging targets and the tray need into build/: PNGs, a macOS .icns and a
// Windows .ico. Plain Node (zlib), no image libraries. Run: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { crc32, deflateSync } from 'node:zlib'

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'build')

// ---- shapes, in unit coordinates (0..1, y down) -------------------------------------------------
const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v))
const roundedBox = (x, y, cx, cy, half, r) => {
  const qx = Math.abs(x - cx) - half + r
  const qy = Math.abs(y - cy) - half + r
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r
}
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r
const segment = (x, y, ax, ay, bx, by, r) => {
  const px = x - ax
  const py = y - ay
  const dx = bx - ax
  const dy = by - ay
  const h = clamp((px * dx + py * dy) / (dx * dx + dy * dy), 0, 1)
  return Math.hypot(px - dx * h, py - dy * h) - r
}
const SOURCE = [0.3, 0.5]
const TARGETS = [
  [0.72, 0.28],
  [0.72, 0.5],
  [0.72, 0.72],
]
/** The glyph: a source node, three target nodes, three routes. */
function glyph(x, y, scale = 1) {
  const s = (v) => 0.5 + (v - 0.5) * scale
  let d = circle(x, y, s(SOURCE[0]), s(SOURCE[1]), 0.085 * scale)
  for (const [tx, ty] of TARGETS) {
    d = Math.min(d, circle(x, y, s(tx), s(ty), 0.065 * scale))
    d = Math.min(d, segment(x, y, s(SOURCE[0]), s(SOURCE[1]), s(tx), s(ty), 0.028 * scale))
  }
  return d
}

const mix = (a, b, t) => a + (b - a) * t
const TOP = [79, 70, 229] // indigo
const BOTTOM = [14, 165, 233] // sky

/** The app icon: a gradient rounded square (macOS-style margin) with the white glyph. */
function appPixel(x, y, px) {
  const bg = roundedBox(x, y, 0.5, 0.5, 0.41, 0.095)
  const bgA = clamp(0.5 - bg / px, 0, 1)
  if (bgA === 0) return [0, 0, 0, 0]
  const t = clamp((x + y) / 2, 0, 1)
  let rgb = TOP.map((c, i) => mix(c, BOTTOM[i], t))
  const g = clamp(0.5 - glyph(x, y, 0.9) / px, 0, 1)
  rgb = rgb.map((c) => mix(c, 255, g))
  return [...rgb, 255 * bgA]
}

/** The macOS menu-bar template: black glyph on transparent (macOS tints it for light / dark bars). */
function templatePixel(x, y, px) {
  return [0, 0, 0, 255 * clamp(0.5 - glyph(x, y, 1.25) / px, 0, 1)]
}

function render(size, pixel) {
  const rgba = Buffer.alloc(size * size * 4)
  for (let j = 0; j < size; j++)
    for (let i = 0; i < size; i++) {
      const [r, g, b, a] = pixel((i + 0.5) / size, (j + 0.5) / size, 1 / size)
      rgba.set(
        [r, g, b, a].map((v) => Math.round(clamp(v, 0, 255))),
        (j * size + i) * 4,
      )
    }
  return rgba
}

// ---- encoders ----------------------------------------------------------------------------------
function chunk(type, data) {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0)
  return Buffer.concat([head, data, crc])
}

function png(size, rgba) {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1))
  for (let j = 0; j < size; j++) rgba.copy(raw, j * (size * 4 + 1) + 1, j * size * 4, (j + 1) * size * 4)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** .ico with PNG-compressed entries (Windows Vista and later). */
function ico(images) {
  const header = Buffer.alloc(6)
  header.writeUInt16LE(1, 2)
  header.writeUInt16LE(images.length, 4)
  let offset = 6 + 16 * images.length
  const dir = images.map(({ size, data }) => {
    const e = Buffer.alloc(16)
    e[0] = size >= 256 ? 0 : size
    e[1] = size >= 256 ? 0 : size
    e.writeUInt16LE(1, 4) // planes
    e.writeUInt16LE(32, 6) // bits per pixel
    e.writeUInt32LE(data.length, 8)
    e.writeUInt32LE(offset, 12)
    offset += data.length
    return e
  })
  return Buffer.concat([header, ...dir, ...images.map((i) => i.data)])
}

/** .icns with PNG entries for every type macOS looks up (1x and @2x). */
function icns(pngFor) {
  const types = [
    ['icp4', 16],
    ['ic11', 32],
    ['icp5', 32],
    ['ic12', 64],
    ['icp6', 64],
    ['ic07', 128],
    ['ic13', 256],
    ['ic08', 256],
    ['ic14', 512],
    ['ic09', 512],
    ['ic10', 1024],
  ]
  const entries = types.map(([type, size]) => {
    const data = pngFor(size)
    const head = Buffer.alloc(8)
    head.write(type, 0, 'ascii')
    head.writeUInt32BE(data.length + 8, 4)
    return Buffer.concat([head, data])
  })
  const body = Buffer.concat(entries)
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'ascii')
  head.writeUInt32BE(body.length + 8, 4)
  return Buffer.concat([head, body])
}

// ---- write -------------------------------------------------------------------------------------
const cache = new Map()
const appPng = (size) => {
  if (!cache.has(size)) cache.set(size, png(size, render(size, appPixel)))
  return cache.get(size)
}
const templatePng = (size) => png(size, render(size, templatePixel))

const write = (rel, data) => {
  const file = join(out, rel)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, data)
  console.log(`${rel}  ${data.length} bytes`)
}

write('icon.png', appPng(1024))
for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) write(`icons/${size}x${size}.png`, appPng(size))
write('icon.icns', icns(appPng))
write('icon.ico', ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, data: appPng(size) }))))
write('tray/trayTemplate.png', templatePng(16))
write('tray/trayTemplate@2x.png', templatePng(32))
write('tray/tray.png', appPng(32))
write('tray/tray@2x.png', appPng(64))
write('tray/tray.ico', ico([16, 24, 32, 48].map((size) => ({ size, data: appPng(size) }))))
