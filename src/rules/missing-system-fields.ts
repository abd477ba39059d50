import { objectKind } from '../metadata/names.js'
import { DOCS, documentedMissingSystemFields, SYSTEM_FIELDS } from './catalog.js'
import type { Rule, RuleContext } from './context.js'
import { newFields, objectOrFieldHits, withFields } from './helpers.js'

/** Which system fields the object lacks: the org's describe is exact; otherwise the documented list. */
function missing(ctx: RuleContext, object: string): { fields: string[]; fromOrg: boolean } | undefined {
  const described = ctx.org?.objectFields(object)
  if (described) {
    const lacking = SYSTEM_FIELDS.filter((f) => !described.has(f))
    return lacking.length ? { fields: lacking, fromOrg: true } : undefined
  }
  const documented = objectKind(object) === 'standard' ? documentedMissingSystemFields(object) : undefined
  return documented ? { fields: documented, fromOrg: false } : undefined
}

export const rule: Rule = {
  id: 'missing-system-fields',
  title: 'Object lacks the system fields Salesforce Backup needs',
  defaultSeverity: 'error',
  evidence: 'official',
  docsUrl: DOCS.considerations,
  description:
    'Salesforce Backup skips standard objects that lack CreatedDate, LastModifiedDate or SystemModstamp; the backup log shows NOT_VISIBLE for them.',
  fix: 'Keep data that must be restorable in an object that has all three system fields (any custom object does), or back this object up another way.',
  check(ctx) {
    return objectOrFieldHits(
      ctx,
      (o) => missing(ctx, o) !== undefined,
      (o, f, n) => {
        const m = missing(ctx, o)!
        const what = `${o} has no ${m.fields.join(' or ')}${m.fromOrg ? ' (org describe)' : ''}`
        return f
          ? `${newFields(o, f)}, which Salesforce Backup skips: ${what}, so its records show NOT_VISIBLE in the backup log.`
          : `${what}${withFields(n)}: Salesforce Backup skips it (NOT_VISIBLE in the backup log), so its records are not backed up.`
      }
    ).map((h) => (missing(ctx, h.component.object!)?.fromOrg ? { ...h, source: 'org' as const } : h))
  }
}
