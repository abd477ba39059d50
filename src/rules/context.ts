import type { FactSource, FieldModel, MetadataDelta, ProjectInfo, RuleHit, RuleMeta } from '../types.js'

/** An answer about the integration user's access. `granted: undefined` means "cannot tell". */
export interface AccessAnswer {
  granted: boolean | undefined
  /** Where the answer came from: the repository's head, the pull request itself, or the live org. */
  source?: FactSource
  /** What grants it, e.g. `permission set Backup_Integration (objectPermissions.viewAllRecords)`. */
  via?: string
}

/**
 * What the rules may ask about the Salesforce Backup integration user's access.
 * Implemented by src/access (from the repository) and src/org (from the live org), merged by the engine.
 */
export interface AccessView {
  /** False when nobody told the tool which permission sets / profile the integration user has. */
  readonly known: boolean
  /** One line naming what the answers are based on, e.g. `permission sets Backup_Integration; profile Backup Integration`. */
  describe(): string
  objectRead(object: string): AccessAnswer
  fieldRead(field: FieldModel): AccessAnswer
  viewEncryptedData(): AccessAnswer
  /** Access that the change takes away: fields and objects readable at base but not at head. */
  revoked(): RevokedAccess[]
  /** Where a missing grant should be added (the first configured permission set), with its file if in the repo. */
  grantTarget(): { kind: 'PermissionSet' | 'Profile'; name: string; file?: string } | undefined
}

export interface RevokedAccess {
  kind: 'object' | 'field'
  /** `Account` or `Lead.SSN__c` */
  name: string
  /** The permission file that lost the grant, and the line where it was (base side) or the file's first line. */
  file: string
  line: number
  via: string
}

/** Facts read from the live org (read-only). Each lookup returns undefined when the org was not asked. */
export interface OrgFacts {
  /** Field names of an object from `describe` (for the system-field check), or undefined if not described. */
  objectFields(object: string): Set<string> | undefined
  /** From describeGlobal: whether the object exists and is queryable. */
  queryable(object: string): boolean | undefined
  /** Whether the integration user holds a licence (UserPackageLicense) for the managed package with this namespace. */
  hasPackageLicense(namespace: string): boolean | undefined
  /** How many API calls the run made (shown in the summary). */
  readonly apiCalls: number
}

export interface RuleContext {
  delta: MetadataDelta
  project: ProjectInfo
  /** True for `--all` scans, where every component counts as added. */
  full: boolean
  access: AccessView
  org?: OrgFacts
}

export interface Rule extends RuleMeta {
  check(ctx: RuleContext): RuleHit[]
}

/** The access view used when nothing is configured: every answer is "cannot tell". */
export const UNKNOWN_ACCESS: AccessView = {
  known: false,
  describe: () => 'integration user access not configured',
  objectRead: () => ({ granted: undefined }),
  fieldRead: () => ({ granted: undefined }),
  viewEncryptedData: () => ({ granted: undefined }),
  revoked: () => [],
  grantTarget: () => undefined
}
