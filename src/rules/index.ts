import type { RuleMeta } from '../types.js'
import { DOCS } from './catalog.js'
import type { Rule } from './context.js'
import { rule as backupPolicy } from './backup-policy.js'
import { rule as bigObject } from './big-object.js'
import { rule as bulkApiUnsupported } from './bulk-api-unsupported.js'
import { rule as changeDataCapture } from './change-data-capture.js'
import { rule as customMetadata } from './custom-metadata.js'
import { rule as encryptedFieldAccess } from './encrypted-field-access.js'
import { rule as externalObject } from './external-object.js'
import { rule as fieldAccess } from './field-access.js'
import { rule as historyTracking } from './history-tracking.js'
import { rule as managedPackageLicense } from './managed-package-license.js'
import { rule as missingSystemFields } from './missing-system-fields.js'
import { rule as objectAccess } from './object-access.js'
import { rule as personAccountRelation } from './person-account-relation.js'
import { rule as platformEvent } from './platform-event.js'
import { rule as shieldEncryption } from './shield-encryption.js'

/** Every rule, in catalogue order. One file per rule: metadata beside logic. */
export const RULES: readonly Rule[] = [
  bigObject,
  encryptedFieldAccess,
  fieldAccess,
  objectAccess,
  missingSystemFields,
  bulkApiUnsupported,
  managedPackageLicense,
  backupPolicy,
  platformEvent,
  externalObject,
  customMetadata,
  changeDataCapture,
  historyTracking,
  shieldEncryption,
  personAccountRelation
]

/** Not a rule about Salesforce Backup: a file the tool could not read. Reported so that nothing is silently skipped. */
export const PARSE_ERROR: RuleMeta = {
  id: 'parse-error',
  title: 'Metadata file could not be read',
  defaultSeverity: 'error',
  evidence: 'official',
  docsUrl: DOCS.customObject,
  description: 'A metadata file in the change is not well-formed XML (or too large), so the tool could not check it; Salesforce would reject it on deploy too.',
  fix: 'Fix the XML so that the file parses; the scan checks it on the next run.'
}

export const ALL_RULE_META: readonly RuleMeta[] = [...RULES, PARSE_ERROR]
export const RULE_IDS: readonly string[] = ALL_RULE_META.map((r) => r.id)
