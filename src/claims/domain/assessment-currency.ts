/**
 * Whether an editor's assessment still speaks for its claim. An assessment becomes stale when the claim
 * changes under it (issue 14 marks it so in the read model); a stale verdict is history, not a current
 * verdict, so nothing that publishes verdicts (the ClaimReview export) may present it as one. Until the
 * read model carries the flag, every assessment is current.
 */
export interface AssessmentStanding {
  readonly stale?: boolean | null;
}

export const isCurrentAssessment = (assessment: AssessmentStanding): boolean => assessment.stale !== true;
