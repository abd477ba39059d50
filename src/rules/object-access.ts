import { customSettingNames } from '../access/names.js'
import { grantFix } from '../access/messages.js'
import type { MissingGrant } from '../access/messages.js'
import { isCustomField, notBackedUpAnyway } from '../access/names.js'
import type { FieldModel, ObjectModel, RuleHit } from '../types.js'
import type { Rule, RuleContext } from './context.js'

const DOCS = 'https://help.salesforce.com/s/articleView?id=xcloud.backup_restore_permissions.htm&language=en_US&type=5'

/**
 * object-access: a new object, or an object that gets new custom fields, that the Salesforce Backup
 * integration user cannot read (runs only when the integration user's access is known); also read access on an
 * object that the change takes away. Objects that are not backed up anyway (__b, __e, __x, __mdt) are left to their
 * own rules.
 */
export const rule: Rule = {
  id: 'object-access',
  title: 'Object not readable by the backup integration user',
  defaultSeverity: 'error',
  evidence: 'official',
  docsUrl: DOCS,
  description:
    'Salesforce Backup runs as an integration user and backs up only the objects that user can read. A new object, or an object that gets new fields, without Read access for that user is not backed up and cannot be restored.',
  fix: 'Give the integration user Read on the object (objectPermissions allowRead) in one of its permission sets.',
  check(ctx: RuleContext): RuleHit[] {
    const { access, delta } = ctx
    if (!access.known) return []
    const target = access.grantTarget()
    const settings = customSettingNames(delta)
    const candidates = new Map<string, { name: string; model?: ObjectModel; fields: FieldModel[] }>()
    const entry = (name: string) => {
      const key = name.toLowerCase()
      let e = candidates.get(key)
      if (!e) candidates.set(key, (e = { name, fields: [] }))
      return e
    }
    // A standard object whose file appears in source is not new (a retrieve); in full scans every object counts.
    for (const c of delta.objects) if (c.kind === 'added' && c.after && (ctx.full || c.after.name.includes('__'))) entry(c.after.name).model = c.after
    for (const c of delta.fields) {
      const f = c.after
      if (c.kind === 'added' && f && isCustomField(f.name)) entry(f.object).fields.push(f)
    }
    const hits: RuleHit[] = []
    for (const e of [...candidates.values()].sort((a, b) => cmp(a.name, b.name))) {
      if (notBackedUpAnyway(e.name)) continue
      const answer = access.objectRead(e.name)
      if (answer.granted !== false) continue
      const setting = settings.has(e.name.toLowerCase())
      const grant: MissingGrant = { kind: setting ? 'customSetting' : 'object', name: e.name }
      const fields = e.fields.sort((a, b) => cmp(a.fullName, b.fullName))
      const at = e.model ?? fields[0]!
      const what = e.model
        ? `${ctx.full ? '' : 'New '}${setting ? 'custom setting' : 'object'} ${e.name}`.replace(/^[a-z]/, (c) => c.toUpperCase())
        : `${e.name} gets ${fields.length === 1 ? `a new field (${fields[0]!.name})` : `${fields.length} new fields (${fields.map((f) => f.name).join(', ')})`} but it`
      hits.push({
        component: { type: 'CustomObject', name: e.name, object: e.name },
        file: at.file,
        line: at.lines[''] ?? 1,
        message: `${what} is not readable by the Salesforce Backup integration user (checked ${access.describe()}), so its records will not be backed up or restored.`,
        fix: grantFix(grant, target),
        source: answer.source ?? 'repository'
      })
    }
    for (const r of access.revoked()) {
      if (r.kind !== 'object' || notBackedUpAnyway(r.name)) continue
      const setting = settings.has(r.name.toLowerCase())
      hits.push({
        component: { type: 'CustomObject', name: r.name, object: r.name },
        file: r.file,
        line: r.line,
        message: `This change takes Read on ${r.name} away from the Salesforce Backup integration user (it came from ${r.via}), so its records will stop being backed up.`,
        fix: `Keep read access: ${lowerFirst(grantFix({ kind: setting ? 'customSetting' : 'object', name: r.name }, target))}`,
        source: 'pull-request'
      })
    }
    return hits
  }
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1)
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
