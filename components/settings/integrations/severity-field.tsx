import { Field, inputClass } from "@/components/ui/field";
import { ALERT_SEVERITIES } from "@/lib/domain/words/alert-kinds";

/** "Alerts from severity": the lowest alert severity a webhook or syslog target is sent. */
export function MinSeverityField({ idPrefix, value, error }: { idPrefix: string; value: string; error?: string }) {
  const id = `${idPrefix}-minSeverity`;
  return (
    <Field id={id} label="Alerts from severity" error={error}>
      <select id={id} name="minSeverity" defaultValue={value} className={inputClass}>
        {ALERT_SEVERITIES.map((s) => <option key={s} value={s}>{s} and above</option>)}
      </select>
    </Field>
  );
}
