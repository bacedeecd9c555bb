import { Typography } from '@mantine/core';
import classes from './article-body.module.css';

/**
 * An article's HTML as the server rendered it. Only the server's renderer may produce `html` (raw HTML
 * in Markdown is shown as text and unsafe links are dropped there); never pass text from elsewhere.
 */
export function ArticleBody({ html }: { html: string }) {
  return (
    <Typography
      className={classes.body}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: the server's Markdown renderer neutralises HTML and links.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
