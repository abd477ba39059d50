import { namespaceOf, objectKind } from '../metadata/names.js'
import { DOCS } from './catalog.js'
import type { Rule, RuleContext } from './context.js'
import { newFields, objectOrFieldHits, withFields } from './helpers.js'

function foreignNamespace(ctx: RuleContext, object: string): string | undefined {
  if (objectKind(object) !== 'custom') return undefined
  const ns = namespaceOf(object)
  if (!ns || ns.toLowerCase() === ctx.project.namespace?.toLowerCase()) return undefined
  if (ctx.org?.hasPackageLicense(ns) === true) return undefined
  return ns
}

export const rule: Rule = {
  id: 'managed-package-license',
  title: 'Managed-package object needs the package licence',
  defaultSeverity: 'warning',
  evidence: 'official',
  docsUrl: DOCS.considerations,
  description:
    'Custom objects from a managed package that is not site-wide are backed up only if the integration user holds a licence for that package.',
  fix: 'Assign the package licence to the Salesforce Backup integration user (Setup > Installed Packages > Manage Licenses), or confirm the package is licensed site-wide.',
  check(ctx) {
    return objectOrFieldHits(
      ctx,
      (o) => foreignNamespace(ctx, o) !== undefined,
      (o, f, n) => {
        const ns = foreignNamespace(ctx, o)!
        const what = f ? `${newFields(o, f)} from managed package "${ns}"` : `${o}${withFields(n)} belongs to managed package "${ns}"`
        return ctx.org?.hasPackageLicense(ns) === false
          ? `${what}: the org shows no "${ns}" licence on the integration user, so it is backed up only if the package is licensed site-wide.`
          : `${what}: it is backed up only if the package is licensed site-wide or the integration user holds its licence.`
      }
    ).map((h) => (ctx.org?.hasPackageLicense(foreignNamespace(ctx, h.component.object!)!) === false ? { ...h, source: 'org' as const } : h))
  }
}
