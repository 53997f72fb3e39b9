// Clinical criticality and PHI handling by category: the defaults engineers start from and
// correct per device. Life-sustaining devices keep a patient alive; therapy delivery gives
// treatment (a wrong dose harms); diagnosis / monitoring informs decisions; clinical workflow
// supports care without touching a patient.
import type { CRITICALITIES, PHI_HANDLING } from "../words/vocabulary";

export type Criticality = (typeof CRITICALITIES)[number];
export type PhiHandling = (typeof PHI_HANDLING)[number];

const CRITICALITY_BY_CATEGORY: Record<string, Criticality> = {
  ventilator: "life_sustaining",
  infusion_pump: "therapy_delivery",
  patient_monitor: "diagnosis_monitoring",
  imaging: "diagnosis_monitoring",
  lab_analyzer: "diagnosis_monitoring",
  pacs: "clinical_workflow",
  workstation: "clinical_workflow",
};

const PHI_BY_CATEGORY: Record<string, PhiHandling> = {
  pacs: "stores",
  imaging: "stores",
  lab_analyzer: "stores",
  workstation: "stores",
  patient_monitor: "transmits",
  infusion_pump: "transmits",
  ventilator: "transmits",
  printer: "transmits",
};

export function criticalityForCategory(category: string): Criticality {
  return CRITICALITY_BY_CATEGORY[category] ?? "non_clinical";
}

export function phiForCategory(category: string): PhiHandling {
  return PHI_BY_CATEGORY[category] ?? "none";
}
