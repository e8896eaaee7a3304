// A problem's own sentence (the domain writes one, in English, with the incident id), for the codes a locale
// has no words of its own for; without one, the apology for the unexpected.
export const UNEXPECTED_EN = 'Something went wrong on our side. Please try again.';

export const domainMessage = (problem: object): string =>
  'message' in problem && typeof problem.message === 'string' ? problem.message : UNEXPECTED_EN;
