import type { ExportedEvent } from "../db/export-repository.js";
import { localTimes } from "./local-time.js";
import type { MessageView } from "./message-view.js";

/**
 * messages.html: the correspondence for people to read and print. Every piece of text that
 * came from a user is escaped; regbot's own messages and every edit are marked as such.
 */
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

export function htmlHead(title: string, subtitle: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; color: #111; }
.message { border-top: 1px solid #ddd; padding: .5rem 0; break-inside: avoid; }
.meta { color: #555; font-size: 12px; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.regbot { background: #f3f6fb; }
.badge { border: 1px solid #6b7fa8; border-radius: 3px; padding: 0 3px; font-size: 11px; color: #334; }
.service, .record { color: #666; font-style: italic; }
.versions { margin: .25rem 0 0 1rem; font-size: 13px; }
.versions li { white-space: pre-wrap; }
@media print { body { margin: 0; } .regbot { background: none; } }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(subtitle)}</p>
`;
}

export function htmlMessage(message: MessageView, timezone: string): string {
  const when = (seconds: number) => escapeHtml(localTimes(timezone).labelled(seconds * 1000));
  const reference = `#${message.id} · event ${message.seq}`;
  if (message.kind === "service") {
    return `<div class="message service" id="m${message.id}"><span class="meta">${when(message.date)} · ${reference}</span> ${escapeHtml(message.fromName)}: ${escapeHtml(message.action?.name ?? "service message")}</div>\n`;
  }
  const lines = [
    `<div class="message${message.byRegbot ? " regbot" : ""}" id="m${message.id}">`,
    `<div class="meta">${when(message.date)} · <strong>${escapeHtml(message.fromName)}</strong> (${escapeHtml(message.fromId)})${message.byRegbot ? ' <span class="badge">regbot</span>' : ""} · ${reference}</div>`,
  ];
  if (message.replyTo !== null) lines.push(`<div class="meta">in reply to <a href="#m${message.replyTo}">#${message.replyTo}</a></div>`);
  if (message.forwardedFrom !== null) lines.push(`<div class="meta">forwarded from ${escapeHtml(message.forwardedFrom)}</div>`);
  if (message.media !== null) lines.push(`<div class="meta">[${escapeHtml(message.media.type)}${message.media.fileName ? `: ${escapeHtml(message.media.fileName)}` : ""}${message.media.duration !== null ? `, ${message.media.duration} s` : ""}; file not included]</div>`);
  lines.push(`<div class="text">${escapeHtml(message.text)}</div>`);
  if (message.versions.length > 1 || message.originalOutsidePeriod) {
    const label = message.originalOutsidePeriod ? "Edited; the original was sent before this period. Versions:" : "Edited. Every version, oldest first:";
    lines.push(`<div class="meta">${label}</div><ol class="versions">`);
    for (const version of message.versions) lines.push(`<li><span class="meta">${when(version.date)} · event ${version.seq}</span>\n${escapeHtml(version.text)}</li>`);
    lines.push("</ol>");
  }
  lines.push("</div>\n");
  return lines.join("\n");
}

/** regbot's own records (roles, regulation, windows, coverage, starts and stops), one line each. */
export function htmlRecord(event: ExportedEvent, timezone: string): string {
  const when = localTimes(timezone).labelled(event.receivedAt);
  return `<div class="message record"><span class="meta">${escapeHtml(when)} · event ${event.seq}</span> regbot recorded: ${escapeHtml(event.kind)}</div>\n`;
}

export function htmlFoot(): string {
  return "</body>\n</html>\n";
}
