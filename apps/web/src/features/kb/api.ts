import type {
  Article,
  ArticleList,
  ArticleStatus,
  Category,
  CreateArticleBody,
  KbFeedbackBody,
  KbSearchResult,
  KbStats,
  UpdateArticleBody,
} from '@caseflow/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

export interface ArticleFilters {
  status?: ArticleStatus | undefined;
  category?: Category | undefined;
}

export const kbKeys = {
  all: ['kb'] as const,
  list: (filters: ArticleFilters) => ['kb', 'articles', filters] as const,
  article: (slug: string) => ['kb', 'article', slug] as const,
  search: (mode: 'search' | 'suggest', q: string, limit: number) => ['kb', mode, q, limit] as const,
  preview: (body: string) => ['kb', 'preview', body] as const,
  stats: ['kb', 'stats'] as const,
};

/** The API refuses longer queries; what a customer typed past this adds nothing a search needs. */
export const QUERY_CHARS = 2_000;

function listPath(filters: ArticleFilters) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined) params.set(key, value);
  const query = params.toString();
  return query ? `/kb/articles?${query}` : '/kb/articles';
}

/** Published articles for anyone; drafts too for staff. */
export function useArticles(filters: ArticleFilters) {
  return useQuery({
    queryKey: kbKeys.list(filters),
    queryFn: () => api<ArticleList>('GET', listPath(filters)).then((result) => result.items),
  });
}

export function useArticle(slug: string | null) {
  return useQuery({
    queryKey: kbKeys.article(slug ?? ''),
    queryFn: () => api<Article>('GET', `/kb/articles/${encodeURIComponent(slug ?? '')}`),
    enabled: slug !== null,
  });
}

/**
 * Search (`search`) or search-as-you-type (`suggest`: the last word may be unfinished) over published
 * articles. The previous answer stays on screen while the next one loads, so results do not flicker.
 */
export function useArticleSearch(mode: 'search' | 'suggest', text: string, limit: number) {
  const q = text.trim().slice(0, QUERY_CHARS);
  return useQuery({
    queryKey: kbKeys.search(mode, q, limit),
    queryFn: () =>
      api<KbSearchResult>('GET', `/kb/${mode}?${new URLSearchParams({ q, limit: String(limit) })}`).then(
        (result) => result.items,
      ),
    enabled: q !== '',
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** The Markdown as the help center will render it (the server's renderer is the one safe one). */
export function useMarkdownPreview(body: string) {
  return useQuery({
    queryKey: kbKeys.preview(body),
    queryFn: () => api<{ html: string }>('POST', '/kb/preview', { body }).then((result) => result.html),
    enabled: body.trim() !== '',
    placeholderData: keepPreviousData,
    // The same Markdown always renders the same: a text typed again is not sent again.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The deflection funnel's figures (admins only). */
export function useKbStats(options: { refetchInterval?: number } = {}) {
  return useQuery({ ...options, queryKey: kbKeys.stats, queryFn: () => api<KbStats>('GET', '/kb/stats') });
}

/**
 * A written, changed or deleted article changes lists, search results and the help center alike. The
 * saved article is cached under its (maybe new) slug; a deleted one is not asked for again.
 */
function useArticleMutation<TInput, TResult extends Article | undefined>(
  mutationFn: (input: TInput) => Promise<TResult>,
  goneSlug: (input: TInput) => string | null = () => null,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (saved) => {
      if (saved) client.setQueryData(kbKeys.article(saved.slug), saved);
    },
    onSettled: (_saved, _error, input) => {
      const gone = goneSlug(input);
      const isGone = (key: readonly unknown[]) => gone !== null && key[1] === 'article' && key[2] === gone;
      void client.invalidateQueries({ queryKey: kbKeys.all, predicate: (query) => !isGone(query.queryKey) });
    },
  });
}

export const useCreateArticle = () =>
  useArticleMutation((body: CreateArticleBody) => api<Article>('POST', '/kb/articles', body));
export const useUpdateArticle = () =>
  useArticleMutation(
    (input: { slug: string; body: UpdateArticleBody }) =>
      api<Article>('PATCH', `/kb/articles/${encodeURIComponent(input.slug)}`, input.body),
    (input) => (input.body.slug && input.body.slug !== input.slug ? input.slug : null),
  );
export const useDeleteArticle = () =>
  useArticleMutation(
    (slug: string) => api<undefined>('DELETE', `/kb/articles/${encodeURIComponent(slug)}`),
    (slug) => slug,
  );

/** Fire and forget: counting the funnel must never stand in a customer's way, so failures are dropped. */
export function sendFeedback(body: KbFeedbackBody) {
  void api<void>('POST', '/kb/feedback', body).catch(() => undefined);
}
