import type { Attachment } from '@caseflow/contract';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { MessageAttachments } from './message-attachments';

const photo: Attachment = {
  id: 'att-photo-000000001',
  name: 'cracked-jug.jpg',
  size: 184_320,
  contentType: 'image/jpeg',
  url: '/api/v1/attachments/att-photo-000000001',
  thumbnailUrl: '/api/v1/attachments/att-photo-000000001?thumb=1',
};
const receipt: Attachment = {
  id: 'att-receipt-0000001',
  name: 'receipt.pdf',
  size: 2_621_440,
  contentType: 'application/pdf',
  url: '/api/v1/attachments/att-receipt-0000001',
  thumbnailUrl: null,
};
const heicPhoto: Attachment = {
  ...photo,
  id: 'att-heic-0000000001',
  name: 'IMG_0042.heic',
  contentType: 'image/heic',
  url: '/api/v1/attachments/att-heic-0000000001',
  thumbnailUrl: null,
};

describe('MessageAttachments', () => {
  it('shows an image as its thumbnail, opening the full image in a new tab', () => {
    renderWithProviders(<MessageAttachments attachments={[photo]} />);

    const image = screen.getByRole<HTMLImageElement>('img', { name: 'cracked-jug.jpg' });
    expect(image.getAttribute('src')).toBe('/api/v1/attachments/att-photo-000000001?thumb=1');
    const link = image.closest('a')!;
    expect(link.getAttribute('href')).toBe('/api/v1/attachments/att-photo-000000001');
    expect(link.target).toBe('_blank');
    expect(link.rel).toContain('noopener');
  });

  it('shows a PDF, and an image without a thumbnail, as a chip with name and size linking to the file', () => {
    renderWithProviders(<MessageAttachments attachments={[receipt, heicPhoto]} />);

    expect(screen.queryByRole('img')).toBeNull();
    const pdf = screen.getByRole('link', { name: /receipt\.pdf/ });
    expect(pdf.getAttribute('href')).toBe('/api/v1/attachments/att-receipt-0000001');
    expect(within(pdf).getByText('2.5 MB')).toBeTruthy();
    // A document downloads (the server says so); it opens no empty tab.
    expect(pdf.hasAttribute('target')).toBe(false);
    const heic = screen.getByRole('link', { name: /IMG_0042\.heic/ });
    expect(heic.getAttribute('href')).toBe('/api/v1/attachments/att-heic-0000000001');
    expect(within(heic).getByText('180 KB')).toBeTruthy();
  });

  it('shows nothing for a message without attachments', () => {
    renderWithProviders(<MessageAttachments attachments={[]} />);
    expect(screen.queryByRole('list')).toBeNull();
  });
});
