/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * A self-contained HTML page showing an SVG picture: no script, no external file, so it opens
 * offline in any browser and can be attached or archived as is.
 */
export function htmlPage(svg: string, title: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>body{margin:16px;font-family:sans-serif;background:#fff}</style>',
    '</head>',
    '<body>',
    `<h1 style="font-size:16px">${escapeHtml(title)}</h1>`,
    svg,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
