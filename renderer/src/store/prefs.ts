/** The UI's own preferences, persisted in localStorage (partialize: preferences only, never content). */
import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'

export type Theme = 'light' | 'dark' | 'system'

export interface Prefs {
  theme: Theme
  favourites: string[]
  recents: string[]
  sidebarCollapsed: boolean
  lastModel: string | null
  setTheme(t: Theme): void
  toggleFavourite(model: string): void
  useModel(model: string): void
  toggleSidebar(): void
}

export const usePrefs = create<Prefs>()(
  persist(
    (set) => ({
      theme: 'system',
      favourites: [],
      recents: [],
      sidebarCollapsed: false,
      lastModel: null,
      setTheme: (theme) => set({ theme }),
      toggleFavourite: (model) =>
        set((s) => ({
          favourites: s.favourites.includes(model)
            ? s.favourites.filter((m) => m !== model)
            : [...s.favourites, model],
        })),
      useModel: (model) =>
        set((s) => ({
          lastModel: model,
          recents: [model, ...s.recents.filter((m) => m !== model)].slice(0, 8),
        })),
      toggleSidebar: () => set((s) => ({ sidebarCollapsed: !s.sidebarCollapsed })),
    }),
    {
      name: 'localrouter.prefs',
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({
        theme: s.theme,
        favourites: s.favourites,
        recents: s.recents,
        sidebarCollapsed: s.sidebarCollapsed,
        lastModel: s.lastModel,
      }),
    },
  ),
)
