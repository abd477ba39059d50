import { objectKind } from '../metadata/names.js'
import { DOCS } from './catalog.js'
import type { Rule } from './context.js'
import { newFields, objectOrFieldHits, withFields } from './helpers.js'

export const rule: Rule = {
  id: 'custom-metadata',
  title: 'Custom metadata records are metadata, not data',
  defaultSeverity: 'notice',
  evidence: 'inferred',
  docsUrl: DOCS.considerations,
  description: 'Custom metadata type (`__mdt`) records are metadata deployed from source; Salesforce data backup is not where they are protected.',
  fix: 'Keep the records in source control and deploy them with the rest of the metadata; that is their backup.',
  check: (ctx) =>
    objectOrFieldHits(ctx, (o) => objectKind(o) === 'custom-metadata', (o, f, n) =>
      f ? `${newFields(o, f)}, which is a custom metadata type: its records are metadata, restored by deploying from source control, not by Salesforce Backup.` : `${o}${withFields(n)} is a custom metadata type: its records are metadata, restored by deploying from source control, not by Salesforce Backup.`
    )
}
