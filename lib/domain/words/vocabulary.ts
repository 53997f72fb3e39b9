// The product's words, as the values stored in the database. Pure: shared by the write path,
// the read side and the views.

export const DEVICE_STATUSES = ["pending", "authorized", "unauthorized", "retired"] as const;
export const CRITICALITIES = ["life_sustaining", "therapy_delivery", "diagnosis_monitoring", "clinical_workflow", "non_clinical"] as const;
export const RISK_TIERS = ["critical", "high", "medium", "low"] as const;
export const PHI_HANDLING = ["stores", "transmits", "none"] as const;
export const EXPOSURES = ["internet", "general_it", "clinical_segmented", "isolated", "usb_only"] as const;

export const CATEGORY_LABELS: Record<string, string> = {
  infusion_pump: "Infusion pump",
  ventilator: "Ventilator",
  patient_monitor: "Patient monitor",
  imaging: "Imaging",
  lab_analyzer: "Lab analyzer",
  pacs: "PACS",
  workstation: "Workstation",
  printer: "Printer",
  network_gear: "Network gear",
  usb_peripheral: "USB peripheral",
  usb_storage: "USB storage",
  phone: "Phone",
  iot: "IoT device",
  unknown: "Unknown",
};

export const CRITICALITY_LABELS: Record<(typeof CRITICALITIES)[number], string> = {
  life_sustaining: "Life-sustaining",
  therapy_delivery: "Therapy delivery",
  diagnosis_monitoring: "Diagnosis / monitoring",
  clinical_workflow: "Clinical workflow",
  non_clinical: "Non-clinical",
};

export const label = (map: Record<string, string>, value: string | null | undefined) => (value ? (map[value] ?? value.replace(/_/g, " ")) : "—");
