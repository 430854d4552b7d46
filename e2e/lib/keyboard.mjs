// Keyboard-only driving: Tab / Shift+Tab to reach a control, arrow keys and Space to answer,
// Enter to press a button, keyboard.type for text. No clicks, no fill.
//
// At every focus stop it also notes what a sighted keyboard user would suffer: a focused
// control with no visible focus indicator, or hidden behind the sticky Back/Next bar
// (WCAG 2.4.7, 2.4.11). `kb.focusProblems` lists them.

import { optionLabel } from "./app.mjs";

/** The focused element, described (with `hidden`: null, "partly" or "entirely"). */
export function focusInfo(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return { tag: "body" };
    const control = e.labels?.[0] ?? e; // radios and checkboxes show focus on their card
    const r = control.getBoundingClientRect();
    const navEl = document.querySelector("[data-testid=next]")?.parentElement;
    const nav = navEl && getComputedStyle(navEl).position === "sticky" && !navEl.contains(e) ? navEl.getBoundingClientRect() : null;
    let hidden = null;
    const vh = window.innerHeight;
    const bottom = Math.min(r.bottom, vh, nav ? nav.top : vh);
    const top = Math.max(r.top, 0);
    if (bottom - top <= 1) hidden = "entirely";
    else if (nav && r.bottom > nav.top + 1) hidden = "partly";
    const styleOf = (x) => getComputedStyle(x);
    const indicator = e.type === "date" || [e, control].some((x) => {
      const s = styleOf(x);
      return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
    });
    return {
      tag: e.tagName.toLowerCase(),
      id: e.id,
      type: e.type,
      name: e.name,
      value: e.value,
      checked: e.checked,
      testid: e.dataset?.testid,
      question: e.closest("[data-testid^=q-]")?.dataset.testid,
      text: (control.innerText || e.value || "").replace(/\s+/g, " ").trim().slice(0, 50),
      hidden,
      // Inside a date field, the last Tab stop is the browser's own calendar button, which
      // draws its own focus ring (the field itself then does not match :focus-visible).
      focusVisible: e.matches(":focus-visible") || e.type === "date",
      indicator,
    };
  });
}

export const describe = (i) =>
  i.tag === "body" ? "<body>" : `<${i.tag}${i.id ? `#${i.id}` : ""}${i.testid ? `[data-testid=${i.testid}]` : ""}> "${i.text}"`;

export class Keyboard {
  constructor(page) {
    this.page = page;
    this.presses = [];
    this.focusProblems = [];
    this.seen = new Set();
  }

  async press(key) {
    this.presses.push(key);
    await this.page.keyboard.press(key);
  }

  /** Notes the focus problems of the current focus stop (once per element and problem). */
  async check() {
    const info = await focusInfo(this.page);
    const where = new URL(this.page.url()).hash;
    if (info.tag !== "body" && info.tag !== "h1") {
      const problems = [];
      if (info.hidden) problems.push(`${info.hidden} hidden behind the sticky Back/Next bar (or off screen)`);
      if (!info.focusVisible || !info.indicator) problems.push("no visible focus indicator");
      for (const p of problems) {
        const line = `${where} ${describe(info)}: ${p}`;
        if (!this.seen.has(line)) this.focusProblems.push(line);
        this.seen.add(line);
      }
    }
    return info;
  }

  /** Presses Tab (or Shift+Tab) until `pred(focus)` holds (checked first on the current focus). */
  async tabTo(pred, what, { back = false, max = 80 } = {}) {
    let info = await this.check();
    const trail = [];
    for (let i = 0; !pred(info); i++) {
      if (i >= max) {
        throw new Error(`${back ? "Shift+Tab" : "Tab"} pressed ${max} times without reaching ${what}; last stops: ${trail.slice(-8).join(" → ")}`);
      }
      await this.press(back ? "Shift+Tab" : "Tab");
      info = await this.check();
      trail.push(describe(info));
    }
    return info;
  }

  /** Tabs to a text field by id and types into it. */
  async type(id, text) {
    await this.tabTo((i) => i.id === id, `#${id}`);
    await this.page.keyboard.type(text);
  }

  /** Tabs into a radio group and moves with the arrow keys (Space on an unselected first one). */
  async choose(field, value) {
    const id = value === null || value === undefined ? "unsure" : typeof value === "boolean" ? (value ? "yes" : "no") : typeof value === "object" ? `${value.scale}-${value.grade}` : value;
    let info = await this.tabTo((i) => i.type === "radio" && i.name === `q-${field}`, `the ${field} question`);
    for (let n = 0; info.value !== id; n++) {
      if (n > 12) throw new Error(`ArrowDown never reached ${optionLabel(field, value)} in ${field}`);
      await this.press("ArrowDown");
      info = await this.check();
    }
    if (!info.checked) await this.press("Space");
    const now = await focusInfo(this.page);
    if (!(now.value === id && now.checked)) throw new Error(`${field}: ${id} is not selected after the keys (${describe(now)})`);
  }

  /** Tabs to one checkbox of a set question (null: "None of these") and ticks it with Space. */
  async tick(field, value) {
    const noneId = `q-${field}-none`;
    const info = await this.tabTo(
      (i) => i.type === "checkbox" && i.question === `q-${field}` && (value === null ? i.id === noneId : i.value === value && i.id !== noneId),
      `“${optionLabel(field, value)}” in ${field}`,
    );
    if (!info.checked) await this.press("Space");
    const now = await focusInfo(this.page);
    if (!now.checked) throw new Error(`${field}: ${value ?? "none"} is not ticked after Space (${describe(now)})`);
  }

  /** Tabs to a button (by data-testid) and presses Enter. */
  async enterOn(testid) {
    await this.tabTo((i) => i.testid === testid, `[data-testid=${testid}]`);
    await this.press("Enter");
  }
}
