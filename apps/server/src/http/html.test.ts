import { describe, expect, it } from 'vitest';
import { html, lines } from './html.js';

describe('html', () => {
  it('escapes every interpolated string, in text and in attribute values', () => {
    const value = `<a href="x" onclick='y'>&</a>`;
    expect(html`<p title="${value}">${value}</p>`.value).toBe(
      '<p title="&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;">&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;</p>',
    );
  });

  it('lets only its own results through unescaped, alone or in lists', () => {
    const items = ['<b>', 'ok'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe('<ul><li>&lt;b&gt;</li><li>ok</li></ul>');
    expect(html`${html`<br>`}${'<br>'}`.value).toBe('<br>&lt;br&gt;');
  });

  it('keeps the line breaks of plain text, escaped', () => {
    expect(lines('one <i>\r\ntwo\nthree').value).toBe('one &lt;i&gt;<br>\ntwo<br>\nthree');
  });
});
