import { objectKind } from '../metadata/names.js'
import { DOCS } from './catalog.js'
import type { Rule } from './context.js'
import { newFields, objectOrFieldHits, withFields } from './helpers.js'

export const rule: Rule = {
  id: 'external-object',
  title: 'External object data lives outside Salesforce',
  defaultSeverity: 'notice',
  evidence: 'official',
  docsUrl: DOCS.considerations,
  description: 'The data of external objects (`__x`) stays in the external system; Salesforce Backup does not back it up.',
  fix: 'Back up the external system itself; Salesforce Backup cannot restore this data.',
  check: (ctx) =>
    objectOrFieldHits(ctx, (o) => objectKind(o) === 'external', (o, f, n) =>
      f ? `${newFields(o, f)}, which is an external object: its data lives in the external system, which Salesforce Backup does not back up.` : `${o}${withFields(n)} is an external object: its data lives in the external system, which Salesforce Backup does not back up.`
    )
}
