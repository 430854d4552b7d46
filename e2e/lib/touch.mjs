// Touch-target size: every visible button, link and radio/checkbox label in the main content
// must have a bounding box of at least 44 × 44 CSS px (WCAG 2.5.5 AAA, Apple/Google guidance).

export const MIN_TARGET = 44;

/** The targets in <main> smaller than `min` in either direction: `[{ what, width, height }]`. */
export function smallTouchTargets(page, min = MIN_TARGET) {
  return page.evaluate((min) => {
    const main = document.querySelector("main");
    if (!main) return [{ what: "<main> missing", width: 0, height: 0 }];
    const targets = new Set(main.querySelectorAll("button, a[href], [role=button], [role=link]"));
    for (const label of main.querySelectorAll("label")) {
      const c = label.control;
      if (c && (c.type === "radio" || c.type === "checkbox")) targets.add(label);
    }
    const out = [];
    for (const el of targets) {
      const style = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      if (style.visibility === "hidden" || r.width === 0 || r.height === 0) continue;
      if (r.width >= min - 0.01 && r.height >= min - 0.01) continue;
      const tag = el.tagName.toLowerCase();
      const tid = el.closest("[data-testid]")?.dataset.testid;
      const name = (el.getAttribute("aria-label") || el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 50);
      const inline = tag === "a" && style.display === "inline";
      out.push({
        what: `<${tag}${el.className ? ` class="${el.className}"` : ""}> "${name}"${tid ? ` in [data-testid=${tid}]` : ""}${inline ? " (inline link in text)" : ""}`,
        width: Math.round(r.width * 10) / 10,
        height: Math.round(r.height * 10) / 10,
      });
    }
    return out;
  }, min);
}
