import type { RuleHit } from '../types.js'
import { DOCS } from './catalog.js'
import type { Rule } from './context.js'
import { fieldRef, lineOf, objectRef, switchedOn } from './helpers.js'

const encrypted = (scheme: string | undefined): boolean => !!scheme && scheme !== 'None'

export const rule: Rule = {
  id: 'shield-encryption',
  title: 'Shield Platform Encryption: backup behaviour undocumented',
  defaultSeverity: 'notice',
  evidence: 'inferred',
  docsUrl: DOCS.considerations,
  description:
    'A Shield Platform Encryption `encryptionScheme` other than None; Salesforce Backup documents nothing about Shield-encrypted data, so test a restore of it.',
  fix: 'Run a test backup and restore of this field in a sandbox before relying on Salesforce Backup for it.',
  check(ctx) {
    const hits: RuleHit[] = []
    for (const c of ctx.delta.fields) {
      if (!switchedOn(ctx, c, 'encryptionScheme', (f) => encrypted(f.encryptionScheme))) continue
      const f = c.after!
      hits.push({ component: fieldRef(f), file: f.file, line: lineOf(f.lines, 'encryptionScheme'), message: `${f.fullName} uses Shield Platform Encryption (${f.encryptionScheme}): Salesforce Backup documents nothing about restoring Shield-encrypted data.` })
    }
    for (const c of ctx.delta.objects) {
      if (!switchedOn(ctx, c, 'nameField', (o) => encrypted(o.nameFieldEncryptionScheme))) continue
      const o = c.after!
      hits.push({ component: objectRef(o.name), file: o.file, line: lineOf(o.lines, 'nameField.encryptionScheme', 'nameField'), message: `The Name field of ${o.name} uses Shield Platform Encryption (${o.nameFieldEncryptionScheme}): Salesforce Backup documents nothing about restoring Shield-encrypted data.` })
    }
    return hits
  }
}
