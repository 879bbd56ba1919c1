import { expect } from '@open-wc/testing';
import { formatDate } from '../../src/core/format.js';

describe('format', () => {
  it('shows a date with its time or without it, in the language asked for', () => {
    const date = new Date(2026, 10, 22, 10, 15);
    const withTime = formatDate(date, 'nl');
    expect(formatDate(date, 'nl', true)).to.equal('22 november 2026');
    expect(withTime).to.contain('22 november 2026').and.to.contain('10:15');
    expect(formatDate(date, 'en', true)).to.equal('November 22, 2026');
    expect(formatDate(date, 'nl', true)).to.equal('22 november 2026');
  });
});
