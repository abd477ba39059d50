import { objectKind } from '../metadata/names.js'
import { DOCS } from './catalog.js'
import type { RuleHit } from '../types.js'
import type { Rule } from './context.js'
import { lineOf, objectOrFieldHits } from './helpers.js'

/** `AccountChangeEvent` -> `Account`, `Foo__ChangeEvent` -> `Foo__c`. */
function entityObject(entity: string): string {
  if (entity.endsWith('__ChangeEvent')) return `${entity.slice(0, -'__ChangeEvent'.length)}__c`
  return entity.endsWith('ChangeEvent') ? entity.slice(0, -'ChangeEvent'.length) : entity
}

export const rule: Rule = {
  id: 'change-data-capture',
  title: 'Change data capture events are not backed up',
  defaultSeverity: 'notice',
  evidence: 'official',
  docsUrl: DOCS.changeEvents,
  description: 'Change events (`…ChangeEvent`) are a stream, not queryable records; Salesforce Backup cannot back them up.',
  fix: 'If subscribers need a history of changes, store it in a custom object; the change event stream itself cannot be restored.',
  check(ctx) {
    const hits: RuleHit[] = ctx.delta.channelMembers
      .filter((c) => c.kind === 'added' && c.after?.selectedEntity && (c.after.selectedEntity.endsWith('ChangeEvent') || c.after.eventChannel === 'ChangeEvents'))
      .map((c) => {
        const m = c.after!
        const object = entityObject(m.selectedEntity!)
        return {
          component: { type: 'PlatformEventChannelMember', name: m.name, object },
          file: m.file,
          line: lineOf(m.lines, 'selectedEntity'),
          message: `Change data capture is turned on for ${object} (${m.selectedEntity}): change events are not queryable, so Salesforce Backup does not back them up.`
        }
      })
    return hits.concat(
      objectOrFieldHits(ctx, (o) => objectKind(o) === 'change-event', (o) => `${o} is a change data capture stream: it is not queryable, so Salesforce Backup does not back it up.`)
    )
  }
}
