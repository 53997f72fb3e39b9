// What caused a rescore, in words for the score history; apart so client components import it alone.

/** What caused a rescore, in words: "model" is the rescoring after a risk model upgrade ("model v2"). */
export function triggerWords(trigger: string, modelVersion?: string): string {
  if (trigger !== "model") return trigger;
  return modelVersion ? `the upgrade to model v${modelVersion.split(".")[0]}` : "a risk model upgrade";
}
