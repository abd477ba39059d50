import type { FailOn, SeverityOrOff } from '../types.js'

/** Who the Salesforce Backup integration user is, as far as the repository can tell. */
export interface IntegrationUserConfig {
  /** Permission set API names (`Backup_Integration`), looked up in the package directories of the head commit. */
  permissionSets: string[]
  /** Permission set group API names; their member permission sets count too. */
  permissionSetGroups: string[]
  /** Profile name as in its file name (`Backup Integration` ↔ `Backup Integration.profile-meta.xml`). */
  profile?: string
}

export interface IgnoreEntry {
  rule: string
  /** Component name or pattern: `LogArchive__b`, `Lead.*`, `*__b`. */
  component: string
  reason: string
  /** YYYY-MM-DD; the ignore applies up to and including this day. */
  until?: string
  /** Line of the entry in the configuration file (for messages). */
  line: number
}

export interface Config {
  /** The file the configuration came from (repository-relative when inside the root), or undefined for defaults. */
  file?: string
  integrationUser: IntegrationUserConfig
  /** Severity overrides by rule id; `off` turns a rule off. */
  rules: Record<string, SeverityOrOff>
  ignore: IgnoreEntry[]
  paths: { include: string[]; exclude: string[] }
  /** Lowest severity that fails the run; undefined when the file does not say (the CLI / action default applies). */
  failOn?: FailOn
  /** The project's own namespace; overrides sfdx-project.json / cumulusci.yml when set. */
  namespace?: string
}

export const DEFAULT_CONFIG_PATHS = ['.github/sf-backup-guard.yml', '.github/sf-backup-guard.yaml'] as const

export function defaultConfig(): Config {
  return {
    integrationUser: { permissionSets: [], permissionSetGroups: [] },
    rules: {},
    ignore: [],
    paths: { include: [], exclude: [] }
  }
}

/** The keys the loader accepts, per level (the JSON schema and docs/configuration.md are tested against these). */
export const CONFIG_KEYS = {
  top: ['integration-user', 'rules', 'ignore', 'paths', 'fail-on', 'namespace'],
  'integration-user': ['permission-sets', 'permission-set-groups', 'profile'],
  ignore: ['rule', 'component', 'reason', 'until'],
  paths: ['include', 'exclude']
} as const
