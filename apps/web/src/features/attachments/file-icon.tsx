/** A page with a folded corner, "PDF" written on it for documents; decorative (the name is beside it). */
export function FileIcon({ isPdf, size = 32 }: { isPdf: boolean; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M6 2h8l6 6v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinejoin="round"
      />
      <path d="M14 2v6h6" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
      {isPdf && (
        <text x="12" y="18" textAnchor="middle" fontSize="6" fontWeight="700" fill="var(--mantine-color-red-9)">
          PDF
        </text>
      )}
    </svg>
  );
}
