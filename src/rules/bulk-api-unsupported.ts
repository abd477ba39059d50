import { objectKind } from '../metadata/names.js'
import { BULK_UNSUPPORTED, DOCS } from './catalog.js'
import type { Rule, RuleContext } from './context.js'
import { newFields, objectOrFieldHits, withFields } from './helpers.js'

const VENDOR_KINDS = new Set(['knowledge', 'data-cloud', 'historical-trending'])

function reason(ctx: RuleContext, object: string): { text: string; fromOrg: boolean } | undefined {
  // An object the org does not have yet (new in this change) is not "unqueryable": only described objects count.
  const queryable = ctx.org?.objectFields(object) ? ctx.org.queryable(object) : undefined
  if (queryable === false) return { text: 'the org reports it is not queryable', fromOrg: true }
  if (BULK_UNSUPPORTED.has(object)) return { text: 'backup vendors report that the Bulk API cannot query it', fromOrg: false }
  const kind = objectKind(object)
  if (VENDOR_KINDS.has(kind)) return { text: `backup vendors exclude ${kind.replace('-', ' ')} objects (${object.slice(object.lastIndexOf('__'))}); Salesforce does not confirm it`, fromOrg: false }
  return undefined
}

export const rule: Rule = {
  id: 'bulk-api-unsupported',
  title: 'Object the Bulk API cannot query',
  defaultSeverity: 'warning',
  evidence: 'vendor',
  docsUrl: DOCS.bulkQueries,
  description:
    'Salesforce Backup reads data through the Bulk API; objects the Bulk API cannot query are not backed up. Salesforce publishes no list, so the list comes from Salesforce docs and backup vendors.',
  fix: 'Do not rely on Salesforce Backup for this object: keep the data in a queryable object or export it another way.',
  check(ctx) {
    return objectOrFieldHits(
      ctx,
      (o) => reason(ctx, o) !== undefined,
      (o, f, n) => {
        const r = reason(ctx, o)!
        return f
          ? `${newFields(o, f)}, which Salesforce Backup cannot read through the Bulk API: ${r.text}.`
          : `${o}${withFields(n)} is not backed up: Salesforce Backup reads through the Bulk API and ${r.text}.`
      }
    ).map((h) => (reason(ctx, h.component.object!)?.fromOrg ? { ...h, source: 'org' as const, evidence: 'inferred' as const } : h))
  }
}
