import { epReviewFor } from './reorientation';

describe('réorientation through the équipe pluridisciplinaire (L2831)', () => {
  it('goes to the EP towards a more social dominante, whenever it is asked', () => {
    const review = epReviewFor({ from: 'emploi', to: 'remobilisation', periodStartsOn: '2026-01-05', on: '2026-09-01' });
    expect(review).toEqual({ required: true, reasons: ['towards a more social dominante (emploi → remobilisation): EP review (L2831)'] });
  });

  it('goes to the EP before the first period is over (no bilan yet), even towards Emploi', () => {
    const review = epReviewFor({ from: 'equilibre', to: 'emploi', periodStartsOn: '2026-01-05', on: '2026-07-04' });
    expect(review.required).toBe(true);
    expect(review.reasons).toEqual(['before the end of the first 6-month period (bilan due 2026-07-05): EP review (L2831, DOMAIN.md §5)']);
  });

  it('is the coordinator’s alone towards Emploi after the bilan, unless the requester asks for the EP', () => {
    expect(epReviewFor({ from: 'equilibre', to: 'emploi', periodStartsOn: '2026-01-05', on: '2026-07-05' })).toEqual({ required: false, reasons: [] });
    expect(epReviewFor({ from: 'remobilisation', to: 'equilibre', periodStartsOn: '2026-01-05', on: '2026-08-01', requested: true })).toEqual({ required: true, reasons: ['asked for by the requester'] });
  });
});
