import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";

/** Every role as a select's options, in the product's words. */
export function RoleOptions() {
  return (
    <>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {ROLE_LABELS[r]}
        </option>
      ))}
    </>
  );
}
