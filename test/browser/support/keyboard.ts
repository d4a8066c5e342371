/// <reference lib="dom" />
// Driving a page with the keyboard alone, as a person without a mouse does: Tab (or Shift+Tab)
// until the focused element is the one wanted, then Enter, Space, arrow keys or typing. No
// click(), no fill(), no programmatic focus: when Tab cannot reach a control, or focus is lost
// after an action, the test fails, naming what the focus went through.
import type { Page } from 'playwright-core';

/** The focused element as a keyboard user meets it: its role and accessible name (roughly as axe/ARIA compute them). */
export interface Focused {
  tag: string;
  role: string;
  name: string;
  /** The focused element's value, for a text field or a select. */
  value: string;
}

/** What to Tab to: an accessible name (exact), a pattern for it, a role and a name, or a test of the element. */
export type Target = string | RegExp | { role: string; name?: string | RegExp } | ((focused: Focused) => boolean);

/** The element with keyboard focus now (the body when none). */
export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = (document.activeElement ?? document.body) as HTMLElement;
    const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const tag = el.tagName;
    const type = (el.getAttribute('type') ?? '').toLowerCase();
    let role = el.getAttribute('role') ?? '';
    if (!role) {
      if (tag === 'A' && el.hasAttribute('href')) role = 'link';
      else if (tag === 'BUTTON' || (tag === 'INPUT' && ['button', 'submit', 'reset'].includes(type))) role = 'button';
      else if (tag === 'SELECT') role = (el as HTMLSelectElement).multiple ? 'listbox' : 'combobox';
      else if (tag === 'TEXTAREA') role = 'textbox';
      else if (tag === 'INPUT' && (type === 'checkbox' || type === 'radio')) role = type;
      else if (tag === 'INPUT') role = el.hasAttribute('list') ? 'combobox' : type === 'search' ? 'searchbox' : 'textbox';
      else if (/^H[1-6]$/.test(tag)) role = 'heading';
      else if (tag === 'MAIN') role = 'main';
      else role = tag.toLowerCase();
    }
    let name = el.getAttribute('aria-label') ?? '';
    if (!name && el.getAttribute('aria-labelledby')) {
      name = el
        .getAttribute('aria-labelledby')!
        .split(/\s+/)
        .map((id) => text(document.getElementById(id)))
        .join(' ');
    }
    const labels = (el as HTMLInputElement).labels;
    if (!name && labels && labels.length > 0) name = text(labels[0]);
    if (!name && !['textbox', 'searchbox', 'combobox', 'listbox'].includes(role)) name = text(el);
    const value = 'value' in el && typeof (el as HTMLInputElement).value === 'string' ? (el as HTMLInputElement).value : '';
    return { tag, role, name: name.replace(/\s+/g, ' ').trim(), value };
  });
}

function fits(target: Target, element: Focused): boolean {
  if (typeof target === 'function') return target(element);
  if (typeof target === 'string') return element.name === target;
  if (target instanceof RegExp) return target.test(element.name);
  if (element.role !== target.role) return false;
  if (target.name === undefined) return true;
  return typeof target.name === 'string' ? element.name === target.name : target.name.test(element.name);
}

const describe = (target: Target) =>
  typeof target === 'function' ? 'the element wanted' : typeof target === 'string' || target instanceof RegExp ? String(target) : `${target.role} ${String(target.name ?? '')}`;

/**
 * Presses Tab (Shift+Tab with `backwards`) until the focused element fits `target`, at most `max`
 * times; returns it. Fails naming the last elements passed when it never gets there.
 */
export async function tabTo(page: Page, target: Target, options: { backwards?: boolean; max?: number } = {}): Promise<Focused> {
  const { backwards = false, max = 200 } = options;
  const passed: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const element = await focused(page);
    if (fits(target, element)) return element;
    passed.push(`${element.role} "${element.name.slice(0, 60)}"`);
  }
  throw new Error(`${backwards ? 'Shift+Tab' : 'Tab'} never reached ${describe(target)} in ${max} presses; the last ones: ${passed.slice(-15).join(', ')}`);
}

/** Tabs to `target` and presses `key` on it (Enter by default: a link or a button). */
export async function activate(page: Page, target: Target, key: 'Enter' | 'Space' = 'Enter', options: { backwards?: boolean; max?: number } = {}): Promise<void> {
  await tabTo(page, target, options);
  await page.keyboard.press(key);
}

/** Tabs to a text field and types `text` into it, replacing what was there (select all, then type). */
export async function typeInto(page: Page, target: Target, text: string, options: { backwards?: boolean; max?: number } = {}): Promise<void> {
  await tabTo(page, target, options);
  await page.keyboard.press('ControlOrMeta+A');
  if (text === '') await page.keyboard.press('Delete');
  else await page.keyboard.type(text);
}

/**
 * In a focused select: types the start of an option's text (the browser jumps to the first
 * option that starts with it), then ArrowDown until the option with `value` is chosen.
 */
export async function chooseOption(page: Page, typed: string, value: string, maxDown = 10): Promise<void> {
  await page.keyboard.type(typed);
  for (let i = 0; (await focused(page)).value !== value; i++) {
    if (i >= maxDown) throw new Error(`"${value}" is not within ${maxDown} options after "${typed}" (at "${(await focused(page)).value}")`);
    await page.keyboard.press('ArrowDown');
  }
}
