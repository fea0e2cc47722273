/** An API key kept in this browser's localStorage; private mode keeps it for the page only. */
export function storedKey(name: string): string | null {
  try {
    return localStorage.getItem(name)
  } catch {
    return null
  }
}

export function storeKey(name: string, key: string | null): void {
  try {
    if (key === null) localStorage.removeItem(name)
    else localStorage.setItem(name, key)
  } catch {
    // private mode: nothing is kept
  }
}
