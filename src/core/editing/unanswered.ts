/**
 * When an exchange tells the editors something: an answer below this confidence followed by "talk to a
 * person" probably missed; a satisfaction score at or below `LOW_SCORE` says the help did not help.
 */
export const LOW_CONFIDENCE = 0.5;
export const LOW_SCORE = 2;
