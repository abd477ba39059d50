import type { RuleHit } from '../types.js'
import { objectKind } from '../metadata/names.js'
import { DOCS } from './catalog.js'
import type { Rule } from './context.js'
import { fieldRef, lineOf, objectRef, switchedOn } from './helpers.js'

const PRIVATE_SHARING = new Set(['Private', 'Read'])
/** Objects whose rows Salesforce Backup would otherwise back up; the other kinds have rules of their own. */
const DATA_KINDS = new Set(['custom', 'standard'])

export const rule: Rule = {
  id: 'history-tracking',
  title: 'Generated History, Feed or Share rows are not backed up',
  defaultSeverity: 'notice',
  evidence: 'inferred',
  docsUrl: DOCS.considerations,
  description:
    'History tracking, feed tracking and a private sharing model make Salesforce generate `__History`, `__Feed` and `__Share` rows; those tables lack the system fields or Bulk API support Salesforce Backup needs, so the rows are likely not backed up.',
  fix: 'Treat field history, feed items and manual shares of this object as not restorable; if you need them, export them separately (for example with Field Audit Trail or a report export).',
  check(ctx) {
    const hits: RuleHit[] = []
    for (const c of ctx.delta.objects) {
      if (c.kind === 'deleted' || !DATA_KINDS.has(objectKind(c.after!.name))) continue
      const o = c.after!
      const isNew = c.kind === 'added' && !ctx.full
      const ref = objectRef(o.name)
      if (switchedOn(ctx, c, 'enableHistory', (m) => m.enableHistory))
        hits.push({ component: ref, file: o.file, line: lineOf(o.lines, 'enableHistory'), message: `${isNew ? 'New object ' : ''}${o.name} has field history tracking turned on: its ${historyTable(o.name)} rows are not backed up by Salesforce Backup.` })
      if (switchedOn(ctx, c, 'enableFeeds', (m) => m.enableFeeds))
        hits.push({ component: ref, file: o.file, line: lineOf(o.lines, 'enableFeeds'), message: `${isNew ? 'New object ' : ''}${o.name} has feed tracking turned on: its ${suffixTable(o.name, 'Feed')} rows are not backed up by Salesforce Backup.` })
      if (switchedOn(ctx, c, 'sharingModel', (m) => PRIVATE_SHARING.has(m.sharingModel ?? '')))
        hits.push({ component: ref, file: o.file, line: lineOf(o.lines, 'sharingModel'), message: `${isNew ? 'New object ' : ''}${o.name} has sharing model ${o.sharingModel}: its ${suffixTable(o.name, 'Share')} rows (manual and rule-based shares) are not backed up by Salesforce Backup.` })
    }
    for (const c of ctx.delta.fields) {
      if (!switchedOn(ctx, c, 'trackHistory', (f) => f.trackHistory)) continue
      const f = c.after!
      if (ctx.delta.objects.some((o) => o.kind === 'added' && o.after!.name === f.object)) continue // covered by the object
      hits.push({ component: fieldRef(f), file: f.file, line: lineOf(f.lines, 'trackHistory'), message: `${c.kind === 'added' ? `New field ${f.fullName} has` : `${f.fullName} now has`} history tracking: its changes go to ${historyTable(f.object)} rows, which Salesforce Backup does not back up.` })
    }
    return hits
  }
}

function historyTable(object: string): string {
  return object.endsWith('__c') ? `${object.slice(0, -3)}__History` : `${object}History`
}

function suffixTable(object: string, kind: 'Feed' | 'Share'): string {
  return object.endsWith('__c') ? `${object.slice(0, -3)}__${kind}` : `${object}${kind}`
}
