import { escapeMarkup } from '../web/markup.ts';
import { layout } from '../web/staff-page.ts';

// The pages of the sign-in round trip, before and after a session exists.

export function renderSignedOut(signInPath: string): string {
  return layout('已退出 · Signed out', `<h1>已退出 · Signed out</h1><p><a href="${escapeMarkup(signInPath)}">重新登录 · Sign in again</a></p>`);
}

/** After the sign-in round trip: a same-site navigation, so the SameSite=Strict session cookie is sent on it. */
export function renderContinue(path: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${escapeMarkup(path)}"><title>…</title></head><body><a href="${escapeMarkup(path)}">继续 · Continue</a></body></html>`;
}

export function renderSignInFailed(signInPath: string): string {
  return layout('登录未完成 · Sign-in failed', `<h1>登录未完成 · Sign-in did not complete</h1><p><a href="${escapeMarkup(signInPath)}">再试一次 · Try again</a></p>`);
}
