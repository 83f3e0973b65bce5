// Reading and driving the reliability review page (/slo-review) in e2e tests.

/** The rows of one of the review's tables (by test id), each as the text of its cells on one line. */
export function tableRows(page, testId) {
  return page
    .getByTestId(testId)
    .locator('tbody tr')
    .evaluateAll(rows => rows.map(row => [...row.cells].map(cell => cell.innerText.replace(/\s+/g, ' ').trim())));
}

/** Switches the review to the last 12 months with its Period filter, as a user would. */
export async function showMonths(page) {
  await page.getByRole('combobox', { name: /^Period/ }).click();
  await page.getByRole('option', { name: 'Months (last 12)' }).click();
  await page.getByTestId('review-scope').filter({ hasText: 'last 12 months' }).waitFor({ timeout: 60000 });
  await page.getByTestId('review-grid-row').first().waitFor({ timeout: 90000 });
}
