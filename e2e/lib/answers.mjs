// Complete answers in the interchange format of spec §3 (the CLI's input, the UI's source of
// clicks in app.mjs), for the visitors the tests play.

export const SCHEMA = "meso-advisor/assessment@1";

/** A 35-year-old man, early receding hairline (Norwood 3), nothing else: verdict suitable. */
export function answers(overrides = {}) {
  return {
    schema: SCHEMA,
    age: 35,
    sex: "male",
    pattern: "hairline_or_crown",
    stage: { scale: "norwood", grade: 3 },
    no_regrowth_visible: false,
    duration: "1_to_5_years",
    onset: "gradual",
    shedding_increased: false,
    family_history: "yes",
    scalp_signs: [],
    recent_triggers: [],
    lifestyle: [],
    conditions: [],
    symptoms: [],
    menopause: false,
    previous_treatments: [],
    hair_loss_after_previous_mesotherapy: false,
    injections: "accepted",
    ...overrides,
  };
}

/** A 34-year-old woman, widening parting (Ludwig 1): verdict suitable. */
export function womanAnswers(overrides = {}) {
  return answers({
    age: 34,
    sex: "female",
    pattern: "part_widening",
    stage: { scale: "ludwig", grade: 1 },
    duration: "3_to_12_months",
    family_history: "no",
    ...overrides,
  });
}

/** One visitor per verdict (spec §4). */
export const VISITORS = {
  // Suitable, with a chosen start date handled separately by the tests that need one.
  suitable: () => answers(),
  // Round patches: RF-PATCHES (dermatologist, soon).
  refer: () => answers({ age: 28, pattern: "patches", stage: null, duration: "under_3_months", onset: "sudden", family_history: "no" }),
  // Pregnant: DF-PREGNANT, no recheck date.
  defer: () => womanAnswers({ conditions: ["pregnant"] }),
  // Thyroid condition and shedding, needle-free only: CO-THYROID, home-care plan.
  consult: () =>
    womanAnswers({
      pattern: "diffuse_shedding",
      stage: null,
      duration: "1_to_5_years",
      shedding_increased: true,
      conditions: ["thyroid_disorder"],
      menopause: true,
      lifestyle: ["poor_sleep", "smoking"],
      injections: "needle_free_only",
    }),
  // Keloid tendency: CI-KELOID.
  not_suitable: () => answers({ conditions: ["keloid_tendency"] }),
};
