/**
 * Data types shared by the pipeline stages. Data flows one way:
 *   options -> changes -> metadata -> [access, org] -> rules -> findings -> reporters -> gate
 * Each stage takes the output of the one before and never reaches back.
 */

export type Severity = 'error' | 'warning' | 'notice'
export type SeverityOrOff = Severity | 'off'
/** Lowest severity that fails the build; `never` always passes. */
export type FailOn = Severity | 'never'
/** How sure a claim is: stated by Salesforce, deduced from what it states, or reported by other vendors. */
export type Evidence = 'official' | 'inferred' | 'vendor'

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'notice']
export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 }

// ---------------------------------------------------------------------------------------------
// changes (git)

export type FileStatus = 'added' | 'modified' | 'deleted'

export interface FileChange {
  status: FileStatus
  /** Repository-relative path with forward slashes (the head path; for deletions, the base path). */
  path: string
  /** For a rename or move: the path in the base commit. A renamed file is compared with its old content. */
  previousPath?: string
}

export interface ChangeSet {
  /** `diff`: base..head of a pull request or push; `full`: every file of head treated as new. */
  mode: 'diff' | 'full'
  /** The commit the change is compared with (the merge-base of base and head). Absent in full mode. */
  base?: string
  /** Full SHA of the head commit, or `WORKTREE` when scanning files on disk that are not committed. */
  head: string
  files: FileChange[]
  /** Human-readable notes about how the change set was obtained (e.g. "fetched base commit abc123"). */
  notes: string[]
}

/** Reads file contents of one side of the change. Implemented over `git cat-file --batch` or the file system. */
export interface ContentSource {
  /** Returns the raw bytes, or undefined when the file does not exist on that side. */
  read(path: string): Promise<Buffer | undefined>
  /** Every file path on this side (repository-relative). Used by full scans and the access model. */
  list(): Promise<string[]>
  close(): void
}

// ---------------------------------------------------------------------------------------------
// metadata (SDR)

/** Line numbers (1-based) of XML elements, keyed by element name relative to the component, e.g. `type`, `nameField.encryptionScheme`. The component's own element is under `''`. */
export type LineMap = Record<string, number>

export interface ObjectModel {
  /** API name with CumulusCI namespace tokens stripped, e.g. `Account`, `LogArchive__b`, `npe01__OppPayment__c`. */
  name: string
  file: string
  format: 'source' | 'mdapi'
  label?: string
  enableHistory: boolean
  enableFeeds: boolean
  sharingModel?: string
  customSettingsType?: string
  nameFieldEncryptionScheme?: string
  /** Property values read from the XML (strings), for rules that need more than the fields above. */
  raw: Record<string, unknown>
  lines: LineMap
}

export interface FieldModel {
  object: string
  /** Field API name, e.g. `SSN__c`. */
  name: string
  /** `Object.Field`, e.g. `Lead.SSN__c`. */
  fullName: string
  file: string
  format: 'source' | 'mdapi'
  type?: string
  required: boolean
  trackHistory: boolean
  encryptionScheme?: string
  referenceTo?: string
  /** A formula field holds no stored data. */
  formula: boolean
  raw: Record<string, unknown>
  lines: LineMap
}

/** A PlatformEventChannelMember: how change data capture is turned on for an object in metadata. */
export interface ChannelMemberModel {
  name: string
  eventChannel?: string
  selectedEntity?: string
  file: string
  lines: LineMap
}

export type ChangeKind = 'added' | 'modified' | 'deleted'

export interface ComponentChange<T> {
  kind: ChangeKind
  before?: T
  after?: T
}

/** Something in the input that could not be read; it becomes a `parse-error` finding and scanning goes on. */
export interface Problem {
  file: string
  line?: number
  message: string
}

export interface ProjectInfo {
  /** Absolute path of the repository root. */
  root: string
  /** The project's folder inside the repository ('' when it is the root): the scanned DIR / `path` input. */
  projectDir?: string
  /** Repository-relative package directories (from sfdx-project.json), or `['']` for the whole repo. */
  packageDirectories: string[]
  /** The project's own namespace (sfdx-project.json `namespace`, or CumulusCI's cumulusci.yml), if any. */
  namespace?: string
}

export interface MetadataDelta {
  objects: ComponentChange<ObjectModel>[]
  fields: ComponentChange<FieldModel>[]
  channelMembers: ComponentChange<ChannelMemberModel>[]
  /** Lower-case names of the objects the change touches that are custom settings at head (read from their files). */
  customSettings: string[]
  /** Paths of changed PermissionSet / Profile / PermissionSetGroup files (head side, or base side for deletions). */
  permissionFiles: FileChange[]
  problems: Problem[]
  /** How many changed files resolved to metadata the rules look at, and how many were skipped. */
  stats: { changedFiles: number; metadataFiles: number; skippedFiles: number }
}

// ---------------------------------------------------------------------------------------------
// rules and findings

export interface ComponentRef {
  /** Metadata type: `CustomObject`, `CustomField`, `PlatformEventChannelMember`, `PermissionSet`, `File` … */
  type: string
  /** Full API name: `Lead.SSN__c`, `LogArchive__b`. */
  name: string
  /** The object a field belongs to (also set for objects: their own name). */
  object?: string
}

/** Where an access or org fact came from; shown with access and org findings. */
export type FactSource = 'repository' | 'pull-request' | 'org'

export interface RuleMeta {
  id: string
  title: string
  defaultSeverity: Severity
  evidence: Evidence
  docsUrl: string
  /** What the rule catches and why, in one or two sentences (used in SARIF help and the README). */
  description: string
  /** How to fix, in one sentence. */
  fix: string
}

/** What a rule reports; the engine turns it into a Finding (severity overrides, ignores, fingerprint). */
export interface RuleHit {
  component: ComponentRef
  file: string
  line: number
  message: string
  /** Overrides the rule's default severity for this hit (e.g. encrypted-field-access: error vs warning). */
  severity?: Severity
  evidence?: Evidence
  /** Overrides the rule's generic fix text with a precise one (e.g. the exact XML to add). */
  fix?: string
  source?: FactSource
}

export interface Finding {
  ruleId: string
  severity: Severity
  evidence: Evidence
  message: string
  fix: string
  component: ComponentRef
  file: string
  line: number
  docsUrl: string
  /** Stable across runs and line moves: hash of rule id, component type and name, and file path. */
  fingerprint: string
  source?: FactSource
  /** Set when an `ignore` entry whose `until` date has passed would have matched. */
  note?: string
}

export interface Summary {
  error: number
  warning: number
  notice: number
}

/** The JSON report (schemaVersion 1). Field order is part of the contract. */
export interface Report {
  schemaVersion: 1
  tool: { name: string; version: string }
  base: string | null
  head: string
  summary: Summary
  findings: Finding[]
}
