import { expect, test } from '@jest/globals'
import { SEVERITY_RANK } from '../src/types.js'
test('severity ranks order error before warning before notice', () => {
  expect(SEVERITY_RANK.error).toBeLessThan(SEVERITY_RANK.warning)
  expect(SEVERITY_RANK.warning).toBeLessThan(SEVERITY_RANK.notice)
})
