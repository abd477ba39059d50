import { namespaceOf, objectKind } from '../metadata/names.js'
import { DOCS } from './catalog.js'
import type { Rule } from './context.js'
import { addedObjects, lineOf, objectRef } from './helpers.js'

export const rule: Rule = {
  id: 'backup-policy',
  title: 'New object must be added to the backup policy',
  defaultSeverity: 'notice',
  evidence: 'inferred',
  docsUrl: DOCS.policy,
  description: 'A backup policy lists the objects it backs up; nothing documents that new objects are picked up automatically.',
  fix: 'After deploying, add the object to your Salesforce Backup policy (Backup > Policies) so that its records are backed up.',
  check: (ctx) =>
    addedObjects(ctx)
      .filter((o) => objectKind(o.name) === 'custom' && (!namespaceOf(o.name) || namespaceOf(o.name) === ctx.project.namespace))
      .map((o) => ({
        component: objectRef(o.name),
        file: o.file,
        line: lineOf(o.lines),
        message: `${o.name} is a new ${o.customSettingsType ? 'custom setting' : 'custom object'}: its records are backed up only once it is added to the Salesforce Backup policy.`
      }))
}
