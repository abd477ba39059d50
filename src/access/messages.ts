/** Wording shared by the access rules and the fix writer: the exact XML to add, and where. */
import { escapeXml } from './xml.js'

export type GrantKind = 'object' | 'field' | 'customSetting'

/** A read grant the integration user is missing. */
export interface MissingGrant {
  kind: GrantKind
  /** `Account`, `Lead.SSN__c`, or a custom setting `Settings__c`. */
  name: string
}

/** The element Salesforce expects for a grant, on one line (as shown in messages). */
export function grantXml(grant: MissingGrant): string {
  return grantLines(grant, '', '').join('')
}

/** The element as lines with the given indentation (the fix writer uses this; messages join it). */
export function grantLines(grant: MissingGrant, outer: string, inner: string): string[] {
  const n = escapeXml(grant.name)
  switch (grant.kind) {
    case 'field':
      return [
        `${outer}<fieldPermissions>`,
        `${inner}<editable>false</editable>`,
        `${inner}<field>${n}</field>`,
        `${inner}<readable>true</readable>`,
        `${outer}</fieldPermissions>`
      ]
    case 'object':
      return [
        `${outer}<objectPermissions>`,
        `${inner}<allowCreate>false</allowCreate>`,
        `${inner}<allowDelete>false</allowDelete>`,
        `${inner}<allowEdit>false</allowEdit>`,
        `${inner}<allowRead>true</allowRead>`,
        `${inner}<modifyAllRecords>false</modifyAllRecords>`,
        `${inner}<object>${n}</object>`,
        `${inner}<viewAllRecords>false</viewAllRecords>`,
        `${outer}</objectPermissions>`
      ]
    case 'customSetting':
      return [`${outer}<customSettingAccesses>`, `${inner}<enabled>true</enabled>`, `${inner}<name>${n}</name>`, `${outer}</customSettingAccesses>`]
  }
}

export interface GrantTarget {
  kind: 'PermissionSet' | 'Profile'
  name: string
  file?: string
}

/** One sentence saying exactly what to add where. */
export function grantFix(grant: MissingGrant, target: GrantTarget | undefined): string {
  const xml = grantXml(grant)
  if (!target) return `Add ${xml} to a permission set assigned to the Salesforce Backup integration user.`
  const who = `${target.kind === 'Profile' ? 'profile' : 'permission set'} ${target.name}`
  if (!target.file) return `Add ${xml} to ${who} (it is not in this repository, so change it in the org).`
  return `Add ${xml} to ${who} (${target.file}).`
}

/**
 * The summary sentence for a run where nobody said who the integration user is: access could not be checked,
 * and how to configure it.
 */
export function accessNotConfiguredSentence(configFile = '.github/sf-backup-guard.yml'): string {
  return (
    'Integration user access was not checked, because no permission sets, permission set groups or profile are configured ' +
    `for the Salesforce Backup integration user: add "integration-user: { permission-sets: [Your_Backup_Permission_Set] }" to ${configFile} ` +
    '(see docs/configuration.md) to turn on the object-access and field-access checks.'
  )
}
