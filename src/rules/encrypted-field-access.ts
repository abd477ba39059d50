import type { RuleHit } from '../types.js'
import { DOCS } from './catalog.js'
import type { Rule } from './context.js'
import { fieldRef, lineOf } from './helpers.js'

const VIEW_ENCRYPTED_XML = '<userPermissions><enabled>true</enabled><name>ViewEncryptedData</name></userPermissions>'

export const rule: Rule = {
  id: 'encrypted-field-access',
  title: 'Classic-encrypted field needs View Encrypted Data',
  defaultSeverity: 'error',
  evidence: 'official',
  docsUrl: DOCS.permissions,
  description:
    'Fields with Classic Encryption (`EncryptedText`) are backed up only if the integration user has View Encrypted Data; without it their data is not backed up and cannot be restored.',
  fix: `Give the Salesforce Backup integration user View Encrypted Data: add ${VIEW_ENCRYPTED_XML} to one of its permission sets.`,
  check(ctx) {
    const hits: RuleHit[] = []
    const answer = ctx.access.viewEncryptedData()
    if (answer.granted === true) return hits
    const target = ctx.access.grantTarget()
    for (const c of ctx.delta.fields) {
      if (c.kind === 'deleted' || c.after!.type !== 'EncryptedText' || c.before?.type === 'EncryptedText') continue
      const f = c.after!
      const base = { component: fieldRef(f), file: f.file, line: lineOf(f.lines, 'type') }
      if (answer.granted === false) {
        hits.push({
          ...base,
          severity: 'error',
          source: answer.source,
          message: `${f.fullName} uses Classic Encryption and the integration user (${ctx.access.describe()}) lacks View Encrypted Data: its values are not backed up and cannot be restored.`,
          fix: target
            ? `Add ${VIEW_ENCRYPTED_XML} to ${target.kind === 'Profile' ? 'profile' : 'permission set'} ${target.name}${target.file ? ` (${target.file})` : ''}.`
            : undefined
        })
      } else {
        hits.push({
          ...base,
          severity: 'warning',
          message: `${f.fullName} uses Classic Encryption: it is backed up only if the integration user has View Encrypted Data, which could not be checked (${ctx.access.describe()}).`
        })
      }
    }
    return hits
  }
}
