/**
 * Small glob matchers (no dependency): repository paths for `paths.include` / `paths.exclude`,
 * and component names for `ignore[].component`.
 */

const cache = new Map<string, RegExp>()

/** Normalizes a repository-relative path: forward slashes, no leading `./` or `/`. */
export function normalizePath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '').replace(/^\/+/, '')
}

/**
 * Compiles a path glob. `**` matches any number of directories (also none), `*` any characters except `/`,
 * `?` one character except `/`. Everything else is literal. Case-sensitive, like git paths.
 */
export function pathGlob(pattern: string): RegExp {
  const key = `p:${pattern}`
  const hit = cache.get(key)
  if (hit) return hit
  const p = normalizePath(pattern).replace(/\/+$/, '')
  let re = ''
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!
    if (c === '*' && p[i + 1] === '*') {
      const atStart = i === 0 || p[i - 1] === '/'
      const next = p[i + 2]
      if (atStart && next === '/') {
        re += '(?:[^/]*/)*' // `**/`: zero or more directories
        i += 2
      } else if (atStart && next === undefined) {
        re += '.*' // trailing `**`: everything below
        i += 1
      } else {
        re += '.*'
        i += 1
      }
    } else if (c === '*') re += '[^/]*'
    else if (c === '?') re += '[^/]'
    else re += escape(c)
  }
  const rx = new RegExp(`^${re}$`)
  cache.set(key, rx)
  return rx
}

/** True when the path, or one of the directories it is in, matches the glob (so `unpackaged` covers `unpackaged/x.xml`). */
export function matchPath(pattern: string, file: string): boolean {
  const rx = pathGlob(pattern)
  const p = normalizePath(file)
  if (rx.test(p)) return true
  for (let i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/', i - 1)) {
    if (rx.test(p.slice(0, i))) return true
  }
  return false
}

/**
 * Compiles a component-name pattern: `*` matches any characters within one name (not across the `.` between an
 * object and its field), `?` one such character. API names are case-insensitive in Salesforce, so is this.
 */
export function componentGlob(pattern: string): RegExp {
  const key = `c:${pattern}`
  const hit = cache.get(key)
  if (hit) return hit
  let re = ''
  for (const c of pattern.trim()) re += c === '*' ? '[^.]*' : c === '?' ? '[^.]' : escape(c)
  const rx = new RegExp(`^${re}$`, 'i')
  cache.set(key, rx)
  return rx
}

/** True when the pattern names the component, or the object the component belongs to (an object pattern covers its fields). */
export function matchComponent(pattern: string, component: { name: string; object?: string }): boolean {
  const rx = componentGlob(pattern)
  return rx.test(component.name) || (component.object !== undefined && rx.test(component.object))
}

function escape(c: string): string {
  return /[\\^$.|?*+()[\]{}]/.test(c) ? `\\${c}` : c
}
