import { customSettingNames } from '../access/names.js'
import { grantFix } from '../access/messages.js'
import { isCustomField, notBackedUpAnyway } from '../access/names.js'
import type { ComponentChange, FieldModel, RuleHit } from '../types.js'
import type { Rule, RuleContext } from './context.js'

const DOCS = 'https://help.salesforce.com/s/articleView?id=xcloud.backup_restore_permissions.htm&language=en_US&type=5'

/**
 * field-access: a new custom field that the Salesforce Backup integration user cannot read (field-level security),
 * when that user's access is known; also read access on a field that the change takes away.
 * Exempt: required and master-detail fields (readable with their object, which object-access checks), formula
 * fields (they store no data), fields of objects that are not backed up anyway (__b, __e, __x, __mdt), fields of
 * custom settings, and standard fields (their file may be new, the field is not).
 */
export const rule: Rule = {
  id: 'field-access',
  title: 'Field not readable by the backup integration user',
  defaultSeverity: 'error',
  evidence: 'official',
  docsUrl: DOCS,
  description:
    'Salesforce Backup reads data as an integration user, so a field that user cannot read (field-level security) is not backed up and cannot be restored. Required and master-detail fields are readable whenever their object is.',
  fix: 'Give the integration user read access to the field (fieldPermissions readable) in one of its permission sets.',
  check(ctx: RuleContext): RuleHit[] {
    const { access, delta } = ctx
    if (!access.known) return []
    const target = access.grantTarget()
    const settings = customSettingNames(delta)
    const hits: RuleHit[] = []
    // No sort here: findings are put in their one deterministic order by the findings stage.
    for (const c of delta.fields) {
      if (!c.after || !needsCheck(c)) continue
      const f = c.after!
      if (notBackedUpAnyway(f.object) || settings.has(f.object.toLowerCase())) continue
      const answer = access.fieldRead(f)
      if (answer.granted !== false) continue
      const what = c.kind === 'added' ? `${ctx.full ? 'Field' : 'New field'} ${f.fullName}` : `Field ${f.fullName} is no longer ${c.before!.required ? 'required' : 'master-detail'}, and it`
      // A formula stores nothing, so nothing is lost: it is recomputed after a restore. Still say so, as a notice.
      const consequence = f.formula
        ? 'so backups will not contain it (it is a formula, recomputed after a restore, so no stored data is lost)'
        : 'so its data will not be backed up or restored'
      hits.push({
        component: { type: 'CustomField', name: f.fullName, object: f.object },
        file: f.file,
        line: (c.kind === 'added' ? f.lines[''] : (f.lines.required ?? f.lines.type ?? f.lines[''])) ?? 1,
        message: `${what} is not readable by the Salesforce Backup integration user (checked ${access.describe()}), ${consequence}.`,
        fix: grantFix({ kind: 'field', name: f.fullName }, target),
        source: answer.source ?? 'repository',
        ...(f.formula ? { severity: 'notice' as const } : {})
      })
    }
    for (const r of access.revoked()) {
      if (r.kind !== 'field') continue
      const object = r.name.slice(0, r.name.indexOf('.'))
      if (notBackedUpAnyway(object)) continue
      hits.push({
        component: { type: 'CustomField', name: r.name, object },
        file: r.file,
        line: r.line,
        message: `This change takes read access to ${r.name} away from the Salesforce Backup integration user (it came from ${r.via}), so its data will stop being backed up.`,
        fix: `Keep read access: ${lowerFirst(grantFix({ kind: 'field', name: r.name }, target))}`,
        source: 'pull-request'
      })
    }
    return hits
  }
}

/** Added custom fields that store data and carry field-level security, or fields that just stopped being exempt. */
function needsCheck(c: ComponentChange<FieldModel>): boolean {
  const f = c.after!
  if (f.required || f.type === 'MasterDetail' || !isCustomField(f.name)) return false
  if (c.kind === 'added') return true
  const b = c.before
  return c.kind === 'modified' && b !== undefined && (b.required || b.type === 'MasterDetail')
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1)
}
