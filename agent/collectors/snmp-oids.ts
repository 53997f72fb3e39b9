// Every OID the SNMP collector walks, in one place, named as the MIB names it. Checked against
// the MIB texts: SNMPv2-MIB and IF-MIB (RFC 3418, RFC 2863; shipped in net-snmp/lib/mibs),
// BRIDGE-MIB (RFC 4188), Q-BRIDGE-MIB (RFC 4363), EtherLike-MIB (RFC 3635), POWER-ETHERNET-MIB
// (RFC 3621), LLDP-MIB (IEEE 802.1AB-2005) and CISCO-POWER-ETHERNET-EXT-MIB (the only common
// source of a per-port power figure: RFC 3621 has none).

/** A scalar, asked for with GET. */
export const SYS_NAME = "1.3.6.1.2.1.1.5.0"; // SNMPv2-MIB::sysName.0

/** Table columns, walked one subtree each. The comment gives each column's INDEX. */
export const COLUMNS = {
  /** IF-MIB::ifName (ifXEntry 1), INDEX ifIndex. */
  ifName: "1.3.6.1.2.1.31.1.1.1.1",
  /** IF-MIB::ifHighSpeed (ifXEntry 15), Mbit/s, INDEX ifIndex. */
  ifHighSpeed: "1.3.6.1.2.1.31.1.1.1.15",
  /** IF-MIB::ifSpeed (ifEntry 5), bit/s, capped at 2^32-1; used when ifHighSpeed is absent. */
  ifSpeed: "1.3.6.1.2.1.2.2.1.5",
  /** BRIDGE-MIB::dot1dBasePortIfIndex (dot1dBasePortEntry 2), INDEX dot1dBasePort. */
  dot1dBasePortIfIndex: "1.3.6.1.2.1.17.1.4.1.2",
  /** BRIDGE-MIB::dot1dTpFdbPort (dot1dTpFdbEntry 2), INDEX dot1dTpFdbAddress (6 octets, no length). */
  dot1dTpFdbPort: "1.3.6.1.2.1.17.4.3.1.2",
  /** BRIDGE-MIB::dot1dTpFdbStatus (dot1dTpFdbEntry 3): other(1) invalid(2) learned(3) self(4) mgmt(5). */
  dot1dTpFdbStatus: "1.3.6.1.2.1.17.4.3.1.3",
  /** Q-BRIDGE-MIB::dot1qTpFdbPort (dot1qTpFdbEntry 2), INDEX dot1qFdbId, dot1qTpFdbAddress. */
  dot1qTpFdbPort: "1.3.6.1.2.1.17.7.1.2.2.1.2",
  /** Q-BRIDGE-MIB::dot1qTpFdbStatus (dot1qTpFdbEntry 3), same values as dot1dTpFdbStatus. */
  dot1qTpFdbStatus: "1.3.6.1.2.1.17.7.1.2.2.1.3",
  /** Q-BRIDGE-MIB::dot1qVlanFdbId (dot1qVlanCurrentEntry 3), INDEX dot1qVlanTimeMark, dot1qVlanIndex. */
  dot1qVlanFdbId: "1.3.6.1.2.1.17.7.1.4.2.1.3",
  /** EtherLike-MIB::dot3StatsDuplexStatus (dot3StatsEntry 19): unknown(1) halfDuplex(2) fullDuplex(3); INDEX ifIndex. */
  dot3StatsDuplexStatus: "1.3.6.1.2.1.10.7.2.1.19",
  /** POWER-ETHERNET-MIB::pethPsePortPowerClassifications (pethPsePortEntry 10): class0(1)..class4(5);
   *  INDEX pethPsePortGroupIndex, pethPsePortIndex. */
  pethPsePortPowerClassifications: "1.3.6.1.2.1.105.1.1.1.10",
  /** POWER-ETHERNET-MIB::pethPsePortDetectionStatus (pethPsePortEntry 6): deliveringPower(3) is the
   *  only state in which the class describes a device drawing power now. */
  pethPsePortDetectionStatus: "1.3.6.1.2.1.105.1.1.1.6",
  /** CISCO-POWER-ETHERNET-EXT-MIB::cpeExtPsePortPwrConsumption (cpeExtPsePortEntry 9), milliwatts;
   *  AUGMENTS pethPsePortEntry. */
  cpeExtPsePortPwrConsumption: "1.3.6.1.4.1.9.9.402.1.2.1.9",
  /** LLDP-MIB::lldpRemChassisIdSubtype (lldpRemEntry 4): macAddress(4), networkAddress(5), …;
   *  INDEX lldpRemTimeMark, lldpRemLocalPortNum, lldpRemIndex. */
  lldpRemChassisIdSubtype: "1.0.8802.1.1.2.1.4.1.1.4",
  /** LLDP-MIB::lldpRemChassisId (lldpRemEntry 5). */
  lldpRemChassisId: "1.0.8802.1.1.2.1.4.1.1.5",
  /** LLDP-MIB::lldpRemSysName (lldpRemEntry 9). */
  lldpRemSysName: "1.0.8802.1.1.2.1.4.1.1.9",
} as const;

export type SnmpColumn = keyof typeof COLUMNS;

/** dot1dTpFdbStatus / dot1qTpFdbStatus values that are not a device behind the port. */
export const FDB_STATUS_INVALID = 2;
export const FDB_STATUS_SELF = 4;

/** pethPsePortDetectionStatus deliveringPower(3). */
export const PSE_DELIVERING_POWER = 3;

/** LLDP-MIB LldpChassisIdSubtype macAddress(4): the chassis id is 6 raw octets. */
export const LLDP_CHASSIS_SUBTYPE_MAC = 4;
/** networkAddress(5): one octet of IANA address family (1 = IPv4), then the address. */
export const LLDP_CHASSIS_SUBTYPE_NETWORK = 5;
