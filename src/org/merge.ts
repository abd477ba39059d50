/**
 * Merge rule for the integration user's access (repository view + live-org view):
 *
 * - Access the pull request grants counts: it will be deployed. Access the org grants counts: it is live.
 *   A field or object is readable (and View Encrypted Data is held) when either side says so.
 * - The answer's `source` says who grants: 'pull-request' first (the change itself), then 'org', then
 *   'repository' (unchanged permission files, which may or may not be deployed). A denial names the org when
 *   the org answered (it is the current truth) and the repository side otherwise.
 * - "Cannot tell" (granted: undefined) on one side yields the other side's answer; both unknown stay unknown.
 * - The merged view is known when either side is (an org answer makes an unconfigured repository view known).
 * - Revoked access comes from the repository only (the org has no before/after), so a grant the pull request
 *   removes is still reported there even while the org, not yet deployed, answers "readable".
 * - The grant target is the repository's (it has a file to edit), else the org's.
 */
import type { FieldModel } from '../types.js'
import type { AccessAnswer, AccessView } from '../rules/context.js'

function merge(repo: AccessAnswer, org: AccessAnswer): AccessAnswer {
  const repoAnswer: AccessAnswer = repo.granted !== undefined && !repo.source ? { ...repo, source: 'repository' } : repo
  if (repoAnswer.granted === true && repoAnswer.source === 'pull-request') return repoAnswer
  if (org.granted === true) return org
  if (repoAnswer.granted === true) return repoAnswer
  if (org.granted === false) return org
  if (repoAnswer.granted === false) return repoAnswer
  return { granted: undefined }
}

/** Combines the repository's access view with the org's (when the org was read). */
export function mergeAccess(repo: AccessView, org: AccessView | undefined): AccessView {
  if (!org) return repo
  return {
    known: repo.known || org.known,
    describe: () => (repo.known ? `${repo.describe()}; ${org.describe()}` : org.describe()),
    objectRead: (object: string) => merge(repo.objectRead(object), org.objectRead(object)),
    fieldRead: (field: FieldModel) => merge(repo.fieldRead(field), org.fieldRead(field)),
    viewEncryptedData: () => merge(repo.viewEncryptedData(), org.viewEncryptedData()),
    revoked: () => repo.revoked(),
    grantTarget: () => repo.grantTarget() ?? org.grantTarget()
  }
}
