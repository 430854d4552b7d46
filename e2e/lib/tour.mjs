// A tour of every page and state of the app, for the accessibility checks and the screenshots:
// an async generator that brings the page into each state in turn and yields its name
// (`start`, `step-1`, `step-1-errors`, …, `result-suitable`, `plan`, `plan-print`, `saved-list`,
// `saved-plan`, `about`, `not-found`, `result-consult`, …). The consumer checks or photographs
// the page at each yield, then the tour goes on.
//
//   for await (const state of tour(page, baseUrl)) { … state.name … }

import { answerStep, gotoApp, next, option, t, tick } from "./app.mjs";
import { womanAnswers } from "./answers.mjs";

/** The visitor of the tour: a woman (menopause asked), Ludwig 1, mesotherapy tried before. */
export const TOUR_ANSWERS = womanAnswers({
  duration: "1_to_5_years",
  family_history: "yes",
  previous_treatments: ["mesotherapy"],
  hair_loss_after_previous_mesotherapy: false,
});

export const TOUR_LABEL = "Tour plan";

/** Every state of the tour, in order (for the test names). */
export const TOUR_STATES = [
  "start",
  "step-1",
  "step-1-errors",
  "step-1-answered",
  "step-2-norwood",
  "step-2",
  "step-3",
  "step-4-errors",
  "step-4",
  "step-5",
  "step-6",
  "result-suitable",
  "plan",
  "plan-print",
  "plan-saved",
  "saved-list",
  "saved-plan",
  "about",
  "not-found",
  "start-in-progress",
  "result-consult",
  "result-not_suitable",
  "result-defer",
  "result-refer",
  "saved-list-undo",
  "staff-first-use",
  "staff-patients",
  "staff-encryption-warning",
  "staff-encryption-on",
  "staff-patient",
  "staff-locked",
];

/** The staff passcode the tour sets. */
export const TOUR_PASSCODE = "482913";

async function showErrors(page) {
  await page.getByTestId("next").click();
  await page.getByTestId("step-errors").filter({ hasText: /\S/ }).waitFor();
}

/** Changes one step's answers (via its address, the draft being complete) and shows the result. */
async function resultAfter(page, baseUrl, step, change, verdict) {
  await gotoApp(page, baseUrl, `#/step/${step}`);
  await page.getByTestId(`step-${step}`).waitFor();
  await change();
  for (let s = step; s <= 6; s++) await next(page, s);
  await page.locator(`[data-testid=verdict][data-verdict=${verdict}]`).waitFor();
}

export async function* tour(page, baseUrl) {
  const a = TOUR_ANSWERS;
  await gotoApp(page, baseUrl, "#/");
  await page.getByTestId("start-page").waitFor();
  yield { name: "start" };

  await page.getByTestId("start-button").click();
  await page.getByTestId("step-1").waitFor();
  yield { name: "step-1" };
  await showErrors(page);
  yield { name: "step-1-errors" };
  await answerStep(page, 1, a);
  yield { name: "step-1-answered" };
  await next(page, 1);

  // Step 2: the Norwood pictures first, then the visitor's own pattern (Ludwig pictures).
  await option(page, "pattern", "hairline_or_crown").check();
  await option(page, "stage", { scale: "norwood", grade: 3 }).waitFor();
  yield { name: "step-2-norwood" };
  await answerStep(page, 2, a);
  yield { name: "step-2" };
  await next(page, 2);

  await answerStep(page, 3, a);
  yield { name: "step-3" };
  await next(page, 3);

  await showErrors(page);
  yield { name: "step-4-errors" };
  await answerStep(page, 4, a);
  yield { name: "step-4" };
  await next(page, 4);

  await answerStep(page, 5, a);
  yield { name: "step-5" };
  await next(page, 5);

  await answerStep(page, 6, a);
  yield { name: "step-6" };
  await next(page, 6);

  await page.locator("[data-testid=verdict][data-verdict=suitable]").waitFor();
  yield { name: "result-suitable" };

  await page.getByTestId("see-plan").click();
  await page.getByTestId("plan-page").waitFor();
  yield { name: "plan" };
  await page.emulateMedia({ media: "print" });
  yield { name: "plan-print", print: true };
  await page.emulateMedia({ media: null });

  await page.getByLabel(t("save.label"), { exact: true }).fill(TOUR_LABEL);
  await page.getByTestId("save-form").getByRole("button", { name: t("save.button"), exact: true }).click();
  await page.getByTestId("saved-status").waitFor();
  yield { name: "plan-saved" };
  const nav = page.getByRole("navigation", { name: t("nav.main"), exact: true });
  await nav.getByRole("link", { name: t("nav.saved"), exact: true }).click();
  await page.getByTestId("saved-item").filter({ hasText: TOUR_LABEL }).waitFor();
  yield { name: "saved-list" };

  await page.getByTestId("saved-item").getByRole("link", { name: TOUR_LABEL, exact: true }).click();
  await page.getByTestId("saved-plan-page").waitFor();
  yield { name: "saved-plan" };

  await nav.getByRole("link", { name: t("nav.about"), exact: true }).click();
  await page.getByTestId("about-page").waitFor();
  yield { name: "about" };

  await gotoApp(page, baseUrl, "#/no-such-page");
  await page.getByRole("heading", { level: 1, name: t("notfound.title") }).waitFor();
  yield { name: "not-found" };

  await nav.getByRole("link", { name: t("nav.start"), exact: true }).click();
  await page.getByTestId("continue-button").waitFor();
  yield { name: "start-in-progress" };

  // The other verdicts, by changing one answer at a time.
  await resultAfter(page, baseUrl, 5, () => tick(page, "conditions", "thyroid_disorder"), "consult");
  yield { name: "result-consult" };
  await resultAfter(
    page,
    baseUrl,
    5,
    async () => {
      await tick(page, "conditions", "thyroid_disorder", false);
      await tick(page, "conditions", "keloid_tendency");
    },
    "not_suitable",
  );
  yield { name: "result-not_suitable" };
  await resultAfter(
    page,
    baseUrl,
    5,
    async () => {
      await tick(page, "conditions", "keloid_tendency", false);
      await tick(page, "conditions", "pregnant");
    },
    "defer",
  );
  yield { name: "result-defer" };
  await resultAfter(
    page,
    baseUrl,
    4,
    async () => {
      await option(page, "scalp_signs", null).uncheck();
      await tick(page, "scalp_signs", "redness_scaling");
    },
    "refer",
  );
  yield { name: "result-refer" };

  // The saved list right after a delete: the undo bar.
  await gotoApp(page, baseUrl, "#/saved");
  await page
    .getByRole("button", { name: t("saved.delete_named", { label: TOUR_LABEL }), exact: true })
    .click();
  await page.getByTestId("undo-bar").waitFor();
  yield { name: "saved-list-undo" };
  await page.getByTestId("undo-bar").getByRole("button", { name: t("saved.undo"), exact: true }).click();
  await page.getByTestId("saved-item").filter({ hasText: TOUR_LABEL }).waitFor();

  // Staff mode: first use, the patients (with the storage and encryption sections), the
  // encryption warning, encryption on, a patient's course, and locked again.
  await gotoApp(page, baseUrl, "staff/#/staff");
  await page.getByTestId("staff-unlock").waitFor();
  yield { name: "staff-first-use" };
  await page.getByLabel(t("staff.passcode.new"), { exact: true }).fill(TOUR_PASSCODE);
  await page.getByLabel(t("staff.passcode.again"), { exact: true }).fill(TOUR_PASSCODE);
  await page.getByRole("button", { name: t("staff.passcode.set"), exact: true }).click();
  await page.getByTestId("staff-patients").waitFor();
  await page.getByTestId("storage-status").waitFor();
  yield { name: "staff-patients" };
  await page.getByTestId("encryption-on").click();
  await page.getByTestId("encryption-form").waitFor();
  yield { name: "staff-encryption-warning" };
  await page.getByLabel(t("encryption.passcode"), { exact: true }).fill(TOUR_PASSCODE);
  await page.getByTestId("encryption-confirm").click();
  await page.locator("[data-testid=encryption][data-on=true]").waitFor();
  yield { name: "staff-encryption-on" };
  await page.getByTestId("staff-patient").getByRole("link", { name: TOUR_LABEL }).click();
  await page.getByTestId("staff-patient-page").waitFor();
  yield { name: "staff-patient" };
  await gotoApp(page, baseUrl, "staff/#/staff");
  await page.getByTestId("staff-lock").click();
  await page.getByTestId("staff-unlock").waitFor();
  yield { name: "staff-locked" };
}
