/** The installed Electron binary's path, or null when none is installed (see electron-binary.mjs). */
export function electronBinary(): string | null
