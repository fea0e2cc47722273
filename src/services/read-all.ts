/** Every row of a paged store read, page by page (the store caps a page at 500 rows). */
import type { Page, PageRequest } from './ports.ts'

const PAGE = 500

export async function readAll<T>(read: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = []
  for (let offset = 0; ; offset += PAGE) {
    const page = await read({ limit: PAGE, offset })
    items.push(...page.items)
    if (page.items.length < PAGE || items.length >= page.total) return items
  }
}
