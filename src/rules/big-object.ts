import { objectKind } from '../metadata/names.js'
import { DOCS } from './catalog.js'
import type { Rule } from './context.js'
import { newFields, objectOrFieldHits, withFields } from './helpers.js'

export const rule: Rule = {
  id: 'big-object',
  title: 'Big object records are not backed up',
  defaultSeverity: 'error',
  evidence: 'official',
  docsUrl: DOCS.considerations,
  description: 'Salesforce Backup does not back up records in big objects (`__b`), so their data cannot be restored from a backup.',
  fix: 'Keep the data somewhere Salesforce Backup covers (a custom object), or export the big object on a schedule (Bulk API or Async SOQL to external storage) and record that with an ignore entry.',
  check: (ctx) =>
    objectOrFieldHits(ctx, (o) => objectKind(o) === 'big', (o, f, n) =>
      f
        ? `${newFields(o, f, 'big object ')}: Salesforce Backup does not back up big-object records, so this data cannot be restored.`
        : `${o} is a big object${withFields(n)}: Salesforce Backup does not back up big-object records, so this data cannot be restored.`
    )
}
