import { DOCS } from './catalog.js'
import type { Rule } from './context.js'
import { newFields, objectOrFieldHits, withFields } from './helpers.js'

export const rule: Rule = {
  id: 'person-account-relation',
  title: 'Person account relations are not restored',
  defaultSeverity: 'notice',
  evidence: 'official',
  docsUrl: DOCS.considerations,
  description:
    'With Person Accounts, the AccountContactRelation between a person account and a business account is not restored by Salesforce Backup.',
  fix: 'Export AccountContactRelation rows that link person accounts separately, so that they can be recreated after a restore.',
  check(ctx) {
    const hits = objectOrFieldHits(
      ctx,
      (o) => o === 'AccountContactRelation' || o === 'PersonAccount',
      (o, f, n) =>
        f
          ? `${newFields(o, f)}: relations between person accounts and business accounts are not restored by Salesforce Backup.`
          : `${o}${withFields(n)}: relations between person accounts and business accounts are not restored by Salesforce Backup.`
    )
    for (const c of ctx.delta.fields) {
      const f = c.after
      if (c.kind !== 'added' || !f || !(f.name.endsWith('__pc') || f.name.endsWith('__pr'))) continue
      if (f.object === 'AccountContactRelation' || f.object === 'PersonAccount') continue
      hits.push({
        component: { type: 'CustomField', name: f.fullName, object: f.object },
        file: f.file,
        line: f.lines[''] ?? 1,
        message: `${f.fullName} is a person-account field: relations between person accounts and business accounts are not restored by Salesforce Backup.`
      })
    }
    return hits
  }
}
