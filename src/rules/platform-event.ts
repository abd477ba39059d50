import { objectKind } from '../metadata/names.js'
import { DOCS } from './catalog.js'
import type { Rule } from './context.js'
import { newFields, objectOrFieldHits, withFields } from './helpers.js'

export const rule: Rule = {
  id: 'platform-event',
  title: 'Platform event messages are not backed up',
  defaultSeverity: 'notice',
  evidence: 'official',
  docsUrl: DOCS.platformEvents,
  description: 'Platform events (`__e`) cannot be queried with SOQL at all, so Salesforce Backup cannot back up their messages.',
  fix: 'Persist any event data you need into a custom object (for example from a trigger or flow subscriber).',
  check: (ctx) =>
    objectOrFieldHits(ctx, (o) => objectKind(o) === 'event', (o, f, n) =>
      f ? `${newFields(o, f)}, which is a platform event: its messages cannot be queried, so Salesforce Backup never backs them up.` : `${o}${withFields(n)} is a platform event: its messages cannot be queried, so Salesforce Backup never backs them up.`
    )
}
