/** `1 error`, `3 errors`, `1,200 fields`. */
export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`
}

/** `2 errors, 1 warning, 0 notices` */
export function countsLine(s: { error: number; warning: number; notice: number }, bold = false): string {
  const b = (x: string) => (bold ? x.replace(/^(\S+)/, '**$1**') : x)
  return [b(plural(s.error, 'error')), b(plural(s.warning, 'warning')), b(plural(s.notice, 'notice'))].join(bold ? ' · ' : ', ')
}

/** Text made safe for one markdown table cell: no line breaks, no pipes, no raw HTML. */
export function escapeCell(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .trim()
}
